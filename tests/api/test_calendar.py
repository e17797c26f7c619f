"""The calendar feed (/api/v1/calendar, /calendar/<secret>.ics) on a real database (SQLite, and
PostgreSQL when set), read back by vobject: an iCalendar parser independent of the icalendar
package that builds the feed."""

from __future__ import annotations

import secrets
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import vobject
from sqlalchemy import create_engine, text

from server import create_app
from server.serialize.calendar import FeedCache

SHANGHAI = ZoneInfo("Asia/Shanghai")
NINE = timedelta(hours=9)


def today() -> date:
    return datetime.now(SHANGHAI).date()


def day(offset: int) -> date:
    return today() + timedelta(days=offset)


def household() -> dict:
    """Every kind of event: a whole-unit warranty ending in 20 days, a compressor's in 1000, a
    plan starting the day after the warranty and ending in 750 days (its full-refund window
    closed long ago), and a card's extension ending in 385."""
    return {"product": {"title": "海尔冰箱 BCD-470"}, "purchase_date": day(-345).isoformat(),
            "layers": [
                {"kind": "manufacturer", "end_date": day(20).isoformat()},
                {"kind": "manufacturer", "component": "compressor",
                 "end_date": day(1000).isoformat()},
                {"kind": "plan", "name": "京东延保", "starts": "after_manufacturer",
                 "end_date": day(750).isoformat(), "cancellation": {"full_refund_days": 30}},
                {"kind": "card", "name": "Visa", "end_date": day(385).isoformat()}]}


def simple(title: str, ends_in: int) -> dict:
    return {"product": {"title": title}, "purchase_date": day(-300).isoformat(),
            "layers": [{"kind": "manufacturer", "end_date": day(ends_in).isoformat()}]}


def create(client, auth, body) -> str:
    response = client.post("/api/v1/coverages", json=body, headers=auth)
    assert response.status_code == 201, response.get_json()
    return response.get_json()["id"]


def address(client, auth) -> str:
    response = client.get("/api/v1/calendar", headers=auth)
    assert response.status_code == 200, response.get_json()
    assert response.headers["Cache-Control"] == "no-store"
    url = response.get_json()["url"]
    assert url.startswith("/calendar/") and url.endswith(".ics")
    return url


def fetch(client, url) -> vobject.base.Component:
    response = client.get(url)
    assert response.status_code == 200, response.data[:300]
    assert response.content_type == "text/calendar; charset=utf-8"
    return vobject.readOne(response.data.decode())


def events(calendar) -> dict[str, dict]:
    """VEVENTs by summary: day, UID, alarm offsets, description."""
    found = {}
    for event in getattr(calendar, "vevent_list", []):
        summary = event.summary.value
        assert summary not in found, f"two events named {summary!r}"
        found[summary] = {"on": event.dtstart.value, "end": event.dtend.value,
                          "uid": event.uid.value, "text": event.description.value,
                          "alarms": sorted(a.trigger.value for a in
                                           getattr(event, "valarm_list", []))}
    return found


def at(*leads: int) -> list[timedelta]:
    """Alarm offsets from the start of an all-day event: `lead` days before, at 09:00."""
    return sorted(NINE - timedelta(days=lead) for lead in leads)


def test_every_event_of_a_coverage_with_its_alarms(client, auth):
    create(client, auth, household())
    calendar = fetch(client, address(client, auth))
    assert calendar.version.value == "2.0"
    found = events(calendar)
    product = "海尔冰箱 BCD-470："
    assert {name: (e["on"], e["alarms"]) for name, e in found.items()} == {
        # 30 days before is already past: the latest past alarm stays, as the API's reminder
        f"{product}厂商保修到期": (day(20), at(30, 7, 0)),
        f"{product}compressor的厂商保修到期": (day(1000), at(30, 7, 0)),
        f"{product}京东延保开始": (day(21), at(30, 7, 0)),
        f"{product}京东延保到期": (day(750), at(30, 7, 0)),
        f"{product}京东延保的全额退款期到期": (day(-345) + timedelta(days=30), []),  # past
        f"{product}信用卡的延长保修到期": (day(385), at(30, 7, 0)),
    }
    for event in found.values():
        assert isinstance(event["on"], date) and not isinstance(event["on"], datetime)
        assert event["end"] == event["on"] + timedelta(days=1)  # all-day
        assert event["uid"].endswith("@calendar.yanbao")
    assert found[f"{product}厂商保修到期"]["text"] == (
        f"{product}厂商保修截止于{day(20).isoformat()}。如有故障，请在此之前免费报修。")
    assert len({e["uid"] for e in found.values()}) == len(found)


