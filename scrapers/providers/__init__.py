"""Parsers that turn a provider's published price page into catalog rows (server/catalog/data).

Each module has `parse(text, *, source, read_on)` returning PriceEntry or DeductibleEntry rows;
`python -m scrapers.providers PROVIDER FILE --source URL` prints them as TOML to paste.
"""

from scrapers.providers.entries import DeductibleEntry, PriceEntry, to_toml

__all__ = ["DeductibleEntry", "PriceEntry", "to_toml"]
