"""Tables of the help desk: where and when help is given (locations, schedules, slots), what residents book, and
what staff record."""
from __future__ import annotations

import enum
from datetime import date, datetime, time

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from civic.database import UTCDateTime, utcnow
from civic.extensions import db
from civic.i18n import _, _l



def reading_language() -> str:
    """The language code (ja, ja-easy, en) of the page or email being rendered."""
    from flask_babel import get_locale

    locale = str(get_locale() or "ja")
    return {"ja@easy": "ja-easy", "ja_easy": "ja-easy", "en": "en"}.get(locale, "ja")


class Translated:
    """Staff-written text kept per language (ja, ja-easy, en); Japanese is shown when a language is missing."""

    def text(self, field: str) -> tuple[str, bool]:
        """(text in the reader's language, True when the Japanese fallback is shown instead)."""
        code = reading_language().replace("-", "_")
        value = getattr(self, f"{field}_{code}", None)
        if value:
            return value, False
        japanese = getattr(self, f"{field}_ja") or ""
        return japanese, code != "ja" and bool(japanese)

    @property
    def name(self) -> str:
        return self.text("name")[0]


class LocationKind(str, enum.Enum):
    in_person = "in_person"
    phone = "phone"
    online = "online"

    @property
    def label(self) -> str:
        return str({LocationKind.in_person: _l("At a help desk"), LocationKind.phone: _l("By phone"),
                    LocationKind.online: _l("Online (video call)")}[self])


class Location(Translated, db.Model):
    """A place (or a phone/online session type) where help is given: 相談会場."""

    __tablename__ = "helpdesk_locations"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(sa.String(20), default=LocationKind.in_person.value)
    name_ja: Mapped[str] = mapped_column(sa.String(120))
    name_ja_easy: Mapped[str | None] = mapped_column(sa.String(120))
    name_en: Mapped[str | None] = mapped_column(sa.String(120))
    address: Mapped[str | None] = mapped_column(sa.String(200))
    access_ja: Mapped[str | None] = mapped_column(sa.Text)
    access_ja_easy: Mapped[str | None] = mapped_column(sa.Text)
    access_en: Mapped[str | None] = mapped_column(sa.Text)
    barrier_free_ja: Mapped[str | None] = mapped_column(sa.Text)
    barrier_free_ja_easy: Mapped[str | None] = mapped_column(sa.Text)
    barrier_free_en: Mapped[str | None] = mapped_column(sa.Text)
    position: Mapped[int] = mapped_column(default=0)
    active: Mapped[bool] = mapped_column(default=True)

    __table_args__ = (sa.CheckConstraint("kind IN ('in_person', 'phone', 'online')", name="kind_known"),)

    @property
    def kind_label(self) -> str:
        return LocationKind(self.kind).label


class Topic(Translated, db.Model):
    """A help topic, following the national digital-skills curriculum (デジタル活用支援 講座)."""

    __tablename__ = "helpdesk_topics"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(sa.String(40), unique=True)
    name_ja: Mapped[str] = mapped_column(sa.String(120))
    name_ja_easy: Mapped[str | None] = mapped_column(sa.String(120))
    name_en: Mapped[str | None] = mapped_column(sa.String(120))
    # What to bring, one item a line, per language.
    bring_ja: Mapped[str | None] = mapped_column(sa.Text)
    bring_ja_easy: Mapped[str | None] = mapped_column(sa.Text)
    bring_en: Mapped[str | None] = mapped_column(sa.Text)
    position: Mapped[int] = mapped_column(default=0)
    active: Mapped[bool] = mapped_column(default=True)


class Schedule(db.Model):
    """A weekly opening (e.g. every Tuesday 10:00, 45 minutes, 2 places) that generates slots."""

    __tablename__ = "helpdesk_schedules"

    id: Mapped[int] = mapped_column(primary_key=True)
    location_id: Mapped[int] = mapped_column(sa.ForeignKey("helpdesk_locations.id"))
    weekday: Mapped[int] = mapped_column()  # 0 = Monday
    start_time: Mapped[time] = mapped_column(sa.Time)
    duration_minutes: Mapped[int] = mapped_column(default=45)
    capacity: Mapped[int] = mapped_column(default=1)
    valid_from: Mapped[date] = mapped_column(sa.Date)
    valid_until: Mapped[date | None] = mapped_column(sa.Date)
    staff_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    active: Mapped[bool] = mapped_column(default=True)

    location: Mapped[Location] = relationship()
    staff = relationship("User")

    __table_args__ = (
        sa.CheckConstraint("weekday BETWEEN 0 AND 6", name="weekday_valid"),
        sa.CheckConstraint("capacity > 0", name="capacity_positive"),
    )


