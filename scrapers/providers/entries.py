"""Rows a provider parser produces, shaped like the catalog's [[plan.prices]] and deductibles."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation

_NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")


class ProviderPageError(ValueError):
    """The page lacks the structure the parser expects: it changed, or is not a price page."""


def parse_money(text: str) -> Decimal:
    """'$1,000', '¥899.00', '82.79' -> Decimal; the currency comes from the page, not the sign."""
    match = _NUMBER.search(text or "")
    if not match:
        raise ProviderPageError(f"no amount in {text!r}")
    try:
        return Decimal(match.group().replace(",", ""))
    except InvalidOperation:
        raise ProviderPageError(f"bad amount in {text!r}") from None


@dataclass(frozen=True, slots=True)
class PriceEntry:
    plan: str
    name: str
    kind: str
    term_months: int
    price: Decimal
    currency: str
    min: Decimal | None
    max: Decimal | None
    source: str
    read_on: date

    def to_row(self) -> dict:
        row: dict = {"term_months": self.term_months, "price": f"{self.price:.2f}"}
        if self.min is not None:
            row["min"] = str(self.min)
        if self.max is not None:
            row["max"] = str(self.max)
        return row | {"source": self.source, "read_on": self.read_on}


@dataclass(frozen=True, slots=True)
class DeductibleEntry:
    plan: str
    subcategories: tuple[str, ...]
    amount: Decimal
    min: Decimal | None
    max: Decimal | None

    def to_row(self) -> dict:
        row: dict = {"subcategories": list(self.subcategories)}
        row |= {key: str(value) for key, value in (("min", self.min), ("max", self.max))
                if value is not None}
        return row | {"amount": str(self.amount)}


def _value(value) -> str:
    if isinstance(value, list):
        return "[" + ", ".join(f'"{item}"' for item in value) + "]"
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, int):
        return str(value)
    return '"' + str(value).replace('"', '\\"') + '"'


def to_toml(entries: list[PriceEntry] | list[DeductibleEntry]) -> str:
    """TOML blocks to paste under the matching [[plan]] in server/catalog/data."""
    blocks = []
    for entry in entries:
        table = "plan.prices" if isinstance(entry, PriceEntry) else "plan.deductibles"
        lines = [f"# {entry.plan}: {getattr(entry, 'name', '')}".rstrip(": "), f"[[{table}]]"]
        lines += [f"{key} = {_value(value)}" for key, value in entry.to_row().items()]
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks) + "\n"