def test_the_same_events_as_the_reminders(client, auth):
    """Every future event the reminders schedule holds is on the calendar, on its day."""
    create(client, auth, household())
    create(client, auth, simple("Dyson V15", 5))
    reminders = []
    for state in ("due", "upcoming"):
        reminders += client.get(f"/api/v1/reminders?state={state}&limit=500",
                                headers=auth).get_json()["items"]
    scheduled = {r["event_on"] for r in reminders}
    on_calendar = {e["on"].isoformat() for e in events(fetch(client, address(client, auth)))
                   .values() if e["on"] >= today()}
    assert scheduled == on_calendar and len(scheduled) == 6


def test_an_event_in_five_days_alarms_once_for_the_past_leads(client, auth):
    create(client, auth, simple("Dyson V15", 5))
    (event,) = events(fetch(client, address(client, auth))).values()
    assert event["alarms"] == at(7, 0)  # not the 30-day one as well


def test_uids_stay_across_fetches_and_an_edit_of_another_coverage(client, auth):
    create(client, auth, household())
    other = create(client, auth, simple("Dyson V15", 90))
    url = address(client, auth)
    first = client.get(url)
    second = client.get(url)
    assert second.data == first.data and second.headers["ETag"] == first.headers["ETag"]
    before = events(vobject.readOne(first.data.decode()))
    edited = client.patch(f"/api/v1/coverages/{other}", headers=auth, json={
        "product": {"title": "Dyson V15 Detect"},
        "layers": [{"kind": "manufacturer", "end_date": day(120).isoformat()}]})
    assert edited.status_code == 200, edited.get_json()
    after_response = client.get(url)
    assert after_response.headers["ETag"] != first.headers["ETag"]
    after = events(vobject.readOne(after_response.data.decode()))
    mine = {name: e for name, e in before.items() if not name.startswith("Dyson")}
    assert {name: e for name, e in after.items() if not name.startswith("Dyson")} == mine
    assert [e["on"] for name, e in after.items() if name.startswith("Dyson")] == [day(120)]
    assert "Dyson V15：厂商保修到期" in before and "Dyson V15 Detect：厂商保修到期" in after


def test_language_follows_the_account(client, auth):
    create(client, auth, household())
    url = address(client, auth)
    chinese = events(fetch(client, url))
    assert client.patch("/api/v1/account", json={"language": "en"},
                        headers=auth).status_code == 200
    calendar = fetch(client, url)
    english = events(calendar)
    assert calendar.x_wr_calname.value == "Warranty dates (Yanbao)"
    assert english["海尔冰箱 BCD-470: The manufacturer warranty ends"]["text"] == (
        f"海尔冰箱 BCD-470: The manufacturer warranty lasts until {day(20).isoformat()}. "
        "Have any fault repaired for free before then.")
    assert "海尔冰箱 BCD-470: 京东延保 starts" in english
    assert sorted(e["uid"] for e in english.values()) == sorted(
        e["uid"] for e in chinese.values())


def test_lead_times_and_quiet_hours_shape_the_alarms(client, auth):
    create(client, auth, simple("Dyson V15", 100))
    response = client.patch("/api/v1/account", headers=auth, json={
        "lead_days": [14, 1], "quiet_hours": {"start": "00:00", "end": "10:30"}})
    assert response.status_code == 200
    (event,) = events(fetch(client, address(client, auth))).values()
    ten_thirty = timedelta(hours=10, minutes=30)
    assert event["alarms"] == sorted([ten_thirty - timedelta(days=14),
                                      ten_thirty - timedelta(days=1)])


