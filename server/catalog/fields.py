"""Typed field readers for one TOML table; every failure becomes a CatalogError naming the entry."""

from __future__ import annotations

import ipaddress
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any
from urllib.parse import urlsplit

from server.catalog.errors import CatalogError
from server.catalog.model import Sourced

WEB = ("http://", "https://")
UNDATED = "undated"
# The date a source itself shows, as precise as it is: a year, a month or a day.
_SOURCE_DATE = {4: "%Y", 7: "%Y-%m", 10: "%Y-%m-%d"}
_MISSING = object()


def openable(value: object) -> bool:
    """A web address a shopper can open and judge: http(s) at a named host. A bare IP address
    names no publisher (the one such source found carried casino adverts)."""
    if not isinstance(value, str) or not value.startswith(WEB):
        return False
    try:
        host = urlsplit(value).hostname
    except ValueError:
        return False
    if not host:
        return False
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return True
    return False


class Fields:
    """A TOML table plus where it lives, so that errors can say so."""

    def __init__(self, data: dict[str, Any], file: str, entry: str) -> None:
        if not isinstance(data, dict):
            raise CatalogError(file, entry, "must be a table")
        self.data, self.file, self.entry = data, file, entry

    def fail(self, message: str) -> CatalogError:
        return CatalogError(self.file, self.entry, message)

    def check_keys(self, allowed: set[str]) -> None:
        unknown = sorted(set(self.data) - allowed)
        if unknown:
            raise self.fail(f"unknown keys {unknown} (a typo?)")

    def child(self, key: str, label: str | None = None) -> Fields | None:
        value = self.data.get(key)
        return None if value is None else Fields(value, self.file, f"{self.entry}.{label or key}")

    def _get(self, key: str, required: bool) -> Any:
        value = self.data.get(key, _MISSING)
        if value is _MISSING and required:
            raise self.fail(f"'{key}' is required")
        return None if value is _MISSING else value

    def text(self, key: str, required: bool = True, choices: tuple[str, ...] = ()) -> str | None:
        value = self._get(key, required)
        if value is None:
            return None
        if not isinstance(value, str) or not value.strip():
            raise self.fail(f"'{key}' must be a non-empty string")
        if choices and value not in choices:
            raise self.fail(f"'{key}' must be one of {', '.join(choices)}, not {value!r}")
        return value

    def integer(self, key: str, required: bool = True, minimum: int = 0) -> int | None:
        value = self._get(key, required)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
            raise self.fail(f"'{key}' must be a whole number >= {minimum}")
        return value

    def flag(self, key: str, default: bool | None = False) -> bool | None:
        value = self.data.get(key, default)
        if value is not None and not isinstance(value, bool):
            raise self.fail(f"'{key}' must be true or false")
        return value

    def decimal(
        self, key: str, required: bool = False, upper: Decimal | None = None
    ) -> Decimal | None:
        """Money and shares are strings in the files ("199.00"), so no float ever rounds them."""
        value = self._get(key, required)
        if value is None:
            return None
        if not isinstance(value, str):
            raise self.fail(f"'{key}' must be a quoted decimal string such as \"199.00\"")
        try:
            number = Decimal(value)
        except InvalidOperation:
            raise self.fail(f"'{key}' is not a decimal: {value!r}") from None
        if not number.is_finite() or number < 0 or (upper is not None and number > upper):
            raise self.fail(f"'{key}' is out of range: {value}")
        return number

    def names(self, key: str, choices: tuple[str, ...] = ()) -> tuple[str, ...]:
        value = self.data.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
            raise self.fail(f"'{key}' must be a list of strings")
        unknown = [v for v in value if choices and v not in choices]
        if unknown:
            raise self.fail(f"'{key}' has unknown values {unknown}; allowed: {', '.join(choices)}")
        return tuple(value)

    def web_address(self, key: str, required: bool = True) -> str | None:
        value = self.text(key, required)
        if value is not None and not openable(value):
            raise self.fail(f"'{key}' must be a web address a shopper can open (http:// or "
                            f"https:// at a named host), not {value!r}; put dataset and "
                            "repository references in 'evidence'")
        return value

    def evidence(self, inherit: tuple[str, ...] = ()) -> tuple[str, ...]:
        return self.names("evidence") if "evidence" in self.data else inherit

    def sourced(self, inherit: Sourced | None = None) -> Sourced:
        """Every entry names a web source and its read date; an estimate must say why."""
        source = self.data.get("source") or (inherit.source if inherit else None)
        if not openable(source):
            raise self.fail("'source' must be a web address a shopper can open (http:// or "
                            f"https:// at a named host), not {source!r}; put dataset and "
                            "repository references in 'evidence'")
        read_on = self.data.get("read_on") or (inherit.read_on if inherit else None)
        if not isinstance(read_on, date):
            raise self.fail("'read_on' must be a TOML date such as 2026-11-26")
        estimate = bool(self.flag("estimate", inherit.estimate if inherit else False))
        reasoning = self.data.get("reasoning") or (inherit.reasoning if inherit else None)
        if estimate and not reasoning:
            raise self.fail("an estimate needs 'reasoning'")
        published = self.published(inherit.published if inherit else None)
        evidence = self.evidence(inherit.evidence if inherit else ())
        return Sourced(source, read_on, published, estimate, reasoning, evidence)

    def published(self, inherit: str | None = None) -> str | None:
        """The date the source itself shows (2020, 2020-02 or 2020-02-29), or "undated" with
        an optional note after a semicolon: a shopper is shown how old a published price is,
        so it must be a date a reader can parse, or say plainly that there is none."""
        value = self.data.get("published")
        if value is None:
            return inherit
        if isinstance(value, date):
            return value.isoformat()
        if isinstance(value, str) and (value == UNDATED or value.startswith(UNDATED + ";")):
            return value
        try:  # a length with no layout (None) is refused like a bad date
            datetime.strptime(value, _SOURCE_DATE.get(len(value)))
        except (TypeError, ValueError):
            raise self.fail("'published' must be the date the source shows (2020, 2020-02 or "
                            f"2020-02-29) or \"undated\" (a note may follow \"; \"), not "
                            f"{value!r}") from None
        return value
