"""Chromium with the unpacked extension: a fresh profile, the page server as its proxy, no
other network, its net log on, the extension pointed at a running service."""

from __future__ import annotations

import contextlib
import json
import shutil
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from testkit import ROOT
from testkit.pages import PageServer
from testkit.service import Service

EXTENSION = ROOT / "extension"
CHROMIUM = Path("/usr/bin/chromium")


@dataclass
class Browser:
    context: object
    extension_id: str
    worker: object
    net_log: Path
    service_url: str
    first_run_url: str = ""

    def url(self, path: str) -> str:
        return f"chrome-extension://{self.extension_id}/{path}"

    def storage(self, key: str):
        return self.worker.evaluate(
            "(key) => chrome.storage.local.get(key).then((r) => r[key] ?? null)", key)

    def set_settings(self, **changes) -> None:
        """Writes settings straight into storage, as the options page would save them."""
        self.worker.evaluate(
            """async (changes) => {
                const { settings = {} } = await chrome.storage.local.get("settings");
                const next = { version: 2, ...settings, ...changes };
                await chrome.storage.local.set({ settings: next });
            }""", changes)

    def wait_for_setting(self, key: str, expected, timeout: float = 5) -> None:
        """Panel clicks reach storage through the worker, a moment after the click."""
        deadline = time.monotonic() + timeout
        while (actual := (self.storage("settings") or {}).get(key)) != expected:
            assert time.monotonic() < deadline, f"settings[{key!r}] is {actual!r}, not {expected!r}"
            time.sleep(0.05)

    def token(self, timeout: float = 10) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            auth = self.storage("auth")
            if auth and auth.get("token") and auth.get("serviceUrl") == self.service_url:
                return auth["token"]
            time.sleep(0.1)
        raise AssertionError("the extension did not register a device")

    def register(self) -> str:
        """Registers with the configured service the way the welcome page's button does."""
        page = self.context.new_page()
        page.goto(self.url("welcome/welcome.html"))
        page.wait_for_selector("#registration:not(:empty)")
        if page.is_visible("#register"):
            page.click("#register")
        token = self.token()
        page.close()
        return token


def chromium_args(proxy: str, net_log: Path, extension: Path = EXTENSION) -> list[str]:
    """Every page through the page server; any name lookup outside it fails, so a test can never
    reach the real sites. Loopback (the service) bypasses the proxy and the resolver rule."""
    return [
        f"--disable-extensions-except={extension}", f"--load-extension={extension}",
        "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        f"--proxy-server={proxy}", "--ignore-certificate-errors",
        "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost",
        f"--log-net-log={net_log}", "--net-log-capture-mode=Default",
    ]


def extension_granted(permissions: tuple[str, ...], folder: Path) -> Path:
    """A copy of the extension with these optional permissions granted at install: what the
    shopper's click on the browser's prompt gives (e.g. "Turn on reminders" → notifications).
    Headless Chromium cannot answer that prompt, and it has no switch to pre-answer it."""
    target = folder / "extension"
    shutil.copytree(EXTENSION, target, ignore=shutil.ignore_patterns(".tooling", "node_modules",
                                                                    "test", "tools"))
    manifest_path = target / "manifest.json"
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    optional = manifest.get("optional_permissions", [])
    missing = [p for p in permissions if p not in optional]
    assert not missing, f"not optional permissions of the extension: {missing}"
    manifest["optional_permissions"] = [p for p in optional if p not in permissions]
    manifest["permissions"] = [*manifest["permissions"], *permissions]
    manifest_path.write_text(json.dumps(manifest, indent=2), encoding="utf-8")
    return target


@contextlib.contextmanager
def launch_browser(service: Service, pages: PageServer, *, lang: str = "en",
                   ui_locale: str = "en-US", granted: tuple[str, ...] = ()) -> Iterator[Browser]:
    """Chromium with the extension, its UI in ui_locale, the extension's language set to lang;
    `granted` optional permissions held from the start (see extension_granted)."""
    from playwright.sync_api import sync_playwright

    profile = Path(tempfile.mkdtemp(prefix="yanbao-profile-"))
    net_log = profile.parent / f"{profile.name}-netlog.json"
    copy = Path(tempfile.mkdtemp(prefix="yanbao-ext-")) if granted else None
    extension = extension_granted(granted, copy) if copy else EXTENSION
    with sync_playwright() as p:
        context = p.chromium.launch_persistent_context(
            str(profile), executable_path=str(CHROMIUM), headless=True,
            args=[*chromium_args(pages.proxy, net_log, extension), f"--lang={ui_locale}"],
            locale=ui_locale)
        context.set_default_timeout(10_000)
        try:
            worker = context.service_workers[0] if context.service_workers else \
                context.wait_for_event("serviceworker", timeout=10_000)
            browser = Browser(context, worker.url.split("/")[2], worker, net_log, service.url)
            browser.set_settings(serviceUrl=service.url, language=lang)
            # First run opens the page that says what the extension reads and sends.
            welcome = next((pg for pg in context.pages if "welcome" in pg.url), None)
            if welcome is None:
                welcome = context.wait_for_event(
                    "page", predicate=lambda pg: "welcome" in pg.url, timeout=5_000)
            browser.first_run_url = welcome.url
            welcome.close()
            yield browser
        finally:
            context.close()
    shutil.rmtree(profile, ignore_errors=True)
    if copy:
        shutil.rmtree(copy, ignore_errors=True)
