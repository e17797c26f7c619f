"""The extension's site files (extension/sites/<id>.js) as Python data, read by running them in
Node: what each says about its shop's hosts, match patterns and sample URLs. Used to check them
against the service's site parsers and to drive the browser over every shop's real hosts."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from functools import cache

from testkit import ROOT

NODE = shutil.which("node")
_TOOLS = ROOT / "extension" / "tools" / "site-files.mjs"
_PRINT = """
const { siteFileNames, loadSiteFiles } = await import(process.argv[1]);
const sites = await loadSiteFiles(await siteFileNames());
const fields = ["id", "fallback", "hosts", "matches", "accepts", "rejects", "shortLinkDomains"];
console.log(JSON.stringify([...sites].map(([file, site]) =>
  ({ file, ...Object.fromEntries(fields.map((f) => [f, site?.[f] ?? null])) }))));
"""


@cache
def extension_sites() -> dict[str, dict]:
    """Each site file by its name without .js: {id, fallback, hosts, matches, accepts, …}."""
    if NODE is None:
        raise RuntimeError("reading extension/sites/*.js needs Node.js (Debian package 'nodejs')")
    out = subprocess.run([NODE, "--input-type=module", "-e", _PRINT, _TOOLS.as_uri()],
                         check=True, capture_output=True, text=True, cwd=ROOT).stdout
    return {site["file"].removesuffix(".js"): site for site in json.loads(out)}


def content_script_runs_on(url: str) -> bool:
    """Whether a site file's match pattern puts the content script on url (patterns use only
    '*'; manifest.json lists exactly these, see extension/tools/sync-sites.mjs)."""
    patterns = [p for shop in extension_sites().values() for p in shop["matches"]]
    return any(re.fullmatch(".*".join(map(re.escape, p.split("*"))), url) for p in patterns)
