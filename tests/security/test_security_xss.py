"""Stored XSS: every payload of tests/data/xss_payloads.txt, sent through every free-text input that exists, is
shown as inert text on every page and export where it appears (HTML: no element, attribute or URL it could add;
CSV: formula-neutralised). Pages are checked in English, Japanese and easy Japanese (furigana rewrite the HTML)."""
from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone

import pytest
import sqlalchemy as sa

from civic.extensions import db
from tests.helpers import Browser
from tests.security.inert import PAYLOADS, check_csv, check_html, missing

LANGUAGES = ("en", "ja", "ja-easy")


@pytest.fixture
def config_overrides():
    return {"RATELIMIT_ENABLED": False}  # dozens of posts from one address


def test_there_are_at_least_50_payloads():
    assert len(PAYLOADS) >= 50 and len(set(PAYLOADS)) == len(PAYLOADS)


def new_browser(app, make_user, role: str) -> Browser:
    browser = Browser(app.test_client())
    browser.sign_in(make_user(role).email)
    return browser


def seen_on(browser, url: str, languages=LANGUAGES) -> str:
    """Check the page in every language; return its visible text (English)."""
    text = ""
    for language in languages:
        separator = "&" if "?" in url else "?"
        response = browser.get(f"{url}{separator}lang={language}")
        assert response.status_code == 200, f"{url} ({language}) answered {response.status_code}"
        shown = check_html(response.get_data(as_text=True), f"{url} ({language})")
        text = text or shown
    return text


def test_comments_display_names_and_report_notes_stay_text(app, objects, make_user):
    resident = new_browser(app, make_user, "resident")
    slug = objects["slug"]
    comment_ids = []
    for payload in PAYLOADS:
        response = resident.submit("/account/", {"display_name": payload[:60], "language": "en"})
        assert response.status_code == 302, f"display name {payload!r}: {response.status_code}"
        check_html(resident.get("/account/?lang=en").get_data(as_text=True), "account page")
        response = resident.post(f"/initiatives/{slug}/comments", {"body": payload, "post_anyway": "y"},
                                 token_from=f"/initiatives/{slug}")
        assert response.status_code == 302, f"comment {payload!r}: {response.status_code}"
        comment_ids.append(int(re.search(r"#comment-(\d+)", response.headers["Location"]).group(1)))

    text = "".join(seen_on(resident, f"/initiatives/{slug}?page={page}") for page in range(1, 5))
    assert not missing(PAYLOADS, text), "some comments were not shown, so not checked"
    seen_on(resident, "/")

    anonymous = Browser(app.test_client())
    for comment_id, payload in zip(comment_ids, PAYLOADS):
        page = f"/initiatives/comments/{comment_id}/report"
        response = anonymous.submit(page, {"reason": "other", "note": payload})
        assert response.status_code == 302, f"report {payload!r}: {response.status_code}"
        # a reply page shows the comment too
        seen_on(resident, f"/initiatives/comments/{comment_id}/reply", languages=("en",))

    planner = new_browser(app, make_user, "planner")
    queue = seen_on(planner, "/planner/initiatives/moderation")
    shown = queue + "".join(seen_on(planner, f"/planner/initiatives/moderation/{comment_id}", languages=("en",))
                            for comment_id in comment_ids)
    assert not missing(PAYLOADS, shown), "some report notes were not shown, so not checked"
    admin = new_browser(app, make_user, "admin")
    seen_on(admin, "/admin/")  # display names in the accounts list
    check_csv(admin.get("/admin/audit/export.csv").get_data(), "audit export")