def test_a_muted_coverage_is_left_out(client, auth):
    create(client, auth, simple("Dyson V15", 90))
    muted = create(client, auth, simple("Midea AC", 40))
    url = address(client, auth)
    before = events(fetch(client, url))
    assert "Midea AC：厂商保修到期" in before
    response = client.patch(f"/api/v1/coverages/{muted}", json={"reminders_muted": True},
                            headers=auth)
    assert response.status_code == 200
    assert list(events(fetch(client, url))) == ["Dyson V15：厂商保修到期"]
    client.patch(f"/api/v1/coverages/{muted}", json={"reminders_muted": False}, headers=auth)
    assert events(fetch(client, url)) == before


def test_a_deleted_coverage_leaves_the_feed(client, auth):
    gone = create(client, auth, simple("Midea AC", 40))
    url = address(client, auth)
    assert len(events(fetch(client, url))) == 1
    assert client.delete(f"/api/v1/coverages/{gone}", headers=auth).status_code == 204
    assert events(fetch(client, url)) == {}


def test_the_address_is_stable_until_rotated(client, auth):
    create(client, auth, simple("Dyson V15", 90))
    old = address(client, auth)
    assert address(client, auth) == old
    rotated = client.post("/api/v1/calendar/rotate", headers=auth)
    assert rotated.status_code == 200 and rotated.headers["Cache-Control"] == "no-store"
    new = rotated.get_json()["url"]
    assert new != old and address(client, auth) == new
    gone = client.get(old)
    assert gone.status_code == 404 and gone.mimetype == "application/problem+json"
    assert "No calendar feed at this address" in gone.get_json()["detail"]
    chinese = client.get(old, headers={"Accept-Language": "zh-CN"})
    assert chinese.status_code == 404
    assert chinese.get_json()["detail"].startswith("此地址没有日历订阅")
    assert list(events(fetch(client, new))) == ["Dyson V15：厂商保修到期"]


def test_rotating_first_makes_the_address(client, auth):
    rotated = client.post("/api/v1/calendar/rotate", headers=auth)
    assert rotated.status_code == 200
    assert address(client, auth) == rotated.get_json()["url"]
    assert events(fetch(client, rotated.get_json()["url"])) == {}


def _one_changed(secret: str) -> str:
    return secret[:-1] + ("A" if secret[-1] != "A" else "B")


@pytest.mark.parametrize("wrong", [
    lambda s: _one_changed(s),  # one character off
    lambda s: s.upper(),
    lambda s: s[:-1],
    lambda s: secrets.token_urlsafe(32),  # the right shape, not issued
    lambda s: "x",
    lambda s: "x" * 5000,
    lambda s: "%E4%B8%AD%E6%96%87",
    lambda s: "..%2F..%2Fetc%2Fpasswd",
])
def test_a_wrong_secret_is_404(client, auth, wrong):
    create(client, auth, simple("Dyson V15", 90))
    secret = address(client, auth).removeprefix("/calendar/").removesuffix(".ics")
    response = client.get(f"/calendar/{wrong(secret)}.ics")
    assert response.status_code == 404
    assert response.mimetype == "application/problem+json"
    assert b"Dyson" not in response.data
    assert client.get(f"/calendar/{secret}.ics").status_code == 200


def test_another_accounts_data_is_never_in_my_feed(client, auth, other_auth):
    create(client, auth, simple("Dyson V15", 90))
    create(client, other_auth, simple("Midea AC", 40))
    mine, theirs = address(client, auth), address(client, other_auth)
    assert mine != theirs
    my_events, their_events = events(fetch(client, mine)), events(fetch(client, theirs))
    assert list(my_events) == ["Dyson V15：厂商保修到期"]
    assert list(their_events) == ["Midea AC：厂商保修到期"]
    assert b"Midea" not in client.get(mine).data and b"Dyson" not in client.get(theirs).data
    client.post("/api/v1/calendar/rotate", headers=other_auth)
    assert client.get(mine).status_code == 200  # one account's rotation leaves others alone


def test_an_etag_revalidates_and_the_answer_is_private(client, auth):
    create(client, auth, simple("Dyson V15", 90))
    url = address(client, auth)
    first = client.get(url)
    assert first.headers["Cache-Control"] == "private, max-age=900"
    assert first.headers["ETag"].startswith('"')
    same = client.get(url, headers={"If-None-Match": first.headers["ETag"]})
    assert same.status_code == 304 and same.data == b""
    assert same.headers["ETag"] == first.headers["ETag"]
    stale = client.get(url, headers={"If-None-Match": '"something-else"'})
    assert stale.status_code == 200 and stale.data == first.data
    head = client.head(url)
    assert head.status_code == 200 and head.headers["ETag"] == first.headers["ETag"]