class Closure(db.Model):
    """A day a location (or every location, when location_id is empty) is closed: 休館日・祝日."""

    __tablename__ = "helpdesk_closures"

    id: Mapped[int] = mapped_column(primary_key=True)
    location_id: Mapped[int | None] = mapped_column(sa.ForeignKey("helpdesk_locations.id"))
    day: Mapped[date] = mapped_column(sa.Date, index=True)
    reason: Mapped[str] = mapped_column(sa.String(120), default="")

    location: Mapped[Location | None] = relationship()


class Slot(db.Model):
    """One session time at a location with a number of places. `booked` counts the live bookings; the
    database refuses more than `capacity`."""

    __tablename__ = "helpdesk_slots"

    id: Mapped[int] = mapped_column(primary_key=True)
    location_id: Mapped[int] = mapped_column(sa.ForeignKey("helpdesk_locations.id"))
    schedule_id: Mapped[int | None] = mapped_column(sa.ForeignKey("helpdesk_schedules.id", ondelete="SET NULL"))
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    ends_at: Mapped[datetime] = mapped_column(UTCDateTime)
    capacity: Mapped[int] = mapped_column()
    booked: Mapped[int] = mapped_column(default=0)
    open: Mapped[bool] = mapped_column(default=True)
    staff_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))

    location: Mapped[Location] = relationship()
    staff = relationship("User")

    __table_args__ = (
        sa.UniqueConstraint("location_id", "starts_at", name="uq_helpdesk_slots_location_start"),
        sa.CheckConstraint("booked >= 0 AND booked <= capacity", name="booked_within_capacity"),
        sa.CheckConstraint("capacity >= 0", name="capacity_not_negative"),
    )

    @property
    def places_left(self) -> int:
        return max(self.capacity - self.booked, 0) if self.open else 0

    def is_bookable(self, now: datetime | None = None) -> bool:
        return self.open and self.starts_at > (now or utcnow())


class BookingStatus(str, enum.Enum):
    booked = "booked"
    attended = "attended"  # 来場
    no_show = "no_show"  # 無断キャンセル
    cancelled = "cancelled"

    @property
    def label(self) -> str:
        return str(STATUS_LABELS[self])


STATUS_LABELS = {
    BookingStatus.booked: _l("Booked"),
    BookingStatus.attended: _l("Came (checked in)"),
    BookingStatus.no_show: _l("Did not come"),
    BookingStatus.cancelled: _l("Cancelled"),
}

LIVE_STATUSES = (BookingStatus.booked.value, BookingStatus.attended.value, BookingStatus.no_show.value)


class Channel(str, enum.Enum):
    web = "web"
    phone = "phone"
    walk_in = "walk_in"

    @property
    def label(self) -> str:
        return str({Channel.web: _l("Online form"), Channel.phone: _l("Phone"),
                    Channel.walk_in: _l("Walk-in")}[self])


AGE_BANDS = {
    "under_40": _l("Under 40"), "40s": _l("40–49"), "50s": _l("50–59"), "60s": _l("60–69"),
    "70s": _l("70–79"), "80_plus": _l("80 or older"),
}

DEVICES = {
    "android": _l("Android smartphone"), "iphone": _l("iPhone"), "tablet": _l("Tablet"),
    "computer": _l("Computer"), "none": _l("No device (I want advice before buying)"),
}


