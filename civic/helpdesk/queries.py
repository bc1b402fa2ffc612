"""Reads the help-desk pages, exports and statistics share. Eager loading keeps query counts flat."""
from __future__ import annotations

import calendar
from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, timedelta

import sqlalchemy as sa
from sqlalchemy.orm import joinedload, selectinload

from civic.database import utcnow
from civic.extensions import db
from civic.helpdesk.models import (AGE_BANDS, Booking, BookingStatus, Location, Slot, SupportRecord, Topic)
from civic.helpdesk.operations import normalise_phone, tokyo_day_bounds, tokyo_today


def active_topics() -> list[Topic]:
    return list(db.session.scalars(sa.select(Topic).where(Topic.active.is_(True)).order_by(Topic.position,
                                                                                           Topic.id)))


def all_topics() -> list[Topic]:
    return list(db.session.scalars(sa.select(Topic).order_by(Topic.position, Topic.id)))


def active_locations() -> list[Location]:
    return list(db.session.scalars(sa.select(Location).where(Location.active.is_(True))
                                   .order_by(Location.position, Location.id)))


def upcoming_slots(location_id: int | None = None, weeks: int = 4, now: datetime | None = None,
                   only_free: bool = False, limit: int | None = None) -> list[Slot]:
    now = now or utcnow()
    query = (sa.select(Slot).options(joinedload(Slot.location))
             .where(Slot.open.is_(True), Slot.starts_at > now, Slot.starts_at < now + timedelta(weeks=weeks))
             .order_by(Slot.starts_at, Slot.id))
    if location_id is not None:
        query = query.where(Slot.location_id == location_id)
    else:
        query = query.join(Slot.location).where(Location.active.is_(True))
    if only_free:
        query = query.where(Slot.booked < Slot.capacity)
    if limit:
        query = query.limit(limit)
    return list(db.session.scalars(query))


def group_by_day(slots: list[Slot]) -> list[tuple[date, list[Slot]]]:
    days: dict[date, list[Slot]] = {}
    for slot in slots:
        days.setdefault(tokyo_today(slot.starts_at), []).append(slot)
    return list(days.items())


def _booking_options():
    return (joinedload(Booking.slot).joinedload(Slot.location), joinedload(Booking.topic),
            selectinload(Booking.support_record).selectinload(SupportRecord.topics))


def bookings_between(start: datetime, end: datetime, include_cancelled: bool = False) -> list[Booking]:
    query = (sa.select(Booking).join(Booking.slot).options(*_booking_options())
             .where(Slot.starts_at >= start, Slot.starts_at < end).order_by(Slot.starts_at, Booking.id))
    if not include_cancelled:
        query = query.where(Booking.status != BookingStatus.cancelled.value)
    return list(db.session.scalars(query))


def day_bookings(day: date, include_cancelled: bool = False) -> list[Booking]:
    return bookings_between(*tokyo_day_bounds(day), include_cancelled=include_cancelled)


def day_slots(day: date) -> list[Slot]:
    start, end = tokyo_day_bounds(day)
    return list(db.session.scalars(sa.select(Slot).options(joinedload(Slot.location), joinedload(Slot.staff))
                                   .where(Slot.starts_at >= start, Slot.starts_at < end)
                                   .order_by(Slot.location_id, Slot.starts_at)))


def day_view(day: date) -> list[tuple[Location, list[tuple[Slot, list[Booking]]]]]:
    """The day's slots by location, each with its bookings (cancelled ones left out)."""
    bookings = day_bookings(day)
    by_slot: dict[int, list[Booking]] = {}
    for booking in bookings:
        by_slot.setdefault(booking.slot_id, []).append(booking)
    locations: dict[int, tuple[Location, list]] = {}
    for slot in day_slots(day):
        locations.setdefault(slot.location_id, (slot.location, []))[1].append((slot, by_slot.get(slot.id, [])))
    return sorted(locations.values(), key=lambda item: (item[0].position, item[0].id))


def call_list(day: date) -> list[Booking]:
    """Bookings of the day with no email: to remind by phone."""
    return [b for b in day_bookings(day) if b.status == BookingStatus.booked.value and not b.email and b.phone]


def search_bookings(text: str, limit: int = 50) -> list[Booking]:
    text = text.strip()
    if not text:
        return []
    conditions = [Booking.code == text.replace(" ", "").upper(), Booking.name.ilike(f"%{text}%")]
    digits = normalise_phone(text)
    if digits and len(digits) >= 3:
        conditions.append(Booking.phone.like(f"%{digits}%"))
    return list(db.session.scalars(
        sa.select(Booking).join(Booking.slot).options(*_booking_options()).where(sa.or_(*conditions))
        .order_by(Slot.starts_at.desc()).limit(limit)))


def month_bounds(year: int, month: int) -> tuple[datetime, datetime]:
    last_day = calendar.monthrange(year, month)[1]
    return tokyo_day_bounds(date(year, month, 1))[0], tokyo_day_bounds(date(year, month, last_day))[1]


@dataclass
class MonthStatistics:
    bookings: int
    attended: int
    no_show: int
    cancelled: int
    records: int
    resolved: int
    topics: list[tuple[str, int]]
    age_bands: list[tuple[str, int]]
    channels: list[tuple[str, int]]

    @staticmethod
    def rate(part: int, whole: int) -> float | None:
        return round(100 * part / whole, 1) if whole else None

    @property
    def finished(self) -> int:
        return self.attended + self.no_show

    @property
    def attendance_rate(self):
        return self.rate(self.attended, self.finished)

    @property
    def no_show_rate(self):
        return self.rate(self.no_show, self.finished)

    @property
    def resolved_rate(self):
        return self.rate(self.resolved, self.records)


def month_statistics(year: int, month: int) -> MonthStatistics:
    """Counts of a month (Japan time). Rates: attended or no-show among the sessions that took place."""
    from civic.helpdesk.models import Channel

    bookings = bookings_between(*month_bounds(year, month), include_cancelled=True)
    status = Counter(b.status for b in bookings)
    live = [b for b in bookings if b.status != BookingStatus.cancelled.value]
    topics = Counter(b.topic.name for b in live)
    ages = Counter(b.age_band or "" for b in live)
    channels = Counter(b.channel for b in live)
    records = [b.support_record for b in live if b.support_record is not None]
    age_rows = [(str(label), ages.get(key, 0)) for key, label in AGE_BANDS.items()]
    if ages.get(""):
        from civic.i18n import _

        age_rows.append((_("Not given"), ages[""]))
    return MonthStatistics(
        bookings=len(live), attended=status[BookingStatus.attended.value],
        no_show=status[BookingStatus.no_show.value], cancelled=status[BookingStatus.cancelled.value],
        records=len(records), resolved=sum(1 for r in records if r.resolved),
        topics=topics.most_common(), age_bands=age_rows,
        channels=[(Channel(key).label, count) for key, count in channels.most_common()],
    )


def staff_members():
    """Active help-desk staff, who can be put in charge of a weekly schedule."""
    from civic.accounts.models import User
    from civic.permissions import Role

    return list(db.session.scalars(sa.select(User).where(User.role == Role.helpdesk.value, User.active.is_(True))
                                   .order_by(User.display_name)))
