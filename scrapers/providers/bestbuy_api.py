"""A page of Best Buy's Products API (api.bestbuy.com/v1/products) -> Geek Squad price rows.

Best Buy lists its protection plans as products of the WARRANTY department, one SKU per plan
length and product-price band. The band is only in the SKU's `modelNumber`, e.g.
"5YR 1200-1399.99 FRID/FRE GSP" or "5YR 3000 & UP DISHWASHER GSP" (`protectionPlanLowPrice` and
`protectionPlanHighPrice` are empty on these records); the family is the `subclass`.
"""

from __future__ import annotations

import json
import re
from datetime import date
from decimal import Decimal

from scrapers.providers.entries import PriceEntry, ProviderPageError, parse_money

_MODEL = re.compile(r"^\s*(\d+)\s*YR\s+([\d,.]+)\s*(?:-\s*([\d,.]+)|&\s*UP)\b", re.IGNORECASE)
# Best Buy's subclass -> the catalog plan its bands belong to.
PLANS = {"REFRIG/FREEZER GSP": "bestbuy-refrigerator",
         "DISHWASHER GSP": "bestbuy-dishwasher",
         "COMM DISHWASH GSP": "bestbuy-dishwasher"}


def band(model_number: str) -> tuple[int, Decimal, Decimal | None] | None:
    """(term in months, lowest product price, highest or None) from a plan's model number."""
    match = _MODEL.match(model_number or "")
    if not match:
        return None
    high = parse_money(match.group(3)) if match.group(3) else None
    return int(match.group(1)) * 12, parse_money(match.group(2)), high


def parse(text: str, *, source: str, read_on: date) -> list[PriceEntry]:
    """One row per banded plan SKU of a known family, with the SKU's own page as its source
    (the API's `url`); other products and plans without a band in their model number are
    left out. `source` is used only for a record without a `url`."""
    try:
        products = json.loads(text)["products"]
    except (ValueError, KeyError, TypeError):
        raise ProviderPageError("not a Best Buy Products API page (no 'products' list)") from None
    entries = []
    for product in products:
        if product.get("department") != "WARRANTY" or product.get("subclass") not in PLANS:
            continue
        found = band(product.get("modelNumber", ""))
        if found is None:
            continue
        term, low, high = found
        entries.append(PriceEntry(
            plan=PLANS[product["subclass"]], name=f"{product['name']} ({product['modelNumber']})",
            kind="extended", term_months=term, price=parse_money(str(product["salePrice"])),
            currency="USD", min=low, max=high, source=product.get("url") or source,
            read_on=read_on))
    if not entries:
        raise ProviderPageError("no banded Geek Squad plan of a known family on this page")
    return entries
