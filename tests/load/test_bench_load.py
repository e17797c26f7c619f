"""The quotes benchmark's load really sends a product of its own in every request: otherwise an
answer cache would flatter the figure (two wrk threads once drew the same random prices)."""

from __future__ import annotations

import json
import shutil

import pytest

from bench import load
from bench.bench_quotes_http import ever_new
from bench.load import fill, sent_bodies
from server.schemas import examples


def test_fill_gives_each_number_its_own_product_with_a_plausible_price():
    template = ever_new(examples.QUOTE)
    products = [json.loads(fill(template, n))["product"] for n in (1, 2, 99, 100, 10_001)]
    assert len({json.dumps(p, sort_keys=True) for p in products}) == len(products)
    for product in products:
        assert 900 <= float(product["price"]) < 1000
        assert product["title"].startswith(examples.QUOTE["product"]["title"])


@pytest.mark.parametrize("generator", ["wrk", "python"])
def test_the_load_generator_never_repeats_a_product(generator, monkeypatch):
    if generator == "wrk" and not shutil.which("wrk"):
        pytest.skip("wrk is not installed (Debian package wrk; `make bench` installs it)")
    if generator == "python":
        monkeypatch.setattr(load.shutil, "which", lambda name: None)
    bodies = sent_bodies(ever_new(examples.QUOTE))
    titles = [json.loads(body)["product"]["title"] for body in bodies]
    assert len(titles) > 5, f"only {len(titles)} requests caught"
    assert len(set(titles)) == len(titles)
