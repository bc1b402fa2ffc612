"""Writes of the help desk. No request, no commit: the caller commits once.

The capacity rule: a slot's `booked` counter only grows through a conditional UPDATE (`booked < capacity`) run
in the same transaction as the booking insert, and a CHECK constraint backs it. This holds on PostgreSQL (row lock,
re-checked after the wait) and on SQLite (the UPDATE takes the database's write lock), whatever the concurrency.
"""
from __future__ import annotations

import contextlib
import secrets
import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from flask import current_app, has_request_context, url_for

from civic.database import utcnow
from civic.extensions import db
from civic.helpdesk.models import (Booking, BookingStatus, Channel, Closure, Location, Schedule, Slot, StaffAction,
                                   SupportRecord, Topic, WaitlistEntry)
from civic.mail import send_email

TOKYO = ZoneInfo("Asia/Tokyo")
# Booking codes are read aloud on the phone: no 0/O, 1/I/L, 2/Z, 5/S, 8/B, G/6 look-alikes.
CODE_ALPHABET = "ACDEFHJKLMNPRTUVWXY34679"
CODE_LENGTH = 6


class HelpdeskError(Exception):
    """A booking request that cannot be carried out; the view says why."""


class SlotFull(HelpdeskError):
    """No place is left in the slot."""


class SlotNotBookable(HelpdeskError):
    """The slot is closed or already over."""


class TooManyBookings(HelpdeskError):
    """This phone number or email holds the maximum number of future bookings already."""


class BookingNotChangeable(HelpdeskError):
    """The booking was cancelled, is over, or was already handled."""


@dataclass
class BookingDetails:
    topic_id: int
    name: str
    phone: str | None = None
    email: str | None = None
    age_band: str | None = None
    purpose: str | None = None
    device: str | None = None
    needs_wheelchair: bool = False
    needs_hearing: bool = False
    needs_large_print: bool = False
    interpreter_language: str | None = None
    language: str = "ja"
    extra: dict = field(default_factory=dict)


def normalise_phone(value: str | None) -> str | None:
    """Digits only (full-width digits and hyphens accepted), so 090-1234-5678 and ０９０１２３４５６７８ match."""
    if not value:
        return None
    digits = "".join(ch for ch in unicodedata.normalize("NFKC", value) if ch.isdigit())
    return digits or None


def normalise_email(value: str | None) -> str | None:
    value = (value or "").strip().lower()
    return value or None


def tokyo_day_bounds(day: date) -> tuple[datetime, datetime]:
    """The UTC moments a Japanese calendar day starts and ends."""
    start = datetime.combine(day, time(0), TOKYO).astimezone(timezone.utc)
    return start, start + timedelta(days=1)


def tokyo_today(now: datetime | None = None) -> date:
    return (now or utcnow()).astimezone(TOKYO).date()


def mail_context():
    """A request context for rendering emails from the command line (pages and emails share the layout's
    context processor, which reads the request); inside a request, nothing."""
    if has_request_context():
        return contextlib.nullcontext()
    return current_app.test_request_context(base_url=current_app.config.get("SITE_URL") or "http://localhost")


def external_url(endpoint: str, **values) -> str:
    """An absolute link for emails and QR codes, also from the command line (SITE_URL, else localhost)."""
    if has_request_context():
        return url_for(endpoint, _external=True, **values)
    base = current_app.config.get("SITE_URL") or "http://localhost"
    with current_app.test_request_context(base_url=base):
        return url_for(endpoint, _external=True, **values)


def new_code() -> str:
    while True:
        code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
        if db.session.scalar(sa.select(Booking.id).where(Booking.code == code)) is None:
            return code


def log_action(staff, booking: Booking | None, action: str, detail: str = "") -> None:
    """Keep who did what to a booking (staff only; residents' own changes are not logged here)."""
    if staff is None:
        return
    db.session.add(StaffAction(user_id=staff.id, booking_id=booking.id if booking else None, action=action,
                               detail=detail[:300]))


def count_future_bookings(phone: str | None, email: str | None, now: datetime | None = None) -> int:
    conditions = []
    if phone:
        conditions.append(Booking.phone == phone)
    if email:
        conditions.append(Booking.email == email)
    if not conditions:
        return 0
    return db.session.scalar(
        sa.select(sa.func.count(Booking.id)).join(Booking.slot)
        .where(sa.or_(*conditions), Booking.status == BookingStatus.booked.value,
               Slot.starts_at > (now or utcnow()))
    )


def _take_place(slot_id: int) -> None:
    """Raise SlotFull unless one place of the slot could be taken (the conditional UPDATE of the module doc)."""
    result = db.session.execute(
        sa.update(Slot)
        .where(Slot.id == slot_id, Slot.open.is_(True), Slot.booked < Slot.capacity)
        .values(booked=Slot.booked + 1)
        .execution_options(synchronize_session=False)
    )
    if result.rowcount != 1:
        raise SlotFull(slot_id)


