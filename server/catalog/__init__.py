"""Warranty catalog: providers, plans, statutory cover, failure and repair tables as data files."""

from server.catalog.catalog import Catalog
from server.catalog.errors import CatalogError
from server.catalog.loader import DATA_DIR, load_catalog
from server.catalog.reloading import ReloadingCatalog

__all__ = ["DATA_DIR", "Catalog", "CatalogError", "ReloadingCatalog", "load_catalog"]
