"""Commands: reminders the day before (sent once), purging personal data, demo content."""
from datetime import datetime, time, timedelta, timezone

from civic.extensions import db
from civic.helpdesk.models import Booking, Location, Slot, SupportRecord, Topic
from civic.helpdesk.operations import TOKYO, tokyo_today


def tomorrow_at(hour):
    return datetime.combine(tokyo_today() + timedelta(days=1), time(hour), TOKYO).astimezone(timezone.utc)


def test_reminders_go_once_to_tomorrows_bookings_with_an_email(runner, make_topic, make_slot, make_booking,
                                                               make_location, outbox):
    topic, location = make_topic(), make_location()
    tomorrow = make_slot(location_id=location, starts_at=tomorrow_at(10))
    later = make_slot(location_id=location, starts_at=tomorrow_at(10) + timedelta(days=1))
    make_booking(tomorrow, topic, name="明日 来る子", email="ashita@example.jp")
    make_booking(tomorrow, topic, name="電話 だけ", email=None, phone="090-0000-1111")
    make_booking(later, topic, name="明後日", email="asatte@example.jp", phone=None)
    first = runner.invoke(args=["send-reminders"])
    assert first.exit_code == 0 and "1 reminders sent" in first.output
    assert [m["To"] for m in outbox] == ["ashita@example.jp"]
    assert "マイナンバーカード" in outbox[0].get_content()  # what to bring, in the booking's language (ja)
    second = runner.invoke(args=["send-reminders"])
    assert "0 reminders sent" in second.output and len(outbox) == 1


def test_purge_erases_personal_data_and_keeps_statistics(app, runner, make_topic, make_slot):
    topic = make_topic()
    old = make_slot(starts_at=datetime.now(timezone.utc) - timedelta(days=40))
    recent = make_slot(starts_at=datetime.now(timezone.utc) - timedelta(days=2))
    with app.app_context():
        for code, slot in (("AAAAAA", old), ("CCCCCC", recent)):
            booking = Booking(code=code, manage_token=code, slot_id=slot, topic_id=topic, name="個人 情報",
                              phone="09011112222", email="p@example.jp", age_band="70s", purpose="家族の写真",
                              status="attended")
            db.session.add(booking)
            db.session.add(SupportRecord(booking=booking, resolved=True, note="電話番号 090..."))
        db.session.commit()
    result = runner.invoke(args=["purge-personal-data", "--days", "30"])
    assert result.exit_code == 0 and "of 1 bookings" in result.output
    with app.app_context():
        purged = db.session.scalar(db.select(Booking).where(Booking.code == "AAAAAA"))
        assert (purged.name, purged.phone, purged.email, purged.purpose) == ("", None, None, None)
        assert purged.support_record.note is None
        assert (purged.age_band, purged.topic_id, purged.status, purged.support_record.resolved) == (
            "70s", topic, "attended", True)
        kept = db.session.scalar(db.select(Booking).where(Booking.code == "CCCCCC"))
        assert kept.name == "個人 情報"
    assert runner.invoke(args=["purge-personal-data", "--days", "30"]).output.count("of 0 bookings") == 1


def test_seed_demo_creates_the_help_desk_once(app, runner):
    assert runner.invoke(args=["seed-demo"]).exit_code == 0
    with app.app_context():
        counts = [db.session.scalar(db.select(db.func.count(model.id))) for model in (Location, Topic, Slot,
                                                                                        Booking)]
        assert counts[0] == 4 and counts[1] >= 11 and counts[2] > 100 and counts[3] > 10
        assert db.session.scalar(db.select(db.func.count(SupportRecord.id))) > 0
        last = db.session.scalar(db.select(db.func.max(Slot.starts_at)))
        assert last > datetime.now(timezone.utc) + timedelta(days=24)
        assert db.session.scalar(db.select(db.func.count(Slot.id)).where(Slot.booked > Slot.capacity)) == 0
    assert runner.invoke(args=["seed-demo"]).exit_code == 0
    with app.app_context():
        assert [db.session.scalar(db.select(db.func.count(model.id))) for model in (Location, Topic, Slot,
                                                                                      Booking)] == counts
