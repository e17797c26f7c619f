"""Properties of the comparison (hypothesis) over generated catalogs: estimates never above a
real price, alternatives from distinct providers and at most five, a headline only about the
page's plan, and `better_options` only with a better real-priced alternative."""

from __future__ import annotations

import tempfile
from dataclasses import replace
from datetime import date
from decimal import Decimal
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from server.catalog import Catalog, load_catalog
from server.catalog.model import Coverage, Estimate, PriceRow, Provider, Sourced
from server.domain.fairvalue.comparison import MAX_ALTERNATIVES, _value_key
from server.domain.fairvalue.engine import quote
from server.domain.fairvalue.inputs import Offer, Product, Settings
from tests.domain.test_fairvalue_trusted import CATALOG_TOML

DAY = date(2026, 1, 31)
_folder = Path(tempfile.mkdtemp(prefix="yanbao-comparison-"))
for _name, _text in CATALOG_TOML.items():
    (_folder / _name).write_text(_text, encoding="utf-8")
BASE = load_catalog(_folder)
TEMPLATE = next(p for p in BASE.plans if p.id == "upsie")
CARD = next(p for p in BASE.plans if p.card)
KINDS = {"extended": (True, False), "accidental_damage": (True, True), "replace": (True, False)}
SEEN = Sourced("https://example.test/p", DAY)


def _plan(i: int, provider: int, kind: str, term: int, price: Decimal, estimate: bool):
    parts, accident = KINDS[kind]
    who = Provider(f"p{provider}", f"P{provider}", f"P{provider}", "insurer", "US",
                   "https://example.test", SEEN)
    cover = Coverage(parts, accident, kind == "replace", None, Decimal(0), Decimal(0), None,
                     None)
    guess = Estimate(price, price, 3, "middle of 3 prices") if estimate else None
    row = PriceRow(term, Decimal(0), None, "estimate" if estimate else "published", price,
                   "https://example.test/p", DAY, guess)
    return replace(TEMPLATE, id=f"plan{i}", name=f"plan{i}", name_en=f"plan{i}", provider=who,
                   kind=kind, coverage=cover, prices=(row,), sites=())


plans = st.lists(st.tuples(st.integers(0, 8), st.sampled_from(sorted(KINDS)),
                           st.integers(1, 60), st.decimals(1, 400, places=2), st.booleans()),
                 max_size=14)
offers = st.lists(st.tuples(st.sampled_from(sorted(KINDS)), st.integers(1, 60),
                            st.decimals(0, 400, places=2)), max_size=3)
products = st.builds(lambda price, months: Product("large", price, "USD", "US", DAY, months,
                                                   "tv", "TV", None, "shop"),
                     st.decimals(100, 3000, places=2), st.sampled_from([0, 12, 24]))


def _compare(product, plan_specs, offer_specs, card: bool):
    made = tuple(_plan(i, *spec) for i, spec in enumerate(plan_specs)) + ((CARD,) if card else ())
    catalog = Catalog(BASE.providers, made, BASE.rules, BASE.failure, BASE.repair, ("gen",))
    sold = tuple(Offer(f"offer{i}", kind, term, price, "USD")
                 for i, (kind, term, price) in enumerate(offer_specs))
    return quote(product, sold, Settings(), catalog, DAY), sold


@settings(max_examples=200, deadline=None)
@given(products, plans, offers, st.booleans())
def test_the_comparison_rules(product, plan_specs, offer_specs, card):
    result, sold = _compare(product, plan_specs, offer_specs, card)
    bases = [q.basis for q in result.plans]
    # An estimate is never ranked above a page or published price.
    assert bases == sorted(bases, key=lambda b: b == "estimate")
    # Alternatives: at most five, distinct providers, one kind of cover (the page's).
    alternatives = result.alternatives
    assert len(alternatives) <= MAX_ALTERNATIVES
    assert len({q.provider_id for q in alternatives}) == len(alternatives)
    if sold and result.offers:
        assert {q.cover for q in alternatives} <= {result.offers[0].cover}
    # Card benefits are never plans, and the headline is about the page's plan or none.
    assert not any(q.provider_id == CARD.provider.id for q in result.plans)
    names = {o.name for o in sold}
    if result.offers:
        assert result.headline.plan == result.offers[0].name and result.headline.plan in names
    else:
        assert (result.headline.verdict, result.headline.plan) == ("none_sold", None)
    # Better options only with a real-priced alternative of better value.
    if result.better_options:
        real = [q for q in alternatives if q.basis != "estimate"]
        if result.offers:
            assert any(_value_key(q) < _value_key(result.offers[0]) for q in real)
        else:
            assert any(q.verdict == "worth_it" for q in real)


@settings(max_examples=100, deadline=None)
@given(products, plans)
def test_six_or_more_providers_are_cut_to_the_best_five(product, plan_specs):
    specs = [(i, "extended", 24 + i, Decimal(50 + i), False) for i in range(7)] + plan_specs
    result, _ = _compare(product, specs, [], False)
    providers = {q.provider_id for q in result.alternatives}
    assert len(providers) == len(result.alternatives) == MAX_ALTERNATIVES
