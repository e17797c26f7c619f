"""The dispatcher: pushes due reminders to the account's channels, each exactly once.

A pass: rows a dead dispatcher left mid-send become `unknown`; a delivery is made for each due
reminder × channel; then batches are claimed and sent one by one (server.store.deliveries has
the claiming, server.domain.reminders.delivery the states and the crash trade-off). Each send
is in the account's language, outside its quiet hours (a claimed row found in quiet hours goes
back to pending until they end), and a reminder acknowledged or muted since it was claimed is
not sent. Failures are retried with exponential backoff and given up after a limit.

`flask --app server reminders dispatch` runs one pass; `--loop` runs one every
DISPATCH_SECONDS until SIGTERM or SIGINT, finishing the message in flight and handing back
what it had claimed. Every CALENDAR_WARM_SECONDS the loop also builds the calendar-feed events
of coverages written since (warm_calendars), so that feeds are joined, not built, when calendar
apps fetch them; finding those coverages reads every subscribed account's coverages (0.1 s on
SQLite, 0.4 s on PostgreSQL for 100,000: bench/bench_reminders.py), so not on every pass; and
once a day it sweeps evidence files a crash left without a row (server.store.evidence).
`make run` starts the loop beside gunicorn (gunicorn.conf.py).
"""

from __future__ import annotations

import logging
import os
import signal
import socket
import threading
import time
import uuid
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

from cryptography.fernet import MultiFernet
from flask import Flask, current_app
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from server.db.models import utcnow
from server.domain.reminders import Preferences, words
from server.domain.reminders.delivery import RetryPolicy, not_before
from server.push import apprise_urls, destinations, secrets
from server.serialize import calendar
from server.store import deliveries as store
from server.store import evidence
from server.store.reminders import preferences

log = logging.getLogger(__name__)
SWEEP_EVERY = 24 * 3600.0


def keyring_of(app: Flask | None = None) -> MultiFernet:
    """The app's channel keys (server.push.secrets), read once per process."""
    app = app or current_app
    keys = app.extensions.get("yanbao.channel_keys")
    if keys is None:
        key_file = app.config.get("CHANNEL_KEY_FILE") or Path(app.instance_path) / "channel.key"
        keys = app.extensions["yanbao.channel_keys"] = secrets.keyring(
            app.config.get("CHANNEL_KEY"), key_file)
    return keys


@dataclass
class Settings:
    lease: timedelta = timedelta(seconds=60)
    batch: int = 20
    max_age: timedelta = timedelta(hours=48)
    retry: RetryPolicy = field(default_factory=RetryPolicy)
    workers: int = 4  # sends in flight at once: a real webhook answers in 100 ms or more
    private_networks: tuple = ()  # that channels may send to (server.push.destinations)
    warm_every: float = 300.0  # seconds between looks for calendar events to build
    evidence_dir: Path | None = None  # swept of orphaned files once a day (server.store.evidence)

    @classmethod
    def of(cls, config) -> Settings:
        return cls(lease=timedelta(seconds=config["DISPATCH_LEASE_SECONDS"]),
                   batch=config["DISPATCH_BATCH"], workers=config["DISPATCH_WORKERS"],
                   max_age=timedelta(hours=config["DISPATCH_MAX_AGE_HOURS"]),
                   private_networks=destinations.networks(config["CHANNEL_PRIVATE_NETWORKS"]),
                   warm_every=config["CALENDAR_WARM_SECONDS"],
                   evidence_dir=Path(config["EVIDENCE_DIR"]),
                   retry=RetryPolicy(max_attempts=config["DELIVERY_MAX_ATTEMPTS"],
                                     base=timedelta(seconds=config["DELIVERY_RETRY_SECONDS"])))


