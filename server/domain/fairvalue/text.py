"""One-sentence explanations, in English and Chinese, that show the verdict's arithmetic."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

_SYMBOLS = {"CNY": "¥", "USD": "$", "CAD": "C$", "GBP": "£", "EUR": "€"}
VERDICT_EN = {"worth_it": "worth it", "marginal": "marginal", "not_worth_it": "not worth it",
              "already_covered": "already covered"}
VERDICT_ZH = {"worth_it": "值得买", "marginal": "可买可不买", "not_worth_it": "不值得",
              "already_covered": "已有保障"}


def money(amount: Decimal, currency: str) -> str:
    symbol = _SYMBOLS.get(currency, currency + " ")
    sign = "-" if amount < 0 else ""
    return f"{sign}{symbol}{abs(amount):,.2f}"


def percent(value: float | None) -> str:
    return "n/a" if value is None else f"{value * 100:.1f}%"


def covered(cover_until: date, premium: Decimal, currency: str) -> tuple[str, str]:
    day, cost = cover_until.isoformat(), money(premium, currency)
    return (f"Adds no months: you are already covered until {day}, so the {cost} premium "
            "buys nothing new — already covered",
            f"不增加任何保障月份：现有保障已到{day}，{cost}保费买不到新的保障——已有保障")


def adds_nothing(cover_until: date) -> tuple[str, str]:
    day = cover_until.isoformat()
    return (f"Adds no months to the cover you already have (until {day}).",
            f"不会在现有保障（至{day}）之外增加任何月份。")


def _estimate_basis(q) -> tuple[str, str]:
    """What an estimated premium rests on, as the start of the parenthesis that closes with
    the break-even; empty for a real price."""
    if q.basis != "estimate":
        return "", ""
    if q.estimate is None:
        return "an estimate; ", "估算；"
    low, high = money(q.estimate.low, q.currency), money(q.estimate.high, q.currency)
    n = q.estimate.n
    prices = "1 real price" if n == 1 else f"{n} real prices"
    return (f"an estimate: {low}–{high}, from {prices}; ",
            f"估算：{low}–{high}，依据{n}个真实价格；")


def part_cover(months: int, accidents: bool) -> tuple[str, str]:
    """How months of part cover were counted (see engine.PART_COVER_SHARE), as a clause for
    the "adds" parenthesis; empty when there were none. A plan that also covers accidents adds
    its whole term (the maker pays for no accident): only its failures there count as half."""
    if not months:
        return "", ""
    en = f"{months} months of the plan fall while the maker still covers the main parts"
    zh = f"计划中有{months}个月厂家仍保主要部件"
    if accidents:
        return en + ", where failures count as half", zh + "，其间故障按一半计"
    return en + ", each counted as half", zh + "，每月按一半计"


def has_break_even(probability: float | None) -> bool:
    """Whether some chance of a covered event pays the plan back: not above 100%, nor with
    nothing left to repair after the deductible (a percentage over 100 only puzzles a
    shopper)."""
    return probability is not None and probability <= 1


def _break_even(probability: float | None) -> tuple[str, str]:
    """The chance at which the plan pays back, or that none does (has_break_even)."""
    if has_break_even(probability):
        even = percent(probability)
        return f"break-even {even}", f"保本概率{even}"
    return ("no break-even: the premium is more than the net repair",
            "无保本概率：保费高于净维修费")


# What the plan pays for, by (covers breakdowns, covers accidents): the chance in its sum is of
# that event.
_EVENTS = {(True, True): ("a failure or accident", "故障或意外"),
           (True, False): ("a failure", "故障"),
           (False, True): ("an accident", "意外")}


def arithmetic(q, cover_until: date, accident_unknown: bool) -> tuple[str, str]:
    """'Adds N months: p% x net = expected vs premium (break-even b%) - verdict.'"""
    c, day = q.currency, cover_until.isoformat()
    event_en, event_zh = _EVENTS[q.covers_breakdown, q.covers_accident]
    gap_en = " (accident risk not modelled: no data)" if accident_unknown else ""
    gap_zh = "（意外风险无数据，未计入）" if accident_unknown else ""
    basis_en, basis_zh = _estimate_basis(q)
    cost = money(q.price, c)
    chance = percent(q.failure_probability)
    even_en, even_zh = _break_even(q.break_even_probability)
    net, expected = money(q.net_repair_cost, c), money(q.expected_repair_cost, c)
    part_en, part_zh = part_cover(q.part_months, q.covers_accident)
    # Months counted as half make the added months a sum, not a span of the calendar.
    worth_en, worth_zh = (("the equivalent of ", "相当于") if part_en and not q.covers_accident
                          else ("", ""))
    theft_en, theft_zh = (("; it also covers loss and theft, which this sum does not count",
                           "；该计划另保丢失和被盗，上述计算未计入")
                          if q.covers_theft else ("", ""))
    if q.covers_breakdown and q.covers_accident:  # accidents from the start, failures after
        when_en = "; ".join(filter(None, (
            f"accidents from the plan's start, failures beyond your cover to {day}", part_en)))
        when_zh = "；".join(filter(None, (
            f"意外自计划生效起即保，故障在现有保障（至{day}）之后", part_zh)))
        adds_en = f"Adds {worth_en}{q.added_months} months ({when_en})"
        adds_zh = f"{worth_zh}多保{q.added_months}个月（{when_zh}）"
    elif q.covers_breakdown:
        adds_en = (f"Adds {worth_en}{q.added_months} months"
                   f"{f' ({part_en})' if part_en else ''} beyond your cover to {day}")
        adds_zh = (f"在现有保障（至{day}）之外{worth_zh}多保{q.added_months}个月"
                   f"{f'（{part_zh}）' if part_zh else ''}")
    else:  # accident cover runs beside the maker's, which pays for failures only
        adds_en = (f"Adds {q.added_months} months of accident cover, which your cover to {day} "
                   "(failures only) does not give")
        adds_zh = f"增加{q.added_months}个月的意外保障（现有保障至{day}，只保故障）"
    en = (f"{adds_en}: {chance} chance of {event_en}{gap_en} × {net} net repair = {expected} "
          f"expected, against a {cost} premium ({basis_en}{even_en}) — "
          f"{VERDICT_EN[q.verdict]}{theft_en}")
    zh_premium = f"保费{cost}（{basis_zh}{even_zh}）" if basis_zh else f"保费{cost}，{even_zh}"
    zh = (f"{adds_zh}：{event_zh}概率{chance}{gap_zh} × 净维修费{net} = 期望赔付{expected}，"
          f"{zh_premium}——{VERDICT_ZH[q.verdict]}{theft_zh}")
    return en, zh


def no_rush(until: date, provider: str) -> tuple[str, str]:
    day = until.isoformat()
    return (f"; a comparable plan ({provider}) can still be bought until {day}, "
            "so there is no need to decide at checkout",
            f"；同类计划（{provider}）在{day}前仍可购买，不必在结账时决定")


def headline(q) -> tuple[str, str]:
    """The verdict on the plan the page sells (the best of them)."""
    if q is None:
        return "This page sells no warranty plan.", "本页没有销售延保计划。"
    cost = money(q.price, q.currency)
    return (f"This page's plan, {q.name} at {cost}: {VERDICT_EN[q.verdict]}.",
            f"本页的计划“{q.name}”（{cost}）：{VERDICT_ZH[q.verdict]}。")


def card_benefit(months: int, names: list[str]) -> tuple[str, str]:
    cards = ", ".join(names)
    return (f"If you paid with a card that extends warranties ({cards}), it may already add "
            f"{months} months to the maker's warranty; enter it in your settings to count it.",
            f"若用带延保权益的信用卡付款（{cards}），厂家保修可能已再延长{months}个月；"
            "在设置中填写即可计入。")


# A market's name in a sentence: "the UK market", "欧盟市场", never the bare code in Chinese.
MARKET_NAMES = {"CN": ("Chinese", "中国"), "US": ("US", "美国"), "CA": ("Canadian", "加拿大"),
                "UK": ("UK", "英国"), "EU": ("EU", "欧盟")}


def no_alternatives(market: str, ask: int, other: int, law: bool,
                    page_sells: bool) -> tuple[str, str]:
    """Why nothing is compared: no plan in the catalog, or none of those there could be priced
    or fits (`ask`: plans sold without a price we found; `other`: plans that do not fit).
    `law`: the answer shows what the law gives (a statutory rule applies), so the note may
    point to it. `page_sells`: the page sells a plan, so the catalog's are "from another
    provider" than the page's; without one there is no other to speak of."""
    if not ask and not other:
        en, zh = (("; what the law gives is shown above.", "；法定保障见上。") if law
                  else (".", "。"))
        name_en, name_zh = MARKET_NAMES.get(market, (market, market))
        return (f"No plans for this kind of product in the {name_en} market are in our "
                f"catalog yet, so nothing else is compared{en}",
                f"我们的目录中还没有{name_zh}市场此类商品的延保计划，因此没有可比较的其他计划{zh}")
    en, zh = _left_out(ask, other)
    if not page_sells:
        return "No plan can be compared for this product." + en, "没有可比较的计划。" + zh
    return ("No plan from another provider can be compared for this product." + en,
            "没有其他提供方的计划可与之比较。" + zh)


