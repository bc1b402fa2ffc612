"""Journeys through accounts and settings, in every language, at phone sizes, with and without JavaScript."""
import itertools
import time
import uuid

import pyotp
import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import LANGUAGES, STAFF_PASSWORD, VIEWPORTS, new_staff_member, say

COMBINATIONS = list(itertools.product(LANGUAGES, VIEWPORTS, [True, False]))
IDS = [f"{lang}-{size}-{'js' if js else 'nojs'}" for lang, size, js in COMBINATIONS]


@pytest.mark.parametrize("language, viewport, javascript", COMBINATIONS, ids=IDS)
def test_resident_signs_up_fixes_an_error_and_signs_out(new_page, recorder, language, viewport, javascript):
    lang = language
    page = new_page(viewport, javascript, language)
    check = recorder(page)
    page.goto("/")
    check.check("home")
    page.get_by_role("navigation", name=say(lang, "Account")).get_by_role(
        "link", name=say(lang, "Create an account")).click()
    check.check("signup form")

    email = f"e2e-{uuid.uuid4().hex[:8]}@example.jp"
    page.get_by_role("textbox", name=say(lang, "Display name")).fill("テスト住民")
    page.get_by_role("textbox", name=say(lang, "Email address")).fill(email)
    page.locator("#password").fill("short")
    page.locator("#password_confirm").fill("short")
    page.get_by_role("button", name=say(lang, "Create my account")).click()
    summary = page.get_by_role("alert")
    expect(summary.get_by_role("heading", name=say(lang, "Please check the following"))).to_be_visible()
    assert page.locator("#display_name").input_value() == "テスト住民"  # nothing typed is lost
    check.check("signup errors")

    summary.get_by_role("link").first.click()  # the summary links to the field
    page.locator("#password").fill("a long and rare passphrase")
    page.locator("#password_confirm").fill("a long and rare passphrase")
    page.get_by_role("button", name=say(lang, "Create my account")).click()
    sign_out = page.get_by_role("button", name=say(lang, "Sign out"))
    expect(sign_out).to_be_visible()
    check.check("signed in home")
    sign_out.click()
    expect(page.get_by_role("link", name=say(lang, "Sign in")).first).to_be_visible()
    check.assert_clean()


@pytest.mark.parametrize("language", LANGUAGES)
def test_keyboard_only_sign_up_with_visible_focus(new_page, language):
    page = new_page("375x667", True, language)
    page.goto("/account/signup")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.classList.contains('skip-link')")
    page.keyboard.press("Enter")
    typed = {"display_name": "キーボード", "email": f"kb-{uuid.uuid4().hex[:8]}@example.jp",
             "password": "typed with keys only", "password_confirm": "typed with keys only"}
    for field_id, value in typed.items():
        for _ in range(40):  # Tab until the field has focus; never trapped, so this ends
            page.keyboard.press("Tab")
            if page.evaluate("document.activeElement.id") == field_id:
                break
        else:
            pytest.fail(f"could not reach #{field_id} with Tab")
        outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
        assert outline != "none", "focus must be visible"
        page.keyboard.type(value)
    with page.expect_navigation():
        page.keyboard.press("Enter")  # Enter in the last field sends the form
    expect(page.get_by_role("button", name=say(language, "Sign out"))).to_be_visible()


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "nojs"])
def test_staff_enrols_a_second_factor_and_signs_in_with_it(new_page, recorder, server_env, javascript):
    lang = "ja"
    email = new_staff_member(server_env, "planner")
    page = new_page("375x667", javascript, lang)
    check = recorder(page)
    page.goto("/account/signin")
    page.get_by_role("textbox", name=say(lang, "Email address")).fill(email)
    page.locator("#password").fill(STAFF_PASSWORD)
    page.get_by_role("button", name=say(lang, "Sign in")).click()
    assert page.url.endswith("/account/two-factor")
    check.check("enrolment")
    expect(page.get_by_role("img", name=say(lang, "QR code for the authenticator app"))).to_be_visible()
    secret = page.locator("code.secret").inner_text()
    page.get_by_role("textbox", name=say(lang, "The 6-digit code from the app")).fill(pyotp.TOTP(secret).now())
    page.get_by_role("button", name=say(lang, "Turn on the second factor")).click()
    codes = page.locator(".recovery-codes code").all_inner_texts()
    assert len(codes) == 10
    check.check("recovery codes")
    page.get_by_role("link", name=say(lang, "I have kept my codes")).click()
    page.get_by_role("button", name=say(lang, "Sign out")).click()

    page.goto("/account/signin")
    page.get_by_role("textbox", name=say(lang, "Email address")).fill(email)
    page.locator("#password").fill(STAFF_PASSWORD)
    page.get_by_role("button", name=say(lang, "Sign in")).click()
    assert page.url.endswith("/account/signin/code")
    check.check("code entry")
    totp = pyotp.TOTP(secret)
    page.get_by_role("textbox", name=say(lang, "Code")).fill(totp.at(time.time() + totp.interval))  # unused step
    page.get_by_role("button", name=say(lang, "Sign in")).click()
    page.goto("/planner/")
    assert say(lang, "Planning", exact=True).search(page.get_by_role("heading", level=1).inner_text())
    check.check("planner area")
    check.assert_clean()


@pytest.mark.parametrize("language", LANGUAGES)
def test_large_text_and_high_contrast_pass_axe(new_page, recorder, language):
    page = new_page("320x568", False, language)
    check = recorder(page)
    page.goto("/settings")
    page.get_by_role("radio", name=say(language, "Extra large")).check()
    page.get_by_role("radio", name=say(language, "High contrast (white on black)")).check()
    page.get_by_role("button", name=say(language, "Save", exact=True)).click()
    assert "text-xlarge" in page.locator("html").get_attribute("class")
    for path in ("/", "/settings", "/account/signup", "/account/signin", "/privacy", "/account/password-reset",
                 "/accessibility", "/initiatives/", "/initiatives/ai-demand-bus", "/helpdesk/", "/surveys/",
                 "/api/"):
        page.goto(path)
        check.check(f"contrast {path}")
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 320, f"{path} scrolls sideways at 320 px with extra-large text ({width}px)"
    check.assert_clean()
