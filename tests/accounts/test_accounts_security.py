"""OWASP ASVS level 2 rules for accounts: passwords, second factor, sessions, brute force, audit."""
import re
from datetime import timedelta

import pyotp
import pytest

from civic.accounts.models import RecoveryCode, User, UserSession
from civic.audit.models import AuditEvent, AuditLogIsAppendOnly
from civic.database import utcnow
from civic.extensions import db
from tests.helpers import DEFAULT_PASSWORD, Browser


def actions(app):
    with app.app_context():
        return [event.action for event in db.session.scalars(db.select(AuditEvent).order_by(AuditEvent.id))]


def get_user(app, user_id):
    with app.app_context():
        user = db.session.get(User, user_id)
        db.session.expunge(user)
        return user


def update_user(app, user_id, **values):
    with app.app_context():
        db.session.execute(db.update(User).where(User.id == user_id).values(**values))
        db.session.commit()


# Passwords ---------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("password", ["password123", "qwertyuiop", "12345678", "Sunshine1"])
def test_common_passwords_are_refused(app, browser, password):
    response = browser.submit("/account/signup?lang=en", {
        "display_name": "A", "email": "a@example.jp", "password": password, "password_confirm": password})
    assert response.status_code == 422
    assert "one of the most common ones" in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count(User.id))) == 0


@pytest.mark.parametrize("password", ["all lower case words", "x" * 100, "ひらがなだけのパスワード"])
def test_long_passwords_without_composition_rules_are_accepted(app, browser, password):
    response = browser.submit("/account/signup", {
        "display_name": "A", "email": "a@example.jp", "password": password, "password_confirm": password})
    assert response.status_code == 302


def test_email_address_as_password_is_refused(browser):
    response = browser.submit("/account/signup?lang=en", {
        "display_name": "A", "email": "longname@example.jp", "password": "longname@example.jp",
        "password_confirm": "longname@example.jp"})
    assert "Please do not use your email address as your password." in response.get_data(as_text=True)


# Second factor -----------------------------------------------------------------------------------------------

def enrol(browser) -> tuple[str, list[str]]:
    """Walk the enrolment page as a person with an authenticator app would; returns the secret and codes."""
    page = browser.get("/account/two-factor").get_data(as_text=True)
    secret = re.search(r'<code class="secret">([A-Z2-7]+)</code>', page).group(1)
    assert 'src="data:image/svg+xml;base64,' in page  # the QR code
    response = browser.submit("/account/two-factor", {"code": pyotp.TOTP(secret).now()})
    assert response.status_code == 200
    codes = re.findall(r"<code>([A-Z0-9]{5}-[A-Z0-9]{5})</code>", response.get_data(as_text=True))
    assert len(codes) == 10
    return secret, codes


@pytest.mark.parametrize("role", ["helpdesk", "planner", "admin"])
def test_staff_without_second_factor_can_only_enrol(browser, make_user, role):
    user = make_user(role, two_factor=False)
    response = browser.submit("/account/signin", {"email": user.email, "password": DEFAULT_PASSWORD})
    assert response.headers["Location"] == "/account/two-factor"
    for url in ("/", "/admin/", "/planner/", "/account/"):
        blocked = browser.get(url)
        assert blocked.status_code == 302 and blocked.headers["Location"] == "/account/two-factor", url
    assert browser.get("/account/two-factor").status_code == 200
    enrol(browser)
    assert browser.get("/account/").status_code == 200


def test_enrolment_then_sign_in_needs_a_current_unused_code(app, make_user):
    user = make_user("planner", two_factor=False)
    first = Browser(app.test_client())
    first.submit("/account/signin", {"email": user.email, "password": DEFAULT_PASSWORD})
    secret, codes = enrol(first)
    first.sign_out()

    second = Browser(app.test_client())
    response = second.submit("/account/signin", {"email": user.email, "password": DEFAULT_PASSWORD})
    assert response.headers["Location"] == "/account/signin/code"
    assert second.get("/planner/").status_code == 302  # the password alone signs nobody in
    wrong = second.submit("/account/signin/code?lang=en", {"code": "000000"})
    assert wrong.status_code == 422 and "This code is not right" in wrong.get_data(as_text=True)
    totp = pyotp.TOTP(secret)
    code = totp.at(totp.timecode(utcnow()) * totp.interval + totp.interval)  # the next step: not used yet
    assert second.submit("/account/signin/code", {"code": code}).status_code == 302
    assert second.get("/planner/").status_code == 200
    second.sign_out()

    replay = Browser(app.test_client())
    replay.submit("/account/signin", {"email": user.email, "password": DEFAULT_PASSWORD})
    assert replay.submit("/account/signin/code", {"code": code}).status_code == 422  # the same code again


