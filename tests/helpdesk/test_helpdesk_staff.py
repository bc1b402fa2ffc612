"""Staff run the desk at /staff/: the day view, check-in, support records, walk-ins, calls, search, export,
statistics and sessions."""
import csv
import io
import re
from datetime import datetime, time, timedelta, timezone

import pytest

from civic.extensions import db
from civic.helpdesk.models import Booking, Location, Slot, StaffAction, Topic
from civic.helpdesk.operations import TOKYO, tokyo_today

STAFF_PAGES = ["/staff/", "/staff/print", "/staff/calls", "/staff/search?q=x", "/staff/export", "/staff/stats",
               "/staff/sessions", "/staff/bookings/new", "/staff/schedules/new", "/staff/closures/new",
               "/staff/locations/new"]


@pytest.mark.parametrize("url", STAFF_PAGES)
@pytest.mark.parametrize("role, status", [(None, 302), ("resident", 403), ("planner", 403), ("helpdesk", 200),
                                          ("admin", 200)])
def test_who_may_open_the_staff_pages(client, signed_in, url, role, status):
    browser = signed_in(role) if role else None
    response = (browser.client if browser else client).get(url)
    assert response.status_code == status


@pytest.mark.parametrize("role, status", [(None, 302), ("resident", 403), ("helpdesk", 403), ("planner", 200),
                                          ("admin", 200)])
def test_who_may_edit_the_topic_list(client, signed_in, role, status):
    browser = signed_in(role) if role else None
    assert (browser.client if browser else client).get("/planner/helpdesk/topics").status_code == status


def today_at(hour: int) -> datetime:
    return datetime.combine(tokyo_today(), time(hour), TOKYO).astimezone(timezone.utc)


def test_day_view_lists_bookings_by_location(staff, desk):
    html = staff.get(f"/staff/?date={desk['day']}&lang=en").get_data(as_text=True)
    assert "North Community Centre" in html and "メール 有子" in html and "電話 のみ夫" in html
    assert "2 of 3 booked" in html
    printable = staff.get(f"/staff/print?date={desk['day']}&lang=en").get_data(as_text=True)
    assert "電話 のみ夫" in printable and "080-3333-4444" in printable


def test_check_in_no_show_and_support_record_are_recorded_with_who(staff, desk, get_booking, app):
    day_url = f"/staff/?date={desk['day']}"
    assert staff.post(f"/staff/bookings/{desk['with_email']}/check-in", token_from=day_url).status_code == 302
    assert staff.post(f"/staff/bookings/{desk['phone_only']}/no-show", token_from=day_url).status_code == 302
    assert get_booking(desk["with_email"]).status == "attended"
    assert get_booking(desk["phone_only"]).status == "no_show"
    response = staff.submit(f"/staff/bookings/{desk['with_email']}?lang=en",
                            {"topics": [str(desk["topic"])], "resolved": "yes", "follow_up": "y",
                             "note": "カードの暗証番号を再設定"})
    assert response.status_code == 302
    with app.app_context():
        booking = db.session.get(Booking, desk["with_email"])
        record = booking.support_record
        assert record.resolved and record.follow_up and [t.id for t in record.topics] == [desk["topic"]]
        actions = db.session.scalars(db.select(StaffAction).order_by(StaffAction.id)).all()
        assert [a.action for a in actions] == ["checked_in", "no_show", "support_recorded"]
        assert {a.user_id for a in actions} == {staff.user.id}
    history = staff.get(f"/staff/bookings/{desk['with_email']}?lang=en").get_data(as_text=True)
    assert "Support record saved" in history and staff.user.display_name in history


def test_qr_code_link_leads_staff_to_the_booking(staff, desk, get_booking):
    booking = get_booking(desk["with_email"])
    response = staff.get(f"/staff/check-in/{booking.code}")
    assert response.status_code == 302 and response.headers["Location"].endswith(f"/staff/bookings/{booking.id}")


