"""A help-desk staff member enters a phone booking, checks the visitor in and records the support given."""
import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import new_staff_member, say, sign_in_and_enrol
from tests.e2e.keyboard import actor

# (language, JavaScript, keyboard only)
COMBINATIONS = [("ja", True, False), ("ja", False, False), ("en", True, False), ("ja-easy", False, False),
                ("ja", True, True)]


@pytest.mark.parametrize("lang, javascript, keyboard", COMBINATIONS,
                         ids=[f"{lang}-{'js' if js else 'nojs'}{'-keyboard' if kb else ''}"
                              for lang, js, kb in COMBINATIONS])
def test_staff_enters_a_phone_booking_checks_in_and_records_support(new_page, recorder, server_env, lang,
                                                                    javascript, keyboard):
    page = new_page("375x667", javascript, lang)
    act, check = actor(page, keyboard), recorder(page)
    sign_in_and_enrol(page, new_staff_member(server_env, "helpdesk"), lang)
    act.click(page.get_by_role("navigation", name=say(lang, "Account")).get_by_role(
        "link", name=say(lang, "Help desk")))
    check.check("day view")
    act.click(page.get_by_role("link", name=say(lang, "New booking")))
    check.check("new booking form")
    act.check(page.get_by_role("radio", name=say(lang, "Phone call")))
    act.select(page.get_by_role("combobox", name=say(lang, "Session")), 1)
    act.fill(page.get_by_role("textbox", name=say(lang, "Name")), "電話 予約子")
    act.fill(page.get_by_role("textbox", name=say(lang, "Phone number")), "0312345678")
    act.click(page.get_by_role("button", name=say(lang, "Book", exact=True)))
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    check.check("booking page")

    act.click(page.get_by_role("button", name=say(lang, "Came (check in)")))
    check.check("checked in")
    act.check(page.locator("input[name=topics]"))
    act.check(page.get_by_role("radio", name=say(lang, "Resolved", exact=True)))
    act.fill(page.get_by_role("textbox").last, "マイナポータルへのログインを一緒に確認した")
    act.click(page.get_by_role("button", name=say(lang, "Save the support record")))
    check.check("day view after support record")
    assert say(lang, "The support record is saved.").search(page.locator(".flashes").inner_text())
    check.assert_clean()
