"""The cheap pre-parse checks: hostile shapes refused in one pass, real pages untouched, and
attributes found whatever their values hold."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from selectolax.lexbor import LexborHTMLParser

from scrapers import budget

HOSTILE = {
    "600,000 nested divs": "<div>" * 600_000,
    "one tag with 300,000 attributes": "<div " + " ".join(f"a{i}=1" for i in range(300_000))
                                       + ">x</div>",
    "one tag with 1,500,000 bare attributes": "<a " + "x " * 1_500_000 + ">",
    "a quote before the attributes": '<a " ' + "x " * 100_000 + ">",
    "a million '<'": "<" * 1_000_000,
    "'<' in a script": "<script>" + "<a" * 100_000,
}


@pytest.mark.parametrize("html", HOSTILE.values(), ids=list(HOSTILE))
def test_hostile_shapes_are_refused(html):
    with pytest.raises(budget.PageTooComplex) as refused:
        budget.check(html)
    assert "Send the product's own region" in str(refused.value)


def most_attributes(html: str) -> int:
    return max((len(node.attributes) for node in LexborHTMLParser(html).css("*")), default=0)


@settings(max_examples=60, deadline=None)
@given(st.integers(0, 300), st.sampled_from(['="v"', "=v", "", "='a b'", " = 'x' "]),
       st.sampled_from(["", ' "', " ="]))
def test_an_element_with_too_many_attributes_is_found(count, value, junk):
    html = f"<div{junk} " + " ".join(f"a{n}{value}" for n in range(count)) + ">x</div>"
    crowded = most_attributes(html) > budget.MAX_ATTRIBUTES
    assert budget.measure(html).crowded == crowded


DATA = Path(__file__).resolve().parents[1] / "data"


def test_every_page_fixture_passes():
    pages = sorted(DATA.rglob("*.html")) + sorted(DATA.rglob("*.html.gz"))
    assert len(pages) > 20
    for path in pages:
        raw = gzip.decompress(path.read_bytes()) if path.suffix == ".gz" else path.read_bytes()
        shape = budget.check(raw)
        assert shape.angles <= budget.MAX_ANGLES // 2, path.name  # room to spare
