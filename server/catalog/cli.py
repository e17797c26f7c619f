"""`flask catalog check`: validate every catalog file and print what it holds."""

from __future__ import annotations

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