def test_booking_texts_and_support_notes_stay_text(app, objects, make_user):
    from civic.helpdesk.models import Booking, Slot

    start = (datetime.now(timezone.utc) + timedelta(days=4)).replace(hour=1, minute=0, second=0, microsecond=0)
    with app.app_context():
        slot = Slot(location_id=objects["location_id"], starts_at=start, ends_at=start + timedelta(minutes=45),
                    capacity=len(PAYLOADS) + 1)
        db.session.add(slot)
        db.session.commit()
        slot_id = slot.id
    resident = Browser(app.test_client())
    tokens = []
    for n, payload in enumerate(PAYLOADS):
        page = f"/helpdesk/book/{slot_id}?topic={objects['topic_id']}"
        response = resident.submit(page, {"name": payload[:100], "phone": f"090-7777-{n:04d}", "purpose": payload,
                                          "interpreter_language": payload[:60], "consent": "y"})
        assert response.status_code == 302 and "/helpdesk/booking/" in response.headers["Location"], \
            f"booking {payload!r}: {response.status_code}"
        tokens.append(response.headers["Location"].rsplit("/", 1)[1])
    shown = ""
    for token in tokens:
        shown += seen_on(resident, f"/helpdesk/booking/{token}", languages=("en", "ja-easy"))
        seen_on(resident, f"/helpdesk/booking/{token}/print", languages=("en",))
    assert not missing(PAYLOADS, shown), "some bookings were not shown, so not checked"

    staff = new_browser(app, make_user, "helpdesk")
    with app.app_context():
        booking_ids = db.session.scalars(sa.select(Booking.id).where(Booking.manage_token.in_(tokens))).all()
    for booking_id, payload in zip(sorted(booking_ids), PAYLOADS):
        page = f"/staff/bookings/{booking_id}"
        response = staff.submit(page, {"topics": objects["topic_id"], "resolved": "yes", "note": payload})
        assert response.status_code == 302, f"support note {payload!r}: {response.status_code}"
    notes = "".join(seen_on(staff, f"/staff/bookings/{booking_id}", languages=("en",)) for booking_id in booking_ids)
    assert not missing(PAYLOADS, notes), "some support notes were not shown, so not checked"
    day = (start + timedelta(hours=9)).date().isoformat()
    for url in (f"/staff/?date={day}", f"/staff/print?date={day}", "/staff/search?q=alert", "/staff/calls"):
        seen_on(staff, url)
    period = f"start={start.date().replace(day=1).isoformat()}&end={(start + timedelta(days=1)).date().isoformat()}"
    for kind in ("bookings", "records"):
        response = staff.get(f"/staff/export.csv?{period}&kind={kind}")
        assert response.status_code == 200
        rows = check_csv(response.get_data(), f"{kind} export")
        cells = {cell for row in rows for cell in row}
        formulas = [p for p in PAYLOADS if p.startswith(("=", "+", "-", "@"))]
        assert formulas and all("'" + p in cells or "'" + p[:100] in cells for p in formulas), kind


def test_planner_initiative_texts_stay_text(app, make_user):
    planner = new_browser(app, make_user, "planner")
    slugs = []
    for n, payload in enumerate(PAYLOADS):
        data = {"slug": f"xss-{n}", "category": "mobility", "status": "trial", "districts": "north"}
        for language in ("ja", "easy", "en"):
            data |= {f"title_{language}": payload[:200], f"summary_{language}": payload,
                     f"body_{language}": payload, f"department_{language}": payload[:200],
                     f"partners_{language}": payload}
        response = planner.submit("/planner/initiatives/new", data)
        assert response.status_code == 302, f"initiative {payload!r}: {response.status_code}"
        manage = response.headers["Location"]
        response = planner.post(f"{manage}/publish", token_from=manage)
        assert response.status_code == 302
        seen_on(planner, manage, languages=("en",))
        slugs.append(f"xss-{n}")
    resident = Browser(app.test_client())
    shown = "".join(seen_on(resident, f"/initiatives/{slug}") for slug in slugs)
    assert not missing(PAYLOADS, shown), "some initiatives were not shown, so not checked"
    for page in range(1, 8):
        seen_on(resident, f"/initiatives/?page={page}")
    seen_on(resident, "/initiatives/?q=alert")
    seen_on(resident, "/")
    seen_on(planner, "/planner/initiatives/")
