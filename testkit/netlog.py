"""What a browser asked the network for, read from Chromium's own net log: it records every
request from pages, the service worker and extension pages, and is complete once the browser
context has closed."""

from __future__ import annotations

import json
from pathlib import Path


def net_log_urls(path: Path) -> list[str]:
    """Every URL a request was started for, read from a closed context's net log."""
    text = path.read_text(encoding="utf-8", errors="replace").rstrip()
    if not text.endswith("}"):  # a log cut short still has whole events up to the last one
        text = text.rstrip(",\n") + "]}"
    log = json.loads(text)
    start_job = log["constants"]["logEventTypes"]["URL_REQUEST_START_JOB"]
    return [e["params"]["url"] for e in log.get("events", [])
            if e.get("type") == start_job and "url" in e.get("params", {})]
