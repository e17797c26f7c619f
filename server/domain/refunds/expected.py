"""The refund a plan's cancellation terms promise, with its arithmetic in English and Chinese.

Terms (as coverages store them): `full_refund_days` (a cooling-off window counted from the day
the plan was bought), `after` ("prorated" or "none" once the window has passed), `fee` (taken
from a prorated refund) and `less_claims` (claims paid are deducted). Rules:

- route `with_goods`: the plan was paid together with the goods, so refunding the goods refunds
  the plan with them (seed article): the whole price.
- asked within the window (day N after buying, N ≤ full_refund_days): the whole price, no fee.
- after it, "prorated": price × unused whole months ÷ the term's whole months, where a month the
  plan has begun counts as used and a plan not yet started has all its months unused; then less
  the fee, less claims paid when the terms say so, never below zero. "none": nothing.
- terms not recorded, no price, or lifetime cover: no amount, and the arithmetic says why.
Money is Decimal, rounded half up to the currency's minor units.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from babel.numbers import get_currency_precision

from server.domain.months import ONE_DAY, months_in

ZERO = Decimal(0)


@dataclass(frozen=True)
class PlanTerms:
    price: Decimal | None
    currency: str | None
    bought_on: date
    starts_on: date
    ends_on: date | None  # None: lifetime
    full_refund_days: int | None = None
    after: str | None = None  # "prorated" | "none" | None (not recorded)
    fee: Decimal | None = None
    less_claims: bool | None = None


@dataclass(frozen=True)
class ExpectedRefund:
    amount: Decimal | None
    currency: str | None
    en: str
    zh: str


def units(amount: Decimal, currency: str | None) -> Decimal:
    digits = get_currency_precision(currency) if currency else 2
    return amount.quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP)


def expected_refund(terms: PlanTerms, route: str, asked_on: date,
                    claims_paid: Decimal = ZERO) -> ExpectedRefund:
    cur = terms.currency or ""
    if terms.price is None:
        return ExpectedRefund(None, terms.currency,
                              "No price is recorded for this plan, so no refund can be worked "
                              "out; add the plan's price to the coverage.",
                              "该延保未记录价格，无法计算退款；请在保障记录中补上价格。")
    price = units(terms.price, terms.currency)
    if route == "with_goods":
        return ExpectedRefund(price, terms.currency,
                              f"The plan was paid together with the goods; refunding the goods "
                              f"refunds the plan with them: {price} {cur}.",
                              f"延保费与商品一起支付，商品退款时延保随之退还：{price} {cur}。")
    days = (asked_on - terms.bought_on).days
    window = terms.full_refund_days
    if window is not None and days <= window:
        return ExpectedRefund(price, terms.currency,
                              f"Asked on {asked_on}, {days} days after buying the plan on "
                              f"{terms.bought_on}: within the {window}-day full-refund window, "
                              f"so the whole price: {price} {cur}.",
                              f"{asked_on}申请，距{terms.bought_on}购买延保{days}天，在{window}天"
                              f"全额退款期内，全额退还：{price} {cur}。")
    passed_en = (f"Asked on {asked_on}, {days} days after buying the plan on {terms.bought_on}"
                 + (f", past the {window}-day full-refund window" if window is not None else ""))
    passed_zh = (f"{asked_on}申请，距{terms.bought_on}购买延保{days}天"
                 + (f"，已过{window}天全额退款期" if window is not None else ""))
    if terms.after == "none":
        return ExpectedRefund(units(ZERO, terms.currency), terms.currency,
                              f"{passed_en}; the terms give no refund after it: 0 {cur}.",
                              f"{passed_zh}；条款规定此后不退款：0 {cur}。")
    if terms.after != "prorated":
        return ExpectedRefund(None, terms.currency,
                              f"{passed_en}; the plan's terms after that are not recorded. Add "
                              "the cancellation terms to the coverage to see the refund.",
                              f"{passed_zh}；未记录此后的退款条款，请在保障记录中补上退保条款。")
    if terms.ends_on is None:
        return ExpectedRefund(None, terms.currency,
                              f"{passed_en}; lifetime cover has no months to prorate by.",
                              f"{passed_zh}；终身保障无法按剩余月数折算。")
    return _prorated(terms, price, asked_on, claims_paid, passed_en, passed_zh)


def _prorated(terms: PlanTerms, price: Decimal, asked_on: date, claims_paid: Decimal,
              passed_en: str, passed_zh: str) -> ExpectedRefund:
    cur = terms.currency or ""
    total = int(months_in(terms.starts_on, terms.ends_on + ONE_DAY))
    begun = math.ceil(months_in(terms.starts_on, asked_on + ONE_DAY))
    unused = max(0, total - begun)
    share = units(price * unused / total, terms.currency) if total else units(ZERO, terms.currency)
    en = [f"{passed_en}: {price} × {unused} unused of {total} months = {share}"]
    zh = [f"{passed_zh}：{price} × 剩余{unused}个月 / 共{total}个月 = {share}"]
    amount = share
    fee = units(terms.fee or ZERO, terms.currency)
    if fee:
        amount -= fee
        en.append(f"less the {fee} fee = {amount}")
        zh.append(f"减手续费{fee} = {amount}")
    if terms.less_claims:
        claims = units(claims_paid, terms.currency)
        amount -= claims
        en.append(f"less {claims} claims paid = {amount}")
        zh.append(f"减已赔付{claims} = {amount}")
    if amount < 0:
        amount = units(ZERO, terms.currency)
        en.append(f"not below zero: {amount}")
        zh.append(f"不低于零：{amount}")
    en_text = "; ".join(en) + f" {cur}. A month the plan has begun counts as used."
    zh_text = "；".join(zh) + f" {cur}。已开始的月份按已使用计。"
    return ExpectedRefund(amount, terms.currency, en_text, zh_text)
