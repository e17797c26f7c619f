"""`flask catalog check`: validate every catalog file and print what it holds."""

from __future__ import annotations

from pathlib import Path

import click

from server.catalog.errors import CatalogError
from server.catalog.loader import DATA_DIR, load_catalog

catalog_cli = click.Group("catalog", help="Warranty catalog commands.")


@catalog_cli.command("check")
@click.option("--dir", "folder", type=click.Path(exists=True, file_okay=False, path_type=Path),
              default=DATA_DIR, show_default=True, help="Folder of catalog .toml files.")
def check(folder: Path) -> None:
    """Validate all catalog files; exit 1 naming the file and entry of the first error."""
    try:
        catalog = load_catalog(folder)
    except CatalogError as error:
        click.echo(f"catalog error: {error}", err=True)
        raise SystemExit(1) from None
    summary = catalog.summary()
    click.echo(f"catalog OK ({folder})")
    for name, count in summary.items():
        click.echo(f"  {name.replace('_', ' ')}: {count}")
    unpriced = [plan.id for plan in catalog.plans if plan.unpriced_reason]
    if unpriced:
        click.echo(f"  plans without a published price: {', '.join(unpriced)}")
