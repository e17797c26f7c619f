"""A complaint letter drafted from a refund case, in Chinese or English: the order's facts, the
timeline of the case, the amounts asked, offered and received (and what the plan's terms
promise), the evidence kept, what is asked for, and the platform's complaint channels from its
guide. Text to copy into a complaint form or an email; the shopper signs it.

The closing sentence rests on the seed article: buyers keep their rights under the Consumer
Rights Protection Law, the Product Quality Law and the national 三包 rules.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

STATE_NAMES = {
    "draft": ("drafted", "草拟"),
    "requested": ("asked for the refund", "申请退款"),
    "negotiating": ("negotiated with the provider", "与服务商协商退款"),
    "platform_intervention": ("asked the platform to step in", "申请平台官方介入"),
    "complaint": ("filed a complaint", "投诉"),
    "refunded": ("refunded", "已退款"),
    "partly_refunded": ("partly refunded", "部分退款"),
    "rejected": ("refused", "被拒绝"),
    "withdrawn": ("withdrawn", "撤回"),
}
SITE_NAMES = {
    "taobao": ("Taobao", "淘宝"), "tmall": ("Tmall", "天猫"), "jd": ("JD.com", "京东"),
    "amazon": ("Amazon", "亚马逊"), "bestbuy": ("Best Buy", "百思买"),
}
ROUTE_NAMES = {
    "with_goods": ("together with the goods it was bought with", "随商品一并退款"),
    "plan_only": ("the plan alone", "仅退延保服务"),
}


@dataclass(frozen=True)
class Move:
    on: date
    to: str
    note: str | None = None
    asked: Decimal | None = None
    offered: Decimal | None = None
    received: Decimal | None = None


@dataclass(frozen=True)
class Exhibit:
    kind_en: str
    kind_zh: str
    name: str
    added_on: date
    sha256: str


@dataclass(frozen=True)
class Channel:
    label_en: str
    label_zh: str
    value: str


@dataclass(frozen=True)
class CaseFacts:
    case_id: str
    product: str
    site: str | None
    order_ref: str | None
    purchase_date: date
    plan_name: str | None
    provider: str | None
    plan_price: Decimal | None
    currency: str | None
    route: str
    platform_en: str
    platform_zh: str
    moves: tuple[Move, ...]
    expected: Decimal | None
    expected_en: str
    expected_zh: str
    evidence: tuple[Exhibit, ...]
    channels: tuple[Channel, ...]


@dataclass(frozen=True)
class Letter:
    subject: str
    text: str


def _money(amount: Decimal | None, currency: str | None) -> str | None:
    return None if amount is None else f"{amount} {currency or ''}".strip()


def _last(moves: Sequence[Move], field: str) -> Decimal | None:
    values = [getattr(m, field) for m in moves if getattr(m, field) is not None]
    return values[-1] if values else None


def _received(moves: Sequence[Move]) -> Decimal | None:
    values = [m.received for m in moves if m.received is not None]
    return sum(values, Decimal(0)) if values else None


def draft(facts: CaseFacts, lang: str, today: date) -> Letter:
    """The letter in `lang` ('zh' or 'en')."""
    return _zh(facts, today) if lang == "zh" else _en(facts, today)


def _zh(f: CaseFacts, today: date) -> Letter:
    cur = f.currency
    plan = f"“{f.plan_name}”" if f.plan_name else "延保服务"
    who = f"{f.provider}的" if f.provider else ""
    price = f"，费用{_money(f.plan_price, cur)}" if f.plan_price is not None else ""
    order = f"（订单号：{f.order_ref}）" if f.order_ref else ""
    where = f"在{SITE_NAMES.get(f.site, (f.site, f.site))[1]}" if f.site else ""
    lines = [
        f"致：{f.platform_zh}消费者投诉受理部门",
        "",
        f"本人于{f.purchase_date.isoformat()}{where}购买“{f.product}”{order}，同时购买了{who}"
        f"{plan}{price}。现申请退还该延保费用（{ROUTE_NAMES[f.route][1]}），至今未获妥善处理，"
        "特此投诉。",
        "",
        "一、经过",
    ]
    moves = [m for m in f.moves if m.to != "draft"]
    for i, m in enumerate(moves, 1):
        money = [f"要求退还{_money(m.asked, cur)}" if m.asked is not None else "",
                 f"对方提出退还{_money(m.offered, cur)}" if m.offered is not None else "",
                 f"收到{_money(m.received, cur)}" if m.received is not None else ""]
        said = "，".join(x for x in money if x)
        line = f"{i}. {m.on.isoformat()}：{STATE_NAMES[m.to][1]}" + (f"，{said}" if said else "")
        lines.append(line + (f"。备注：{m.note}" if m.note else "。"))
    if not moves:
        lines.append("（尚未记录任何步骤。）")
    lines += ["", "二、金额"]
    for label, amount in (("要求退还", _last(moves, "asked")),
                          ("对方提出", _last(moves, "offered")),
                          ("已收到", _received(moves))):
        lines.append(f"- {label}：{_money(amount, cur) or '无'}")
    lines.append(f"- 按延保条款应退：{_money(f.expected, cur) or '无法计算'}（{f.expected_zh}）")
    lines += ["", "三、证据"]
    for i, e in enumerate(f.evidence, 1):
        lines.append(f"{i}. {e.kind_zh}：{e.name}（{e.added_on.isoformat()}，"
                     f"SHA-256 {e.sha256[:12]}…）")
    if not f.evidence:
        lines.append("（暂无已上传的证据。）")
    ask = _money(f.expected, cur) or _money(_last(moves, "asked"), cur)
    lines += ["", "四、诉求",
              f"请督促服务商按条款退还{ask}。" if ask else "请督促服务商按条款办理退款。",
              "本人保留依据《中华人民共和国消费者权益保护法》《中华人民共和国产品质量法》及国家"
              "“三包”规定维护自身合法权益的权利。"]
    if f.channels:
        lines += ["", "投诉渠道："]
        lines += [f"- {c.label_zh}：{c.value}" for c in f.channels]
    lines += ["", "投诉人：____________", f"日期：{today.isoformat()}",
              f"（案例编号：{f.case_id}）"]
    return Letter(f"投诉：{f.product} 延保退款", "\n".join(lines) + "\n")


def _en(f: CaseFacts, today: date) -> Letter:
    cur = f.currency
    plan = f"the plan “{f.plan_name}”" if f.plan_name else "an extended-warranty plan"
    who = f" from {f.provider}" if f.provider else ""
    price = f" for {_money(f.plan_price, cur)}" if f.plan_price is not None else ""
    order = f" (order {f.order_ref})" if f.order_ref else ""
    where = f" on {SITE_NAMES.get(f.site, (f.site, f.site))[0]}" if f.site else ""
    lines = [
        f"To: {f.platform_en}, consumer complaints",
        "",
        f"On {f.purchase_date.isoformat()} I bought “{f.product}”{where}{order}, and with it "
        f"{plan}{who}{price}. I have asked for the plan's money back ({ROUTE_NAMES[f.route][0]})"
        " and the request has not been settled, so I am filing this complaint.",
        "",
        "A. What happened",
    ]
    moves = [m for m in f.moves if m.to != "draft"]
    for i, m in enumerate(moves, 1):
        money = [f"asking for {_money(m.asked, cur)}" if m.asked is not None else "",
                 f"the provider offered {_money(m.offered, cur)}" if m.offered is not None
                 else "",
                 f"received {_money(m.received, cur)}" if m.received is not None else ""]
        said = ", ".join(x for x in money if x)
        line = f"{i}. {m.on.isoformat()}: {STATE_NAMES[m.to][0]}" + (f", {said}" if said else "")
        lines.append(line + (f". Note: {m.note}" if m.note else "."))
    if not moves:
        lines.append("(No step recorded yet.)")
    lines += ["", "B. Amounts"]
    for label, amount in (("Asked for", _last(moves, "asked")),
                          ("Offered", _last(moves, "offered")),
                          ("Received", _received(moves))):
        lines.append(f"- {label}: {_money(amount, cur) or 'none'}")
    due = _money(f.expected, cur) or "cannot be worked out"
    lines.append(f"- Due under the plan's terms: {due} ({f.expected_en})")
    lines += ["", "C. Evidence"]
    for i, e in enumerate(f.evidence, 1):
        lines.append(f"{i}. {e.kind_en}: {e.name} ({e.added_on.isoformat()}, "
                     f"SHA-256 {e.sha256[:12]}…)")
    if not f.evidence:
        lines.append("(No evidence uploaded yet.)")
    ask = _money(f.expected, cur) or _money(_last(moves, "asked"), cur)
    lines += ["", "D. What I ask",
              f"Please have the provider refund {ask} as its terms say." if ask else
              "Please have the provider refund the plan as its terms say.",
              "I keep my rights under the Consumer Rights Protection Law, the Product Quality "
              "Law and the national rules on repair, replacement and return (三包)."]
    if f.channels:
        lines += ["", "Where to complain:"]
        lines += [f"- {c.label_en}: {c.value}" for c in f.channels]
    lines += ["", "Signed: ____________", f"Date: {today.isoformat()}",
              f"(Case {f.case_id})"]
    return Letter(f"Complaint: refund of the extended warranty on {f.product}",
                  "\n".join(lines) + "\n")