def test_recovery_code_works_once(app, make_user):
    user = make_user("helpdesk", two_factor=False)
    browser = Browser(app.test_client())
    browser.submit("/account/signin", {"email": user.email, "password": DEFAULT_PASSWORD})
    _, codes = enrol(browser)
    browser.sign_out()
    browser.submit("/account/signin", {"email": user.email, "password": DEFAULT_PASSWORD})
    assert browser.submit("/account/signin/code", {"code": codes[0].lower()}).status_code == 302
    browser.sign_out()
    browser.submit("/account/signin", {"email": user.email, "password": DEFAULT_PASSWORD})
    assert browser.submit("/account/signin/code", {"code": codes[0]}).status_code == 422
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count(RecoveryCode.id)).where(
            RecoveryCode.user_id == user.id, RecoveryCode.used_at.is_(None))) == 9
    assert "two_factor.recovery_code_used" in actions(app)


def test_recovery_codes_are_stored_only_as_hashes(app, make_user):
    user = make_user("planner", two_factor=False)
    browser = Browser(app.test_client())
    browser.submit("/account/signin", {"email": user.email, "password": DEFAULT_PASSWORD})
    _, codes = enrol(browser)
    with app.app_context():
        stored = set(db.session.scalars(db.select(RecoveryCode.code_hash)))
    assert not stored & {code.replace("-", "") for code in codes}


def test_residents_may_turn_the_second_factor_on_and_off(app, signed_in):
    browser = signed_in("resident")
    enrol(browser)
    assert get_user(app, browser.user.id).has_two_factor
    assert browser.post("/account/two-factor/off", token_from="/account/").status_code == 302
    assert not get_user(app, browser.user.id).has_two_factor


def test_staff_cannot_turn_the_second_factor_off(app, signed_in):
    browser = signed_in("helpdesk")
    browser.post("/account/two-factor/off", token_from="/account/")
    assert get_user(app, browser.user.id).has_two_factor


# Sessions ----------------------------------------------------------------------------------------------------

def test_session_cookie_replayed_after_sign_out_is_refused(app, signed_in):
    browser = signed_in("resident")
    stolen = browser.client.get_cookie("civic_session").value
    assert browser.get("/account/").status_code == 200
    browser.sign_out()

    thief = app.test_client()
    thief.set_cookie("civic_session", stolen, domain="localhost")
    response = thief.get("/account/")
    assert response.status_code == 302 and "/account/signin" in response.headers["Location"]


def test_each_sign_in_gets_a_new_session_identifier(app, make_user):
    user = make_user()
    browser = Browser(app.test_client())
    browser.sign_in(user.email)
    browser.sign_out()
    browser.sign_in(user.email)
    with app.app_context():
        hashes = db.session.scalars(db.select(UserSession.token_hash).where(UserSession.user_id == user.id)).all()
    assert len(hashes) == 2 and len(set(hashes)) == 2


def test_changing_the_password_ends_the_other_sessions(app, make_user):
    user = make_user()
    phone, laptop = Browser(app.test_client()), Browser(app.test_client())
    phone.sign_in(user.email)
    laptop.sign_in(user.email)
    response = laptop.submit("/account/", {"current_password": DEFAULT_PASSWORD, "password": "a new long phrase",
                                           "password_confirm": "a new long phrase"}, action="/account/password")
    assert response.status_code == 302
    assert laptop.get("/account/").status_code == 200  # this device stays signed in
    assert phone.get("/account/").status_code == 302  # the other one is out


def test_wrong_current_password_keeps_the_password(app, signed_in):
    browser = signed_in("resident")
    response = browser.submit("/account/?lang=en", {"current_password": "not it at all", "password": "new long one!",
                                                    "password_confirm": "new long one!"},
                              action="/account/password?lang=en")
    assert response.status_code == 422
    assert "This is not your current password." in response.get_data(as_text=True)


def test_staff_session_ends_after_idle_timeout_with_a_message(app, signed_in):
    browser = signed_in("planner")
    assert browser.get("/planner/").status_code == 200
    with app.app_context():
        db.session.execute(db.update(UserSession).values(last_seen_at=utcnow() - timedelta(minutes=31)))
        db.session.commit()
    response = browser.get("/planner/?lang=en")
    assert response.status_code == 302
    page = browser.get("/account/signin?lang=en").get_data(as_text=True)
    assert "signed out because you were inactive" in page


