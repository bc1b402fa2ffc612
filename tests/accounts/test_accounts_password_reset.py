import re

import pytest

from civic.accounts.models import User
from civic.extensions import db
from tests.helpers import DEFAULT_PASSWORD

NEW_PASSWORD = "a brand new passphrase"


def reset_link(message) -> str:
    body = message.get_content()
    return re.search(r"http://localhost(/account/password-reset/\S+)", body).group(1)


def test_reset_sends_an_email_with_a_link_that_works_once(app, browser, make_user, outbox):
    user = make_user(language="en")
    response = browser.submit("/account/password-reset", {"email": user.email})
    assert response.status_code == 200
    [message] = outbox
    assert message["To"] == user.email
    assert message["Subject"] == "Your password reset link"  # in the account's language
    link = reset_link(message)

    form = browser.get(link)
    assert form.status_code == 200
    response = browser.submit(link, {"password": NEW_PASSWORD, "password_confirm": NEW_PASSWORD})
    assert response.status_code == 302 and response.headers["Location"] == "/account/signin"
    browser.sign_in(user.email, NEW_PASSWORD)

    assert browser.get(link).status_code == 410  # used: void
    browser.sign_out()
    wrong = browser.submit("/account/signin", {"email": user.email, "password": DEFAULT_PASSWORD})
    assert wrong.status_code == 422


def test_reset_answer_is_the_same_for_unknown_addresses(browser, make_user, outbox):
    user = make_user()
    known = browser.submit("/account/password-reset?lang=en", {"email": user.email}).get_data(as_text=True)
    unknown = browser.submit("/account/password-reset?lang=en", {"email": "nobody@example.jp"}).get_data(as_text=True)
    assert len(outbox) == 1
    assert known.replace(user.email, "X") == unknown.replace("nobody@example.jp", "X")


@pytest.mark.parametrize("config_overrides", [{"PASSWORD_RESET_MAX_AGE": -1}])
def test_expired_reset_link_is_refused(browser, make_user, outbox, config_overrides):
    user = make_user()
    browser.submit("/account/password-reset", {"email": user.email})
    response = browser.get(reset_link(outbox[0]) + "?lang=en")
    assert response.status_code == 410
    assert "This link is no longer valid" in response.get_data(as_text=True)


def test_tampered_reset_link_is_refused(browser, make_user, outbox):
    user = make_user()
    browser.submit("/account/password-reset", {"email": user.email})
    link = reset_link(outbox[0])
    assert browser.get(link[:-3] + "abc").status_code == 410


def test_reset_email_is_in_japanese_for_japanese_accounts(browser, make_user, outbox):
    user = make_user(language="ja")
    browser.submit("/account/password-reset?lang=en", {"email": user.email})
    assert outbox[0]["Subject"] == "パスワード再設定のご案内"


def test_password_is_stored_only_as_a_hash(app, make_user):
    user = make_user(password="my secret phrase")
    with app.app_context():
        stored = db.session.get(User, user.id).password_hash
    assert "my secret phrase" not in stored
