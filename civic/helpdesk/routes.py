"""Help desk pages: residents book (`helpdesk`), staff run the desk (`staff`), planners edit topics
(`helpdesk_planner`)."""
from __future__ import annotations

import secrets
from datetime import date, timedelta

import sqlalchemy as sa
from flask import (Blueprint, Response, abort, current_app, flash, g, redirect, render_template, request,
                   url_for)
from flask_login import current_user
from sqlalchemy.exc import IntegrityError

from civic.audit.operations import record_access
from civic.database import utcnow
from civic.extensions import db, limiter
from civic.helpdesk import exports, forms, operations, queries
from civic.helpdesk.models import (AGE_BANDS, DEVICES, Booking, BookingStatus, Channel, Location, Schedule, Slot,
                                   StaffAction, Topic)
from civic.i18n import _, current_language, format_date, format_datetime
from civic.permissions import Role, guard_blueprint, has_role
from civic.site.home import HomeSection, home_section
from civic.timeouts import lift_deadline

bp = Blueprint("helpdesk", __name__, url_prefix="/helpdesk")
staff_bp = Blueprint("staff", __name__, url_prefix="/staff")
guard_blueprint(staff_bp, Role.helpdesk)
planner_bp = Blueprint("helpdesk_planner", __name__, url_prefix="/planner/helpdesk")
guard_blueprint(planner_bp, Role.planner)


@bp.app_template_global()
def what_to_bring(booking):
    return operations.what_to_bring(booking)


@bp.app_template_filter("slot_time")
def slot_time(slot) -> str:
    """e.g. 2026/11/24 (火) 10:00, in Japan time."""
    return format_datetime(slot.starts_at, "yyyy/MM/dd (EEE) HH:mm")


@bp.app_template_filter("datetimeformat_hm")
def datetimeformat_hm(moment) -> str:
    return format_datetime(moment, "HH:mm")


@bp.app_template_filter("dateformat_day")
def dateformat_day(day) -> str:
    return format_date(day, "yyyy/MM/dd (EEE)")


@home_section
def next_sessions():
    if not current_app.view_functions.get("helpdesk.index"):
        return None
    slots = queries.upcoming_slots(weeks=current_app.config["HELPDESK_BOOKING_WEEKS"], only_free=True, limit=4)
    return HomeSection(template="helpdesk/_home.html", items=slots) if slots else None


# ---------------------------------------------------------------- residents

def _topic_from_args() -> Topic:
    topic = db.session.get(Topic, request.args.get("topic", type=int) or 0)
    if topic is None or not topic.active:
        abort(404)
    return topic


@bp.get("/")
def index():
    return render_template("helpdesk/index.html", topics=queries.active_topics())


@bp.get("/where")
def where():
    topic = _topic_from_args()
    return render_template("helpdesk/where.html", topic=topic, locations=queries.active_locations())


@bp.get("/when")
def when():
    topic = _topic_from_args()
    location = db.get_or_404(Location, request.args.get("location", type=int) or 0)
    if not location.active:
        abort(404)
    slots = queries.upcoming_slots(location.id, weeks=current_app.config["HELPDESK_BOOKING_WEEKS"])
    return render_template("helpdesk/when.html", topic=topic, location=location, days=queries.group_by_day(slots))


def _bookable_slot(slot_id: int) -> Slot:
    slot = db.get_or_404(Slot, slot_id)
    if not slot.is_bookable():
        abort(404)
    return slot