def test_resident_session_outlives_the_staff_idle_timeout(app, signed_in):
    browser = signed_in("resident")
    with app.app_context():
        db.session.execute(db.update(UserSession).values(last_seen_at=utcnow() - timedelta(hours=3)))
        db.session.commit()
    assert browser.get("/account/").status_code == 200


def test_staff_session_has_an_absolute_lifetime(app, signed_in):
    browser = signed_in("helpdesk")
    with app.app_context():
        db.session.execute(db.update(UserSession).values(expires_at=utcnow() - timedelta(seconds=1)))
        db.session.commit()
    assert browser.get("/account/").status_code == 302


def test_staff_pages_warn_before_the_idle_timeout_and_can_extend(app, signed_in):
    browser = signed_in("planner")
    html = browser.get("/planner/?lang=en").get_data(as_text=True)
    assert "you will be signed out after 30 minutes without activity" in html
    assert "session-timeout" in html and "Stay signed in" in html
    with app.app_context():
        db.session.execute(db.update(UserSession).values(last_seen_at=utcnow() - timedelta(minutes=29)))
        db.session.commit()
    response = browser.post("/account/session/extend", token_from="/account/",
                            headers={"Accept": "application/json"})
    assert response.status_code == 200 and response.get_json()["idle_deadline"]
    with app.app_context():
        record = db.session.scalar(db.select(UserSession).where(UserSession.revoked_at.is_(None)))
        assert utcnow() - record.last_seen_at < timedelta(minutes=1)


def test_admin_can_end_anyones_sessions(app, signed_in, make_user):
    target = make_user()
    victim = Browser(app.test_client())
    victim.sign_in(target.email)
    admin = Browser(app.test_client())
    admin_user = make_user("admin")
    admin.sign_in(admin_user.email)
    response = admin.post(f"/admin/users/{target.id}/end-sessions", token_from="/admin/")
    assert response.status_code == 302
    assert victim.get("/account/").status_code == 302
    assert "sessions.ended" in actions(app)


def test_user_can_sign_out_other_devices(app, make_user):
    user = make_user()
    phone, laptop = Browser(app.test_client()), Browser(app.test_client())
    phone.sign_in(user.email)
    laptop.sign_in(user.email)
    laptop.post("/account/sessions/end-others", token_from="/account/")
    assert laptop.get("/account/").status_code == 200
    assert phone.get("/account/").status_code == 302


def test_deactivating_an_account_ends_its_sessions(app, make_user):
    target = make_user()
    victim = Browser(app.test_client())
    victim.sign_in(target.email)
    admin = Browser(app.test_client())
    admin.sign_in(make_user("admin").email)
    admin.post(f"/admin/users/{target.id}/deactivate", token_from="/admin/")
    assert victim.get("/account/").status_code == 302


# Brute force -------------------------------------------------------------------------------------------------

def test_repeated_failures_lock_the_account_and_tell_the_owner(app, browser, make_user, outbox):
    user = make_user(language="en")
    pages = [browser.submit("/account/signin?lang=en", {"email": user.email, "password": f"wrong {i}"})
             for i in range(5)]
    assert all(page.status_code == 422 for page in pages)
    [message] = outbox
    assert message["To"] == user.email and message["Subject"] == "Signing in to your account is paused"
    locked = browser.submit("/account/signin?lang=en", {"email": user.email, "password": DEFAULT_PASSWORD})
    unknown = browser.submit("/account/signin?lang=en", {"email": "nobody@example.jp", "password": "whatever"})
    assert locked.status_code == unknown.status_code == 422
    assert _message(locked) == _message(unknown)  # locked or unknown: the same answer
    assert len(outbox) == 1
    assert actions(app).count("account.locked") == 1

    update_user(app, user.id, locked_until=utcnow() - timedelta(seconds=1))
    browser.sign_in(user.email)


def _message(response) -> str:
    return re.search(r'class="field-error-message"[^>]*>(.*?)</p>', response.get_data(as_text=True), re.S).group(1)


@pytest.mark.parametrize("config_overrides", [{"RATELIMIT_SIGNIN_PER_ACCOUNT": "3 per hour"}])
def test_sign_in_is_throttled_per_account_across_addresses(browser, make_user, config_overrides):
    user = make_user()
    statuses = []
    for number in range(4):
        statuses.append(browser.submit("/account/signin", {"email": user.email, "password": "wrong"},
                                       environ_base={"REMOTE_ADDR": f"192.0.2.{number + 1}"}).status_code)
    assert statuses == [422, 422, 422, 429]