@pytest.mark.parametrize(("method", "path", "extra", "status"), [
    ("POST", "/calendar/{secret}.ics", {}, 405),
    ("DELETE", "/calendar/{secret}.ics", {}, 405),
    ("PUT", "/api/v1/calendar", {}, 405),
    ("GET", "/api/v1/calendar/rotate", {}, 405),
    ("POST", "/api/v1/calendar/rotate", {"data": "rotate please",
                                         "content_type": "text/plain"}, 415),
    ("GET", "/calendar/{secret}", {}, 404),  # no .ics
    ("GET", "/calendar/.ics", {}, 404),
])
def test_bad_requests_are_refused_and_change_nothing(client, auth, method, path, extra, status):
    create(client, auth, simple("Dyson V15", 90))
    url = address(client, auth)
    secret = url.removeprefix("/calendar/").removesuffix(".ics")
    headers = auth if path.startswith("/api/") else {}
    response = client.open(path.format(secret=secret), method=method, headers=headers, **extra)
    assert response.status_code == status
    assert response.mimetype == "application/problem+json"
    assert address(client, auth) == url and client.get(url).status_code == 200


def test_the_secret_is_not_stored(app, client, auth):
    secret = address(client, auth).removeprefix("/calendar/").removesuffix(".ics")
    assert len(secret) >= 43  # 256 bits, base64url
    engine = create_engine(app.config["DATABASE_URL"])
    with engine.connect() as connection:
        rows = [tuple(r) for r in connection.execute(text("SELECT * FROM calendar_feeds"))]
    engine.dispose()
    assert len(rows) == 1
    assert not any(secret in str(value) for value in rows[0])


def test_a_new_server_key_moves_every_address(app, client, auth):
    create(client, auth, simple("Dyson V15", 90))
    old = address(client, auth)
    rekeyed = create_app({**app.config, "CALENDAR_KEY": "a new key from the environment"})
    try:
        other = rekeyed.test_client()
        assert other.get(old).status_code == 200  # until the account asks for its address
        new = address(other, auth)
        assert new != old
        assert other.get(old).status_code == 404
        assert list(events(fetch(other, new))) == ["Dyson V15：厂商保修到期"]
    finally:
        rekeyed.extensions["yanbao.page_reader"].close()
        rekeyed.extensions["yanbao.db"].kw["bind"].dispose()


def _feed_parts(app, url):
    """What FeedCache.feed takes, for the account behind `url` (inside a request context)."""
    from server import db
    from server.store import reminders
    from server.store.calendar import BY_LOOKUP, lookup_of

    account_id, account = db.prepared(BY_LOOKUP).first(
        lookup=lookup_of(url.removeprefix("/calendar/").removesuffix(".ics")))
    connection = db.reader()
    return connection, db.engine(), account_id, account, reminders.preferences(
        connection, account_id)


def _from_nothing(connection, account_id, account, prefs, on) -> bytes:
    """The feed built by icalendar from the stored coverages, nothing kept anywhere."""
    from server.domain.reminders.calendar import feed
    from server.store import calendar as store

    heads = store.heads(connection, account_id)
    layers = store.layers_of(connection, [head.id for head in heads])
    entries = [entry for head in heads
               for entry in store.feed_events(head, layers.get(head.id, []))]
    return feed(account, entries, prefs, on)


def _blocks(app) -> dict[int, str]:
    """Kept blocks in the database: coverage id -> the etag they were built from."""
    engine = create_engine(app.config["DATABASE_URL"])
    with engine.connect() as connection:
        found = {row.coverage_id: row.etag for row in connection.execute(
            text("SELECT coverage_id, etag FROM calendar_blocks"))}
    engine.dispose()
    return found