@bp.route("/book/<int:slot_id>", methods=["GET", "POST"])
@limiter.limit(lambda: current_app.config["RATELIMIT_HELPDESK_BOOKING"], methods=["POST"])
def book(slot_id):
    slot = _bookable_slot(slot_id)
    topic = _topic_from_args()
    form = forms.BookingForm()
    if request.method == "GET":
        form.idempotency_key.data = secrets.token_urlsafe(24)
        if slot.places_left == 0:
            return redirect(url_for(".waitlist", slot_id=slot.id, topic=topic.id))
    if form.validate_on_submit():
        details = operations.BookingDetails(
            topic_id=topic.id, name=form.name.data, phone=form.phone.data, email=form.email.data,
            age_band=form.age_band.data, purpose=form.purpose.data, device=form.device.data,
            needs_wheelchair=form.needs_wheelchair.data, needs_hearing=form.needs_hearing.data,
            needs_large_print=form.needs_large_print.data, interpreter_language=form.interpreter_language.data,
            language=current_language().code)
        key = (form.idempotency_key.data or "")[:64] or None
        earlier = key and db.session.scalar(sa.select(Booking).where(Booking.idempotency_key == key))
        if earlier:  # the same form sent twice: show the booking it made
            return redirect(url_for(".booking", token=earlier.manage_token))
        try:
            booking = operations.book_slot(slot, details, idempotency_key=key)
            db.session.commit()
        except IntegrityError:  # the same form sent twice at once: the other request booked it
            db.session.rollback()
            booking = db.session.scalar(sa.select(Booking).where(Booking.idempotency_key == key))
            if booking is None:
                raise
            return redirect(url_for(".booking", token=booking.manage_token))
        except operations.SlotFull:
            db.session.rollback()
            flash(_("Sorry, the last place of this session was just taken. You can join the waiting list or "
                    "choose another time."), "error")
            return redirect(url_for(".waitlist", slot_id=slot.id, topic=topic.id))
        except operations.TooManyBookings:
            db.session.rollback()
            form.phone.errors = list(form.phone.errors) + [
                _("You already have %(count)d bookings to come. Please cancel one first, or call the help desk.",
                  count=current_app.config["HELPDESK_MAX_FUTURE_BOOKINGS"])]
            return render_template("helpdesk/book.html", slot=slot, topic=topic, form=form), 422
        operations.send_confirmation(booking)
        flash(_("Your booking is confirmed."), "success")
        return redirect(url_for(".booking", token=booking.manage_token))
    status = 422 if form.is_submitted() else 200
    return render_template("helpdesk/book.html", slot=slot, topic=topic, form=form), status


@bp.route("/waitlist/<int:slot_id>", methods=["GET", "POST"])
@limiter.limit(lambda: current_app.config["RATELIMIT_HELPDESK_BOOKING"], methods=["POST"])
def waitlist(slot_id):
    slot = _bookable_slot(slot_id)
    topic = _topic_from_args()
    form = forms.WaitlistForm()
    if form.validate_on_submit():
        operations.join_waitlist(slot, topic_id=topic.id, name=form.name.data, email=form.email.data,
                                 language=current_language().code)
        db.session.commit()
        flash(_("You are on the waiting list. We will email you if a place becomes free."), "success")
        return redirect(url_for(".when", topic=topic.id, location=slot.location_id))
    status = 422 if form.is_submitted() else 200
    return render_template("helpdesk/waitlist.html", slot=slot, topic=topic, form=form), status


def _booking_for_token(token: str) -> Booking:
    booking = db.session.scalar(sa.select(Booking).where(Booking.manage_token == token))
    if booking is None or booking.purged_at is not None:
        abort(404)
    g.no_store = True  # the page shows the resident's name and contact: no cache may keep it
    return booking


@bp.get("/booking/<token>")
def booking(token):
    booking = _booking_for_token(token)
    checkin_url = url_for("staff.check_in_code", code=booking.code, _external=True)
    return render_template("helpdesk/booking.html", booking=booking, form=forms.ActionForm(),
                           qr=exports.qr_data_uri(checkin_url))


@bp.get("/booking/<token>/print")
def booking_print(token):
    booking = _booking_for_token(token)
    checkin_url = url_for("staff.check_in_code", code=booking.code, _external=True)
    return render_template("helpdesk/booking_print.html", booking=booking, qr=exports.qr_data_uri(checkin_url))