def _give_back_place(slot_id: int) -> None:
    db.session.execute(
        sa.update(Slot).where(Slot.id == slot_id, Slot.booked > 0).values(booked=Slot.booked - 1)
        .execution_options(synchronize_session=False)
    )


def book_slot(slot: Slot, details: BookingDetails, *, channel: Channel = Channel.web,
              idempotency_key: str | None = None, staff=None, check_in: bool = False,
              now: datetime | None = None) -> Booking:
    """Take a place in the slot and add the booking. With an idempotency key already used, return that booking
    (a double-submitted form books once).

    Raises SlotNotBookable (closed or over; staff may still book a slot that started today), TooManyBookings
    (residents only) and SlotFull. A concurrent submission with the same key fails on the unique key at flush
    (IntegrityError); the caller rolls back and looks the booking up.
    """
    now = now or utcnow()
    if idempotency_key:
        existing = db.session.scalar(sa.select(Booking).where(Booking.idempotency_key == idempotency_key))
        if existing is not None:
            return existing
    started_today_ok = staff is not None and tokyo_today(slot.starts_at) == tokyo_today(now)
    if not slot.open or (slot.starts_at <= now and not started_today_ok):
        raise SlotNotBookable(slot.id)
    phone, email = normalise_phone(details.phone), normalise_email(details.email)
    if staff is None and count_future_bookings(phone, email, now) >= current_app.config[
            "HELPDESK_MAX_FUTURE_BOOKINGS"]:
        raise TooManyBookings()
    _take_place(slot.id)
    booking = Booking(
        code=new_code(), manage_token=secrets.token_urlsafe(32), idempotency_key=idempotency_key or None,
        slot_id=slot.id, topic_id=details.topic_id, channel=channel.value, name=details.name.strip(),
        phone=phone, email=email, age_band=details.age_band or None, purpose=(details.purpose or "").strip() or None,
        device=details.device or None, needs_wheelchair=details.needs_wheelchair,
        needs_hearing=details.needs_hearing, needs_large_print=details.needs_large_print,
        interpreter_language=(details.interpreter_language or "").strip() or None, language=details.language,
        created_by_id=staff.id if staff else None, created_at=now,
    )
    if check_in:
        booking.status = BookingStatus.attended.value
        booking.checked_in_at = now
    db.session.add(booking)
    db.session.flush()
    db.session.expire(slot, ["booked"])
    log_action(staff, booking, f"booked_{channel.value}", booking.code)
    return booking


def send_confirmation(booking: Booking) -> None:
    """Email the booking's details, what to bring and the manage link, when an email was given."""
    if booking.email:
        send_email(booking.email, "helpdesk/emails/confirmation", booking.language, booking=booking,
                   what_to_bring=what_to_bring, manage_link=external_url("helpdesk.booking",
                                                                          token=booking.manage_token))


def cancel_booking(booking: Booking, *, staff=None, now: datetime | None = None) -> None:
    """Cancel a booking, free its place and offer it to the first person waiting. Raises BookingNotChangeable."""
    if staff is None and not booking.can_change(now):
        raise BookingNotChangeable(booking.id)
    if booking.status != BookingStatus.booked.value:
        raise BookingNotChangeable(booking.id)
    booking.status = BookingStatus.cancelled.value
    booking.cancelled_at = now or utcnow()
    _give_back_place(booking.slot_id)
    db.session.expire(booking.slot, ["booked"])
    log_action(staff, booking, "cancelled", booking.code)
    offer_place(booking.slot, now=now)


def move_booking(booking: Booking, new_slot: Slot, *, staff=None, now: datetime | None = None) -> None:
    """Move a booking to another slot: take a place there, free the old one (offered to the waiting list).

    Raises BookingNotChangeable, SlotNotBookable, SlotFull.
    """
    now = now or utcnow()
    if not booking.can_change(now):
        raise BookingNotChangeable(booking.id)
    if new_slot.id == booking.slot_id:
        return
    if not new_slot.is_bookable(now):
        raise SlotNotBookable(new_slot.id)
    old_slot = booking.slot
    _take_place(new_slot.id)
    _give_back_place(old_slot.id)
    booking.slot = new_slot
    booking.reminder_sent_at = None
    booking.called_at = None
    db.session.flush()
    db.session.expire(old_slot, ["booked"])
    db.session.expire(new_slot, ["booked"])
    log_action(staff, booking, "moved", f"{booking.code} → slot {new_slot.id}")
    offer_place(old_slot, now=now)


