"""Time one fair-value quote against 40+ plans in-process; the target median is under 1 ms.

Run: python -m bench.bench_quote (or call main()). Numbers go in the README, not in tests.
"""

from __future__ import annotations

import statistics
import time
from datetime import date
from decimal import Decimal

from server.catalog import load_catalog
from server.domain.fairvalue.engine import quote
from server.domain.fairvalue.inputs import Offer, Product, Settings

RUNS = 2000
TARGET_MS = 1.0
_KINDS = ("extended", "accidental_damage", "replace")


def sample_request() -> tuple[Product, tuple[Offer, ...], Settings]:
    """A US TV with 36 on-page offers; the catalog adds its own eligible plans on top."""
    product = Product("large", Decimal("949.99"), "USD", "US", date(2026, 11, 26), 12, "tv",
                      "65-inch QLED TV", site="amazon")
    offers = tuple(
        Offer(f"Plan {i}", _KINDS[i % 3], 12 * (1 + i % 5), Decimal(30 + 7 * i), "USD")
        for i in range(36)
    )
    return product, offers, Settings(card_extension_months=0, statutory=True)


def main() -> float:
    catalog = load_catalog()
    product, offers, settings = sample_request()
    today = date(2026, 11, 26)
    result = quote(product, offers, settings, catalog, today)
    plans = len(result.plans) + len(result.excluded)
    timings = []
    for _ in range(RUNS):
        started = time.perf_counter_ns()
        quote(product, offers, settings, catalog, today).to_dict()
        timings.append(time.perf_counter_ns() - started)
    median_ms = statistics.median(timings) / 1e6
    p99_ms = statistics.quantiles(timings, n=100)[98] / 1e6
    verdict = "OK" if median_ms < TARGET_MS else "SLOWER THAN TARGET"
    print(f"quote + to_dict against {plans} plans ({len(result.plans)} evaluated): "
          f"median {median_ms:.3f} ms, p99 {p99_ms:.3f} ms over {RUNS} runs "
          f"(target < {TARGET_MS} ms: {verdict})")
    return median_ms


if __name__ == "__main__":
    main()
