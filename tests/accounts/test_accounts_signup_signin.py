import uuid

import pytest

from civic.accounts.models import User
from civic.extensions import db
from tests.helpers import DEFAULT_PASSWORD


def signup_data(**overrides):
    data = {"display_name": "ひかり花子", "email": "Hanako@Example.jp", "password": DEFAULT_PASSWORD,
            "password_confirm": DEFAULT_PASSWORD, "website": ""}
    data.update(overrides)
    return data


def users(app):
    with app.app_context():
        return db.session.scalars(db.select(User)).all()


def test_signup_creates_a_resident_and_signs_in(app, browser):
    response = browser.submit("/account/signup", signup_data())
    assert response.status_code == 302
    [user] = users(app)
    assert user.email == "hanako@example.jp"  # stored lower-cased
    assert user.role == "resident"
    assert user.password_hash != DEFAULT_PASSWORD and user.password_hash.startswith("pbkdf2:")
    assert "ログアウト" in browser.get("/").get_data(as_text=True)


def test_signup_errors_keep_what_was_typed(app, browser):
    response = browser.submit("/account/signup?lang=en", signup_data(password="short", password_confirm="short"))
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "Please check the following" in html
    assert "Please use between 8 and 128 characters." in html
    assert 'value="ひかり花子"' in html and 'value="Hanako@Example.jp"' in html
    assert 'aria-invalid="true"' in html
    assert 'aria-describedby="password-hint password-error"' in html
    assert users(app) == []


def test_signup_with_a_taken_email_says_so(app, browser, make_user):
    make_user(email="hanako@example.jp")
    response = browser.submit("/account/signup?lang=en", signup_data())
    assert response.status_code == 422
    assert "An account with this email address exists already." in response.get_data(as_text=True)
    assert len(users(app)) == 1


def test_signup_honeypot_catches_bots(app, browser):
    response = browser.submit("/account/signup", signup_data(website="http://spam.example"))
    assert response.status_code == 422
    assert users(app) == []


def test_passwords_must_match(app, browser):
    response = browser.submit("/account/signup?lang=en", signup_data(password_confirm="something else entirely"))
    assert "The two passwords are not the same." in response.get_data(as_text=True)
    assert users(app) == []


def test_sign_in_and_out(browser, make_user):
    user = make_user(display_name="佐藤")
    response = browser.submit("/account/signin", {"email": user.email.upper(), "password": DEFAULT_PASSWORD})
    assert response.status_code == 302
    assert "ログアウト" in browser.get("/").get_data(as_text=True)
    response = browser.sign_out()
    assert response.status_code == 302
    html = browser.get("/").get_data(as_text=True)
    assert ">ログアウト</button>" not in html and ">ログイン</a>" in html


def test_wrong_password_gets_one_message_for_both_cases(browser, make_user):
    user = make_user()
    wrong_password = browser.submit("/account/signin?lang=en", {"email": user.email, "password": "nope nope nope"})
    unknown_email = browser.submit("/account/signin?lang=en", {"email": "nobody@example.jp", "password": "nope"})
    message = "The email address or password is not right."
    assert wrong_password.status_code == unknown_email.status_code == 422
    assert message in wrong_password.get_data(as_text=True)
    assert message in unknown_email.get_data(as_text=True)
    assert f'value="{user.email}"' in wrong_password.get_data(as_text=True)


def test_deactivated_account_cannot_sign_in(browser, make_user):
    user = make_user(active=False)
    response = browser.submit("/account/signin", {"email": user.email, "password": DEFAULT_PASSWORD})
    assert response.status_code == 422


def test_sign_in_returns_to_the_page_asked_for_but_never_offsite(browser, make_user):
    user = make_user()
    page = browser.get("/account/?lang=en")
    assert page.status_code == 302 and "/account/signin?next=" in page.headers["Location"]
    response = browser.submit("/account/signin?next=/account/", {"email": user.email, "password": DEFAULT_PASSWORD,
                                                                  "next": "/account/"})
    assert response.headers["Location"] == "/account/"
    browser.sign_out()
    response = browser.submit("/account/signin", {"email": user.email, "password": DEFAULT_PASSWORD,
                                                  "next": "https://evil.example/"})
    assert response.headers["Location"] == "/"


def test_signing_in_starts_a_fresh_session(browser, make_user):
    user = make_user()
    browser.get("/account/signin")
    before = browser.client.get_cookie("civic_session").value
    browser.sign_in(user.email)
    after = browser.client.get_cookie("civic_session").value
    assert before != after


def test_account_language_is_used_on_a_new_device(app, make_user):
    user = make_user(language="en")
    from tests.helpers import Browser

    device = Browser(app.test_client())
    device.sign_in(user.email)
    assert '<html lang="en"' in device.get("/").get_data(as_text=True)


def test_account_page_changes_name_and_language(app, signed_in):
    browser = signed_in("resident")
    response = browser.submit("/account/", {"display_name": "新しい名前", "language": "ja-easy"})
    assert "新しい名前" in browser.get("/account/").get_data(as_text=True)
    assert response.status_code == 302
    with app.app_context():
        user = db.session.get(User, browser.user.id)
        assert user.display_name == "新しい名前" and user.language == "ja-easy"
    assert browser.client.get_cookie("civic_lang").value == "ja-easy"


def test_sign_in_is_rate_limited(browser, make_user):
    user = make_user()
    statuses = [browser.submit("/account/signin?lang=en", {"email": user.email, "password": "wrong password"}
                               ).status_code for _ in range(11)]
    assert statuses[:10] == [422] * 10
    assert statuses[10] == 429
    page = browser.submit("/account/signin?lang=en", {"email": user.email, "password": "right or wrong"})
    assert page.status_code == 429
    assert "Too many attempts" in page.get_data(as_text=True)
    assert int(page.headers["Retry-After"]) > 0


@pytest.mark.parametrize("config_overrides", [{"RATELIMIT_STORAGE_URI": "redis://127.0.0.1:6379/15",
                                               "RATELIMIT_KEY_PREFIX": f"civic-test-{uuid.uuid4().hex}"}])
def test_rate_limit_counts_live_in_redis_when_configured(app, browser, make_user, config_overrides):
    """With Redis, every gunicorn worker sees the same counts: here, clearing Redis clears the limit."""
    import redis

    store = redis.Redis.from_url("redis://127.0.0.1:6379/15")
    pattern = f"*{config_overrides['RATELIMIT_KEY_PREFIX']}*"
    user = make_user()
    for _ in range(10):
        browser.submit("/account/signin", {"email": user.email, "password": "wrong password"})
    keys = list(store.scan_iter(pattern))
    assert keys, "no rate-limit counter was written to Redis"
    assert browser.submit("/account/signin", {"email": user.email, "password": "wrong"}).status_code == 429
    store.delete(*keys)
    assert browser.submit("/account/signin", {"email": user.email, "password": "wrong"}).status_code == 422
    store.delete(*store.scan_iter(pattern))
