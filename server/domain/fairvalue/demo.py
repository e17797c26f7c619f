"""Print a fair-value comparison as a Markdown table: `python -m server.domain.fairvalue.demo`.

The eight cases (TV, fridge, phone, blood-pressure monitor; a Chinese and a US site each) are
illustrative products. The iPhone offers are the real JD service block of 2025-10-16, the US
TV offer a real Amazon SquareTrade listing and the US fridge offer Best Buy's own February 2020
price for a $1,800-1,999.99 fridge (bestbuy-refrigerator in the catalog); the other offers are
samples shaped like each site's.
"""

from __future__ import annotations

import argparse
from datetime import date
from decimal import Decimal

from server.catalog import load_catalog
from server.domain.fairvalue.engine import Quote, quote
from server.domain.fairvalue.inputs import Offer, Product, Settings
from server.domain.fairvalue.text import VERDICT_EN, has_break_even, money, percent

DAY = date(2026, 11, 26)
D = Decimal


def _cn(category, sub, price, title, site, brand=None, months=12) -> Product:
    return Product(category, D(price), "CNY", "CN", DAY, months, sub, title, brand, site)


def _us(category, sub, price, title, site, brand=None, months=12) -> Product:
    return Product(category, D(price), "USD", "US", DAY, months, sub, title, brand, site)


CASES: dict[str, tuple[Product, tuple[Offer, ...]]] = {
    "cn-tv": (_cn("large", "tv", "3999", "海信 65英寸 4K 电视", "jd", "Hisense"),
              (Offer("2年延长保", "extended", 24, D("159"), "CNY"),
               Offer("3年只换不修", "replace", 36, D("299"), "CNY"))),
    "cn-fridge": (_cn("large", "refrigerator", "2999", "海尔 470升 十字对开门冰箱", "tmall",
                      "Haier"),
                  (Offer("延保服务 1年", "extended", 12, D("79"), "CNY", "after_manufacturer"),)),
    "cn-phone": (_cn("digital", "phone", "9499", "Apple iPhone 16 Pro 512GB", "jd", "Apple"),
                 (Offer("1年AppleCare+", "accidental_damage", 12, D("899.00"), "CNY"),
                  Offer("2年AppleCare+", "accidental_damage", 24, D("1599.00"), "CNY"),
                  Offer("1年无限次碎屏电池", "accidental_damage", 12, D("439.00"), "CNY"),
                  Offer("2年电池换新含延保", "extended", 24, D("389.00"), "CNY"))),
    "cn-bp-monitor": (_cn("medical", "blood_pressure_monitor", "299", "欧姆龙 上臂式电子血压计",
                          "jd", "Omron"),
                      (Offer("3年免费换新", "replace", 36, D("19"), "CNY"),)),
    "us-tv": (_us("large", "tv", "949.99", "TCL 65-inch QLED 4K TV", "amazon", "TCL"),
              (Offer("SquareTrade 4-Year TV Protection Plan ($900-$1000)", "extended", 48,
                     D("82.79"), "USD"),)),
    "us-fridge": (_us("large", "refrigerator", "1899.99", "Samsung French-door refrigerator",
                      "bestbuy", "Samsung"),
                  (Offer("Geek Squad Protection 5-Year", "extended", 60, D("499.99"), "USD"),)),
    "us-phone": (_us("digital", "phone", "799", "Apple iPhone 16 128GB", "bestbuy", "Apple"),
                 (Offer("AppleCare+ for iPhone", "accidental_damage", 24, D("149.00"), "USD"),)),
    "us-bp-monitor": (_us("medical", "blood_pressure_monitor", "59.99",
                          "Omron Silver upper-arm blood pressure monitor", "amazon", "Omron", 60),
                      (Offer("Asurion 3-Year Protection Plan", "extended", 36, D("9.99"),
                             "USD"),)),
}


def run(case: str, settings: Settings | None = None) -> Quote:
    product, offers = CASES[case]
    return quote(product, offers, settings or Settings(), load_catalog(), today=DAY)


def _price(q) -> str:
    """An estimate is shown as its range and count, never as a price; a published price with
    the date its source shows."""
    c = q.currency
    if q.basis == "estimate" and q.estimate is not None:
        e = q.estimate
        return f"estimate {money(e.low, c)}–{money(e.high, c)} (n={e.n})"
    dated = q.provenance.published_on
    return f"{money(q.price, c)} ({q.basis}{f', {dated}' if dated else ''})"


def _break_even(probability: float | None) -> str:
    """As the sentence says it: "none" when no chance of a failure pays the plan back."""
    return percent(probability) if has_break_even(probability) else "none"


def _row(rank: int, q) -> str:
    c = q.currency
    cells = [
        str(rank), q.name.replace("|", "/"), q.origin, str(q.term_months), _price(q),
        str(q.added_months), percent(q.failure_probability), money(q.expected_repair_cost, c),
        money(q.expected_value, c), _break_even(q.break_even_probability), VERDICT_EN[q.verdict],
        q.buy_until.isoformat() if q.buy_until else "-", q.source or "-",
    ]
    return "| " + " | ".join(cells) + " |"


def markdown_table(result: Quote) -> str:
    header = ("| # | plan | from | months | price | adds | P(fail) | expected repair | value "
              "| break-even | verdict | buy until | source |")
    lines = [header, "|" + "---|" * 13]
    lines += [_row(i, q) for i, q in enumerate(result.plans, start=1)]
    lines += [f"\nNot compared: {e.name} — {e.reason_en}" for e in result.excluded]
    if result.plans:
        lines.append(f"\nTop plan: {result.plans[0].explanation['en']}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("case", nargs="?", default="us-tv", choices=sorted(CASES))
    parser.add_argument("--all", action="store_true", help="print every case")
    args = parser.parse_args(argv)
    for case in sorted(CASES) if args.all else [args.case]:
        product, _ = CASES[case]
        print(f"### {product.title} ({product.site}, {money(product.price, product.currency)})\n")
        print(markdown_table(run(case)) + "\n")


if __name__ == "__main__":
    main()
