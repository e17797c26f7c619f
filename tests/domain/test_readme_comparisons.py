"""The README's two worked comparisons (issue 11: one CN, one US) are what the engine prints
today: a catalog or engine change that alters them fails here until the README says so."""

from pathlib import Path

import pytest

from server.domain.fairvalue.demo import markdown_table, run

README = (Path(__file__).parents[2] / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("case", ["cn-fridge", "us-phone"])
def test_the_readme_shows_the_comparison_the_engine_prints(case):
    rows = [line for line in markdown_table(run(case)).splitlines() if line.startswith("| ")]
    assert len(rows) >= 2  # the header and at least one plan
    for row in rows:
        assert row in README, row
