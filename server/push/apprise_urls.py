"""Apprise URLs: check one, mask it for showing, send one message through it.

A channel URL carries its secrets in every part (a DingTalk token is the "host", a webhook's
path or query may be the key, an email URL has a password), so nothing here returns, raises or
logs the URL. Apprise's own log goes nowhere but to a per-send capture (its debug lines print
whole URLs); the failure reason taken from it has every part of the URL that the masked form
does not show replaced by `***`.
"""

from __future__ import annotations

import logging
import re
import threading
import time
from dataclasses import dataclass
from functools import cache
from urllib.parse import urlsplit

import apprise

from server.push import destinations

# Plugins that notify the server itself (its desktop, its syslog), never the shopper.
LOCAL_SCHEMES = frozenset({"syslog", "rsyslog", "dbus", "kde", "glib", "gnome", "qt",
                           "windows", "macosx", "macos"})
EXAMPLES = ("mailto://", "dingtalk://", "wecombot://", "feishu://", "bark://", "ntfy://",
            "tgram://", "json://")
MAX_ERROR = 500
_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.-]{0,31})://")
_PARTS = re.compile(r"[^:/@?&=#,;+]+")
_LOG = logging.getLogger("apprise")
_LOG.propagate = False  # its DEBUG lines carry whole URLs; see _Capture for what we keep
_LOG.setLevel(logging.WARNING)
# urllib3's DEBUG lines carry request paths ("POST /hook/<key> HTTP/1.1"): never below WARNING.
logging.getLogger("urllib3").setLevel(logging.WARNING)


class BadUrl(ValueError):
    """What to fix about a channel URL (never contains the URL)."""


@dataclass(frozen=True)
class Checked:
    scheme: str
    service: str
    masked: str


@dataclass(frozen=True)
class Outcome:
    ok: bool
    error: str | None
    duration_ms: int


@cache
def supported() -> dict[str, str]:
    """Every scheme Apprise can send to from a server: scheme → service name."""
    schemes = {}
    for entry in apprise.Apprise().details()["schemas"]:
        for scheme in (entry.get("protocols") or ()) + (entry.get("secure_protocols") or ()):
            if scheme not in LOCAL_SCHEMES:
                schemes[scheme] = str(entry["service_name"])
    return schemes


def check(url: str, allowed: tuple[destinations.Network, ...] = ()) -> Checked:
    """The URL's scheme, service and masked form; BadUrl says what is wrong. `allowed`: the
    private networks the operator lets channels send to (server.push.destinations)."""
    match = _SCHEME.match(url)
    if match is None:
        raise BadUrl("Give an Apprise URL that starts with its scheme, such as "
                     + ", ".join(EXAMPLES) + " (see https://github.com/caronc/apprise/wiki).")
    scheme = match[1].lower()
    if scheme in LOCAL_SCHEMES:
        raise BadUrl(f"'{scheme}://' would notify this server, not you; use one such as "
                     + ", ".join(EXAMPLES) + ".")
    if scheme not in supported():
        raise BadUrl(f"'{scheme}://' is not a scheme Apprise supports; use one such as "
                     + ", ".join(EXAMPLES) + " (all of them: "
                     "https://github.com/caronc/apprise/wiki).")
    with _Capture() as capture:
        plugin = apprise.Apprise.instantiate(url)
    if plugin is None:
        reason = redact(capture.text(), url, f"{scheme}://")
        raise BadUrl(f"This is not a valid {supported()[scheme]} URL"
                     + (f" ({reason})" if reason else "")
                     + f"; see https://github.com/caronc/apprise/wiki for the {scheme}:// form.")
    if (refused := destinations.refusal(plugin, allowed)) is not None:
        raise BadUrl(refused)
    return Checked(scheme, supported()[scheme], mask(plugin.url(privacy=True)))


def mask(private: str) -> str:
    """Scheme, who and where from Apprise's privacy form (which already hides passwords and
    tokens); the path and query are dropped (a webhook keeps its key there), and a host that is
    not a host name (a token, a topic) shows only its first and last characters."""
    parts = urlsplit(private)
    netloc = parts.netloc
    user, _, host = netloc.rpartition("@")
    name = host.split(":")[0]
    if "." not in name and "..." not in name and len(name) > 2 and name != "localhost":
        host = f"{name[0]}...{name[-1]}" + host[len(name):]
    shown = f"{user}@{host}" if user else host
    rest = "/…" if parts.path.strip("/") or parts.query else "/"
    return f"{parts.scheme}://{shown}{rest}"


def secret_parts(url: str, masked: str) -> list[str]:
    """Every piece of the URL the masked form does not show, longest first."""
    pieces = {url, *(p for p in _PARTS.findall(url.split("://", 1)[-1]) if len(p) >= 3)}
    return sorted((p for p in pieces if p not in masked), key=len, reverse=True)


def redact(text: str, url: str, masked: str) -> str:
    for piece in secret_parts(url, masked):
        text = text.replace(piece, "***")
    return text[:MAX_ERROR]


def send(url: str, masked: str, title: str, body: str, plugin=None,
         allowed: tuple[destinations.Network, ...] = ()) -> Outcome:
    """Send one message; the outcome's error says why it failed, without secrets. The
    destination is checked again first: a name may point elsewhere since the channel was added."""
    started = time.perf_counter()
    with _Capture() as capture:
        try:
            target = plugin or apprise.Apprise.instantiate(url)
            if target is not None and (refused := destinations.refusal(target, allowed)):
                return Outcome(False, refused, int((time.perf_counter() - started) * 1000))
            ok = bool(target is not None and target.notify(body=body, title=title))
        except Exception as exc:  # a plugin bug must not stop the dispatcher
            ok = False
            capture.note(f"{type(exc).__name__}: {exc}")
    error = None
    if not ok:
        error = redact(capture.text(), url, masked) or "The service refused the message."
    return Outcome(ok, error, int((time.perf_counter() - started) * 1000))


def plugin_for(url: str):
    """A ready plugin for repeated sends (a dispatcher's pass reuses one per channel)."""
    with _Capture():
        return apprise.Apprise.instantiate(url)


class _Capture(logging.Handler):
    """Apprise's warnings and errors logged by this thread (or greenlet) while it is open."""

    def __init__(self):
        super().__init__(logging.WARNING)
        self._thread = threading.get_ident()
        self._lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        if record.thread == self._thread:
            self._lines.append(record.getMessage())

    def note(self, line: str) -> None:
        self._lines.append(line)

    def text(self) -> str:
        return " ".join(dict.fromkeys(line.strip() for line in self._lines if line.strip()))

    def __enter__(self) -> _Capture:
        _LOG.addHandler(self)
        return self

    def __exit__(self, *exc) -> None:
        _LOG.removeHandler(self)
