"""`flask catalog check`: validate every catalog file and print what it holds."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import click

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
    less than a shorter one at the same product price (estimates by their low ends)."""
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
            click.echo(f"    {p.term_months:>3} months  {plan.currency} {p.amount}  {basis}"
                       f"  {p.source}")
