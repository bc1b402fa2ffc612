"""Residents book, see, move and cancel a help-desk session without an account."""
import re
from datetime import timedelta

import pytest

from civic.extensions import db
from civic.helpdesk.models import Booking, WaitlistEntry

CODE_ALPHABET = set("ACDEFHJKLMNPRTUVWXY34679")


@pytest.fixture
def topic(make_topic):
    return make_topic()


@pytest.fixture
def slot(make_slot):
    return make_slot(capacity=2)


def booking_data(**overrides):
    data = {"name": "ひかり 花子", "phone": "090-1234-5678", "email": "Hanako@Example.jp", "age_band": "70s",
            "purpose": "マイナポイントを申し込みたい", "device": "android", "needs_large_print": "y", "consent": "y"}
    data.update(overrides)
    return data


def book(browser, slot, topic, **overrides):
    url = f"/helpdesk/book/{slot}?topic={topic}&lang=en"
    return browser.submit(url, booking_data(**overrides))


def test_each_step_is_a_plain_page_with_links(client, topic, slot, app):
    index = client.get("/helpdesk/?lang=en").get_data(as_text=True)
    assert f"/helpdesk/where?topic={topic}" in index and "My Number card" in index
    where = client.get(f"/helpdesk/where?topic={topic}&lang=en").get_data(as_text=True)
    assert "North Community Centre" in where and "ひかり市北町3-2" in where
    location = re.search(r"/helpdesk/when\?topic=\d+&amp;location=(\d+)", where).group(1)
    when = client.get(f"/helpdesk/when?topic={topic}&location={location}&lang=en").get_data(as_text=True)
    assert f"/helpdesk/book/{slot}?topic={topic}" in when and "2 places left" in when
    form = client.get(f"/helpdesk/book/{slot}?topic={topic}&lang=en")
    assert form.status_code == 200 and "Your details" in form.get_data(as_text=True)


def test_a_resident_books_and_gets_a_confirmation_page_and_email(browser, topic, slot, outbox, get_booking,
                                                                 slot_booked):
    response = book(browser, slot, topic)
    assert response.status_code == 302
    booking = get_booking(slot_id=slot)
    assert set(booking.code) <= CODE_ALPHABET and len(booking.code) == 6
    assert booking.email == "hanako@example.jp" and booking.phone == "09012345678"
    assert slot_booked(slot) == 1
    page = browser.get(response.headers["Location"] + "?lang=en").get_data(as_text=True)
    assert f"{booking.code[:3]} {booking.code[3:]}" in page
    assert "Your My Number card" in page and "Your smartphone, charged" in page  # topic + device
    assert "Your reading glasses" in page  # large print asked for
    assert 'src="data:image/svg+xml' in page
    assert len(outbox) == 1
    mail = outbox[0]
    assert mail["To"] == "hanako@example.jp"
    body = mail.get_content()
    assert booking.code[:3] in mail["Subject"] and "Your My Number card" in body
    assert f"/helpdesk/booking/{booking.manage_token}" in body


def test_confirmation_page_has_no_inline_script_or_style(browser, topic, slot):
    location = book(browser, slot, topic).headers["Location"]
    for url in (location, location + "/print"):
        html = browser.get(url).get_data(as_text=True)
        assert "<script" not in html and " style=" not in html and "<style" not in html


def test_calendar_file_is_valid_rfc5545(browser, topic, slot, get_booking):
    location = book(browser, slot, topic).headers["Location"]
    response = browser.get(location + "/calendar.ics?lang=en")
    assert response.mimetype == "text/calendar"
    raw = response.get_data().decode()
    assert raw.endswith("\r\n") and all(len(line.encode()) <= 75 for line in raw.split("\r\n"))
    unfolded = raw.replace("\r\n ", "")
    fields = dict(line.split(":", 1) for line in unfolded.split("\r\n") if ":" in line)
    booking = get_booking(slot_id=slot)
    lines = unfolded.split("\r\n")
    assert lines[0] == "BEGIN:VCALENDAR" and lines[-2] == "END:VCALENDAR" and fields["VERSION"] == "2.0"
    assert lines.count("BEGIN:VEVENT") == 1 and fields["UID"] and fields["DTSTAMP"].endswith("Z")
    assert fields["DTSTART"] == booking.slot.starts_at.strftime("%Y%m%dT%H%M%SZ")
    assert fields["DTEND"] == booking.slot.ends_at.strftime("%Y%m%dT%H%M%SZ")
    assert "My Number card" in fields["SUMMARY"] and booking.code[:3] in fields["DESCRIPTION"]


