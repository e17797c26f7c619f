"""The loaded catalog and the look-ups the fair-value engine needs, indexed once per load."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from server.catalog.model import ANY, FailureTable, Plan, Provider, RepairCost, StatutoryRule


@dataclass(frozen=True, eq=False)
class Catalog:
    """Compared and hashed by identity; use `version` (file names and mtimes) in cache keys."""

    providers: dict[str, Provider]
    plans: tuple[Plan, ...]
    rules: tuple[StatutoryRule, ...]
    failure: tuple[FailureTable, ...]
    repair: tuple[RepairCost, ...]
    version: tuple = ()
    _by_market: dict[str, tuple[Plan, ...]] = field(default_factory=dict, repr=False)
    _derived: dict[str, dict] = field(default_factory=dict, init=False, repr=False)

    def __post_init__(self) -> None:
        for market in {plan.market for plan in self.plans}:
            self._by_market[market] = tuple(p for p in self.plans if p.market == market)

    def plans_for(self, market: str) -> tuple[Plan, ...]:
        return self._by_market.get(market, ())

    def derived(self, name: str, build: Callable[[], dict] = dict) -> dict:
        """A dict for one index that a user of this catalog derives from it (the engine's
        shelves, say), made by `build` on first use: it lives and goes with the catalog, so a
        reloaded catalog starts empty and no index is shared between apps, or kept in a module."""
        found = self._derived.get(name)
        if found is None:
            found = self._derived[name] = build()
        return found

    def _kept(self, name: str, key: tuple, look_up: Callable[[], object]):
        """The look-ups below run for every quote and scan their tables: each answer is kept
        in the catalog (keys come from the validated vocabularies: markets, categories,
        currencies)."""
        found = self.derived(name)
        if key not in found:
            found[key] = look_up()
        return found[key]

    def statutory(self, market: str, subcategory: str | None) -> StatutoryRule | None:
        """The longest whole-unit rule of the market that names this subcategory (or "*")."""
        return self._kept("catalog.statutory", (market, subcategory), lambda: max(
            (r for r in self.rules if r.market == market
             and (ANY in r.subcategories or subcategory in r.subcategories)),
            key=lambda r: r.whole_unit_months, default=None))

    def failure_table(self, category: str, subcategory: str | None,
                      market: str) -> FailureTable | None:
        return self._kept("catalog.failure", (category, subcategory, market),
                          lambda: _pick(self.failure, category, subcategory, market))

    def repair_cost(self, category: str, subcategory: str | None, market: str,
                    currency: str) -> RepairCost | None:
        """An amount only counts in the product's own currency; otherwise fall back to a share."""
        def look_up() -> RepairCost | None:
            usable = [c for c in self.repair if c.amount is None or c.currency == currency]
            return _pick(usable, category, subcategory, market)

        return self._kept("catalog.repair", (category, subcategory, market, currency), look_up)

    def summary(self) -> dict[str, int]:
        entries = [*self.providers.values(), *self.plans, *self.rules, *self.failure, *self.repair]
        rows = [row for plan in self.plans for row in plan.prices]
        return {
            "providers": len(self.providers), "plans": len(self.plans),
            "price_rows": len(rows),
            "published_rows": sum(r.basis == "published" for r in rows),
            "estimate_rows": sum(r.basis == "estimate" for r in rows),
            "unpriced_plans": sum(bool(p.unpriced_reason) for p in self.plans),
            "statutory_rules": len(self.rules),
            "failure_tables": len(self.failure), "repair_costs": len(self.repair),
            "estimates": sum(e.sourced.estimate for e in entries)
            + sum(r.basis == "estimate" for r in rows),
        }

    def market_summary(self) -> dict[str, dict[str, int]]:
        """Per market: plans, their distinct providers, and published vs estimated price rows."""
        out: dict[str, dict[str, int]] = {}
        for market, plans in sorted(self._by_market.items()):
            rows = [row for plan in plans for row in plan.prices]
            out[market] = {
                "plans": len(plans), "providers": len({p.provider.id for p in plans}),
                "published_rows": sum(r.basis == "published" for r in rows),
                "estimate_rows": sum(r.basis == "estimate" for r in rows),
                "unpriced_plans": sum(bool(p.unpriced_reason) for p in plans),
                "card_benefits": sum(p.card is not None for p in plans),
            }
        return out


def _pick(entries, category: str, subcategory: str | None, market: str):
    """Most specific first: subcategory in market, subcategory anywhere, then category."""
    for key in (subcategory, f"category:{category}"):
        for wanted in (market, ANY):
            for entry in entries:
                if entry.key == key and entry.market == wanted:
                    return entry
    return None
