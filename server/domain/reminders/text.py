"""A reminder's title and message in Chinese or English.

Worded when read, not when scheduled, so a change of language or of the day applies at once:
the title says how far off the event is on the day it is read ("ends in 7 days", "今天到期").
`names` are what the event is about: the parts whose warranty ends, or the plan's name.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

# kind: (what ends or starts, en; zh), the verb, and the advice that follows.
_SUBJECT = {
    "manufacturer_ends": ("The manufacturer warranty", "厂商保修"),
    "main_part_ends": ("The manufacturer warranty on {names}", "{names}的厂商保修"),
    "plan_starts": ("{names}", "{names}"),
    "plan_ends": ("{names}", "{names}"),
    "refund_window_closes": ("The full refund of {names}", "{names}的全额退款期"),
    "card_ends": ("Your card's warranty extension", "信用卡的延长保修"),
    "refund_case_due": ("The refund case's next step", "退款案例的下一步"),
    "claim_callback_missed": ("The promised callback from {names}", "{names}承诺的回电"),
}
_STARTS = {"plan_starts"}
_DUE = {"refund_case_due", "claim_callback_missed"}  # follow-ups: due, not ending
_ADVICE = {
    "manufacturer_ends": ("Have any fault repaired for free before then.",
                          "如有故障，请在此之前免费报修。"),
    "main_part_ends": ("Have any fault in these parts repaired for free before then.",
                       "这些部件如有故障，请在此之前免费报修。"),
    "plan_starts": ("From then on, repairs go to its provider.", "此后报修请联系该服务商。"),
    "plan_ends": ("Claim any fault before then.", "如有故障，请在此之前报修。"),
    "refund_window_closes": ("If you no longer want it, ask for the refund before then.",
                             "如不再需要，请在此之前申请退款。"),
    "card_ends": ("Claim any fault with the card issuer before then.",
                  "如有故障，请在此之前向发卡机构申请理赔。"),
    "refund_case_due": ("If the provider has not answered by then, take the next step: ask "
                        "the platform to step in, or complain with your evidence.",
                        "如届时服务商仍未答复，请采取下一步：申请平台介入，或携证据投诉。"),
    "claim_callback_missed": ("If they have not called by then, escalate: call the platform's "
                              "or the brand's service line and say the promise was missed.",
                              "如届时仍未回电，请催办：致电平台或品牌客服，说明对方未按承诺回电。"),
}
_PLAN = ("the plan", "延保服务")
_PROVIDER = ("the provider", "服务商")


def words(kind: str, event_on: date, today: date, product: str, names: Sequence[str],
          lang: str) -> tuple[str, str]:
    """(title, message) in `lang` ('zh' or 'en')."""
    zh = lang == "zh"
    fallback = _PROVIDER if kind == "claim_callback_missed" else _PLAN
    joined = ("、" if zh else ", ").join(names) or fallback[zh]
    subject = _SUBJECT[kind][zh].format(names=joined)
    title = f"{subject}{_when_zh(kind, event_on, today)}" if zh else (
        f"{subject} {_when_en(kind, event_on, today)}")
    day = event_on.isoformat()
    if zh:
        verb = "开始于" if kind in _STARTS else "期限为" if kind in _DUE else "截止于"
        message = f"{product}：{subject}{verb}{day}。{_ADVICE[kind][1]}"
    else:
        verb = "starts on" if kind in _STARTS else "is due on" if kind in _DUE else \
            "lasts until"
        message = f"{product}: {subject} {verb} {day}. {_ADVICE[kind][0]}"
    return title, message


def _when_en(kind: str, event_on: date, today: date) -> str:
    days = (event_on - today).days
    verb = ("starts", "started") if kind in _STARTS else ("is due", "was due") \
        if kind in _DUE else ("ends", "ended")
    if days == 0:
        return f"{verb[0]} today"
    if days > 0:
        return f"{verb[0]} in {days} day{'s' if days != 1 else ''}"
    return f"{verb[1]} {-days} day{'s' if days != -1 else ''} ago"


def _when_zh(kind: str, event_on: date, today: date) -> str:
    days = (event_on - today).days
    verb = "开始" if kind in _STARTS else "到期"
    if days == 0:
        return f"今天{verb}"
    if days > 0:
        return f"{days}天后{verb}"
    return f"已于{-days}天前{verb}"


def event_words(kind: str, event_on: date, product: str, names: Sequence[str],
                lang: str) -> tuple[str, str]:
    """(summary, description) of the event itself, for a calendar: nothing in them depends on
    the day they are read, so a feed stays the same until the coverage does."""
    zh = lang == "zh"
    joined = ("、" if zh else ", ").join(names) or _PLAN[zh]
    subject = _SUBJECT[kind][zh].format(names=joined)
    if zh:
        summary = f"{product}：{subject}{'开始' if kind in _STARTS else '到期'}"
    else:
        summary = f"{product}: {subject} {'starts' if kind in _STARTS else 'ends'}"
    return summary, words(kind, event_on, event_on, product, names, lang)[1]
