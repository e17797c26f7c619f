"""``python -m scrapers PAGE.html --url URL``: print what detect() reads, as JSON."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from scrapers import detect


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m scrapers", description=__doc__)
    parser.add_argument("page", type=Path, help="saved page (HTML, any declared charset)")
    parser.add_argument("--url", required=True, help="the URL the page was saved from")
    parser.add_argument("--lang", default=None, help="page language, e.g. zh-CN")
    args = parser.parse_args(argv)
    try:
        data = args.page.read_bytes()
    except OSError as exc:
        print(f"cannot read {args.page}: {exc.strerror}", file=sys.stderr)
        return 2
    result = detect(data, args.url, args.lang)
    print(json.dumps(result.to_dict(), ensure_ascii=False, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