# Audit trail -------------------------------------------------------------------------------------------------

def test_sign_ins_failures_and_role_changes_are_audited_without_secrets(app, browser, make_user, signed_in):
    user = make_user()
    browser.submit("/account/signin", {"email": user.email, "password": "wrong password here"})
    browser.sign_in(user.email)
    admin = Browser(app.test_client())
    admin.sign_in(make_user("admin").email)
    admin.post(f"/admin/users/{user.id}/role", {"role": "planner"}, token_from="/admin/")
    recorded = actions(app)
    assert {"sign_in.failed", "sign_in", "role.changed"} <= set(recorded)
    with app.app_context():
        rows = db.session.scalars(db.select(AuditEvent)).all()
        role_change = next(row for row in rows if row.action == "role.changed")
        assert role_change.target_id == str(user.id) and role_change.ip_address
        assert role_change.detail == "resident -> planner"
        everything = " ".join(str(getattr(row, column.name)) for row in rows
                              for column in AuditEvent.__table__.columns)
    assert "wrong password here" not in everything and DEFAULT_PASSWORD not in everything


def test_audit_rows_cannot_be_changed(app):
    from civic.audit.operations import record

    with app.app_context():
        event = record("test.event")
        db.session.commit()
        event.action = "something else"
        with pytest.raises(AuditLogIsAppendOnly):
            db.session.commit()
        db.session.rollback()
        with pytest.raises(AuditLogIsAppendOnly):
            db.session.delete(db.session.get(AuditEvent, event.id))
            db.session.commit()


@pytest.mark.parametrize("role, expected", [(None, 302), ("resident", 403), ("helpdesk", 403), ("planner", 403),
                                            ("admin", 200)])
def test_only_admins_read_the_audit_log(browser, signed_in, role, expected):
    client = signed_in(role) if role else browser
    assert client.get("/admin/audit/").status_code == expected
    assert client.get("/admin/audit/export.csv").status_code == expected


def test_admin_searches_and_exports_the_audit_log(app, make_user):
    user = make_user(email="findme@example.jp")
    Browser(app.test_client()).sign_in(user.email)
    admin = Browser(app.test_client())
    admin.sign_in(make_user("admin").email)
    html = admin.get("/admin/audit/?actor=findme&action=sign_in").get_data(as_text=True)
    assert "findme@example.jp" in html
    response = admin.get("/admin/audit/export.csv?actor=findme")
    text = response.get_data().decode("utf-8-sig")
    assert response.mimetype == "text/csv"
    assert "findme@example.jp" in text and "sign_in" in text
    assert "audit.exported" in actions(app)


def test_purge_removes_only_entries_older_than_the_retention(app, runner):
    from civic.audit.models import AuditEvent as Event

    with app.app_context():
        db.session.add_all([Event(action="old", occurred_at=utcnow() - timedelta(days=400)),
                            Event(action="recent", occurred_at=utcnow() - timedelta(days=10))])
        db.session.commit()
    result = runner.invoke(args=["purge-audit-log", "--days", "365"])
    assert result.exit_code == 0 and "removed 1" in result.output
    assert actions(app) == ["recent"]


# Headers -----------------------------------------------------------------------------------------------------

def test_pages_for_signed_in_people_are_not_cached(signed_in, client):
    assert "no-store" not in client.get("/").headers.get("Cache-Control", "")
    browser = signed_in("admin")
    for url in ("/", "/account/", "/admin/", "/admin/audit/"):
        assert browser.get(url).headers["Cache-Control"] == "no-store", url


def test_production_session_cookie_has_the_host_prefix(monkeypatch, tmp_path):
    from civic.config import Config

    monkeypatch.setenv("CIVIC_SECRET_KEY", "x" * 40)
    monkeypatch.setenv("CIVIC_DATABASE_URL", f"sqlite:///{tmp_path}/p.db")
    config = Config()
    assert config.SESSION_COOKIE_NAME.startswith("__Host-") and config.SESSION_COOKIE_SECURE


def test_nobody_reaches_another_persons_account_by_id(app, signed_in, make_user):
    other = make_user(email="other@example.jp")
    browser = signed_in("resident")
    assert "other@example.jp" not in browser.get("/account/").get_data(as_text=True)
    for url in (f"/admin/users/{other.id}/role", f"/admin/users/{other.id}/deactivate",
                f"/admin/users/{other.id}/end-sessions"):
        assert browser.post(url, {"role": "admin"}, token_from="/account/").status_code == 403
    assert get_user(app, other.id).role == "resident" and get_user(app, other.id).active
