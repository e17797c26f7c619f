"""Request bodies shared by the API tests."""

import copy

from server.schemas import examples

ISSUE_EXAMPLE = examples.COVERAGE


def coverage(**changes) -> dict:
    """The issue's example with top-level changes, e.g. coverage(purchase_date="2026-01-01")."""
    body = copy.deepcopy(ISSUE_EXAMPLE)
    body.update(changes)
    return body


def simple(title: str, purchase_date: str, months: int, **product) -> dict:
    return {"product": {"title": title, **product}, "purchase_date": purchase_date,
            "layers": [{"kind": "manufacturer", "term_months": months}]}
