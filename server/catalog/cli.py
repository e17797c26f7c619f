"""`flask catalog check`: validate every catalog file and print what it holds."""

from __future__ import annotations

import csv
import sys
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import click
from flask.cli import with_appcontext

from server.catalog.checks import problems
from server.catalog.errors import CatalogError
from server.catalog.loader import DATA_DIR, load_catalog

catalog_cli = click.Group("catalog", help="Warranty catalog commands.")


@catalog_cli.command("check")
@click.option("--dir", "folder", type=click.Path(exists=True, file_okay=False, path_type=Path),
              default=DATA_DIR, show_default=True, help="Folder of catalog .toml files.")
def check(folder: Path) -> None:
    """Validate all catalog files; exit 1 naming the file and entry of every error.

    Refused: an entry without a web source, an estimate whose middle is outside its range, a band
    table with gaps or overlaps within one plan and term, and a longer term of a plan costing
    less than a shorter one at the same product price (estimates by their low and high ends), a
    reason without a price that has no Chinese twin, and an estimate whose method has none."""
    try:
        catalog = load_catalog(folder, check=False)
    except CatalogError as error:
        click.echo(f"catalog error: {error}", err=True)
        raise SystemExit(1) from None
    found = problems(catalog.plans)
    for error in found:
        click.echo(f"catalog error: {error}", err=True)
    if found:
        raise SystemExit(1)
    summary = catalog.summary()
    click.echo(f"catalog OK ({folder})")
    for name, count in summary.items():
        click.echo(f"  {name.replace('_', ' ')}: {count}")
    for market, counts in catalog.market_summary().items():
        click.echo(f"  {market}: " + ", ".join(f"{k.replace('_', ' ')} {v}"
                                               for k, v in counts.items()))
    unpriced = [plan.id for plan in catalog.plans if plan.unpriced_reason]
    if unpriced:
        click.echo(f"  plans without a published price: {', '.join(unpriced)}")


def _matches(plan, category: str, subcategory: str | None, brand: str | None) -> bool:
    if category not in plan.categories:
        return False
    if plan.subcategories and subcategory not in plan.subcategories:
        return False
    return not plan.brands or bool(brand and any(b.casefold() in brand.casefold()
                                                 for b in plan.brands))


@catalog_cli.command("prices")
@click.option("--market", required=True, help="CN, US, CA, UK or EU.")
@click.option("--category", required=True, help="large, small, digital or medical.")
@click.option("--subcategory", default=None, help="e.g. refrigerator, laptop, tv.")
@click.option("--brand", default=None, help="The product's brand, for makers' own plans.")
@click.option("--price", "product_price", required=True, type=Decimal, help="Product price.")
def prices(market: str, category: str, subcategory: str | None, brand: str | None,
           product_price: Decimal) -> None:
    """Every catalog plan for a product like this, with its price per term and basis, or why
    there is none (not a verdict: that is the quote's job)."""
    catalog = load_catalog()
    rule = catalog.statutory(market, subcategory)
    if rule:
        parts = f", main parts {rule.main_parts_months} months" if rule.main_parts_months else ""
        click.echo(f"law: {rule.name}: whole unit {rule.whole_unit_months} months{parts}"
                   f" ({rule.sourced.source})")
    for plan in catalog.plans_for(market):
        if plan.card or not _matches(plan, category, subcategory, brand):
            continue
        where = f" [only on {', '.join(plan.sites)}]" if plan.sites else ""
        head = f"{plan.provider.id}: {plan.name_en} ({plan.cover}){where}"
        offered = plan.prices_for(product_price)
        if not offered:
            why = plan.unpriced_reason or plan.gap_for(product_price) or (
                "no price band covers this product price")
            click.echo(f"{head}\n    no price: {why}")
            continue
        click.echo(head)
        for p in offered:
            basis = p.basis if p.estimate is None else (
                f"estimate {p.estimate.low}-{p.estimate.high}, n={p.estimate.n}")
            if p.published_on:
                basis += f" ({p.published_on})"
            click.echo(f"    {p.term_months:>3} months  {plan.currency} {p.amount}  {basis}"
                       f"  {p.source}")


# The columns of ../shared/data/plan-price-points.csv and scrapers/providers/observed/*.csv.
POINT_COLUMNS = ("market", "provider", "seller", "plan", "kind", "term_months", "plan_price",
                 "currency", "product_title", "product_price", "category", "source_repo",
                 "source_path", "source_commit", "captured_on")


@catalog_cli.command("observed")
@click.option("--days", default=365, show_default=True, type=click.IntRange(1, 3650),
              help="Look back this many days.")
@click.option("--market", default=None, help="Only offers priced in this market's currency.")
@click.option("--csv", "as_csv", is_flag=True,
              help="Rows in the observed-points CSV columns, for review into "
                   "scrapers/providers/observed/.")
@with_appcontext
def observed(days: int, market: str | None, as_csv: bool) -> None:
    """Plan prices the service's own anonymous observations agree on (the same price seen by at
    least two independent reporters on one day), with on how many days and by how many
    reporters. Nothing here reaches the catalog by itself: a maintainer adds the product's price,
    category and the plan's kind, checks the page, and pastes the row into an observed CSV, from
    which `python -m scrapers.providers.bands` builds estimate rows."""
    from server import db
    from server.domain.fairvalue.inputs import CURRENCY_MARKETS
    from server.domain.price_history import agreed_offers
    from server.store import observations

    rows = observations.since(db.session(), date.today() - timedelta(days=days))
    found = [o for o in agreed_offers(rows)
             if market is None or CURRENCY_MARKETS.get(o.currency) == market]
    if as_csv:
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(POINT_COLUMNS)
        for o in found:
            writer.writerow((
                CURRENCY_MARKETS.get(o.currency, ""), "", o.site, o.offer, "", o.term_months,
                o.price, o.currency, "", "", "", "",
                f"yanbao offer_observations: site={o.site} item_id={o.item_id}", "",
                f"{o.last_day} (agreed by {o.reporters} independent reporters on {o.days} "
                f"days; {o.lowest}-{o.highest} over them)"))
        return
    click.echo(f"{len(found)} offers agreed by independent reporters in the last {days} days")
    for o in found:
        spread = "" if o.lowest == o.highest else f" (seen {o.lowest}-{o.highest})"
        click.echo(f"  {o.site} {o.item_id}: {o.offer}, {o.term_months} months, "
                   f"{o.price} {o.currency}{spread}; {o.reporters} reporters, {o.days} days, "
                   f"last {o.last_day}")
