"""What the content script decided on a page, from the performance marks it leaves at the end of
every pass (``yanbao:decided:<outcome>``, see extension/content/content.js). Marks are shared
between the content script's isolated world and the page's own, so a test reads them from the
page and waits for the pass it caused instead of sleeping. A new document starts with none."""

from __future__ import annotations

PREFIX = "yanbao:decided:"

_READ = """(prefix) => performance.getEntriesByType("mark")
    .filter((m) => m.name.startsWith(prefix)).map((m) => m.name.slice(prefix.length))"""
_SEEN = """([prefix, after, expected]) => performance.getEntriesByType("mark")
    .filter((m) => m.name.startsWith(prefix)).slice(after)
    .some((m) => expected.includes(m.name.slice(prefix.length)))"""


def decisions(page) -> list[str]:
    """The outcomes of every pass on the page's current document, oldest first."""
    return page.evaluate(_READ, PREFIX)


def wait_for_decision(page, *expected: str, after: int = 0, timeout: float = 10) -> list[str]:
    """Waits for a pass after the first `after` ones to end in one of `expected`; answers the
    outcomes of the passes after `after`."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    try:
        page.wait_for_function(_SEEN, arg=[PREFIX, after, list(expected)],
                               timeout=timeout * 1000)
    except PlaywrightTimeout:
        raise AssertionError(f"no pass ended in {expected} after the first {after}; the content "
                             f"script decided {decisions(page)}") from None
    return decisions(page)[after:]
