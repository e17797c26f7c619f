"""An account's push channels and what their deliveries look like from the API.

The URL is encrypted before it reaches the session and decrypted only to send; rows hold the
masked form for showing.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from cryptography.fernet import MultiFernet
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from server.db.models import Channel, Delivery, DeliveryAttempt, Reminder
from server.push import secrets
from server.push.apprise_urls import Checked


class TooMany(ValueError):
    pass


def count(session: Session, account_id: int) -> int:
    return session.scalar(select(func.count()).select_from(Channel)
                          .where(Channel.account_id == account_id)) or 0


def add(session: Session, keys: MultiFernet, account_id: int, name: str, url: str,
        checked: Checked, limit: int) -> Channel:
    if count(session, account_id) >= limit:
        raise TooMany(f"An account has at most {limit} channels; delete one first.")
    channel = Channel(account_id=account_id, name=name or checked.service,
                      scheme=checked.scheme, masked=checked.masked,
                      url_encrypted=secrets.encrypt(keys, url))
    session.add(channel)
    session.flush()
    return channel


def owned(session: Session, account_id: int, public_id: str) -> Channel | None:
    return session.scalar(select(Channel).where(Channel.public_id == public_id,
                                                Channel.account_id == account_id))


def listed(session: Session, account_id: int) -> list[Channel]:
    return list(session.scalars(select(Channel).where(Channel.account_id == account_id)
                                .order_by(Channel.created_at, Channel.id)))


def tallies(session: Session, channel_ids: Sequence[int]) -> dict[int, dict[str, int]]:
    """Deliveries per channel and state."""
    found: dict[int, dict[str, int]] = {i: {} for i in channel_ids}
    if channel_ids:
        rows = session.execute(select(Delivery.channel_id, Delivery.state, func.count())
                               .where(Delivery.channel_id.in_(channel_ids))
                               .group_by(Delivery.channel_id, Delivery.state))
        for channel_id, state, n in rows:
            found[channel_id][state] = n
    return found


def last_attempts(session: Session, channel_ids: Sequence[int]) -> dict[int, Any]:
    """Each channel's latest delivery attempt."""
    if not channel_ids:
        return {}
    latest = (select(func.max(DeliveryAttempt.id)).join(Delivery)
              .where(Delivery.channel_id.in_(channel_ids)).group_by(Delivery.channel_id))
    rows = session.execute(select(Delivery.channel_id, DeliveryAttempt.at,
                                  DeliveryAttempt.outcome, DeliveryAttempt.error)
                           .join(Delivery).where(DeliveryAttempt.id.in_(latest)))
    return {row.channel_id: row for row in rows}


def recent(session: Session, channel_id: int, limit: int = 20) -> list[Any]:
    """The channel's latest deliveries, newest first, with their reminder's public id."""
    return list(session.execute(
        select(Delivery.state, Delivery.attempts, Delivery.ready_at, Delivery.sent_at,
               Delivery.last_error, Delivery.occurrence, Delivery.created_at,
               Reminder.public_id.label("reminder_id"))
        .join(Reminder, Reminder.id == Delivery.reminder_id)
        .where(Delivery.channel_id == channel_id)
        .order_by(Delivery.id.desc()).limit(limit)))