def few_alternatives(shown: int, ask: int, other: int,
                     page_sells: bool) -> tuple[str, str]:
    """Why fewer than a handful of alternatives are compared: the other catalog plans for the
    product are listed, those to ask a price for apart from those that do not fit.
    `page_sells` as in no_alternatives."""
    plans = "plan" if shown == 1 else "plans"
    other_en, other_zh = (" from other providers", "其他提供方的") if page_sells else ("", "")
    if not ask and not other:
        return (f"Our catalog holds only {shown} {plans}{other_en} for this product.",
                f"我们的目录中只有{shown}个{other_zh}计划适用于该商品。")
    en, zh = _left_out(ask, other)
    return (f"Only {shown} {plans}{other_en} could be priced for this product." + en,
            f"只有{shown}个{other_zh}计划能为该商品定价。" + zh)


def _left_out(ask: int, other: int) -> tuple[str, str]:
    en = zh = ""
    if ask:
        en += (f" {ask} more {'is' if ask == 1 else 'are'} sold for it without a price we could "
               "find: ask the provider (listed below)")
        en += "." if not other else ";"
        zh += f"另有{ask}个计划有售但未找到价格，可向提供方询价（见下）。"
    if other:
        plans, listed = (("plan does", "it is listed below with the reason") if other == 1
                         else ("plans do", "they are listed below with the reasons"))
        en += (f" {'' if ask else 'The '}{other} other catalog {plans} not fit this purchase; "
               f"{listed}.")
        zh += f"目录中另有{other}个计划不适用于本次购买，原因逐一列出。"
    return en, zh


