"""One-sentence explanations, in English and Chinese, that show the verdict's arithmetic."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

_SYMBOLS = {"CNY": "¥", "USD": "$", "EUR": "€"}
VERDICT_EN = {"worth_it": "worth it", "marginal": "marginal", "not_worth_it": "not worth it",
              "already_covered": "already covered"}
VERDICT_ZH = {"worth_it": "值得买", "marginal": "勉强", "not_worth_it": "不划算",
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


def _premium(q) -> tuple[str, str]:
    cost = money(q.price, q.currency)
    if q.card:
        return f"{cost} premium if you pay with this card", f"保费{cost}（用该卡付款即可）"
    if q.estimate:
        return f"{cost} premium (estimated price)", f"保费{cost}（估算价格）"
    return f"{cost} premium", f"保费{cost}"


def arithmetic(q, cover_until: date, accident_unknown: bool) -> tuple[str, str]:
    """'Adds N months: p% x net = expected vs premium (break-even b%) - verdict.'"""
    c, day = q.currency, cover_until.isoformat()
    event_en = "a failure or accident" if q.covers_accident else "a failure"
    event_zh = "故障或意外" if q.covers_accident else "故障"
    gap_en = " (accident risk not modelled: no data)" if accident_unknown else ""
    gap_zh = "（意外风险无数据，未计入）" if accident_unknown else ""
    premium_en, premium_zh = _premium(q)
    chance, even = percent(q.failure_probability), percent(q.break_even_probability)
    net, expected = money(q.net_repair_cost, c), money(q.expected_repair_cost, c)
    en = (f"Adds {q.added_months} months beyond your cover to {day}: {chance} chance of "
          f"{event_en}{gap_en} × {net} net repair = {expected} expected, against a {premium_en} "
          f"(break-even {even}) — {VERDICT_EN[q.verdict]}")
    zh = (f"在现有保障（至{day}）之外多保{q.added_months}个月：{event_zh}概率{chance}{gap_zh}"
          f" × 净维修费{net} = 期望赔付{expected}，{premium_zh}，保本概率{even}——"
          f"{VERDICT_ZH[q.verdict]}")
    return en, zh


def no_rush(until: date, provider: str) -> tuple[str, str]:
    day = until.isoformat()
    return (f"; a comparable plan ({provider}) can still be bought until {day}, "
            "so there is no need to decide at checkout",
            f"；同类计划（{provider}）在{day}前仍可购买，不必在结账时决定")
