"""A slot never holds more bookings than its capacity, however many people book its last places at once."""
import threading
from datetime import timedelta

import pytest

from civic.extensions import db
from civic.helpdesk import operations
from civic.helpdesk.models import Booking, Slot

ATTEMPTS = 60


@pytest.fixture
def config_overrides(migrated_database):
    from civic.config import TestConfig

    options = dict(TestConfig(migrated_database).SQLALCHEMY_ENGINE_OPTIONS)
    options.update(pool_size=ATTEMPTS + 5, max_overflow=0, pool_timeout=60)
    return {"SQLALCHEMY_ENGINE_OPTIONS": options, "HELPDESK_MAX_FUTURE_BOOKINGS": 1000}


def test_simultaneous_bookings_never_overbook_a_slot(app, make_slot, make_topic):
    slot_id = make_slot(capacity=10, booked=7)  # the last 3 places
    topic_id = make_topic()
    barrier = threading.Barrier(ATTEMPTS)
    outcomes: list[str] = []
    lock = threading.Lock()

    def attempt(number: int) -> None:
        with app.app_context():
            slot = db.session.get(Slot, slot_id)
            details = operations.BookingDetails(topic_id=topic_id, name=f"住民 {number}",
                                                phone=f"0901234{number:04d}")
            barrier.wait()
            try:
                operations.book_slot(slot, details)
                db.session.commit()
                result = "booked"
            except operations.SlotFull:
                db.session.rollback()
                result = "full"
            except Exception as error:  # noqa: BLE001 (any other outcome is a failure, reported below)
                db.session.rollback()
                result = f"error: {error!r}"
            finally:
                db.session.remove()
            with lock:
                outcomes.append(result)

    threads = [threading.Thread(target=attempt, args=(n,)) for n in range(ATTEMPTS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(set(outcomes)) == ["booked", "full"], outcomes
    assert outcomes.count("booked") == 3 and outcomes.count("full") == ATTEMPTS - 3
    with app.app_context():
        slot = db.session.get(Slot, slot_id)
        bookings = db.session.scalar(db.select(db.func.count(Booking.id)).where(Booking.slot_id == slot_id))
        assert (slot.booked, bookings) == (10, 3)


def test_simultaneous_http_bookings_never_overbook(app, make_slot, make_topic):
    """The same, through the booking form, each thread with its own client (its own session and CSRF token)."""
    import re

    from civic.extensions import limiter

    limiter.enabled = False
    try:
        slot_id = make_slot(capacity=2, starts_in=timedelta(days=2))
        topic_id = make_topic()
        url = f"/helpdesk/book/{slot_id}?topic={topic_id}"
        clients, forms = [], []
        for number in range(50):
            client = app.test_client()
            page = client.get(url).get_data(as_text=True)
            forms.append({
                "csrf_token": re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page).group(1),
                "idempotency_key": re.search(r'name="idempotency_key"[^>]*value="([^"]+)"', page).group(1),
                "name": f"住民 {number}", "phone": f"0807654{number:04d}", "consent": "y"})
            clients.append(client)
        barrier = threading.Barrier(len(clients))
        statuses: list[str] = []

        def submit(client, data):
            barrier.wait()
            response = client.post(url, data=data)
            statuses.append(response.headers.get("Location", str(response.status_code)))

        threads = [threading.Thread(target=submit, args=pair) for pair in zip(clients, forms)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert len(statuses) == 50
        assert sum("/helpdesk/booking/" in s for s in statuses) == 2
        assert sum("/helpdesk/waitlist/" in s for s in statuses) == 48
        with app.app_context():
            assert db.session.get(Slot, slot_id).booked == 2
            assert db.session.scalar(db.select(db.func.count(Booking.id))) == 2
    finally:
        limiter.enabled = True
