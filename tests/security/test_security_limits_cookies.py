"""Rate limits answer 429 on every form bots aim at; production session cookies carry every protective flag."""
from __future__ import annotations

import pytest

from civic import create_app
from civic.config import Config
from civic.extensions import db
from tests.helpers import Browser

LIMITED = ["RATELIMIT_SIGNIN", "RATELIMIT_SIGNUP", "RATELIMIT_PASSWORD_RESET", "RATELIMIT_HELPDESK_BOOKING",
           "RATELIMIT_COMMENT", "RATELIMIT_REPORT"]


@pytest.fixture
def config_overrides():
    return {name: "2 per minute" for name in LIMITED} | {"RATELIMIT_SIGNIN_PER_ACCOUNT": "100 per hour"}


def form_posts(objects, signed_in):
    """Each limited form, sent as a person would (the content may be refused: the limit counts attempts)."""
    booking = f"/helpdesk/book/{objects['slot_id']}?topic={objects['topic_id']}"
    report = f"/initiatives/comments/{objects['comment_id']}/report"
    return {
        "sign-in": lambda b: b.submit("/account/signin", {"email": "nobody@example.jp", "password": "wrong"}),
        "sign-up": lambda b: b.submit("/account/signup", {"email": "not-an-address"}),
        "password reset": lambda b: b.submit("/account/password-reset", {"email": "nobody@example.jp"}),
        "booking": lambda b: b.submit(booking, {"name": ""}),
        "report": lambda b: b.submit(report, {"reason": ""}),
        "comment": lambda b: b.post(f"/initiatives/{objects['slug']}/comments", {"body": ""},
                                    token_from=f"/initiatives/{objects['slug']}"),
    }


@pytest.mark.parametrize("form", ["sign-in", "sign-up", "password reset", "booking", "report", "comment"])
def test_limited_forms_answer_429_when_sent_too_often(objects, browser, signed_in, form):
    if form == "comment":
        browser = signed_in("resident")
    send = form_posts(objects, signed_in)[form]
    statuses = [send(browser).status_code for _ in range(3)]
    assert 429 not in statuses[:2] and statuses[2] == 429, statuses


def test_production_session_cookie_is_host_only_secure_httponly_and_lax(app, make_user, monkeypatch,
                                                                         migrated_database, tmp_path):
    monkeypatch.setenv("CIVIC_SECRET_KEY", "x" * 48)
    monkeypatch.setenv("CIVIC_DATABASE_URL", migrated_database)
    monkeypatch.setenv("CIVIC_INSTANCE_PATH", str(tmp_path))
    production = create_app(Config())
    user = make_user("resident")
    client = production.test_client()
    client.environ_base["wsgi.url_scheme"] = "https"
    client.environ_base["HTTP_REFERER"] = "https://localhost/account/signin"  # CSRF checks it over HTTPS
    try:
        response = Browser(client).sign_in(user.email)
    finally:
        with production.app_context():
            db.session.remove()
            db.engine.dispose()  # its pool's connections, closed now rather than by the garbage collector
    cookies = [value for key, value in response.headers.items() if key == "Set-Cookie"
               and value.startswith("__Host-civic_session=")]
    assert cookies, response.headers
    for cookie in cookies:
        flags = {part.strip().split("=")[0].lower() for part in cookie.split(";")[1:]}
        assert {"secure", "httponly", "path"} <= flags and "domain" not in flags, cookie
        assert "SameSite=Lax" in cookie and "Path=/" in cookie, cookie
    assert response.headers["Strict-Transport-Security"].startswith("max-age=")
