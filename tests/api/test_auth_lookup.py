"""The token lookup behind every authenticated request (server.auth, server.db.PreparedRead):
typed values as the ORM would give them, last-seen written at most once per interval, a
revocation written straight to the database refused on the next request, and a statement whose
parameters need conversion refused before it can run wrongly."""

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import bindparam, select, update

from server import db
from server.auth import SEEN_GRANULARITY, SignedIn, _look_up
from server.db import PreparedRead
from server.db.models import Device
from server.tokens import digest

URL = "/api/v1/devices"


def bearer(token):
    return {"Authorization": f"Bearer {token}"}


def last_seen(app):
    with app.app_context():
        return db.session().scalar(select(Device.last_seen_at))


def test_lookup_gives_the_device_with_an_aware_last_seen(app, devices):
    token = devices.register("laptop")["token"]
    devices.client.get(URL, headers=bearer(token))
    with app.app_context():
        found = _look_up(digest(token))
        stored = db.session().scalar(select(Device))
    assert isinstance(found, SignedIn)
    assert (found.id, found.account_id) == (stored.id, stored.account_id)
    assert found.last_seen_at == stored.last_seen_at
    assert found.last_seen_at.tzinfo is not None
    with app.app_context():
        assert _look_up(digest(token + "x")) is None


def test_last_seen_is_written_once_per_interval(app, devices):
    token = devices.register("laptop")["token"]
    assert devices.client.get(URL, headers=bearer(token)).status_code == 200
    first = last_seen(app)
    assert first is not None and datetime.now(UTC) - first < timedelta(minutes=1)
    assert devices.client.get(URL, headers=bearer(token)).status_code == 200
    assert last_seen(app) == first
    long_ago = first - SEEN_GRANULARITY - timedelta(minutes=1)
    with app.app_context():
        session = db.session()
        session.execute(update(Device).values(last_seen_at=long_ago))
        session.commit()
    assert devices.client.get(URL, headers=bearer(token)).status_code == 200
    assert last_seen(app) > first


def test_a_revocation_stored_by_another_host_is_refused_at_once(app, devices):
    token = devices.register("laptop")["token"]
    assert devices.client.get(URL, headers=bearer(token)).status_code == 200
    with app.app_context():  # as another host would: nothing here is told, only the database
        session = db.session()
        session.execute(update(Device).values(revoked_at=datetime.now(UTC)))
        session.commit()
    assert devices.client.get(URL, headers=bearer(token)).status_code == 401


def test_a_parameter_that_needs_conversion_is_refused(app):
    when = bindparam("when", type_=Device.last_seen_at.type)  # a datetime: converted by Core
    statement = select(Device.id).where(Device.last_seen_at < when)
    with app.app_context(), pytest.raises(TypeError, match="when"):
        PreparedRead(db.engine(), statement)
