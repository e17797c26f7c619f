"""Real Firefox with the unpacked extension (testkit/firefox_drive.mjs over WebDriver BiDi).

Needs Debian's firefox-esr, Node.js and puppeteer-core in extension/.tooling
(scripts/ensure-firefox.sh, run by `make test`); `missing()` says what is absent, so tests can
skip and say why. The extension's default service address is http://127.0.0.1:8000 and BiDi
cannot reach the extension's storage to change it, so the service must listen there.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

from testkit import ROOT

DRIVER = ROOT / "testkit" / "firefox_drive.mjs"
PUPPETEER = ROOT / "extension" / ".tooling" / "node_modules" / "puppeteer-core"
EXTENSION = ROOT / "extension"
SERVICE_PORT = 8000  # extension/lib/settings.js DEFAULT_SERVICE_URL


def firefox() -> str | None:
    return shutil.which("firefox-esr") or shutil.which("firefox")


def missing() -> str | None:
    """What this machine lacks to run Firefox tests, or None."""
    if firefox() is None:
        return "no Firefox (Debian package 'firefox-esr'; scripts/ensure-firefox.sh installs it)"
    if shutil.which("node") is None:
        return "no Node.js (Debian package 'nodejs')"
    if not (PUPPETEER / "package.json").exists():
        return "no puppeteer-core in extension/.tooling (scripts/ensure-firefox.sh installs it)"
    return None


def visit(proxy: str, pages: list[tuple[str, Path | None]], timeout: float = 180) -> dict:
    """Opens each (url, screenshot path) in one Firefox with the extension; the driver's report:
    {id, version, results: [{url, drawn, title}]}."""
    job = {"puppeteer": str(PUPPETEER), "firefox": firefox(), "extension": str(EXTENSION),
           "proxyPort": int(proxy.rsplit(":", 1)[1]),
           "pages": [{"url": url, "screenshot": str(shot) if shot else None}
                     for url, shot in pages]}
    done = subprocess.run(["node", str(DRIVER), json.dumps(job)], capture_output=True,
                          text=True, timeout=timeout, cwd=ROOT)
    if done.returncode != 0:
        raise AssertionError(f"the Firefox driver failed ({done.returncode}):\n"
                             f"{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])
