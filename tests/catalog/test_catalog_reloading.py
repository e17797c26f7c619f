"""The per-process catalog reloads when a data file changes and survives a half-saved file."""

from __future__ import annotations

import os
import shutil

from server import create_app, quoting
from server.catalog import DATA_DIR, ReloadingCatalog


def _store(tmp_path):
    folder = tmp_path / "data"
    shutil.copytree(DATA_DIR, folder)
    return folder, ReloadingCatalog(folder, check_every=0)


def _touch_later(path) -> None:
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))


def _target_price(catalog) -> str:
    plan = next(p for p in catalog.plans if p.id == "target-electronics")
    return str(plan.prices[0].price)


def test_same_catalog_object_until_a_file_changes(tmp_path):
    folder, store = _store(tmp_path)
    first = store.get()
    assert store.get() is first
    path = folder / "plans_us.toml"
    path.write_text(path.read_text(encoding="utf-8").replace('price = "19.00"', 'price = "21.00"'),
                    encoding="utf-8")
    _touch_later(path)
    assert _target_price(first) == "19.00"
    assert _target_price(store.get()) == "21.00"


def test_a_broken_file_keeps_the_last_good_catalog(tmp_path, caplog):
    folder, store = _store(tmp_path)
    first = store.get()
    path = folder / "failure.toml"
    path.write_text("[[table]\n", encoding="utf-8")
    _touch_later(path)
    assert store.get() is first
    assert "catalog reload failed" in caplog.text


def test_checks_are_throttled(tmp_path):
    folder = tmp_path / "data"
    shutil.copytree(DATA_DIR, folder)
    store = ReloadingCatalog(folder, check_every=3600)
    first = store.get()
    (folder / "failure.toml").write_text("not toml [", encoding="utf-8")
    assert store.get() is first


def test_an_app_serves_the_shipped_catalog_and_apps_do_not_share_it(tmp_path):
    first = create_app({"DATABASE_URL": f"sqlite:///{tmp_path / 'a.db'}"})
    second = create_app({"DATABASE_URL": f"sqlite:///{tmp_path / 'b.db'}"})
    with first.app_context():
        catalog = quoting.current_catalog()
        assert catalog is quoting.current_catalog()
        assert len(catalog.plans) > 20
    with second.app_context():
        assert quoting.current_catalog() is not catalog
