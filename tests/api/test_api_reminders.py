"""/api/v1/account and /api/v1/reminders on a real database (SQLite, and PostgreSQL when set):
the issue's "done when", no stale reminder after an edit or a delete, muting, acknowledging,
snoozing, preferences, bad input named by field, and another account's reminder."""

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import create_engine, text

URL = "/api/v1/reminders"
SHANGHAI = ZoneInfo("Asia/Shanghai")


def today(zone=SHANGHAI):
    return datetime.now(zone).date()


def fridge(ends_in: int, **extra) -> dict:
    """A purchase whose manufacturer warranty ends `ends_in` days from today (Shanghai)."""
    return {"product": {"title": "海尔冰箱 BCD-470"}, "purchase_date": (
                today() - timedelta(days=300)).isoformat(),
            "layers": [{"kind": "manufacturer",
                        "end_date": (today() + timedelta(days=ends_in)).isoformat()}], **extra}


def create(client, auth, body) -> str:
    response = client.post("/api/v1/coverages", json=body, headers=auth)
    assert response.status_code == 201, response.get_json()
    return response.get_json()["id"]


def listed(client, auth, state="due"):
    response = client.get(f"{URL}?state={state}", headers=auth)
    assert response.status_code == 200, response.get_json()
    return response.get_json()["items"]


def stored(app, coverage_id=None):
    """Rows in the reminders table, read straight from the database."""
    engine = create_engine(app.config["DATABASE_URL"])
    query = ("SELECT r.kind, r.event_on, r.lead_days, r.state FROM reminders r JOIN coverages c "
             "ON c.id = r.coverage_id")
    params = {}
    if coverage_id:
        query += " WHERE c.public_id = :id"
        params["id"] = coverage_id
    with engine.connect() as connection:
        rows = connection.execute(text(query + " ORDER BY r.event_on, r.lead_days"),
                                  params).all()
    engine.dispose()
    return [(r.kind, str(r.event_on), r.lead_days, r.state) for r in rows]


def test_warranty_ending_in_twenty_days_is_due_now(client, auth):
    """The issue's "done when": recorded today, the warranty ends in 20 days."""
    coverage_id = create(client, auth, fridge(20))
    due = listed(client, auth)
    event_on = (today() + timedelta(days=20)).isoformat()
    assert [(r["coverage_id"], r["kind"], r["event_on"], r["lead_days"]) for r in due] == [
        (coverage_id, "manufacturer_ends", event_on, 30)]
    assert due[0]["title"] == "厂商保修20天后到期"
    assert due[0]["message"].startswith(f"海尔冰箱 BCD-470：厂商保修截止于{event_on}。")
    upcoming = listed(client, auth, "upcoming")
    assert [r["lead_days"] for r in upcoming] == [7, 0]
    for reminder in upcoming:  # 09:00 in Shanghai
        fires = datetime.fromisoformat(reminder["fires_at"].replace("Z", "+00:00"))
        assert fires.astimezone(SHANGHAI).time() == time(9, 0)


def test_editing_a_coverage_leaves_no_stale_reminder(app, client, auth):
    coverage_id = create(client, auth, fridge(20))
    old = (today() + timedelta(days=20)).isoformat()
    new = (today() + timedelta(days=100)).isoformat()
    response = client.patch(f"/api/v1/coverages/{coverage_id}", headers=auth, json={
        "layers": [{"kind": "manufacturer", "end_date": new}]})
    assert response.status_code == 200
    assert listed(client, auth) == []
    assert [(r["event_on"], r["lead_days"]) for r in listed(client, auth, "upcoming")] == [
        (new, 30), (new, 7), (new, 0)]
    assert all(event_on != old for _, event_on, _, _ in stored(app))
    body = fridge(5)  # PUT too: the 7-day reminder is due at once, the 30-day one never made
    assert client.put(f"/api/v1/coverages/{coverage_id}", json=body,
                      headers=auth).status_code == 200
    soon = (today() + timedelta(days=5)).isoformat()
    assert stored(app) == [("manufacturer_ends", soon, 0, "due"),
                           ("manufacturer_ends", soon, 7, "due")]


