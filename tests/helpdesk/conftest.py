"""Factories for the help desk: each test says only the topic, place and slot facts that matter to it."""
from __future__ import annotations

from datetime import datetime, time, timedelta, timezone

import pytest

from civic.extensions import db
from civic.helpdesk import operations
from civic.helpdesk.operations import TOKYO, tokyo_today
from civic.helpdesk.models import Booking, Location, Slot, Topic


@pytest.fixture
def make_topic(app):
    counter = iter(range(1, 1000))

    def factory(name_ja="マイナンバーカード", name_en="My Number card", bring_en="Your My Number card",
                bring_ja="マイナンバーカード", **kwargs):
        with app.app_context():
            topic = Topic(key=f"topic_{next(counter)}", name_ja=name_ja, name_en=name_en, bring_en=bring_en,
                          bring_ja=bring_ja, **kwargs)
            db.session.add(topic)
            db.session.commit()
            return topic.id

    return factory


@pytest.fixture
def make_location(app):
    def factory(name_ja="北公民館", name_en="North Community Centre", **kwargs):
        with app.app_context():
            location = Location(name_ja=name_ja, name_en=name_en, address="ひかり市北町3-2", **kwargs)
            db.session.add(location)
            db.session.commit()
            return location.id

    return factory


@pytest.fixture
def make_slot(app, make_location):
    def factory(capacity=2, starts_in=timedelta(days=3), location_id=None, booked=0, starts_at=None):
        location_id = location_id or make_location()
        starts = starts_at or (datetime.now(timezone.utc) + starts_in).replace(second=0, microsecond=0)
        with app.app_context():
            slot = Slot(location_id=location_id, starts_at=starts, ends_at=starts + timedelta(minutes=45),
                        capacity=capacity, booked=booked)
            db.session.add(slot)
            db.session.commit()
            return slot.id

    return factory


@pytest.fixture
def make_booking(app):
    def factory(slot_id, topic_id, name="ひかり 花子", phone="090-1111-2222", email="hanako@example.jp", **kwargs):
        with app.app_context():
            slot = db.session.get(Slot, slot_id)
            details = operations.BookingDetails(topic_id=topic_id, name=name, phone=phone, email=email, **kwargs)
            booking = operations.book_slot(slot, details)
            db.session.commit()
            return booking.id

    return factory


@pytest.fixture
def get_booking(app):
    """get_booking(id) or get_booking(code=...) -> a detached Booking (None when there is none)."""
    return lambda booking_id=None, **filters: _get_booking(app, booking_id, **filters)


@pytest.fixture
def slot_booked(app):
    """slot_booked(slot_id) -> the slot's booked counter."""
    return lambda slot_id: _slot_booked(app, slot_id)


def _get_booking(app, booking_id=None, **filters) -> Booking:
    with app.app_context():
        query = db.select(Booking)
        if booking_id is not None:
            query = query.where(Booking.id == booking_id)
        for key, value in filters.items():
            query = query.where(getattr(Booking, key) == value)
        booking = db.session.scalar(query)
        if booking is not None:
            booking.slot, booking.topic  # loaded while the session is open
            db.session.expunge_all()
        return booking


def _slot_booked(app, slot_id) -> int:
    with app.app_context():
        return db.session.get(Slot, slot_id).booked


@pytest.fixture
def staff(signed_in):
    return signed_in("helpdesk")


@pytest.fixture
def desk(make_topic, make_location, make_slot, make_booking, app):
    """Tomorrow at 10:00 at one location with two bookings (one with no email)."""
    topic = make_topic()
    location = make_location()
    tomorrow = datetime.combine(tokyo_today() + timedelta(days=1), time(10), TOKYO).astimezone(timezone.utc)
    slot = make_slot(capacity=3, location_id=location, starts_at=tomorrow)
    with_email = make_booking(slot, topic, name="メール 有子", phone="090-1111-2222", email="yuko@example.jp")
    phone_only = make_booking(slot, topic, name="電話 のみ夫", phone="080-3333-4444", email=None)
    return {"topic": topic, "location": location, "slot": slot, "with_email": with_email, "phone_only": phone_only,
            "day": (tokyo_today() + timedelta(days=1)).isoformat()}
