"""The catalog an app serves, reloaded when a data file changes (checked at most once a second).

Each app keeps its own in `app.extensions` (see server.quoting), so tests can point one at a
folder of their own."""

from __future__ import annotations

import logging
import threading
import time
from pathlib import Path

from server.catalog.catalog import Catalog
from server.catalog.loader import DATA_DIR, data_files, load_catalog

_CHECK_EVERY_SECONDS = 1.0
_log = logging.getLogger(__name__)


class ReloadingCatalog:
    """Holds the current Catalog; a reload that fails keeps serving the last good one."""

    def __init__(self, folder: Path = DATA_DIR, check_every: float = _CHECK_EVERY_SECONDS):
        self.folder, self.check_every = folder, check_every
        self._catalog: Catalog | None = None
        self._checked_at = 0.0
        self._lock = threading.Lock()

    def _stamp(self) -> tuple:
        return tuple((p.name, p.stat().st_mtime_ns) for p in data_files(self.folder))

    def get(self) -> Catalog:
        now = time.monotonic()
        if self._catalog is not None and now - self._checked_at < self.check_every:
            return self._catalog
        with self._lock:
            self._checked_at = now
            if self._catalog is None:
                self._catalog = load_catalog(self.folder)
            elif self._stamp() != self._catalog.version:
                self._reload()
        return self._catalog

    def _reload(self) -> None:
        try:
            self._catalog = load_catalog(self.folder)
        except (ValueError, OSError) as error:
            # A half-saved file must not take the service down; `flask catalog check` reports it.
            _log.warning("catalog reload failed, keeping the previous catalog: %s", error)