def test_deleting_a_coverage_deletes_its_reminders(app, client, auth):
    kept = create(client, auth, fridge(40))
    gone = create(client, auth, fridge(20))
    assert client.delete(f"/api/v1/coverages/{gone}", headers=auth).status_code == 204
    assert {r["coverage_id"] for r in listed(client, auth, "upcoming")} == {kept}
    assert listed(client, auth) == []
    assert len(stored(app)) == 3 and stored(app, gone) == []


def test_an_edit_that_moves_no_date_keeps_acknowledgements(app, client, auth):
    coverage_id = create(client, auth, fridge(20))
    reminder = listed(client, auth)[0]
    acked = client.post(f"{URL}/{reminder['id']}/ack", headers=auth)
    assert acked.status_code == 200 and acked.get_json()["state"] == "acked"
    assert acked.get_json()["due_at"] is None
    again = client.post(f"{URL}/{reminder['id']}/ack", headers=auth)
    assert again.status_code == 200 and again.get_json() == acked.get_json()
    before = stored(app)
    assert client.patch(f"/api/v1/coverages/{coverage_id}", json={"notes": "receipt"},
                        headers=auth).status_code == 200
    assert stored(app) == before and listed(client, auth) == []


def test_a_failed_edit_changes_no_reminder(app, client, auth):
    coverage_id = create(client, auth, fridge(20))
    before = stored(app)
    response = client.patch(f"/api/v1/coverages/{coverage_id}", headers=auth, json={
        "layers": [{"kind": "plan", "term_months": 12, "starts": "after_manufacturer"}]})
    assert response.status_code == 422
    assert stored(app) == before


def test_muting_a_coverage(client, auth):
    coverage_id = create(client, auth, fridge(20))
    item = f"/api/v1/coverages/{coverage_id}"
    muted = client.patch(item, json={"reminders_muted": True}, headers=auth)
    assert muted.status_code == 200 and muted.get_json()["reminders_muted"] is True
    assert listed(client, auth) == [] and listed(client, auth, "upcoming") == []
    assert client.get(item, headers=auth).get_json()["reminders_muted"] is True
    assert client.patch(item, json={"reminders_muted": False},
                        headers=auth).get_json()["reminders_muted"] is False
    assert [r["lead_days"] for r in listed(client, auth)] == [30]
    bad = client.patch(item, json={"reminders_muted": "yes"}, headers=auth)
    assert bad.status_code == 422 and bad.get_json()["errors"][0]["field"] == "reminders_muted"


def test_snoozing(client, auth):
    create(client, auth, fridge(20))
    reminder = listed(client, auth)[0]
    until = (today() + timedelta(days=3)).isoformat()
    response = client.post(f"{URL}/{reminder['id']}/snooze", json={"until": until}, headers=auth)
    assert response.status_code == 200, response.get_json()
    snoozed = response.get_json()
    assert (snoozed["state"], snoozed["snoozed_until"]) == ("snoozed", until)
    assert snoozed["due_at"] == f"{until}T01:00:00Z"  # 09:00 in Shanghai
    assert snoozed["fires_at"] == reminder["fires_at"]
    assert listed(client, auth) == []
    assert snoozed["id"] in [r["id"] for r in listed(client, auth, "upcoming")]


@pytest.mark.parametrize(("body", "field"), [
    ({"until": "2020-01-01"}, "until"),
    ({"until": "tomorrow"}, "until"),
    ({}, "until"),
    ({"until": "2030-01-01", "extra": 1}, "extra"),
])
def test_snooze_refuses_bad_days(client, auth, body, field):
    create(client, auth, fridge(20))
    reminder = listed(client, auth)[0]
    response = client.post(f"{URL}/{reminder['id']}/snooze", json=body, headers=auth)
    assert response.status_code == 422
    assert response.mimetype == "application/problem+json"
    assert response.get_json()["errors"][0]["field"] == field
    assert listed(client, auth)[0] == reminder