@bp.get("/booking/<token>/calendar.ics")
def booking_ics(token):
    booking = _booking_for_token(token)
    location = booking.slot.location
    body = exports.booking_ics(
        booking, summary=_("Digital help desk: %(topic)s", topic=booking.topic.name),
        location=" ".join(filter(None, [location.name, location.address])),
        description=_("Booking code: %(code)s", code=booking.code_grouped) + "\n"
        + _("What to bring") + ":\n" + "\n".join(f"- {item}" for item in operations.what_to_bring(booking)),
        url=url_for(".booking", token=token, _external=True), now=utcnow())
    return Response(body, mimetype="text/calendar",
                    headers={"Content-Disposition": f'attachment; filename="helpdesk-{booking.code}.ics"'})


@bp.post("/booking/<token>/cancel")
def cancel(token):
    booking = _booking_for_token(token)
    if not forms.ActionForm().validate_on_submit():
        abort(400)
    try:
        operations.cancel_booking(booking)
    except operations.BookingNotChangeable:
        flash(_("This booking can no longer be changed."), "error")
        return redirect(url_for(".booking", token=token))
    db.session.commit()
    flash(_("Your booking is cancelled. Thank you for telling us."), "success")
    return redirect(url_for(".booking", token=token))


@bp.route("/booking/<token>/move", methods=["GET", "POST"])
def move(token):
    booking = _booking_for_token(token)
    if not booking.can_change():
        flash(_("This booking can no longer be changed."), "error")
        return redirect(url_for(".booking", token=token))
    slots = [s for s in queries.upcoming_slots(booking.slot.location_id,
                                               weeks=current_app.config["HELPDESK_BOOKING_WEEKS"], only_free=True)
             if s.id != booking.slot_id]
    form = forms.MoveForm()
    form.slot_id.choices = [forms.SelectChoice(s.id, slot_time(s)) for s in slots]
    if form.validate_on_submit():
        try:
            operations.move_booking(booking, db.session.get(Slot, form.slot_id.data))
        except (operations.SlotFull, operations.SlotNotBookable):
            db.session.rollback()
            flash(_("Sorry, that time was just taken. Please choose another."), "error")
            return redirect(url_for(".move", token=token))
        db.session.commit()
        operations.send_confirmation(booking)
        flash(_("Your booking is moved."), "success")
        return redirect(url_for(".booking", token=token))
    status = 422 if form.is_submitted() else 200
    return render_template("helpdesk/move.html", booking=booking, form=form, has_slots=bool(slots)), status


@bp.route("/manage", methods=["GET", "POST"])
@limiter.limit(lambda: current_app.config["RATELIMIT_HELPDESK_LOOKUP"], methods=["POST"])
def manage():
    form = forms.LookupForm()
    if form.validate_on_submit():
        code = form.code.data.replace(" ", "").replace("-", "").upper()
        contact = form.contact.data.strip()
        booking = db.session.scalar(sa.select(Booking).where(Booking.code == code, Booking.purged_at.is_(None)))
        phone = operations.normalise_phone(contact) if "@" not in contact else None
        email = operations.normalise_email(contact) if "@" in contact else None
        if booking is not None and ((phone and booking.phone == phone) or (email and booking.email == email)):
            return redirect(url_for(".booking", token=booking.manage_token))
        form.code.errors = list(form.code.errors) + [
            _("We found no booking with this code and contact. Please check both, or call the help desk.")]
    status = 422 if form.is_submitted() else 200
    return render_template("helpdesk/manage.html", form=form), status


# ---------------------------------------------------------------- staff

def _day_from_args(default: date | None = None) -> date:
    try:
        return date.fromisoformat(request.args.get("date", ""))
    except ValueError:
        return default or operations.tokyo_today()


@staff_bp.get("/", endpoint="index")
def day_view():
    day = _day_from_args()
    record_access("helpdesk.day_viewed", target_type="day", target_id=day.isoformat())
    return render_template("helpdesk/staff/day.html", day=day, locations=queries.day_view(day),
                           form=forms.ActionForm(), previous=day - timedelta(days=1), next=day + timedelta(days=1),
                           today=operations.tokyo_today(), now=utcnow())


