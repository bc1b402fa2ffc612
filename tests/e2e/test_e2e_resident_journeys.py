"""A resident reads an initiative, signs up, comments and replies; books help and cancels by code and phone.
Every journey runs in ja, ja-easy and en, at 375x667 and 320x568, with and without JavaScript, and once with
the keyboard alone."""
import itertools
import re
import uuid

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import LANGUAGES, VIEWPORTS, say
from tests.e2e.keyboard import actor

# (language, viewport, JavaScript, keyboard only)
COMBINATIONS = [(lang, size, js, False) for lang, size, js in itertools.product(LANGUAGES, VIEWPORTS, [True, False])]
COMBINATIONS.append(("ja", "375x667", True, True))
IDS = [f"{lang}-{size}-{'js' if js else 'nojs'}{'-keyboard' if kb else ''}" for lang, size, js, kb in COMBINATIONS]


def sign_up(page, act, lang):
    email = f"resident-{uuid.uuid4().hex[:10]}@example.jp"
    act.click(page.get_by_role("navigation", name=say(lang, "Account")).get_by_role(
        "link", name=say(lang, "Create an account")))
    act.fill(page.get_by_role("textbox", name=say(lang, "Display name")), "ひかり 住民")
    act.fill(page.get_by_role("textbox", name=say(lang, "Email address")), email)
    act.fill(page.locator("#password"), "a rare pass phrase for tests")
    act.fill(page.locator("#password_confirm"), "a rare pass phrase for tests")
    act.click(page.get_by_role("button", name=say(lang, "Create my account")))
    expect(page.get_by_role("button", name=say(lang, "Sign out"))).to_be_visible()
    return email


@pytest.mark.parametrize("lang, viewport, javascript, keyboard", COMBINATIONS, ids=IDS)
def test_resident_reads_an_initiative_signs_up_comments_and_replies(new_page, recorder, lang, viewport,
                                                                     javascript, keyboard):
    page = new_page(viewport, javascript, lang)
    act, check = actor(page, keyboard), recorder(page)
    page.goto("/")
    act.click(page.get_by_role("navigation", name=say(lang, "Main menu")).get_by_role(
        "link", name=say(lang, "DX initiatives")))
    check.check("initiative list")
    act.fill(page.get_by_role("searchbox", name=say(lang, "Search by words")), "交通")
    act.click(page.get_by_role("button", name=say(lang, "Show initiatives")))
    check.check("search results")
    act.click(page.locator("main .card a"))
    initiative_url = page.url
    check.check("initiative")

    sign_up(page, act, lang)
    page.goto(initiative_url)
    token = uuid.uuid4().hex[:8]  # easy-Japanese pages add furigana to comments too, so find them by this
    act.fill(page.get_by_role("textbox", name=say(lang, "Your comment")), f"バスの予約がスマホでできると助かります {token}")
    act.click(page.get_by_role("button", name=say(lang, "Post comment")))
    expect(page.locator("article", has_text=token).first).to_be_visible()
    check.check("comment posted")

    act.click(page.locator("article", has_text=token).first.get_by_role("link", name=say(lang, "Reply")))
    check.check("reply form")
    reply_token = uuid.uuid4().hex[:8]
    act.fill(page.get_by_role("textbox", name=say(lang, "Your comment")), f"追記：土日も使えるとうれしいです {reply_token}")
    act.click(page.get_by_role("button", name=say(lang, "Post reply")))
    expect(page.locator("article", has_text=reply_token).first).to_be_visible()
    check.check("reply posted")
    check.assert_clean()


@pytest.mark.parametrize("lang, viewport, javascript, keyboard", COMBINATIONS, ids=IDS)
def test_resident_books_help_gets_the_code_and_cancels_by_code_and_phone(new_page, recorder, lang, viewport,
                                                                          javascript, keyboard):
    page = new_page(viewport, javascript, lang)
    act, check = actor(page, keyboard), recorder(page)
    page.goto("/")
    act.click(page.get_by_role("navigation", name=say(lang, "Main menu")).get_by_role(
        "link", name=say(lang, "Book digital help")))
    check.check("topics")
    act.click(page.locator("main ul a"))
    check.check("places")
    act.click(page.get_by_role("link", name=say(lang, "Choose a time here")))
    check.check("times")
    act.click(page.locator("main .helpdesk-slots a:not(.helpdesk-full)").nth(3))
    check.check("booking form")

    act.click(page.get_by_role("button", name=say(lang, "Book this session")))  # empty: errors, nothing lost
    expect(page.get_by_role("alert")).to_be_visible()
    check.check("booking form errors")
    phone = f"090-{uuid.uuid4().int % 10000:04d}-{uuid.uuid4().int % 10000:04d}"
    act.fill(page.get_by_role("textbox", name=say(lang, "Your name")), "予約 花子")
    act.fill(page.get_by_role("textbox", name=say(lang, "Phone number")), phone)
    act.check(page.get_by_role("checkbox", name=say(
        lang, "I agree to how my personal information is handled (privacy notice)")))
    act.click(page.get_by_role("button", name=say(lang, "Book this session")))
    code = page.locator(".helpdesk-code").inner_text().replace(" ", "")
    assert re.fullmatch(r"[ACDEFHJKLMNPRTUVWXY34679]{6}", code)
    check.check("confirmation")

    page.goto("/helpdesk/manage")
    act.fill(page.get_by_role("textbox", name=say(lang, "Booking code")), code.lower())
    act.fill(page.get_by_role("textbox", name=say(lang, "Phone number or email address you gave")),
             phone.replace("-", ""))
    act.click(page.get_by_role("button", name=say(lang, "Find my booking")))
    check.check("found booking")
    act.click(page.get_by_role("button", name=say(lang, "Cancel this booking")))
    check.check("cancelled")
    expect(page.get_by_role("button", name=say(lang, "Cancel this booking"))).to_have_count(0)
    check.assert_clean()