def test_missing_contact_is_refused_and_nothing_typed_is_lost(browser, topic, slot, get_booking):
    response = book(browser, slot, topic, phone="", email="")
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert "Please give a phone number or an email address." in html
    assert "マイナポイントを申し込みたい" in html and "ひかり 花子" in html
    assert get_booking(slot_id=slot) is None


def test_consent_is_required(browser, topic, slot, get_booking):
    response = book(browser, slot, topic, consent="")
    assert response.status_code == 422
    assert get_booking(slot_id=slot) is None


def test_honeypot_catches_bots(browser, topic, slot, get_booking):
    assert book(browser, slot, topic, website="http://spam.example").status_code == 422
    assert get_booking(slot_id=slot) is None


def test_double_submitted_form_books_once(browser, topic, slot, app, slot_booked):
    url = f"/helpdesk/book/{slot}?topic={topic}&lang=en"
    page = browser.get(url).get_data(as_text=True)
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page).group(1)
    key = re.search(r'name="idempotency_key"[^>]*value="([^"]+)"', page).group(1)
    data = {"csrf_token": token, "idempotency_key": key, **booking_data()}
    first = browser.client.post(url, data=data)
    second = browser.client.post(url, data=data)
    assert first.status_code == second.status_code == 302
    assert first.headers["Location"] == second.headers["Location"]
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count(Booking.id))) == 1
    assert slot_booked(slot) == 1


@pytest.fixture
def config_overrides():
    return {"HELPDESK_MAX_FUTURE_BOOKINGS": 2}


def test_a_resident_holds_only_a_few_future_bookings(browser, topic, make_slot, make_location):
    location = make_location()
    slots = [make_slot(starts_in=timedelta(days=day), location_id=location) for day in (2, 3, 4)]
    assert book(browser, slots[0], topic).status_code == 302
    assert book(browser, slots[1], topic, email="").status_code == 302  # same phone
    third = book(browser, slots[2], topic, phone="090 1234 5678", email="HANAKO@example.jp")
    assert third.status_code == 422
    assert "You already have 2 bookings to come" in third.get_data(as_text=True)


def test_a_full_slot_offers_the_waiting_list(browser, topic, make_slot, app, outbox, make_booking, get_booking):
    slot = make_slot(capacity=1)
    first = make_booking(slot, topic)
    response = browser.get(f"/helpdesk/book/{slot}?topic={topic}")
    assert response.status_code == 302 and "/helpdesk/waitlist/" in response.headers["Location"]
    joined = browser.submit(f"/helpdesk/waitlist/{slot}?topic={topic}&lang=en",
                            {"name": "待ち 太郎", "email": "wait@example.jp", "consent": "y"})
    assert joined.status_code == 302
    # The booked resident cancels: the first on the list gets an email with the link to book.
    token = get_booking(first).manage_token
    browser.post(f"/helpdesk/booking/{token}/cancel", token_from=f"/helpdesk/booking/{token}")
    assert get_booking(first).status == "cancelled"
    offers = [m for m in outbox if m["To"] == "wait@example.jp"]
    assert len(offers) == 1 and f"/helpdesk/book/{slot}?topic={topic}" in offers[0].get_content()
    with app.app_context():
        assert db.session.scalar(db.select(WaitlistEntry)).offered_at is not None


def test_find_a_booking_by_code_and_phone_or_email(browser, topic, slot, make_booking, get_booking):
    booking = get_booking(make_booking(slot, topic, phone="090-1111-2222", email="a@example.jp"))
    spaced = f"{booking.code[:3]} {booking.code[3:]}".lower()
    found = browser.submit("/helpdesk/manage?lang=en", {"code": spaced, "contact": "０９０-１１１１-２２２２"})
    assert found.status_code == 302 and booking.manage_token in found.headers["Location"]
    by_email = browser.submit("/helpdesk/manage?lang=en", {"code": booking.code, "contact": "A@example.jp"})
    assert by_email.status_code == 302
    wrong = browser.submit("/helpdesk/manage?lang=en", {"code": booking.code, "contact": "090-9999-9999"})
    assert wrong.status_code == 422 and "We found no booking" in wrong.get_data(as_text=True)