@staff_bp.get("/print")
def day_print():
    day = _day_from_args()
    record_access("helpdesk.day_printed", target_type="day", target_id=day.isoformat())
    return render_template("helpdesk/staff/day_print.html", day=day, locations=queries.day_view(day))


@staff_bp.get("/check-in/<code>")
def check_in_code(code):
    """Where the QR code of a booking leads: the booking, to check in."""
    booking = db.session.scalar(sa.select(Booking).where(Booking.code == code.upper()))
    if booking is None:
        abort(404)
    return redirect(url_for(".booking_detail", booking_id=booking.id))


def _staff_booking_action(booking_id: int, action, message: str):
    booking = db.get_or_404(Booking, booking_id)
    if not forms.ActionForm().validate_on_submit():
        abort(400)
    try:
        action(booking, current_user)
    except operations.BookingNotChangeable:
        flash(_("This booking was cancelled."), "error")
        return redirect(request.form.get("back") or url_for(".index"))
    db.session.commit()
    flash(message, "success")
    back = request.form.get("back", "")
    return redirect(back if back.startswith("/staff/") else url_for(".booking_detail", booking_id=booking.id))


@staff_bp.post("/bookings/<int:booking_id>/check-in")
def check_in(booking_id):
    return _staff_booking_action(booking_id, operations.check_in, _("Checked in."))


@staff_bp.post("/bookings/<int:booking_id>/no-show")
def no_show(booking_id):
    return _staff_booking_action(booking_id, operations.mark_no_show, _("Marked as not come."))


@staff_bp.post("/bookings/<int:booking_id>/called")
def called(booking_id):
    return _staff_booking_action(booking_id, operations.mark_called, _("Marked as called."))


@staff_bp.post("/bookings/<int:booking_id>/cancel")
def staff_cancel(booking_id):
    return _staff_booking_action(booking_id, lambda b, u: operations.cancel_booking(b, staff=u),
                                 _("The booking is cancelled."))


@staff_bp.route("/bookings/<int:booking_id>", methods=["GET", "POST"])
def booking_detail(booking_id):
    booking = db.get_or_404(Booking, booking_id)
    form = forms.SupportRecordForm()
    form.topics.choices = [forms.SelectChoice(t.id, t.name) for t in queries.all_topics()]
    if request.method == "GET" and booking.support_record is not None:
        record = booking.support_record
        form.topics.data = [t.id for t in record.topics]
        form.resolved.data = "yes" if record.resolved else "no"
        form.follow_up.data = record.follow_up
        form.note.data = record.note
    elif request.method == "GET":
        form.topics.data = [booking.topic_id]
    if form.validate_on_submit():
        if booking.status == BookingStatus.cancelled.value:
            abort(409)
        operations.record_support(booking, current_user, topic_ids=form.topics.data or [],
                                  resolved=form.resolved.data == "yes", follow_up=form.follow_up.data,
                                  note=form.note.data)
        db.session.commit()
        flash(_("The support record is saved."), "success")
        return redirect(url_for(".index", date=operations.tokyo_today(booking.slot.starts_at).isoformat()))
    actions = db.session.scalars(sa.select(StaffAction).where(StaffAction.booking_id == booking.id)
                                 .order_by(StaffAction.at.desc())).all()
    record_access("booking.viewed", target_type="booking", target_id=booking.id)
    status = 422 if form.is_submitted() else 200
    return render_template("helpdesk/staff/booking.html", booking=booking, form=form, actions=actions,
                           action_form=forms.ActionForm(), age_bands=AGE_BANDS, devices=DEVICES), status


