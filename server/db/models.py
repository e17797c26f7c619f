"""Tables. Computed dates (layer start/end) are derived on read by server.domain.timeline;
only the purchase-level summary is stored, because lists filter and sort on it."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime
from decimal import Decimal

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    Numeric,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
)
from sqlalchemy import false as sa_false
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

Money = Numeric(18, 4)


def utcnow() -> datetime:
    return datetime.now(UTC)


def stamp(value: datetime | None) -> str | None:
    """An aware datetime as the API writes it: ISO 8601 in UTC with a Z."""
    if value is None:
        return None
    return value.astimezone(UTC).isoformat().replace("+00:00", "Z")


def new_public_id() -> str:
    return str(uuid.uuid4())


class UTCDateTime(TypeDecorator):
    """Stores UTC; always hands back an aware datetime (SQLite forgets the zone)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is not None and value.tzinfo is None:
            raise ValueError("naive datetime; use an aware UTC datetime")
        return None if value is None else value.astimezone(UTC)

    def process_result_value(self, value, dialect):
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class Base(DeclarativeBase):
    pass


class Account(Base):
    __tablename__ = "accounts"

    id: Mapped[int] = mapped_column(primary_key=True)
    public_id: Mapped[str] = mapped_column(String(36), unique=True, default=new_public_id)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class Device(Base):
    __tablename__ = "devices"

    id: Mapped[int] = mapped_column(primary_key=True)
    public_id: Mapped[str] = mapped_column(String(36), unique=True, default=new_public_id)
    account_id: Mapped[int] = mapped_column(
        ForeignKey("accounts.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(String(80))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_seen_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class PairingCode(Base):
    __tablename__ = "pairing_codes"

    id: Mapped[int] = mapped_column(primary_key=True)
    account_id: Mapped[int] = mapped_column(
        ForeignKey("accounts.id", ondelete="CASCADE"), index=True
    )
    code_hash: Mapped[str] = mapped_column(String(64), unique=True)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class Coverage(Base):
    """One product bought, with its layers of cover."""

    __tablename__ = "coverages"
    __table_args__ = (
        UniqueConstraint("account_id", "idempotency_key", name="uq_coverages_idempotency"),
        UniqueConstraint("account_id", "source_id", name="uq_coverages_source"),
        Index("ix_coverages_account_purchase", "account_id", "purchase_date", "id"),
        Index("ix_coverages_account_until", "account_id", "covered_until", "id"),
        Index("ix_coverages_account_created", "account_id", "created_at", "id"),
        Index("ix_coverages_account_title", "account_id", "title", "id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    public_id: Mapped[str] = mapped_column(String(36), unique=True, default=new_public_id)
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id", ondelete="CASCADE"))
    idempotency_key: Mapped[str | None] = mapped_column(String(100))
    # SHA-256 of the create request that used idempotency_key: the same key with another body
    # is refused instead of answering the first record.
    idempotency_digest: Mapped[str | None] = mapped_column(String(64))
    # The id an imported coverage had in its file when that id belonged to another account;
    # importing the same file again replaces this row instead of adding another.
    source_id: Mapped[str | None] = mapped_column(String(36))
    title: Mapped[str] = mapped_column(String(500))
    site: Mapped[str | None] = mapped_column(String(40))
    url: Mapped[str | None] = mapped_column(String(2048))
    item_id: Mapped[str | None] = mapped_column(String(100))
    brand: Mapped[str | None] = mapped_column(String(200))
    model: Mapped[str | None] = mapped_column(String(200))
    serial: Mapped[str | None] = mapped_column(String(200))
    category: Mapped[str | None] = mapped_column(String(20))  # a code of vocabulary.CATEGORIES
    subcategory: Mapped[str | None] = mapped_column(String(64))  # "refrigerator", "tv", ...
    price: Mapped[Decimal | None] = mapped_column(Money)
    currency: Mapped[str | None] = mapped_column(String(3))
    purchase_date: Mapped[date] = mapped_column(Date)
    order_ref: Mapped[str | None] = mapped_column(String(200))
    notes: Mapped[str | None] = mapped_column(Text)
    tags: Mapped[list[str]] = mapped_column(JSON, default=list)
    # New random value on every write: keys the rendered-record cache (server.serialize.cache).
    etag: Mapped[str] = mapped_column(String(32), default=lambda: uuid.uuid4().hex)
    # Summary of the layers in force (see server.domain.timeline.Summary).
    cover_state: Mapped[str] = mapped_column(String(10))
    covered_from: Mapped[date] = mapped_column(Date)
    covered_until: Mapped[date] = mapped_column(Date)  # 9999-12-31 for lifetime cover
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # The shopper silenced this purchase's reminders (they stay scheduled, never due). A server
    # default too, for rows inserted without naming the column (benchmarks' seeds).
    reminders_muted: Mapped[bool] = mapped_column(Boolean, server_default=sa_false())

    layers: Mapped[list[CoverageLayer]] = relationship(
        back_populates="coverage",
        order_by="CoverageLayer.position",
        cascade="all, delete-orphan",
        lazy="selectin",
    )


class CoverageLayer(Base):
    __tablename__ = "coverage_layers"

    id: Mapped[int] = mapped_column(primary_key=True)
    public_id: Mapped[str] = mapped_column(String(36), unique=True, default=new_public_id)
    coverage_id: Mapped[int] = mapped_column(
        ForeignKey("coverages.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(20))
    component: Mapped[str] = mapped_column(String(100))
    provider: Mapped[str | None] = mapped_column(String(200))
    name: Mapped[str | None] = mapped_column(String(200))
    plan_kind: Mapped[str | None] = mapped_column(String(20))
    term_months: Mapped[int | None] = mapped_column(Integer)
    end_date: Mapped[date | None] = mapped_column(Date)
    lifetime: Mapped[bool] = mapped_column(Boolean, default=False)
    starts: Mapped[str] = mapped_column(String(20))
    start_date: Mapped[date | None] = mapped_column(Date)
    price: Mapped[Decimal | None] = mapped_column(Money)
    currency: Mapped[str | None] = mapped_column(String(3))
    full_refund_days: Mapped[int | None] = mapped_column(Integer)
    refund_after: Mapped[str | None] = mapped_column(String(20))
    refund_fee: Mapped[Decimal | None] = mapped_column(Money)
    refund_less_claims: Mapped[bool | None] = mapped_column(Boolean)
    state: Mapped[str] = mapped_column(String(10), default="in_force")
    notes: Mapped[str | None] = mapped_column(Text)

    coverage: Mapped[Coverage] = relationship(back_populates="layers")


class OfferObservation(Base):
    """A warranty offer's price as seen on a product page on one day, by one reporter.

    The reporter is a short digest of the account (server.store.observations.reporter): enough
    to count distinct accounts, so that one of them cannot put a price in everyone's history,
    and nothing that names the account, a device or an address."""

    __tablename__ = "offer_observations"
    __table_args__ = (
        UniqueConstraint("site", "item_id", "offer", "term_months", "currency", "observed_on",
                         "reporter", name="uq_offer_observations_reporter"),
        Index("ix_offer_observations_product", "site", "item_id", "observed_on"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    site: Mapped[str] = mapped_column(String(40))
    item_id: Mapped[str] = mapped_column(String(100))
    offer: Mapped[str] = mapped_column(String(200))
    term_months: Mapped[int] = mapped_column(Integer)
    price: Mapped[Decimal] = mapped_column(Money)
    currency: Mapped[str] = mapped_column(String(3))
    observed_on: Mapped[date] = mapped_column(Date)
    reporter: Mapped[str] = mapped_column(String(16), server_default="")


class AccountSettings(Base):
    """An account's reminder preferences; an account without a row has the defaults
    (server.domain.reminders.Preferences)."""

    __tablename__ = "account_settings"

    account_id: Mapped[int] = mapped_column(
        ForeignKey("accounts.id", ondelete="CASCADE"), primary_key=True)
    lead_days: Mapped[list[int]] = mapped_column(JSON)
    time_zone: Mapped[str] = mapped_column(String(64))
    quiet_start: Mapped[str | None] = mapped_column(String(5))  # "22:00"
    quiet_end: Mapped[str | None] = mapped_column(String(5))
    language: Mapped[str] = mapped_column(String(2))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class Reminder(Base):
    """One reminder of one event at one lead time (server.domain.reminders).

    The unique key makes rescheduling idempotent: working a coverage's schedule out again finds
    the same rows, keeping whether they were acknowledged or snoozed. `due_at` is when the
    reminder is next due (its time, or the snoozed day's), null once acknowledged or while its
    coverage is muted, so due reminders are one index range: (account_id, due_at) for an
    account's list, (due_at) for a dispatcher's pass over every account.
    """

    __tablename__ = "reminders"
    __table_args__ = (
        UniqueConstraint("coverage_id", "kind", "subject", "event_on", "lead_days",
                         name="uq_reminders_schedule"),
        Index("ix_reminders_account_due", "account_id", "due_at"),
        Index("ix_reminders_due", "due_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    public_id: Mapped[str] = mapped_column(String(36), unique=True, default=new_public_id)
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id", ondelete="CASCADE"))
    coverage_id: Mapped[int] = mapped_column(ForeignKey("coverages.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(32))
    # What a follow-up is about (a refund case, a claim); "" for the timeline's events.
    subject: Mapped[str] = mapped_column(String(36), default="", server_default="")
    event_on: Mapped[date] = mapped_column(Date)
    lead_days: Mapped[int] = mapped_column(Integer)
    fires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    state: Mapped[str] = mapped_column(String(10), default="due")  # due | acked | snoozed
    snoozed_until: Mapped[date | None] = mapped_column(Date)
    due_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # The names the text needs (parts whose warranty ends, a plan's name), as of scheduling.
    names: Mapped[list[str]] = mapped_column(JSON, default=list)
    acked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class RefundCase(Base):
    """A shopper's attempt to get a plan's money back (server.domain.refunds.states).

    The layer is named by its public id, not a foreign key: editing a coverage replaces its
    layer rows, and a case must outlive that. Deleting the coverage deletes its cases."""

    __tablename__ = "refund_cases"
    __table_args__ = (
        Index("ix_refund_cases_account_created", "account_id", "created_at", "id"),
        Index("ix_refund_cases_coverage_layer", "coverage_id", "layer_public_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    public_id: Mapped[str] = mapped_column(String(36), unique=True, default=new_public_id)
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id", ondelete="CASCADE"))
    coverage_id: Mapped[int] = mapped_column(ForeignKey("coverages.id", ondelete="CASCADE"))
    layer_public_id: Mapped[str] = mapped_column(String(36))
    platform: Mapped[str] = mapped_column(String(20))  # the guide: taobao, jd, ..., generic
    route: Mapped[str] = mapped_column(String(20))  # with_goods | plan_only
    state: Mapped[str] = mapped_column(String(30))
    currency: Mapped[str | None] = mapped_column(String(3))
    state_since: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    coverage: Mapped[Coverage] = relationship(lazy="joined")
    events: Mapped[list[RefundEvent]] = relationship(
        back_populates="case", order_by="RefundEvent.id", cascade="all, delete-orphan",
        lazy="selectin")


class RefundEvent(Base):
    """One move of a refund case: when, from which state to which, a note, and the money."""

    __tablename__ = "refund_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(
        ForeignKey("refund_cases.id", ondelete="CASCADE"), index=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    from_state: Mapped[str | None] = mapped_column(String(30))  # None: the case was opened
    to_state: Mapped[str] = mapped_column(String(30))
    note: Mapped[str | None] = mapped_column(Text)
    asked: Mapped[Decimal | None] = mapped_column(Money)
    offered: Mapped[Decimal | None] = mapped_column(Money)
    received: Mapped[Decimal | None] = mapped_column(Money)
    layer_refunded: Mapped[bool] = mapped_column(Boolean, default=False)

    case: Mapped[RefundCase] = relationship(back_populates="events")


class CalendarFeed(Base):
    """An account's calendar feed address (server.store.calendar): its secret is worked out
    from `nonce` with the server's key, and found again by `lookup`, the secret's SHA-256.
    Rotating draws a new nonce, so the old address no longer matches any lookup."""

    __tablename__ = "calendar_feeds"

    account_id: Mapped[int] = mapped_column(
        ForeignKey("accounts.id", ondelete="CASCADE"), primary_key=True)
    nonce: Mapped[str] = mapped_column(String(64))
    lookup: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    rotated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class CalendarBlock(Base):
    """One coverage's events as the calendar feed serialises them (server.serialize.calendar),
    kept so that a feed is joined from stored blocks instead of built again by every worker
    after a restart. `key` is a digest of what the block depends on (the coverage's etag, the
    account and the preferences that shape events): a block whose key no longer matches is
    never served. It reads the same from `valid_from` (inclusive) to `valid_until` (exclusive),
    the days its alarms changed last and change next around the day it was built (None: no
    such day)."""

    __tablename__ = "calendar_blocks"

    coverage_id: Mapped[int] = mapped_column(
        ForeignKey("coverages.id", ondelete="CASCADE"), primary_key=True)
    etag: Mapped[str] = mapped_column(String(32))  # the coverage's, when built: finds stale rows
    key: Mapped[str] = mapped_column(String(64))
    block: Mapped[bytes] = mapped_column(LargeBinary)  # zlib-compressed iCalendar text
    valid_from: Mapped[date | None] = mapped_column(Date)
    valid_until: Mapped[date | None] = mapped_column(Date)
    built_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class Channel(Base):
    """Where an account's reminders are pushed: an Apprise URL (server.push).

    The URL is a secret (it holds tokens and passwords): stored only encrypted
    (server.push.secrets), shown only as `masked`, never logged.
    """

    __tablename__ = "channels"

    id: Mapped[int] = mapped_column(primary_key=True)
    public_id: Mapped[str] = mapped_column(String(36), unique=True, default=new_public_id)
    account_id: Mapped[int] = mapped_column(
        ForeignKey("accounts.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(100))
    scheme: Mapped[str] = mapped_column(String(32))
    masked: Mapped[str] = mapped_column(String(300))
    url_encrypted: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class Delivery(Base):
    """One reminder (one occurrence of it: the first firing, or a snoozed day's) to one
    channel. The unique key is what makes it go out at most once per channel however many
    dispatchers run; `ready_at` is when a dispatcher must next look at the row (a pending row's
    next try, or when a claim's lease runs out), null once finished, so a dispatcher's work is
    one index range. States: server.domain.reminders.delivery.
    """

    __tablename__ = "deliveries"
    __table_args__ = (
        UniqueConstraint("reminder_id", "channel_id", "occurrence", name="uq_deliveries_once"),
        Index("ix_deliveries_ready", "ready_at"),
        Index("ix_deliveries_channel", "channel_id", "id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    reminder_id: Mapped[int] = mapped_column(ForeignKey("reminders.id", ondelete="CASCADE"))
    channel_id: Mapped[int] = mapped_column(ForeignKey("channels.id", ondelete="CASCADE"))
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id", ondelete="CASCADE"))
    # "" for the reminder's own time; the snoozed day (YYYY-MM-DD) for a snoozed one's.
    occurrence: Mapped[str] = mapped_column(String(10), default="", server_default="")
    state: Mapped[str] = mapped_column(String(10), default="pending")
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    ready_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    claimed_by: Mapped[str | None] = mapped_column(String(80))
    last_error: Mapped[str | None] = mapped_column(Text)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class DeliveryAttempt(Base):
    """Every try of a delivery: when, by which dispatcher, the outcome and what went wrong
    (with the channel's secrets taken out)."""

    __tablename__ = "delivery_attempts"

    id: Mapped[int] = mapped_column(primary_key=True)
    delivery_id: Mapped[int] = mapped_column(
        ForeignKey("deliveries.id", ondelete="CASCADE"), index=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    dispatcher: Mapped[str] = mapped_column(String(80))
    outcome: Mapped[str] = mapped_column(String(12))  # sent | failed | interrupted
    error: Mapped[str | None] = mapped_column(Text)
    duration_ms: Mapped[int | None] = mapped_column(Integer)


# A dispatcher's pass (server.store.deliveries.enqueue) reads due reminders whose event is not
# long over: index-only on this (measured among 1,000,000 reminders on PostgreSQL, a pass that
# finds nothing new: 347 ms with ix_reminders_due alone, 128 ms with this).
Index("ix_reminders_due_event", Reminder.due_at, Reminder.event_on, Reminder.account_id,
      Reminder.id)
class EvidenceFile(Base):
    """A file kept as evidence for a refund case. The bytes live under EVIDENCE_DIR as
    `stored_name` (chosen by the service); `original_name` is the client's name, cleaned, and
    is only ever shown, never used as a path."""

    __tablename__ = "evidence_files"
    __table_args__ = (Index("ix_evidence_files_case", "case_id", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    public_id: Mapped[str] = mapped_column(String(36), unique=True, default=new_public_id)
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id", ondelete="CASCADE"))
    case_id: Mapped[int] = mapped_column(ForeignKey("refund_cases.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(30))
    media_type: Mapped[str] = mapped_column(String(100))
    size: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    stored_name: Mapped[str] = mapped_column(String(80), unique=True)
    original_name: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class RepairClaim(Base):
    """A fault reported under one of a coverage's layers (named by public id, like a refund
    case's), with the provider's promise to call back and what happened next."""

    __tablename__ = "repair_claims"
    __table_args__ = (
        Index("ix_repair_claims_account_created", "account_id", "created_at", "id"),
        Index("ix_repair_claims_coverage_layer", "coverage_id", "layer_public_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    public_id: Mapped[str] = mapped_column(String(36), unique=True, default=new_public_id)
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id", ondelete="CASCADE"))
    coverage_id: Mapped[int] = mapped_column(ForeignKey("coverages.id", ondelete="CASCADE"))
    layer_public_id: Mapped[str] = mapped_column(String(36))
    fault: Mapped[str] = mapped_column(Text)
    reported_on: Mapped[date] = mapped_column(Date)
    reported_to: Mapped[str | None] = mapped_column(String(200))
    callback_promised_hours: Mapped[int | None] = mapped_column(Integer)
    currency: Mapped[str | None] = mapped_column(String(3))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    coverage: Mapped[Coverage] = relationship(lazy="joined")
    events: Mapped[list[ClaimEvent]] = relationship(
        back_populates="claim", order_by="ClaimEvent.id", cascade="all, delete-orphan",
        lazy="selectin")


class ClaimEvent(Base):
    """What happened on a claim: called back, a visit, repaired, replaced or refused."""

    __tablename__ = "claim_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    claim_id: Mapped[int] = mapped_column(
        ForeignKey("repair_claims.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    on: Mapped[date] = mapped_column(Date)
    note: Mapped[str | None] = mapped_column(Text)
    amount: Mapped[Decimal | None] = mapped_column(Money)  # paid by the plan for this repair
    new_layer_public_id: Mapped[str | None] = mapped_column(String(36))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    claim: Mapped[RepairClaim] = relationship(back_populates="events")