def test_move_a_booking_to_another_slot(browser, topic, make_slot, make_location, make_booking, get_booking,
                                        slot_booked, outbox):
    location = make_location()
    old = make_slot(location_id=location, starts_in=timedelta(days=2))
    new = make_slot(location_id=location, starts_in=timedelta(days=5))
    booking = get_booking(make_booking(old, topic))
    response = browser.submit(f"/helpdesk/booking/{booking.manage_token}/move?lang=en", {"slot_id": str(new)})
    assert response.status_code == 302
    assert get_booking(booking.id).slot_id == new
    assert (slot_booked(old), slot_booked(new)) == (0, 1)
    assert len(outbox) == 1  # the new time is confirmed by email


def test_cancel_frees_the_place(browser, topic, slot, make_booking, get_booking, slot_booked):
    booking = get_booking(make_booking(slot, topic))
    url = f"/helpdesk/booking/{booking.manage_token}"
    response = browser.post(url + "/cancel", token_from=url)
    assert response.status_code == 302
    assert get_booking(booking.id).status == "cancelled" and slot_booked(slot) == 0
    page = browser.get(url + "?lang=en").get_data(as_text=True)
    assert "Cancel this booking" not in page


def test_past_or_unknown_slots_cannot_be_booked(client, topic, make_slot):
    past = make_slot(starts_in=timedelta(hours=-2))
    assert client.get(f"/helpdesk/book/{past}?topic={topic}").status_code == 404
    assert client.get(f"/helpdesk/book/99999?topic={topic}").status_code == 404
    assert client.get("/helpdesk/booking/not-a-token").status_code == 404


def test_home_page_shows_the_next_free_sessions(client, topic, make_slot):
    make_slot(capacity=3)
    html = client.get("/?lang=en").get_data(as_text=True)
    assert "Next help-desk sessions with free places" in html and "3 places left" in html


def test_pages_read_in_easy_japanese_with_fallback_marked(client, make_topic):
    make_topic(name_ja="スマホの基本", name_en=None)
    html = client.get("/helpdesk/?lang=en").get_data(as_text=True)
    assert "スマホの基本" in html and "in Japanese only" in html



def test_booking_is_rate_limited(browser, topic, slot):
    statuses = [book(browser, slot, topic, consent="").status_code for _ in range(6)]
    assert statuses == [422] * 5 + [429]


def test_day_view_query_count_does_not_grow_with_bookings(app, signed_in, make_topic, make_slot, make_booking,
                                                          make_location):
    from datetime import datetime, time, timezone

    from sqlalchemy import event

    from civic.helpdesk.operations import TOKYO, tokyo_today

    staff = signed_in("helpdesk")
    topic, location = make_topic(), make_location()
    day = tokyo_today() + timedelta(days=2)
    with app.app_context():
        engine = db.engine

    def count_queries() -> int:
        executed = []
        listener = lambda *args: executed.append(1)  # noqa: E731
        event.listen(engine, "before_cursor_execute", listener)
        try:
            assert staff.get(f"/staff/?date={day.isoformat()}").status_code == 200
        finally:
            event.remove(engine, "before_cursor_execute", listener)
        return len(executed)

    counts = []
    for hour in (10, 11):
        slot = make_slot(capacity=5, location_id=location,
                         starts_at=datetime.combine(day, time(hour), TOKYO).astimezone(timezone.utc))
        for n in range(3 if hour == 10 else 4):
            make_booking(slot, topic, phone=f"090-{hour}{n}0-0000", email=None)
        counts.append(count_queries())
    assert counts[0] == counts[1]


@pytest.mark.parametrize("language", ["ja", "ja-easy", "en"])
def test_resident_pages_render_in_every_language_without_inline_script_or_style(client, topic, slot, language,
                                                                                  app):
    from civic.helpdesk.models import Slot

    with app.app_context():
        location = db.session.get(Slot, slot).location_id
    for url in ("/helpdesk/", f"/helpdesk/where?topic={topic}", f"/helpdesk/when?topic={topic}&location={location}",
                f"/helpdesk/book/{slot}?topic={topic}", f"/helpdesk/waitlist/{slot}?topic={topic}",
                "/helpdesk/manage"):
        response = client.get(f"{url}{'&' if '?' in url else '?'}lang={language}")
        assert response.status_code == 200, url
        html = response.get_data(as_text=True)
        assert not re.search(r"<script(?![^>]*\bsrc=)", html), url
        assert " style=" not in html and "<style" not in html, url