@staff_bp.route("/bookings/new", methods=["GET", "POST"])
def new_booking():
    form = forms.StaffBookingForm()
    today = operations.tokyo_today()
    start = operations.tokyo_day_bounds(today)[0]
    slots = [s for s in queries.upcoming_slots(weeks=current_app.config["HELPDESK_BOOKING_WEEKS"],
                                               now=start, only_free=True)]
    form.slot_id.choices = [forms.SelectChoice(s.id, f"{slot_time(s)} {s.location.name} "
                                                     f"({_('%(count)d left', count=s.places_left)})")
                            for s in slots]
    form.topic_id.choices = [forms.SelectChoice(t.id, t.name) for t in queries.active_topics()]
    if request.method == "GET":
        form.slot_id.data = request.args.get("slot", type=int)
        form.channel.data = Channel.walk_in.value
    if form.validate_on_submit():
        slot = db.get_or_404(Slot, form.slot_id.data)
        channel = Channel(form.channel.data)
        details = operations.BookingDetails(
            topic_id=form.topic_id.data, name=form.name.data, phone=form.phone.data, email=form.email.data,
            age_band=form.age_band.data, device=form.device.data, purpose=form.purpose.data,
            language=current_language().code)
        try:
            booking = operations.book_slot(slot, details, channel=channel, staff=current_user,
                                           check_in=channel == Channel.walk_in)
        except (operations.SlotFull, operations.SlotNotBookable):
            db.session.rollback()
            form.slot_id.errors = list(form.slot_id.errors) + [_("This session has no place left.")]
            return render_template("helpdesk/staff/new_booking.html", form=form), 422
        db.session.commit()
        operations.send_confirmation(booking)
        flash(_("Booked: code %(code)s.", code=booking.code_grouped), "success")
        return redirect(url_for(".booking_detail", booking_id=booking.id))
    status = 422 if form.is_submitted() else 200
    return render_template("helpdesk/staff/new_booking.html", form=form), status


@staff_bp.get("/calls")
def calls():
    day = _day_from_args(operations.tokyo_today() + timedelta(days=1))
    record_access("helpdesk.call_list_viewed", target_type="day", target_id=day.isoformat())
    return render_template("helpdesk/staff/calls.html", day=day, bookings=queries.call_list(day),
                           form=forms.ActionForm())


@staff_bp.get("/search")
def search():
    text = request.args.get("q", "")
    bookings = queries.search_bookings(text)
    if text.strip():  # what was searched for may itself be a name or a phone number: only the count is kept
        record_access("helpdesk.searched", detail=f"{len(bookings)} results")
    return render_template("helpdesk/staff/search.html", q=text, bookings=bookings)


def _period_from_args() -> tuple[date, date]:
    today = operations.tokyo_today()
    try:
        start = date.fromisoformat(request.args.get("start", ""))
    except ValueError:
        start = today.replace(day=1)
    try:
        end = date.fromisoformat(request.args.get("end", ""))
    except ValueError:
        end = today
    return start, max(start, end)


@staff_bp.get("/export")
def export():
    start, end = _period_from_args()
    return render_template("helpdesk/staff/export.html", start=start, end=end)


