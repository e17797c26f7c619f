"""Combine real plan prices seen beside products into one estimate band row for the catalog.

    python -m scrapers.providers.bands ../shared/data/plan-price-points.csv \\
        --market CN --provider 京东 --kind replacement_only --term 24 --min 1100 --max 2299.99

The rule (server/catalog/README.md): the range is every observed price, or the middle half when
there are 8 or more; the middle is the median; `n` counts the observations. Nothing is scaled by
the product price: a band only holds prices seen on products priced inside it.

With `--share` it prints a share row instead, for a band where this provider's plan was never
seen: the range of plan price / product price over the chosen points (`shares`), to be scaled by
the product's price, and the method must say so.
"""

from __future__ import annotations

import argparse
import csv
import statistics
from dataclasses import dataclass
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal
from pathlib import Path

_CENT = Decimal("0.01")
_SHARE_STEP = Decimal("0.0001")
MIDDLE_HALF_FROM = 8


@dataclass(frozen=True, slots=True)
class Observation:
    plan: str
    kind: str
    term_months: int | None
    price: Decimal
    product_price: Decimal | None
    market: str
    provider: str
    where: str


@dataclass(frozen=True, slots=True)
class Band:
    low: Decimal
    high: Decimal
    middle: Decimal
    n: int


def combine(prices: list[Decimal]) -> Band:
    """Range and median of the observed prices (the middle half once there are enough)."""
    if not prices:
        raise ValueError("no observations to combine")
    ordered = sorted(prices)
    low, high = ordered[0], ordered[-1]
    if len(ordered) >= MIDDLE_HALF_FROM:
        q1, _, q3 = statistics.quantiles(ordered, n=4, method="inclusive")
        low, high = Decimal(q1).quantize(_CENT), Decimal(q3).quantize(_CENT)
    middle = Decimal(statistics.median(ordered)).quantize(_CENT)
    return Band(low, high, middle, len(ordered))


@dataclass(frozen=True, slots=True)
class ShareBand:
    low: Decimal
    high: Decimal
    n: int


def shares(seen: list[tuple[Decimal, Decimal, Decimal]]) -> ShareBand:
    """The share range of real prices, each (plan price, product price low, product price high):
    a price seen beside one product has low = high; a price for a band of products (Amazon's
    "$900-1000" listings) spans price/high to price/low. Rounded outwards to 0.0001, so every
    observed share lies inside the range."""
    if not seen:
        raise ValueError("no observations to scale")
    if any(low <= 0 or high < low for _, low, high in seen):
        raise ValueError("a product price must be positive, low <= high")
    low = min(price / high for price, _, high in seen).quantize(_SHARE_STEP, ROUND_FLOOR)
    high = max(price / low for price, low, _ in seen).quantize(_SHARE_STEP, ROUND_CEILING)
    return ShareBand(low, high, len(seen))


def _decimal(text: str) -> Decimal | None:
    try:
        return Decimal(text)
    except (ArithmeticError, ValueError):
        return None


def read_points(path: Path) -> list[Observation]:
    """The shared plan-price-points.csv; a product price given only as a band is left None."""
    with path.open(encoding="utf-8") as handle:
        return [Observation(row["plan"], row["kind"],
                            int(row["term_months"]) if row["term_months"] else None,
                            Decimal(row["plan_price"]), _decimal(row["product_price"]),
                            row["market"], row["provider"],
                            row["source_path"] or row["source_repo"])
                for row in csv.DictReader(handle)]


def select(points: list[Observation], *, market: str, provider: str, term: int,
           low: Decimal, high: Decimal | None, kinds: tuple[str, ...] = (),
           names: tuple[str, ...] = (), where: tuple[str, ...] = ()) -> list[Observation]:
    """Points of one provider and term, for products priced low..high, by kind, plan name and
    the page they were seen on (e.g. to leave out products that are not appliances)."""
    return [p for p in points
            if p.market == market and provider in p.provider and p.term_months == term
            and p.product_price is not None and p.product_price >= low
            and (high is None or p.product_price <= high)
            and (not kinds or p.kind in kinds) and (not names or any(n in p.plan for n in names))
            and (not where or any(w in p.where for w in where))]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("csv", type=Path)
    parser.add_argument("--market", required=True)
    parser.add_argument("--provider", required=True, help="text in the provider column")
    parser.add_argument("--term", type=int, required=True)
    parser.add_argument("--min", type=Decimal, default=Decimal(0))
    parser.add_argument("--max", type=Decimal, default=None)
    parser.add_argument("--kind", action="append", default=[], help="kind column (repeatable)")
    parser.add_argument("--name", action="append", default=[], help="text in the plan name")
    parser.add_argument("--where", action="append", default=[], help="text in the source path")
    parser.add_argument("--share", nargs=2, type=Decimal, metavar=("FROM", "TO"),
                        help="print a share row for products FROM..TO from the chosen points")
    args = parser.parse_args(argv)
    chosen = select(read_points(args.csv), market=args.market, provider=args.provider,
                    term=args.term, low=args.min, high=args.max, kinds=tuple(args.kind),
                    names=tuple(args.name), where=tuple(args.where))
    for point in chosen:
        print(f"# {point.price} beside a product of {point.product_price}: {point.plan}"
              f" ({point.where})")
    if args.share:
        scaled = shares([(p.price, p.product_price, p.product_price) for p in chosen])
        print(f"[[plan.prices]]\nterm_months = {args.term}\nmin = \"{args.share[0]}\"\n"
              f"max = \"{args.share[1]}\"\nshare_low = \"{scaled.low}\"\n"
              f"share_high = \"{scaled.high}\"\nn = {scaled.n}\nmethod = \"… scaled by product "
              f"price; no price seen for this band.\"\n"
              f"method_zh = \"……按商品价格换算；未见此价格档的价格。\"")
        return
    band = combine([p.price for p in chosen])
    print(f"[[plan.prices]]\nterm_months = {args.term}\nmin = \"{args.min}\"")
    if args.max is not None:
        print(f"max = \"{args.max}\"")
    print(f"low = \"{band.low}\"\nhigh = \"{band.high}\"\nn = {band.n}\n"
          f"price = \"{band.middle}\"\nmethod = \"…\"\nmethod_zh = \"……\"")


if __name__ == "__main__":
    main()