def test_today_is_refused_as_a_snooze_day(client, auth):
    create(client, auth, fridge(20))
    reminder = listed(client, auth)[0]
    response = client.post(f"{URL}/{reminder['id']}/snooze", json={
        "until": today().isoformat()}, headers=auth)
    assert response.status_code == 422 and "after today" in response.get_json()["detail"]


def test_another_accounts_reminder_is_404_and_unchanged(client, auth, other_auth):
    create(client, auth, fridge(20))
    reminder = listed(client, auth)[0]
    for action, body in (("ack", None), ("snooze", {"until": "2030-01-01"}), ("snooze", {})):
        response = client.post(f"{URL}/{reminder['id']}/{action}", json=body, headers=other_auth)
        assert response.status_code == 404
    assert listed(client, other_auth) == [] and listed(client, other_auth, "upcoming") == []
    assert listed(client, auth) == [reminder]


def test_account_preferences_default_and_change(client, auth):
    account = client.get("/api/v1/account", headers=auth).get_json()
    assert {k: v for k, v in account.items() if k != "id"} == {
        "lead_days": [30, 7, 0], "time_zone": "Asia/Shanghai", "quiet_hours": None,
        "language": "zh"}
    change = {"lead_days": [0, 14], "time_zone": "America/New_York",
              "quiet_hours": {"start": "22:00", "end": "08:00"}, "language": "en"}
    response = client.patch("/api/v1/account", json=change, headers=auth)
    assert response.status_code == 200, response.get_json()
    assert response.get_json() == {**change, "lead_days": [14, 0], "id": account["id"]}
    assert client.get("/api/v1/account", headers=auth).get_json() == response.get_json()
    cleared = client.patch("/api/v1/account", json={"quiet_hours": None}, headers=auth)
    assert cleared.get_json()["quiet_hours"] is None
    assert cleared.get_json()["language"] == "en"


def test_new_preferences_reschedule_at_once(client, auth):
    create(client, auth, fridge(20))
    assert client.patch("/api/v1/account", headers=auth, json={
        "lead_days": [14, 1], "time_zone": "America/New_York", "language": "en",
        "quiet_hours": {"start": "08:00", "end": "10:30"}}).status_code == 200
    upcoming = listed(client, auth, "upcoming")
    assert [r["lead_days"] for r in upcoming] == [14, 1]
    new_york = ZoneInfo("America/New_York")
    for reminder in upcoming:  # 09:00 falls in quiet hours: 10:30 in New York
        fires = datetime.fromisoformat(reminder["fires_at"].replace("Z", "+00:00"))
        assert fires.astimezone(new_york).time() == time(10, 30)
        assert reminder["title"].startswith("The manufacturer warranty ends in")
    assert listed(client, auth) == []  # the 30-day reminder went with its lead time


@pytest.mark.parametrize(("body", "field"), [
    ({"lead_days": [7, 7]}, "lead_days"),
    ({"lead_days": [1, 2, 3, 4, 5, 6]}, "lead_days"),
    ({"lead_days": [366]}, "lead_days"),
    ({"lead_days": [-1]}, "lead_days"),
    ({"lead_days": ["7"]}, "lead_days.0"),
    ({"lead_days": 7}, "lead_days"),
    ({"time_zone": "Mars/Olympus_Mons"}, "time_zone"),
    ({"time_zone": "CST"}, "time_zone"),
    ({"quiet_hours": {"start": "25:00", "end": "08:00"}}, "quiet_hours.start"),
    ({"quiet_hours": {"start": "22:00"}}, "quiet_hours.end"),
    ({"quiet_hours": {"start": "22:00", "end": "22:00"}}, "quiet_hours.end"),
    ({"quiet_hours": "22:00-08:00"}, "quiet_hours"),
    ({"language": "fr"}, "language"),
    ({"colour": "blue"}, "colour"),
])
def test_bad_preferences_are_named_and_change_nothing(client, auth, body, field):
    before = client.get("/api/v1/account", headers=auth).get_json()
    response = client.patch("/api/v1/account", json=body, headers=auth)
    assert response.status_code == 422, response.get_json()
    assert response.mimetype == "application/problem+json"
    assert response.get_json()["errors"][0]["field"] == field
    assert client.get("/api/v1/account", headers=auth).get_json() == before