def join_waitlist(slot: Slot, *, topic_id: int, name: str, email: str, language: str) -> WaitlistEntry:
    """Put a resident on the slot's waiting list (email needed: the offer comes by email)."""
    entry = WaitlistEntry(slot_id=slot.id, topic_id=topic_id, name=name.strip(), email=normalise_email(email),
                          language=language)
    db.session.add(entry)
    db.session.flush()
    return entry


def offer_place(slot: Slot, now: datetime | None = None) -> WaitlistEntry | None:
    """Email the first person waiting for this slot that a place is free (first to book it gets it)."""
    now = now or utcnow()
    if not slot.open or slot.starts_at <= now:
        return None
    entry = db.session.scalar(
        sa.select(WaitlistEntry).where(WaitlistEntry.slot_id == slot.id, WaitlistEntry.offered_at.is_(None))
        .order_by(WaitlistEntry.created_at, WaitlistEntry.id).limit(1)
    )
    if entry is None:
        return None
    entry.offered_at = now
    send_email(entry.email, "helpdesk/emails/place_offered", entry.language, entry=entry, slot=slot,
               link=external_url("helpdesk.book", slot_id=slot.id, topic=entry.topic_id))
    return entry


def check_in(booking: Booking, staff) -> None:
    """Mark the resident as come (来場). Raises BookingNotChangeable for a cancelled booking."""
    if booking.status == BookingStatus.cancelled.value:
        raise BookingNotChangeable(booking.id)
    booking.status = BookingStatus.attended.value
    booking.checked_in_at = utcnow()
    log_action(staff, booking, "checked_in", booking.code)


def mark_no_show(booking: Booking, staff) -> None:
    """Mark the resident as not come (無断キャンセル). Raises BookingNotChangeable for a cancelled booking."""
    if booking.status == BookingStatus.cancelled.value:
        raise BookingNotChangeable(booking.id)
    booking.status = BookingStatus.no_show.value
    booking.checked_in_at = None
    log_action(staff, booking, "no_show", booking.code)


def mark_called(booking: Booking, staff) -> None:
    """Tick a booking on the call list as reminded by phone."""
    booking.called_at = utcnow()
    log_action(staff, booking, "called", booking.code)


def record_support(booking: Booking, staff, *, topic_ids: list[int], resolved: bool, follow_up: bool,
                   note: str | None) -> SupportRecord:
    """Write (or rewrite) the support record of a visit; the visit counts as attended."""
    record = booking.support_record
    if record is None:
        record = SupportRecord(booking=booking)
        db.session.add(record)
    record.topics = list(db.session.scalars(sa.select(Topic).where(Topic.id.in_(topic_ids or [-1]))))
    record.resolved, record.follow_up = resolved, follow_up
    record.note = (note or "").strip() or None
    record.recorded_by_id = staff.id
    record.recorded_at = utcnow()
    if booking.status == BookingStatus.booked.value:
        booking.status = BookingStatus.attended.value
        booking.checked_in_at = booking.checked_in_at or utcnow()
    log_action(staff, booking, "support_recorded", "resolved" if resolved else "not resolved")
    return record


def close_slot(slot: Slot, staff, reason: str = "") -> int:
    """Close a slot: its bookings are cancelled and the residents told by email. Returns how many were told."""
    slot.open = False
    told = 0
    bookings = db.session.scalars(
        sa.select(Booking).where(Booking.slot_id == slot.id, Booking.status == BookingStatus.booked.value)).all()
    for booking in bookings:
        booking.status = BookingStatus.cancelled.value
        booking.cancelled_at = utcnow()
        log_action(staff, booking, "cancelled_slot_closed", reason)
        if booking.email:
            send_email(booking.email, "helpdesk/emails/slot_closed", booking.language, booking=booking,
                       reason=reason, link=external_url("helpdesk.index"))
            told += 1
    db.session.execute(sa.update(Slot).where(Slot.id == slot.id).values(booked=0)
                       .execution_options(synchronize_session=False))
    db.session.expire(slot, ["booked"])
    db.session.execute(sa.delete(WaitlistEntry).where(WaitlistEntry.slot_id == slot.id))
    return told


def add_closure(day: date, location: Location | None, reason: str, staff) -> int:
    """Record a closed day and close the slots of that day. Returns how many residents were told by email."""
    db.session.add(Closure(day=day, location_id=location.id if location else None, reason=reason))
    start, end = tokyo_day_bounds(day)
    query = sa.select(Slot).where(Slot.starts_at >= start, Slot.starts_at < end, Slot.open.is_(True))
    if location is not None:
        query = query.where(Slot.location_id == location.id)
    return sum(close_slot(slot, staff, reason) for slot in db.session.scalars(query).all())


