"""How many distinct providers the catalog prices for the issue-11 cases (5 products x 4 markets).

    .venv/bin/python scripts/catalog_coverage.py          # one line per case
    .venv/bin/python scripts/catalog_coverage.py -v       # and each provider's basis or reason
    .venv/bin/python scripts/catalog_coverage.py --dir DIR  # another catalog folder (e.g. an
                                                            # older commit's, via git archive)

A provider counts as `published` when any of its plans for the product has a published price at
that product price, else `estimate` when one has an estimate, else `unpriced` (with the reason
`flask --app server catalog prices` prints). Plans limited to some sites are marked [sites].
The last column counts only what a shopper on that market's usual site (SITES) can buy for an
unbranded product: priced plans sold anywhere or on that site, not a maker's own plan.
The product prices are typical shelf prices chosen for the cases, not data.
"""

from __future__ import annotations

import sys
from decimal import Decimal
from pathlib import Path

from server.catalog.cli import _matches
from server.catalog.loader import DATA_DIR, load_catalog

PRODUCTS = (  # (name, category, subcategory)
    ("TV", "large", "tv"), ("fridge", "large", "refrigerator"), ("phone", "digital", "phone"),
    ("laptop", "digital", "laptop"), ("BP monitor", "medical", "blood_pressure_monitor"))
PRICES = {  # market: product prices, in the PRODUCTS order
    "CN": ("3999", "3999", "3999", "5999", "299"),
    "US": ("499.99", "1299", "799", "999.99", "59.99"),
    "CA": ("799", "1599", "1099", "1199", "79.99"),
    "UK": ("499", "599", "699", "499", "39.99"),
}
SITES = {"CN": "jd", "US": "bestbuy", "CA": "bestbuy", "UK": "currys"}


def case(catalog, market: str, category: str, subcategory: str, price: Decimal) -> dict:
    """provider id -> (basis, detail) for one product; the best basis of its plans wins."""
    rank = {"published": 0, "estimate": 1, "unpriced": 2}
    found: dict[str, tuple[str, str]] = {}
    for plan in catalog.plans_for(market):
        if plan.card or not _matches(plan, category, subcategory, None if not plan.brands
                                     else plan.brands[0]):
            continue
        sites = f" [{','.join(plan.sites)}]" if plan.sites else ""
        offered = plan.prices_for(price)
        if offered:
            basis = "published" if any(p.basis == "published" for p in offered) else "estimate"
            detail = "; ".join(
                f"{p.term_months}m {p.amount}" + (f" ({p.estimate.low}-{p.estimate.high}, "
                                                  f"n={p.estimate.n})" if p.estimate else "")
                for p in offered)
        else:
            basis = "unpriced"
            detail = plan.unpriced_reason or plan.gap_for(price) or "no band holds this price"
        entry = (basis, f"{plan.id}{sites}: {detail}")
        if plan.provider.id not in found or rank[basis] < rank[found[plan.provider.id][0]]:
            found[plan.provider.id] = entry
    return found


def buyable(catalog, market: str, category: str, subcategory: str, price: Decimal,
            site: str) -> set[str]:
    """Providers with a priced plan a shopper on `site` can buy for an unbranded product."""
    return {plan.provider.id for plan in catalog.plans_for(market)
            if not plan.card and not plan.brands and (not plan.sites or site in plan.sites)
            and _matches(plan, category, subcategory, None) and plan.prices_for(price)}


def main(argv: list[str]) -> None:
    verbose = "-v" in argv
    folder = Path(argv[argv.index("--dir") + 1]) if "--dir" in argv else DATA_DIR
    catalog = load_catalog(folder)
    print(f"{'case':<16} published estimate unpriced  on site  (distinct providers)")
    for market, prices in PRICES.items():
        for (name, category, subcategory), price in zip(PRODUCTS, prices, strict=True):
            found = case(catalog, market, category, subcategory, Decimal(price))
            counts = {b: sum(1 for v in found.values() if v[0] == b)
                      for b in ("published", "estimate", "unpriced")}
            site = SITES[market]
            on_site = len(buyable(catalog, market, category, subcategory, Decimal(price), site))
            print(f"{market} {name:<10} {price:>8}  {counts['published']:>3}"
                  f" {counts['estimate']:>8} {counts['unpriced']:>8}  {on_site:>3} {site}")
            if verbose:
                for provider, (basis, detail) in sorted(found.items(), key=lambda i: i[1][0]):
                    print(f"      {basis:<9} {provider}: {detail[:150]}")


if __name__ == "__main__":
    main(sys.argv[1:])
