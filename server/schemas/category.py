"""One product shape everywhere: `category` is a code (large, small, digital, medical or
not_eligible) and `subcategory` the product family ("refrigerator").

Clients that send a family or a product word as the category ("refrigerator", "冰箱", "TV")
get it turned into the code and subcategory by the same classifier that reads pages, rather
than a 422; only words that name no product family are refused.
"""

from __future__ import annotations

from marshmallow import ValidationError

from scrapers.classify import classify
from server.domain.vocabulary import CODES


def category_code(category: str | None, subcategory: str | None, *,
                  codes: tuple[str, ...] = CODES, field: str = "category"
                  ) -> tuple[str | None, str | None]:
    """(code, subcategory) for what a client sent; raises ValidationError on `field`."""
    if category is None:
        return None, subcategory
    word = category.strip()
    if word.lower() in codes:
        return word.lower(), subcategory
    found = classify(word.replace("_", " "))
    if found.subcategory is None or found.category not in codes:
        raise ValidationError(
            f"'{category}' names no product family this service knows; use one of "
            f"{', '.join(codes)}, or a family such as 'refrigerator' or 'tv'.", field)
    return found.category, subcategory or found.subcategory
