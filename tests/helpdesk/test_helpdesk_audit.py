"""Every staff view or export of residents' personal data is in the audit trail; nobody reaches another
person's booking by changing an id or a token."""
from civic.audit.models import AuditEvent
from civic.extensions import db
from civic.helpdesk.models import Booking


def audit_rows(app):
    with app.app_context():
        return [(e.action, e.target_type, e.target_id, e.actor_email, e.detail)
                for e in db.session.scalars(db.select(AuditEvent).order_by(AuditEvent.id))]


def test_staff_views_and_exports_of_personal_data_are_audited(app, staff, desk):
    staff.get(f"/staff/?date={desk['day']}")
    staff.get(f"/staff/bookings/{desk['with_email']}")
    staff.get("/staff/calls")
    staff.get("/staff/search?q=090")
    staff.get(f"/staff/export.csv?kind=bookings&start={desk['day']}&end={desk['day']}")
    rows = audit_rows(app)
    actions = [row[0] for row in rows]
    for expected in ("helpdesk.day_viewed", "booking.viewed", "helpdesk.call_list_viewed", "helpdesk.searched",
                     "helpdesk.exported"):
        assert expected in actions, expected
    viewed = next(row for row in rows if row[0] == "booking.viewed")
    assert viewed[1:4] == ("booking", str(desk["with_email"]), staff.user.email)
    searched = next(row for row in rows if row[0] == "helpdesk.searched")
    assert "090" not in (searched[4] or "")  # what was searched for is not kept


def test_resident_booking_pages_are_not_cached(app, client, desk):
    with app.app_context():
        token = db.session.get(Booking, desk["with_email"]).manage_token
    response = client.get(f"/helpdesk/booking/{token}")
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "no-store"


def test_nobody_reaches_another_booking_by_changing_the_token_or_id(app, client, signed_in, desk):
    with app.app_context():
        token = db.session.get(Booking, desk["with_email"]).manage_token
    assert client.get(f"/helpdesk/booking/{token[:-2]}xx").status_code == 404
    assert client.get(f"/helpdesk/booking/{desk['with_email']}").status_code == 404
    resident = signed_in("resident")
    assert resident.get(f"/staff/bookings/{desk['with_email']}").status_code == 403
    planner = signed_in("planner")
    assert planner.get(f"/staff/bookings/{desk['with_email']}").status_code == 403
