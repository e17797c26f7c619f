"""Print catalog rows parsed from a saved provider page.

    python -m scrapers.providers jd tests/data/providers/jd/iphone16pro.json --source URL
"""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path

from scrapers.providers import amazon_squaretrade, asurion_fees, bestbuy_api, jd_services
from scrapers.providers.entries import to_toml

PARSERS = {"jd": jd_services, "amazon-squaretrade": amazon_squaretrade,
           "asurion-fees": asurion_fees, "bestbuy-api": bestbuy_api}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Parse a saved provider price page.")
    parser.add_argument("provider", choices=sorted(PARSERS))
    parser.add_argument("file", type=Path)
    parser.add_argument("--source", required=True, help="URL the page was saved from")
    parser.add_argument("--read-on", type=date.fromisoformat, default=date.today())
    args = parser.parse_args(argv)
    text = args.file.read_text(encoding="utf-8")
    entries = PARSERS[args.provider].parse(text, source=args.source, read_on=args.read_on)
    print(to_toml(entries), end="")


if __name__ == "__main__":
    main()
