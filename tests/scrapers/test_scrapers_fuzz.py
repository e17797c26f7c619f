"""detect() never raises, whatever it is given."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scrapers import detect

DATA = Path(__file__).resolve().parents[1] / "data"
PAGES = sorted(DATA.glob("*/*.html"))
SAMPLES = [p.read_bytes() for p in PAGES if p.parent.name not in ("classification", "providers")]
URLS = st.sampled_from([
    "https://item.jd.com/100007300763.html", "https://detail.tmall.com/item.htm?id=1",
    "https://item.taobao.com/item.htm?id=1", "https://www.amazon.com/dp/B07MXZ1TYH",
    "https://www.bestbuy.com/site/x/6536987.p?skuId=6536987", "https://example.com/p",
    "", "not a url", "ftp://x", "https://[::1", "javascript:alert(1)",
])  # fmt: skip
FAST = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def check(html, url: str) -> None:
    result = detect(html, url)
    answer = result.to_dict()
    assert isinstance(answer["is_product"], bool)
    assert answer["is_product"] or answer["reason"]


@FAST
@given(st.sampled_from(SAMPLES), st.floats(0, 1), URLS)
def test_truncated_pages(page: bytes, fraction: float, url: str) -> None:
    check(page[: int(len(page) * fraction)], url)


@FAST
@given(st.sampled_from(SAMPLES), st.lists(st.tuples(st.floats(0, 1), st.binary(max_size=8)),
                                          max_size=20), URLS)  # fmt: skip
def test_mutated_pages(page: bytes, edits: list, url: str) -> None:
    data = bytearray(page)
    for where, junk in edits:
        at = int(len(data) * where)
        data[at : at + len(junk)] = junk
    check(bytes(data), url)


@FAST
@given(st.binary(max_size=4096), URLS)
def test_binary_junk(junk: bytes, url: str) -> None:
    check(junk, url)


@FAST
@given(st.text(max_size=2000), URLS)
def test_arbitrary_text(text: str, url: str) -> None:
    check(text, url)


@FAST
@given(st.sampled_from(SAMPLES), st.sampled_from(["utf-16", "latin-1", "gbk", "big5", "shift_jis"]))
def test_wrong_encodings(page: bytes, encoding: str) -> None:
    text = page.decode("utf-8", errors="replace")
    check(text.encode(encoding, errors="replace"), "https://item.jd.com/100007300763.html")


def test_deep_nesting_and_huge_attributes() -> None:
    deep = "<div>" * 20000 + "冰箱" + "</div>" * 20000
    check(deep, "https://item.jd.com/100007300763.html")
    huge = f'<div class="sku-name" data-x="{"a" * 2_000_000}">海尔冰箱</div>'
    check(huge, "https://item.jd.com/100007300763.html")
    nested_json = '<script type="application/ld+json">' + "[" * 5000 + "]" * 5000 + "</script>"
    check(nested_json, "https://example.com/p")
    config = "<script>var pageConfig = {" + "a:{" * 3000 + "}" * 3001 + ";</script>"
    check(config, "https://item.jd.com/100007300763.html")


def test_non_string_inputs() -> None:
    for html in (None, b"", "", "   "):
        check(html, "https://item.jd.com/100007300763.html")
    check("<p>x</p>", None)  # type: ignore[arg-type]
