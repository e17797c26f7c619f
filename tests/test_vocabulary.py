"""Each shared word is defined once: the service's vocabulary module. The extension's copy is
written from it (and from the request schemas), and this test fails when it is stale or when a
module defines a vocabulary list of its own again."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

from server.schemas import extension_contract

ROOT = Path(__file__).resolve().parents[1]


def test_the_extension_vocabulary_is_written_from_the_service():
    assert extension_contract.TARGET.read_text(encoding="utf-8") == extension_contract.render(), (
        "extension/lib/vocabulary.js is stale: run `make vocabulary`")


# A literal list of three or more of these words is a second definition of a vocabulary.
WORDS = {"manufacturer", "statutory", "card", "plan", "accidental", "extended",
         "accidental_damage", "replace", "purchase", "after_manufacturer", "on_date", "in_force",
         "refunded", "void", "large", "small", "digital", "medical"}
QUOTED = re.compile(r"[\"']([a-z_]+)[\"']")
LIST = re.compile(r"[\(\[]([^()\[\]]{10,400})[\)\]]")


def _definitions(text: str) -> list[str]:
    found = []
    for match in LIST.finditer(text):
        inner = match.group(1)
        words = QUOTED.findall(inner)
        if QUOTED.sub("", inner).replace(",", "").strip():
            continue  # not a plain list of words (a call, a condition)
        known = set(words) & WORDS
        if len(known) >= 3 and len(known) >= 0.6 * len(set(words)):
            found.append(match.group(0)[:80])
    return found


def test_no_module_restates_a_vocabulary():
    files = subprocess.run(["git", "ls-files", "server", "extension", "scrapers"], cwd=ROOT,
                           capture_output=True, text=True, check=True).stdout.split()
    owners = {"server/domain/vocabulary.py", "scrapers/categories.py",
              "extension/lib/vocabulary.js"}
    offenders = {}
    for name in files:
        # Migrations keep the words of their day on purpose: they must not change with the code.
        if (name in owners or "/test" in name or "/migrations/" in name
                or not name.endswith((".py", ".js"))):
            continue
        found = _definitions((ROOT / name).read_text(encoding="utf-8"))
        if found:
            offenders[name] = found
    assert offenders == {}, f"define these in server/domain/vocabulary.py instead: {offenders}"


def test_the_services_verdict_words_are_the_panels():
    """The headline and the "why" sentences (server text) name a verdict with the same words as
    the panel's verdict column (extension locale), in both languages: a shopper reading
    "可买可不买" in the table and "勉强" in the sentence above it sees two verdicts."""
    import json

    from server.domain.fairvalue.text import VERDICT_EN, VERDICT_ZH
    keys = {"worth_it": "verdictWorthIt", "marginal": "verdictMarginal",
            "not_worth_it": "verdictNotWorthIt", "already_covered": "verdictAlreadyCovered"}
    locales = {lang: json.loads((ROOT / "extension" / "_locales" / lang / "messages.json")
                                .read_text(encoding="utf-8")) for lang in ("en", "zh_CN")}
    assert set(VERDICT_EN) == set(VERDICT_ZH) == set(keys)
    for verdict, key in keys.items():
        assert VERDICT_EN[verdict] == locales["en"][key]["message"].lower()
        assert VERDICT_ZH[verdict] == locales["zh_CN"][key]["message"]