@pytest.mark.parametrize("query", ["state=soon", "limit=0", "limit=501", "colour=blue"])
def test_bad_list_queries(client, auth, query):
    response = client.get(f"{URL}?{query}", headers=auth)
    assert response.status_code == 422
    assert response.get_json()["errors"][0]["field"] == "query." + query.split("=")[0]


def test_language_of_the_texts_follows_the_account(client, auth):
    create(client, auth, fridge(20))
    client.patch("/api/v1/account", json={"language": "en"}, headers=auth)
    assert listed(client, auth)[0]["title"] == "The manufacturer warranty ends in 20 days"


def test_the_issue_example_is_scheduled_from_its_timeline(app, client, auth):
    """The fridge of 29 Feb 2024: its warranty, the plan's start and its refund window are
    past; the plan's end (28 Feb 2027, while ahead) and the compressor's (2034) are not."""
    from payloads import ISSUE_EXAMPLE

    coverage_id = create(client, auth, ISSUE_EXAMPLE)
    ahead = [("plan_ends", "2027-02-28")] if today() <= today().replace(2027, 2, 28) else []
    ahead.append(("main_part_ends", "2034-02-28"))
    assert sorted({(kind, on) for kind, on, _, _ in stored(app, coverage_id)}) == sorted(ahead)
    assert {lead for _, on, lead, _ in stored(app, coverage_id) if on == "2034-02-28"} == {
        30, 7, 0}
    upcoming = [r for r in listed(client, auth, "upcoming") if r["kind"] == "main_part_ends"]
    assert upcoming[0]["fires_at"] == "2034-01-29T01:00:00Z"
    assert upcoming[0]["message"].startswith(
        "海尔 470升 十字对开门冰箱 BCD-470WGHTD：compressor的厂商保修")


def test_an_import_schedules_and_a_replacing_import_reschedules(app, client, auth):
    coverage_id = create(client, auth, fridge(20))
    exported = client.get("/api/v1/export", headers=auth).get_json()
    soon = (today() + timedelta(days=20)).isoformat()
    later = (today() + timedelta(days=50)).isoformat()
    exported["coverages"][0]["layers"][0]["end_date"] = later
    response = client.post("/api/v1/import", json=exported, headers=auth)
    assert response.get_json() == {"imported": 0, "replaced": 1}
    rows = stored(app, coverage_id)
    assert rows and all(event_on == later for _, event_on, _, _ in rows)
    assert soon not in {event_on for _, event_on, _, _ in stored(app)}
    exported["coverages"][0]["id"] = None
    response = client.post("/api/v1/import", json=exported, headers=auth)
    assert response.get_json() == {"imported": 1, "replaced": 0}
    assert len({r["coverage_id"] for r in listed(client, auth, "upcoming")}) == 2


def test_the_schedule_command_restores_missing_reminders_once(app, client, auth):
    """Coverages stored before reminders existed get them from `flask reminders schedule`."""
    create(client, auth, fridge(20))
    before = stored(app)
    engine = create_engine(app.config["DATABASE_URL"])
    with engine.begin() as connection:
        connection.execute(text("DELETE FROM reminders"))
    engine.dispose()
    runner = app.test_cli_runner()
    result = runner.invoke(args=["reminders", "schedule"])
    assert result.exit_code == 0 and "3 reminders added" in result.output, result.output
    assert stored(app) == before
    again = runner.invoke(args=["reminders", "schedule"])
    assert "0 reminders added" in again.output and stored(app) == before


def test_errors_in_chinese_when_asked(client, auth):
    response = client.patch("/api/v1/account", json={"time_zone": "Beijing"},
                            headers={**auth, "Accept-Language": "zh-CN"})
    assert response.status_code == 422
    assert response.get_json()["errors"][0]["message"].startswith("“Beijing”不是 IANA 时区名称")