def generate_slots(schedule: Schedule, until: date, today: date | None = None) -> int:
    """Create the slots of a weekly schedule up to `until`, skipping closed days and slots that exist.
    Returns how many were created."""
    today = today or tokyo_today()
    day = max(schedule.valid_from, today)
    last = min(until, schedule.valid_until) if schedule.valid_until else until
    closed = {(c.location_id, c.day) for c in db.session.scalars(
        sa.select(Closure).where(Closure.day >= day, Closure.day <= last))}
    existing = set(db.session.scalars(
        sa.select(Slot.starts_at).where(Slot.location_id == schedule.location_id)))
    created = 0
    while day <= last:
        if day.weekday() == schedule.weekday and (None, day) not in closed and (schedule.location_id, day) not in closed:
            starts = datetime.combine(day, schedule.start_time, TOKYO).astimezone(timezone.utc)
            if starts not in existing:
                db.session.add(Slot(location_id=schedule.location_id, schedule_id=schedule.id, starts_at=starts,
                                    ends_at=starts + timedelta(minutes=schedule.duration_minutes),
                                    capacity=schedule.capacity, booked=0, open=True, staff_id=schedule.staff_id))
                created += 1
        day += timedelta(days=1)
    db.session.flush()
    return created


def send_reminders(now: datetime | None = None) -> int:
    """Email a reminder to every booking of tomorrow (Japan time) with an email and no reminder yet; each is
    marked and committed one by one, so a rerun (or a crash half-way) never sends one twice. Returns the count."""
    now = now or utcnow()
    start, end = tokyo_day_bounds(tokyo_today(now) + timedelta(days=1))
    ids = db.session.scalars(
        sa.select(Booking.id).join(Booking.slot)
        .where(Slot.starts_at >= start, Slot.starts_at < end, Booking.status == BookingStatus.booked.value,
               Booking.email.is_not(None), Booking.reminder_sent_at.is_(None))
        .order_by(Booking.id)).all()
    sent = 0
    for booking_id in ids:
        # Claim the reminder first, so two runs at once cannot both send it.
        claimed = db.session.execute(
            sa.update(Booking).where(Booking.id == booking_id, Booking.reminder_sent_at.is_(None))
            .values(reminder_sent_at=now).execution_options(synchronize_session=False)).rowcount
        db.session.commit()
        if not claimed:
            continue
        booking = db.session.get(Booking, booking_id)
        with mail_context():
            send_email(booking.email, "helpdesk/emails/reminder", booking.language, booking=booking,
                       what_to_bring=what_to_bring,
                       manage_link=external_url("helpdesk.booking", token=booking.manage_token))
        sent += 1
    return sent


def purge_personal_data(days: int, now: datetime | None = None) -> int:
    """Erase names, contacts, free text and needs of bookings whose session ended more than `days` days ago,
    and drop old waiting-list entries. Topic, age band, status, channel and support outcome stay for
    statistics. Returns how many bookings were anonymised."""
    cutoff = (now or utcnow()) - timedelta(days=days)
    bookings = db.session.scalars(
        sa.select(Booking).join(Booking.slot).where(Slot.ends_at < cutoff, Booking.purged_at.is_(None))).all()
    for booking in bookings:
        booking.name = ""
        booking.phone = booking.email = booking.purpose = booking.interpreter_language = None
        booking.needs_wheelchair = booking.needs_hearing = booking.needs_large_print = False
        booking.idempotency_key = None
        booking.manage_token = secrets.token_urlsafe(32)  # the old link shows nothing any more
        booking.purged_at = now or utcnow()
        if booking.support_record is not None:
            booking.support_record.note = None
    old_slots = sa.select(Slot.id).where(Slot.ends_at < cutoff)
    db.session.execute(sa.delete(WaitlistEntry).where(WaitlistEntry.slot_id.in_(old_slots))
                       .execution_options(synchronize_session=False))
    return len(bookings)


# What to bring (持ち物): the topic's own list, then what the device needs.
DEVICE_BRING = {
    "android": ("your_phone", "charger", "passwords"),
    "iphone": ("your_phone", "charger", "passwords"),
    "tablet": ("your_tablet", "charger", "passwords"),
    "computer": ("your_computer", "passwords"),
    "none": (),
}


def what_to_bring(booking: Booking) -> list[str]:
    """The list in the language being rendered (call inside force_locale for an email)."""
    from civic.helpdesk.texts import BRING_ITEMS

    items = [line.strip() for line in (booking.topic.text("bring")[0] or "").splitlines() if line.strip()]
    for key in DEVICE_BRING.get(booking.device or "", ("passwords",)):
        text = str(BRING_ITEMS[key])
        if text not in items:
            items.append(text)
    if booking.needs_large_print or booking.age_band in ("70s", "80_plus"):
        items.append(str(BRING_ITEMS["glasses"]))
    return items