class Booking(db.Model):
    """A resident's place in a slot: 予約. Personal data is erased some days after the session (purged_at)."""

    __tablename__ = "helpdesk_bookings"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(sa.String(6), unique=True)
    manage_token: Mapped[str] = mapped_column(sa.String(64), unique=True)
    idempotency_key: Mapped[str | None] = mapped_column(sa.String(64), unique=True)
    slot_id: Mapped[int] = mapped_column(sa.ForeignKey("helpdesk_slots.id"), index=True)
    topic_id: Mapped[int] = mapped_column(sa.ForeignKey("helpdesk_topics.id"))
    status: Mapped[str] = mapped_column(sa.String(20), default=BookingStatus.booked.value)
    channel: Mapped[str] = mapped_column(sa.String(20), default=Channel.web.value)
    name: Mapped[str] = mapped_column(sa.String(100))
    phone: Mapped[str | None] = mapped_column(sa.String(30), index=True)  # digits only
    email: Mapped[str | None] = mapped_column(sa.String(254), index=True)  # lower-cased
    age_band: Mapped[str | None] = mapped_column(sa.String(20))
    purpose: Mapped[str | None] = mapped_column(sa.Text)
    device: Mapped[str | None] = mapped_column(sa.String(20))
    needs_wheelchair: Mapped[bool] = mapped_column(default=False)
    needs_hearing: Mapped[bool] = mapped_column(default=False)
    needs_large_print: Mapped[bool] = mapped_column(default=False)
    interpreter_language: Mapped[str | None] = mapped_column(sa.String(60))
    language: Mapped[str] = mapped_column(sa.String(10), default="ja")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    created_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    cancelled_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    checked_in_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    reminder_sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    called_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    purged_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    slot: Mapped[Slot] = relationship()
    topic: Mapped[Topic] = relationship()
    support_record: Mapped["SupportRecord | None"] = relationship(back_populates="booking", uselist=False)

    __table_args__ = (
        sa.CheckConstraint("status IN ('booked', 'attended', 'no_show', 'cancelled')", name="status_known"),
        sa.CheckConstraint("channel IN ('web', 'phone', 'walk_in')", name="channel_known"),
    )

    @property
    def status_label(self) -> str:
        return BookingStatus(self.status).label

    @property
    def channel_label(self) -> str:
        return Channel(self.channel).label

    @property
    def phone_display(self) -> str:
        """The stored digits grouped as people write them: 090-1234-5678, 03-1234-5678, 0120-123-456."""
        d = self.phone or ""
        if len(d) == 11:
            return f"{d[:3]}-{d[3:7]}-{d[7:]}"
        if len(d) == 10 and d.startswith(("0120", "0800")):
            return f"{d[:4]}-{d[4:7]}-{d[7:]}"
        if len(d) == 10:
            return f"{d[:2]}-{d[2:6]}-{d[6:]}"
        return d

    @property
    def code_grouped(self) -> str:
        return f"{self.code[:3]} {self.code[3:]}"

    @property
    def needs(self) -> list[str]:
        needs = []
        if self.needs_wheelchair:
            needs.append(_("Wheelchair access"))
        if self.needs_hearing:
            needs.append(_("Hearing support"))
        if self.needs_large_print:
            needs.append(_("Large print"))
        if self.interpreter_language:
            needs.append(_("Interpreter: %(language)s", language=self.interpreter_language))
        return needs

    def can_change(self, now: datetime | None = None) -> bool:
        return self.status == BookingStatus.booked.value and self.slot.starts_at > (now or utcnow())


class WaitlistEntry(db.Model):
    """A resident waiting for a place in a full slot: キャンセル待ち."""

    __tablename__ = "helpdesk_waitlist"

    id: Mapped[int] = mapped_column(primary_key=True)
    slot_id: Mapped[int] = mapped_column(sa.ForeignKey("helpdesk_slots.id"), index=True)
    topic_id: Mapped[int] = mapped_column(sa.ForeignKey("helpdesk_topics.id"))
    name: Mapped[str] = mapped_column(sa.String(100))
    email: Mapped[str] = mapped_column(sa.String(254))
    language: Mapped[str] = mapped_column(sa.String(10), default="ja")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    offered_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    slot: Mapped[Slot] = relationship()
    topic: Mapped[Topic] = relationship()


support_record_topics = sa.Table(
    "helpdesk_support_record_topics", db.metadata,
    sa.Column("support_record_id", sa.ForeignKey("helpdesk_support_records.id", ondelete="CASCADE"),
              primary_key=True),
    sa.Column("topic_id", sa.ForeignKey("helpdesk_topics.id"), primary_key=True),
)


class SupportRecord(db.Model):
    """What happened at a visit: 支援記録 (topics handled, resolved, follow-up, a note)."""

    __tablename__ = "helpdesk_support_records"

    id: Mapped[int] = mapped_column(primary_key=True)
    booking_id: Mapped[int] = mapped_column(sa.ForeignKey("helpdesk_bookings.id"), unique=True)
    resolved: Mapped[bool] = mapped_column(default=False)
    follow_up: Mapped[bool] = mapped_column(default=False)
    note: Mapped[str | None] = mapped_column(sa.Text)
    recorded_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    booking: Mapped[Booking] = relationship(back_populates="support_record")
    topics: Mapped[list[Topic]] = relationship(secondary=support_record_topics)
    recorded_by = relationship("User")


ACTION_LABELS = {
    "booked_web": _l("Booked online"), "booked_phone": _l("Booked by phone"), "booked_walk_in": _l("Walk-in booked"),
    "cancelled": _l("Cancelled"), "cancelled_slot_closed": _l("Cancelled: session closed"),
    "moved": _l("Moved to another time"), "checked_in": _l("Came (checked in)"), "no_show": _l("Did not come"),
    "called": _l("Reminded by phone"), "support_recorded": _l("Support record saved"),
}


class StaffAction(db.Model):
    """Who did what to a booking, and when (操作記録)."""

    __tablename__ = "helpdesk_staff_actions"

    id: Mapped[int] = mapped_column(primary_key=True)
    booking_id: Mapped[int | None] = mapped_column(sa.ForeignKey("helpdesk_bookings.id"), index=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"))
    action: Mapped[str] = mapped_column(sa.String(40))
    detail: Mapped[str] = mapped_column(sa.String(300), default="")
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    user = relationship("User")

    @property
    def label(self) -> str:
        return str(ACTION_LABELS.get(self.action, self.action))