# Why there is no comparison at all, by `unavailable_code`.
UNAVAILABLE = {
    "not_eligible": ("This product is not one that extended warranties cover.",
                     "该商品不属于延保服务的范围。"),
    "no_price": ("The page shows no price, so plans cannot be weighed against it.",
                 "页面没有显示价格，无法评估延保计划。"),
    "no_model": ("There are no failure or repair-cost figures for this kind of product "
                 "here yet, so plans cannot be weighed.",
                 "暂无此类商品的故障率或维修费用数据，无法评估延保计划。"),
    "no_market": ("Plans are weighed only for prices in CNY, USD, CAD, GBP or EUR; this page "
                  "is priced in another currency.",
                  "目前只评估以人民币、美元、加元、英镑或欧元标价的商品，本页使用其他货币。"),
    "bad_input": ("The page's product details could not be read well enough to weigh plans.",
                  "页面上的商品信息不够完整，无法评估延保计划。"),
}


# A price in a currency no market uses has no failure or repair model for it either.
UNAVAILABLE_CODES = {"no_market": "no_model"}


def unavailable(reason: str | None, lang: str) -> tuple[str | None, str | None]:
    """(text in `lang`, contract code) for a reason key of UNAVAILABLE."""
    if reason is None:
        return None, None
    en, zh = UNAVAILABLE[reason]
    return (zh if lang == "zh" else en), UNAVAILABLE_CODES.get(reason, reason)