def test_walk_in_is_booked_and_checked_in_in_one_step(staff, make_topic, make_slot, app):
    topic = make_topic()
    slot = make_slot(capacity=1, starts_at=today_at(23))  # later today, or already begun: staff may book both
    response = staff.submit(f"/staff/bookings/new?slot={slot}&lang=en",
                            {"channel": "walk_in", "slot_id": str(slot), "topic_id": str(topic),
                             "name": "飛び込み 三郎"})
    assert response.status_code == 302
    with app.app_context():
        booking = db.session.scalar(db.select(Booking))
        assert (booking.channel, booking.status, booking.created_by_id) == ("walk_in", "attended", staff.user.id)
        assert db.session.get(Slot, slot).booked == 1


def test_phone_booking_needs_a_contact(staff, make_topic, make_slot, app, outbox):
    topic, slot = make_topic(), make_slot()
    data = {"channel": "phone", "slot_id": str(slot), "topic_id": str(topic), "name": "電話 花子"}
    refused = staff.submit("/staff/bookings/new?lang=en", data)
    assert refused.status_code == 422 and "Please give a phone number" in refused.get_data(as_text=True)
    booked = staff.submit("/staff/bookings/new?lang=en", {**data, "phone": "0120-000-111"})
    assert booked.status_code == 302
    with app.app_context():
        assert db.session.scalar(db.select(Booking.channel)) == "phone"
    assert outbox == []  # no email given, none sent


def test_call_list_shows_phone_only_bookings_and_ticks(staff, desk, get_booking):
    html = staff.get("/staff/calls?lang=en").get_data(as_text=True)
    assert "電話 のみ夫" in html and "メール 有子" not in html
    assert staff.post(f"/staff/bookings/{desk['phone_only']}/called",
                      token_from="/staff/calls").status_code == 302
    assert get_booking(desk["phone_only"]).called_at is not None


def test_search_by_code_name_or_phone(staff, desk, get_booking):
    code = get_booking(desk["with_email"]).code
    for query in (code.lower(), "有子", "1111"):
        assert "メール 有子" in staff.get(f"/staff/search?q={query}").get_data(as_text=True), query
    assert "No booking found" in staff.get("/staff/search?q=zzzz&lang=en").get_data(as_text=True)


def test_csv_export_has_a_bom_and_neutralises_formulas(staff, make_topic, make_slot, make_booking):
    topic, slot = make_topic(), make_slot()
    make_booking(slot, topic, name="=HYPERLINK(\"http://evil\")", purpose="+1", email=None)
    start = tokyo_today().isoformat()
    end = (tokyo_today() + timedelta(days=10)).isoformat()
    response = staff.get(f"/staff/export.csv?kind=bookings&start={start}&end={end}&lang=en")
    raw = response.get_data()
    assert response.mimetype == "text/csv" and raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0][:2] == ["Booking code", "Date and time"]
    assert rows[1][6] == "'=HYPERLINK(\"http://evil\")" and rows[1][11] == "'+1"


def test_support_record_export(staff, desk):
    staff.submit(f"/staff/bookings/{desk['with_email']}", {"topics": [str(desk["topic"])], "resolved": "no",
                                                           "note": "@後日 再来"})
    response = staff.get(f"/staff/export.csv?kind=records&start={desk['day']}&end={desk['day']}&lang=en")
    rows = list(csv.reader(io.StringIO(response.get_data().decode("utf-8-sig"))))
    assert len(rows) == 2 and rows[1][4] == "no" and rows[1][6] == "'@後日 再来"


def test_monthly_statistics(staff, make_topic, make_slot, app):
    topic = make_topic()
    past = datetime.now(timezone.utc) - timedelta(hours=2)
    month = tokyo_today(past).strftime("%Y-%m")
    slot = make_slot(capacity=4, starts_at=past.replace(second=0, microsecond=0))
    with app.app_context():
        for i, status in enumerate(["attended", "attended", "attended", "no_show"]):
            db.session.add(Booking(code=f"AAAA{i}3"[:6], manage_token=f"t{i}", slot_id=slot, topic_id=topic,
                                   name="x", status=status, age_band="70s"))
        db.session.commit()
    html = staff.get(f"/staff/stats?month={month}&lang=en").get_data(as_text=True)
    assert "75.0%" in html and "25.0%" in html  # attendance and no-show rates
    assert "<svg" in html and "My Number card" in html


