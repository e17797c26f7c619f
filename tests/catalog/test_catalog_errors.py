"""A broken catalog file is reported with its file name and entry, by the loader and the CLI."""

from __future__ import annotations

import shutil

import pytest
from click.testing import CliRunner

from server.catalog import DATA_DIR, CatalogError, load_catalog
from server.catalog.cli import catalog_cli

PLAN_US = "plans_us.toml"


@pytest.fixture
def data(tmp_path):
    folder = tmp_path / "data"
    shutil.copytree(DATA_DIR, folder)
    return folder


def _edit(folder, name: str, old: str, new: str) -> None:
    path = folder / name
    text = path.read_text(encoding="utf-8")
    assert old in text, f"fixture text not found: {old!r}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


BREAKAGES = [
    # (file, old text, new text, expected entry label, expected words in the message)
    (PLAN_US, 'id = "target-electronics"\nprovider = "target"',
     'id = "target-electronics"\nprovider = "nobody"', "plan 'target-electronics'",
     "unknown provider"),
    (PLAN_US, 'source = "https://www.warrantyweek.com/archive/ww20061024.html"\n', "",
     "plan 'target-electronics'", "'source'"),
    (PLAN_US, 'price = "59.00"', 'price = "59.00"\nlow = "50.00"',
     "plan 'target-electronics'.prices[2]", "an estimate needs 'low', 'high', 'n' and 'method'"),
    (PLAN_US, 'price = "59.00"', 'price = "59.00"\nshare = "0.1"',
     "plan 'target-electronics'.prices[2]", "unknown keys ['share']"),
    (PLAN_US, 'id = "upsie-phone"', 'id = "upsie-phone"\nterm_month = 3', "plan 'upsie-phone'",
     "unknown keys"),
    (PLAN_US, 'currency = "USD"', 'currency = "usd"', "plan 'squaretrade-tv'", "ISO 4217"),
    ("failure.toml", 'subcategory = "tv"\nmarket = "*"\ncumulative = "0.07"',
     'subcategory = "tv"\nmarket = "*"\ncumulative = "7%"', "table[0]", "not a decimal"),
    ("repair.toml", 'reasoning = "A compressor repair', '# reasoning = "A compressor repair',
     "cost[4]", "an estimate needs 'reasoning'"),
    ("repair.toml", 'reasoning = "A compressor repair', 'reasonin = "A compressor repair',
     "cost[4]", "unknown keys ['reasonin']"),
    ("providers.toml", 'id = "tmall"', 'id = "jd"', "provider 'jd'", "duplicate id"),
    ("statutory.toml", "whole_unit_months = 24", "whole_unit_months = -1", "rule[6]",
     "whole number"),
    # A rule's name in the other language than the law's own, for the panel in that language.
    ("statutory.toml", 'name_en = "China\'s Three Guarantees rules (三包) for colour TVs"\n', "",
     "rule[0]", "a rule of the CN market needs 'name_en'"),
    ("statutory.toml", 'name_zh = "英国《2015年消费者权利法》"\n', "", "rule[7]",
     "a rule of the UK market needs 'name_zh'"),
]


@pytest.mark.parametrize(("name", "old", "new", "entry", "words"), BREAKAGES)
def test_loader_names_file_and_entry(data, name, old, new, entry, words):
    _edit(data, name, old, new)
    with pytest.raises(CatalogError) as caught:
        load_catalog(data)
    assert (caught.value.file, caught.value.entry) == (name, entry)
    assert words in caught.value.message


def test_invalid_toml_is_reported_with_its_file(data):
    (data / "plans_cn.toml").write_text("[[plan]\nid = 1\n", encoding="utf-8")
    with pytest.raises(CatalogError, match=r"^plans_cn.toml: \(file\): not valid TOML"):
        load_catalog(data)


def test_check_command_prints_a_summary():
    result = CliRunner().invoke(catalog_cli, ["check"])
    assert result.exit_code == 0, result.output
    assert "catalog OK" in result.output
    assert "plans: " in result.output and "estimates: " in result.output


def test_check_command_fails_with_file_and_entry(data):
    _edit(data, PLAN_US, 'id = "target-electronics"\nprovider = "target"',
          'id = "target-electronics"\nprovider = "nobody"')
    result = CliRunner().invoke(catalog_cli, ["check", "--dir", str(data)])
    assert result.exit_code == 1
    assert "plans_us.toml: plan 'target-electronics': unknown provider 'nobody'" in result.output


def test_catalog_cli_is_a_click_group_named_catalog():
    assert catalog_cli.name == "catalog" and "check" in catalog_cli.commands
