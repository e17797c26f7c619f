"""Every change to an account's coverages bumps the account's revision, in the same flush.

A session event rather than a call in each write path: a write path added later cannot forget
it. Readers key caches of whole lists on (account, revision), so a list cached by any worker is
never served after a write, and no worker has to be told. The revision is a random value, so a
cache key from one database can never match another's (tests run many in one process).
"""

from __future__ import annotations

import uuid

from sqlalchemy import bindparam, event, select, update
from sqlalchemy.orm import Session

from server.db.models import Account, Coverage, CoverageLayer

_BY_ACCOUNT = select(Account.revision).where(Account.id == bindparam("a"))


def current(connection, account_id: int) -> str:
    return connection.execute(_BY_ACCOUNT, {"a": account_id}).scalar_one()


@event.listens_for(Session, "before_flush")
def _bump(session: Session, _context, _instances) -> None:
    accounts = set()
    for obj in (*session.new, *session.dirty, *session.deleted):
        if isinstance(obj, Coverage):
            accounts.add(obj.account_id)
        elif isinstance(obj, CoverageLayer) and obj.coverage is not None:
            accounts.add(obj.coverage.account_id)
    accounts.discard(None)
    if accounts:
        session.execute(update(Account).where(Account.id.in_(accounts))
                        .values(revision=uuid.uuid4().hex))