def test_a_kept_feed_drops_alarms_whose_day_has_passed(app, client, auth):
    """Each coverage's events are kept (in the worker and in the database); a block built
    before an alarm's day is rebuilt after it, so a kept feed reads exactly like one built
    from nothing."""
    create(client, auth, simple("Dyson V15", 40))
    create(client, auth, simple("Midea AC", 400))
    url = address(client, auth)
    assert client.get(url).status_code == 200
    kept = FeedCache()
    with app.test_request_context():
        connection, engine, account_id, account, prefs = _feed_parts(app, url)
        for offset in (0, 5, 11, 33, 40, 41, 400, 401):
            later = today() + timedelta(days=offset)
            assert kept.feed(connection, engine, account_id, account, prefs, later) == (
                _from_nothing(connection, account_id, account, prefs, later)), offset
            assert FeedCache().feed(connection, engine, account_id, account, prefs, later) == (
                _from_nothing(connection, account_id, account, prefs, later)), offset
        soon = events(vobject.readOne(kept.feed(connection, engine, account_id, account, prefs,
                                                day(34)).decode()))
    assert soon["Dyson V15：厂商保修到期"]["alarms"] == at(7, 0)


def _no_building(monkeypatch):
    import server.serialize.calendar as serialize

    def refuse(*_args, **_kwargs):
        raise AssertionError("icalendar was asked to build events")

    monkeypatch.setattr(serialize, "events_block", refuse)


def test_another_worker_serves_the_stored_blocks_without_building(app, client, auth,
                                                                   monkeypatch):
    """A restarted worker (or another one, on another host) joins the blocks the first fetch
    stored: the same bytes, and icalendar not called."""
    ids = [create(client, auth, household()), create(client, auth, simple("Midea AC", 400))]
    url = address(client, auth)
    first = client.get(url)
    assert len(_blocks(app)) == len(ids)
    _no_building(monkeypatch)
    with app.test_request_context():
        connection, engine, account_id, account, prefs = _feed_parts(app, url)
        assert FeedCache().feed(connection, engine, account_id, account, prefs,
                                today()) == first.data


def test_a_stored_block_of_an_edited_coverage_is_never_served(app, client, auth):
    """An edit gives the coverage a new etag: every worker's kept block no longer matches, the
    next fetch builds it again and stores the new one; a deleted coverage's block goes with it."""
    edited = create(client, auth, simple("Dyson V15", 40))
    gone = create(client, auth, simple("Midea AC", 400))
    url = address(client, auth)
    assert "Dyson V15：厂商保修到期" in events(fetch(client, url))
    before = _blocks(app)
    response = client.patch(f"/api/v1/coverages/{edited}", headers=auth,
                            json={"product": {"title": "Dyson V16"}})
    assert response.status_code == 200
    shown = events(fetch(client, url))
    assert "Dyson V16：厂商保修到期" in shown and "Dyson V15：厂商保修到期" not in shown
    after = _blocks(app)
    assert after != before and len(after) == 2
    assert client.delete(f"/api/v1/coverages/{gone}", headers=auth).status_code == 204
    assert len(_blocks(app)) == 1
    assert set(events(fetch(client, url))) == {"Dyson V16：厂商保修到期"}


def test_new_preferences_drop_the_stored_blocks(app, client, auth):
    """Language, lead times and quiet hours change how every event reads: the account's kept
    blocks are dropped at once, and the feed reads in the new language."""
    create(client, auth, simple("Dyson V15", 40))
    url = address(client, auth)
    fetch(client, url)
    assert len(_blocks(app)) == 1
    response = client.patch("/api/v1/account", headers=auth, json={"language": "en"})
    assert response.status_code == 200, response.get_json()
    assert _blocks(app) == {}
    assert any("warranty" in summary.lower() for summary in events(fetch(client, url)))