class Dispatcher:
    def __init__(self, engine: Engine, keys: MultiFernet, settings: Settings,
                 clock=utcnow):
        self.engine, self.keys, self.settings, self.clock = engine, keys, settings, clock
        self.name = f"{socket.gethostname()[:40]}:{os.getpid()}"
        self.stopping = threading.Event()
        self._warm_next = 0.0  # time.monotonic() of the next look; a full batch looks again
        self._sweep_next = 0.0

    def run_pass(self) -> Counter:
        """One pass over everything ready now; returns what happened, by outcome. Claimed
        batches are sent by `workers` threads, each delivery in its own transactions."""
        me = f"{self.name}:{uuid.uuid4().hex[:12]}"  # a claim token of this pass's own
        tally: Counter = Counter()
        cache: dict = {}
        now = self.clock()
        with store.writing(self.engine) as connection:
            tally["interrupted"] += store.expire_sending(connection, me, now)
        with store.writing(self.engine) as connection:
            tally["enqueued"] += store.enqueue(connection, now, self.settings.max_age)
        try:
            with ThreadPoolExecutor(self.settings.workers) as pool:
                while not self.stopping.is_set():
                    with store.writing(self.engine) as connection:
                        ids = store.claim(connection, me, self.clock(), self.settings.lease,
                                          self.settings.batch)
                        rows = store.work(connection, ids)
                    if not rows:
                        break
                    for outcome in pool.map(lambda row: self._deliver(row, me, cache), rows):
                        tally[outcome] += 1
        finally:
            with store.writing(self.engine) as connection:
                store.release_all(connection, me, self.clock())
        return tally

    def _deliver(self, row, me: str, cache: dict) -> str:
        if self.stopping.is_set():
            return "handed_back"  # still claimed: release_all hands it back
        now = self.clock()
        prefs = self._prefs(row.account_id, cache)
        if not store.still_due(row, now):
            with store.writing(self.engine) as connection:
                store.withdraw(connection, row, me, now)
            return "withdrawn"
        after = not_before(now, prefs)
        if after > now:
            with store.writing(self.engine) as connection:
                store.put_back(connection, row.id, me, after, now)
            return "quiet_hours"
        with store.writing(self.engine) as connection:
            if not store.mark_sending(connection, row.id, me, now, self.settings.lease):
                return "taken_over"
        outcome = self._send(row, prefs, now, cache)
        retry_at = None if outcome.ok else self.settings.retry.after_failure(
            row.attempts + 1, self.clock())
        with store.writing(self.engine) as connection:
            store.record(connection, row.id, me, self.clock(), outcome.ok, outcome.error,
                         outcome.duration_ms, retry_at)
        if outcome.ok:
            return "sent"
        log.warning("delivery %s to %s failed (try %s): %s", row.id, row.masked,
                    row.attempts + 1, outcome.error)
        return "retry" if retry_at else "failed"

    def _send(self, row, prefs: Preferences, now: datetime, cache: dict):
        today = now.astimezone(prefs.zone).date()
        title, message = words(row.kind, row.event_on, today, row.title, row.names or [],
                               prefs.language)
        try:
            url, plugin = self._channel(row, cache)
        except secrets.ChannelKeyError as exc:
            return apprise_urls.Outcome(False, str(exc), 0)
        return apprise_urls.send(url, row.masked, title, message, plugin,
                                 self.settings.private_networks)

    def _channel(self, row, cache: dict):
        """The channel's URL and an Apprise plugin for it, one per channel and thread (a
        plugin keeps per-instance state, such as its throttle)."""
        key = ("channel", row.channel_id, threading.get_ident())
        if key not in cache:
            url = secrets.decrypt(self.keys, row.url_encrypted)
            cache[key] = (url, apprise_urls.plugin_for(url))
        return cache[key]

    def _prefs(self, account_id: int, cache: dict) -> Preferences:
        key = ("prefs", account_id)
        if key not in cache:
            with self.engine.connect() as connection:
                cache[key] = preferences(connection, account_id)
        return cache[key]

    def run_forever(self, interval: float) -> None:
        """A pass every `interval` seconds until SIGTERM or SIGINT (then finish the message in
        flight, hand back the claims, return)."""
        def stop(signum, _frame):
            log.info("dispatcher stopping (signal %s)", signum)
            self.stopping.set()

        signal.signal(signal.SIGTERM, stop)
        signal.signal(signal.SIGINT, stop)
        while not self.stopping.is_set():
            try:
                tally = self.run_pass()
                if any(v for k, v in tally.items()):
                    log.info("dispatch pass: %s", summary(tally))
                self.warm_when_due()
                self.sweep_when_due()
            except Exception:  # the database away for a moment must not end the loop
                log.exception("dispatch pass failed; trying again in %s s", interval)
            self.stopping.wait(interval)

    def warm_when_due(self, clock=time.monotonic) -> int:
        """warm_calendars every `warm_every` seconds, and on the next pass again while it
        finds a full batch to build; returns how many coverages' events it built."""
        if clock() < self._warm_next:
            return 0
        built = self.warm_calendars()
        if built:
            log.info("calendar feeds: %s coverages' events built", built)
        self._warm_next = clock() + (0 if built >= calendar.WARM_BATCH
                                     else self.settings.warm_every)
        return built

    def sweep_when_due(self, clock=time.monotonic) -> int:
        """Once a day, remove evidence files no row names (left by a crash mid-upload)."""
        if self.settings.evidence_dir is None or clock() < self._sweep_next:
            return 0
        with Session(self.engine) as session:
            removed = evidence.sweep(session, self.settings.evidence_dir, utcnow())
        if removed:
            log.info("evidence: %s orphaned files removed", removed)
        self._sweep_next = clock() + SWEEP_EVERY
        return removed

    def warm_calendars(self) -> int:
        """Build the calendar-feed events of coverages written since the last pass, for
        accounts that have a feed address, so a calendar app's next fetch only joins them
        (server.serialize.calendar). Bounded per pass; the next pass takes the rest."""
        return calendar.warm(self.engine)


def summary(tally: Counter) -> str:
    return ", ".join(f"{k} {v}" for k, v in sorted(tally.items()) if v) or "nothing to do"


def from_app(app: Flask | None = None) -> Dispatcher:
    app = app or current_app
    from server import db

    return Dispatcher(db.engine(), keyring_of(app), Settings.of(app.config))