def test_schedule_generates_slots_and_closures_close_them(staff, make_location, app, outbox, make_topic):
    location = make_location()
    start = tokyo_today() + timedelta(days=1)
    response = staff.submit("/staff/schedules/new?lang=en",
                            {"location_id": str(location), "weekday": str(start.weekday()), "start_time": "10:00",
                             "duration_minutes": "45", "capacity": "2", "valid_from": start.isoformat(),
                             "staff_id": str(staff.user.id)})
    assert response.status_code == 302
    with app.app_context():
        slots = db.session.scalars(db.select(Slot).order_by(Slot.starts_at)).all()
        assert len(slots) == 4 and all(s.starts_at.astimezone(TOKYO).hour == 10 for s in slots)
        assert {(s.capacity, s.staff_id) for s in slots} == {(2, staff.user.id)}
        first = slots[0].id
    assert staff.user.display_name in staff.get(f"/staff/?date={start.isoformat()}").get_data(as_text=True)
    topic = make_topic()
    from civic.helpdesk import operations

    with app.app_context():
        operations.book_slot(db.session.get(Slot, first), operations.BookingDetails(
            topic_id=topic, name="予約 済子", email="sumiko@example.jp"))
        db.session.commit()
    closed = staff.submit("/staff/closures/new?lang=en", {"day": start.isoformat(), "location_id": "0",
                                                          "reason": "施設点検のため"})
    assert closed.status_code == 302
    with app.app_context():
        slot = db.session.get(Slot, first)
        assert not slot.open and slot.booked == 0
        assert db.session.scalar(db.select(Booking.status)) == "cancelled"
    assert [m["To"] for m in outbox] == ["sumiko@example.jp"]
    assert "施設点検のため" in outbox[0].get_content()
    # Generating again skips the closed day.
    with app.app_context():
        db.session.execute(db.delete(StaffAction))
        db.session.execute(db.delete(Booking))
        db.session.execute(db.delete(Slot))
        db.session.commit()
    staff.post("/staff/schedules/generate", token_from="/staff/sessions")
    with app.app_context():
        days = {s.starts_at.astimezone(TOKYO).date() for s in db.session.scalars(db.select(Slot))}
        assert start not in days and len(days) == 3


def test_closing_one_slot_tells_the_booked_residents(staff, desk, outbox, get_booking):
    outbox.clear()
    response = staff.submit(f"/staff/slots/{desk['slot']}/close?lang=en", {"reason": "講師急病"})
    assert response.status_code == 302
    assert get_booking(desk["with_email"]).status == "cancelled"
    assert [m["To"] for m in outbox] == ["yuko@example.jp"]


def test_staff_add_a_location(staff, app):
    response = staff.submit("/staff/locations/new?lang=en", {"kind": "in_person", "name_ja": "東出張所",
                                                             "address": "ひかり市東1-1", "active": "y"})
    assert response.status_code == 302
    with app.app_context():
        assert db.session.scalar(db.select(Location.name_ja)) == "東出張所"


def test_planner_edits_the_topic_list(signed_in, app):
    planner = signed_in("planner")
    response = planner.submit("/planner/helpdesk/topics/new?lang=en",
                              {"key": "etax", "name_ja": "e-Tax", "name_en": "e-Tax", "position": "3",
                               "active": "y"})
    assert response.status_code == 302
    duplicate = planner.submit("/planner/helpdesk/topics/new?lang=en", {"key": "etax", "name_ja": "x"})
    assert duplicate.status_code == 422
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count(Topic.id))) == 1
    assert "Help-desk topics" in planner.get("/planner/?lang=en").get_data(as_text=True)


def test_staff_pages_have_no_inline_script_or_style(staff, desk):
    for url in STAFF_PAGES + [f"/staff/?date={desk['day']}", f"/staff/bookings/{desk['with_email']}",
                              f"/staff/stats?month={desk['day'][:7]}", f"/staff/slots/{desk['slot']}/close"]:
        html = staff.get(url).get_data(as_text=True)
        # The only script is the optional session-timeout warning, loaded from a file (the CSP allows no inline)
        assert not re.search(r"<script(?![^>]*\bsrc=)", html) and " style=" not in html and "<style" not in html, url