def test_the_dispatcher_builds_blocks_for_subscribed_accounts_only(app, client, auth,
                                                                   monkeypatch):
    """The dispatcher's pass builds the events of coverages written since, for accounts with a
    feed address, leaving out muted coverages and accounts without a feed; the next fetch
    then builds nothing."""
    from server.serialize.calendar import warm

    engine = create_engine(app.config["DATABASE_URL"])
    try:
        other = client.post("/api/v1/devices", json={"name": "no feed"}).get_json()["token"]
        create(client, {"Authorization": f"Bearer {other}"}, simple("Not subscribed", 40))
        url = address(client, auth)
        first = create(client, auth, simple("Dyson V15", 40))
        muted = create(client, auth, simple("Midea AC", 400))
        assert client.patch(f"/api/v1/coverages/{muted}", headers=auth,
                            json={"reminders_muted": True}).status_code == 200
        assert warm(engine) == 1
        assert warm(engine) == 0  # nothing left to build
        create(client, auth, household())
        assert client.patch(f"/api/v1/coverages/{first}", headers=auth,
                            json={"product": {"title": "Dyson V16"}}).status_code == 200
        assert warm(engine, limit=1) == 1 and warm(engine, limit=5) == 1
        assert warm(engine) == 0
        _no_building(monkeypatch)
        shown = events(fetch(client, url))
        assert "Dyson V16：厂商保修到期" in shown and "海尔冰箱 BCD-470：厂商保修到期" in shown
        assert not any(summary.startswith(("Midea", "Not subscribed")) for summary in shown)
    finally:
        engine.dispose()


def test_a_fetch_still_answers_when_its_blocks_cannot_be_stored(app, client, auth,
                                                               monkeypatch):
    """Storing blocks is a saving, not part of the answer: a database that refuses the write
    costs a rebuild later, never the fetch."""
    from sqlalchemy.exc import OperationalError

    from server.store import calendar as store

    create(client, auth, simple("Dyson V15", 40))
    url = address(client, auth)

    def refuse(*_args, **_kwargs):
        raise OperationalError("INSERT", {}, Exception("database is locked"))

    monkeypatch.setattr(store, "keep", refuse)
    assert "Dyson V15：厂商保修到期" in events(fetch(client, url))
    assert _blocks(app) == {}


def test_two_first_asks_at_once_get_one_address(app, client, auth):
    """The second device's insert finds the first one's row (ON CONFLICT DO NOTHING) and
    answers its address instead of failing or making another."""
    from server import db
    from server.auth import verify
    from server.store import calendar as store

    url = address(client, auth)
    with app.test_request_context():
        account_id = verify(auth["Authorization"].removeprefix("Bearer ")).account_id
        session = db.session()
        again = store._first(session, account_id, app.config["CALENDAR_KEY"])
        session.commit()
    assert f"/calendar/{again}.ics" == url
    assert address(client, auth) == url and client.get(url).status_code == 200


def test_a_dispatch_pass_builds_the_feeds_events_ahead(app, client, auth):
    """`flask reminders dispatch` (cron's one pass) builds the events of subscribed accounts'
    coverages written since, and says so; a second pass finds nothing to build."""
    create(client, auth, simple("Dyson V15", 40))
    create(client, auth, household())
    address(client, auth)
    runner = app.test_cli_runner()
    first = runner.invoke(args=["reminders", "dispatch"])
    assert first.exit_code == 0, first.output
    assert "calendar feeds: 2 coverages' events built" in first.output
    assert len(_blocks(app)) == 2
    second = runner.invoke(args=["reminders", "dispatch"])
    assert second.exit_code == 0 and "calendar feeds" not in second.output


def test_the_loop_looks_for_events_to_build_every_so_often(app, monkeypatch):
    """The dispatcher's loop looks every CALENDAR_WARM_SECONDS, and again at once while a look
    fills a whole batch (an import of thousands of coverages is built over a few passes)."""
    import server.serialize.calendar as serialize
    from server.dispatch import from_app

    app.config["CALENDAR_WARM_SECONDS"] = 300
    found = iter([serialize.WARM_BATCH, 7, 0, 0])
    monkeypatch.setattr(serialize, "warm", lambda engine, limit=None: next(found))
    now = [1000.0]
    with app.app_context():
        dispatcher = from_app()
    clock = lambda: now[0]  # noqa: E731
    assert dispatcher.warm_when_due(clock) == serialize.WARM_BATCH
    now[0] += 30  # the next pass: a full batch means more are waiting
    assert dispatcher.warm_when_due(clock) == 7
    now[0] += 30
    assert dispatcher.warm_when_due(clock) == 0  # not yet: 300 s after the last look
    now[0] += 271
    assert dispatcher.warm_when_due(clock) == 0  # looked (found nothing)
    assert next(found) == 0  # exactly one look was left unused