@staff_bp.get("/export.csv")
def export_csv():
    lift_deadline()  # a year of bookings may take longer than an ordinary page
    start, end = _period_from_args()
    kind = request.args.get("kind", "bookings")
    bookings = queries.bookings_between(operations.tokyo_day_bounds(start)[0], operations.tokyo_day_bounds(end)[1],
                                        include_cancelled=kind == "bookings")
    if kind == "records":
        header = [_("Booking code"), _("Date and time"), _("Location"), _("Topics handled"), _("Resolved"),
                  _("Follow-up needed"), _("Note"), _("Recorded by")]
        rows = [[b.code, format_datetime(b.slot.starts_at, "yyyy-MM-dd HH:mm"), b.slot.location.name,
                 " / ".join(t.name for t in b.support_record.topics), _("yes") if b.support_record.resolved
                 else _("no"), _("yes") if b.support_record.follow_up else _("no"), b.support_record.note or "",
                 b.support_record.recorded_by.display_name if b.support_record.recorded_by else ""]
                for b in bookings if b.support_record is not None]
    else:
        header = [_("Booking code"), _("Date and time"), _("Location"), _("Topic"), _("Status"), _("How booked"),
                  _("Name"), _("Phone number"), _("Email address"), _("Age"), _("Device"),
                  _("What they want to do"), _("Needs")]
        rows = [[b.code, format_datetime(b.slot.starts_at, "yyyy-MM-dd HH:mm"), b.slot.location.name, b.topic.name,
                 b.status_label, b.channel_label, b.name, b.phone or "", b.email or "",
                 str(AGE_BANDS.get(b.age_band, "")), str(DEVICES.get(b.device, "")), b.purpose or "",
                 " / ".join(b.needs)] for b in bookings]
    record_access("helpdesk.exported", target_type=kind, detail=f"{start.isoformat()}..{end.isoformat()}, "
                                                                 f"{len(rows)} rows")
    filename = f"helpdesk-{kind}-{start.isoformat()}-{end.isoformat()}.csv"
    return Response(exports.csv_bytes(header, rows), mimetype="text/csv",
                    headers={"Content-Disposition": f'attachment; filename="{filename}"'})


@staff_bp.get("/stats")
def stats():
    today = operations.tokyo_today()
    try:
        year, month = (int(part) for part in request.args.get("month", "").split("-"))
        date(year, month, 1)
    except ValueError:
        year, month = today.year, today.month
    previous = date(year, month, 1) - timedelta(days=1)
    following = date(year, month, 28) + timedelta(days=5)
    return render_template("helpdesk/staff/stats.html", year=year, month=month,
                           stats=queries.month_statistics(year, month),
                           previous=f"{previous.year}-{previous.month:02d}",
                           following=f"{following.year}-{following.month:02d}")


@staff_bp.get("/sessions")
def sessions():
    schedules = db.session.scalars(sa.select(Schedule).order_by(Schedule.location_id, Schedule.weekday,
                                                                Schedule.start_time)).all()
    from civic.helpdesk.models import Closure

    staff_members = queries.staff_members()
    closures = db.session.scalars(sa.select(Closure).where(Closure.day >= operations.tokyo_today())
                                  .order_by(Closure.day)).all()
    locations = db.session.scalars(sa.select(Location).order_by(Location.position, Location.id)).all()
    return render_template("helpdesk/staff/sessions.html", locations=locations, schedules=schedules,
                           closures=closures, staff_members=staff_members, topics=queries.all_topics(),
                           weekdays=forms.WEEKDAYS, form=forms.ActionForm(),
                           can_edit_topics=has_role(current_user, Role.planner))


@staff_bp.route("/locations/new", methods=["GET", "POST"], defaults={"location_id": None})
@staff_bp.route("/locations/<int:location_id>", methods=["GET", "POST"])
def edit_location(location_id):
    location = db.get_or_404(Location, location_id) if location_id else None
    form = forms.LocationForm(obj=location)
    if form.validate_on_submit():
        if location is None:
            location = Location()
            db.session.add(location)
        form.populate_obj(location)
        db.session.commit()
        flash(_("The location is saved."), "success")
        return redirect(url_for(".sessions"))
    status = 422 if form.is_submitted() else 200
    return render_template("helpdesk/staff/location_form.html", form=form, location=location), status


def _location_choices(with_all: bool = False):
    choices = [forms.SelectChoice(0, _("All locations"))] if with_all else []
    return choices + [forms.SelectChoice(l.id, l.name) for l in queries.active_locations()]


@staff_bp.route("/schedules/new", methods=["GET", "POST"])
def new_schedule():
    form = forms.ScheduleForm()
    form.location_id.choices = _location_choices()
    form.staff_id.choices = [forms.SelectChoice(0, _("Not decided"))] + [
        forms.SelectChoice(member.id, member.display_name) for member in queries.staff_members()]
    if request.method == "GET":
        form.valid_from.data = operations.tokyo_today()
    if form.validate_on_submit():
        schedule = Schedule(location_id=form.location_id.data, weekday=form.weekday.data,
                            start_time=form.start_time.data, duration_minutes=form.duration_minutes.data,
                            capacity=form.capacity.data, valid_from=form.valid_from.data,
                            valid_until=form.valid_until.data, staff_id=form.staff_id.data or None)
        db.session.add(schedule)
        db.session.flush()
        created = operations.generate_slots(
            schedule, operations.tokyo_today() + timedelta(weeks=current_app.config["HELPDESK_BOOKING_WEEKS"]))
        db.session.commit()
        flash(_("The schedule is saved; %(count)d sessions were created.", count=created), "success")
        return redirect(url_for(".sessions"))
    status = 422 if form.is_submitted() else 200
    return render_template("helpdesk/staff/schedule_form.html", form=form), status


@staff_bp.post("/schedules/generate")
def generate():
    if not forms.ActionForm().validate_on_submit():
        abort(400)
    until = operations.tokyo_today() + timedelta(weeks=current_app.config["HELPDESK_BOOKING_WEEKS"])
    created = sum(operations.generate_slots(s, until) for s in
                  db.session.scalars(sa.select(Schedule).where(Schedule.active.is_(True))).all())
    db.session.commit()
    flash(_("%(count)d sessions were created.", count=created), "success")
    return redirect(url_for(".sessions"))


@staff_bp.route("/closures/new", methods=["GET", "POST"])
def new_closure():
    form = forms.ClosureForm()
    form.location_id.choices = _location_choices(with_all=True)
    if form.validate_on_submit():
        location = db.session.get(Location, form.location_id.data) if form.location_id.data else None
        told = operations.add_closure(form.day.data, location, form.reason.data, current_user)
        db.session.commit()
        flash(_("The closed day is saved. %(count)d residents were told by email.", count=told), "success")
        return redirect(url_for(".sessions"))
    status = 422 if form.is_submitted() else 200
    return render_template("helpdesk/staff/closure_form.html", form=form), status


@staff_bp.route("/slots/<int:slot_id>/close", methods=["GET", "POST"])
def close_slot(slot_id):
    slot = db.get_or_404(Slot, slot_id)
    form = forms.CloseSlotForm()
    if form.validate_on_submit():
        told = operations.close_slot(slot, current_user, form.reason.data)
        db.session.commit()
        flash(_("The session is closed. %(count)d residents were told by email.", count=told), "success")
        return redirect(url_for(".index", date=operations.tokyo_today(slot.starts_at).isoformat()))
    status = 422 if form.is_submitted() else 200
    return render_template("helpdesk/staff/close_slot.html", form=form, slot=slot), status


# ---------------------------------------------------------------- planners: the topic list

@planner_bp.get("/topics")
def topics():
    return render_template("helpdesk/planner_topics.html", topics=queries.all_topics())


@planner_bp.route("/topics/new", methods=["GET", "POST"], defaults={"topic_id": None})
@planner_bp.route("/topics/<int:topic_id>", methods=["GET", "POST"])
def edit_topic(topic_id):
    topic = db.get_or_404(Topic, topic_id) if topic_id else None
    form = forms.TopicForm(obj=topic)
    if form.validate_on_submit():
        clash = db.session.scalar(sa.select(Topic).where(Topic.key == form.key.data.strip()))
        if clash is not None and clash is not topic:
            form.key.errors = list(form.key.errors) + [_("Another topic has this key.")]
            return render_template("helpdesk/topic_form.html", form=form, topic=topic), 422
        if topic is None:
            topic = Topic()
            db.session.add(topic)
        form.populate_obj(topic)
        topic.key = topic.key.strip()
        topic.position = topic.position or 0
        db.session.commit()
        flash(_("The topic is saved."), "success")
        return redirect(url_for(".topics"))
    status = 422 if form.is_submitted() else 200
    return render_template("helpdesk/topic_form.html", form=form, topic=topic), status
