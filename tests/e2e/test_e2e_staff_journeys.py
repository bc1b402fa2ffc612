"""A help-desk staff member enters a phone booking, checks the visitor in and records the support given."""
import pytest

from tests.e2e.conftest import new_staff_member, say, sign_in_and_enrol

COMBINATIONS = [("ja", True), ("ja", False), ("en", True), ("ja-easy", False)]


@pytest.mark.parametrize("lang, javascript", COMBINATIONS,
                         ids=[f"{lang}-{'js' if js else 'nojs'}" for lang, js in COMBINATIONS])
def test_staff_enters_a_phone_booking_checks_in_and_records_support(new_page, recorder, server_env, lang,
                                                                    javascript):
    page = new_page("375x667", javascript, lang)
    check = recorder(page)
    sign_in_and_enrol(page, new_staff_member(server_env, "helpdesk"), lang)
    page.get_by_role("navigation", name=say(lang, "Account")).get_by_role("link", name=say(lang, "Help desk")).click()
    check.check("day view")
    page.get_by_role("link", name=say(lang, "New booking")).first.click()
    check.check("new booking form")
    page.get_by_role("radio", name=say(lang, "Phone call")).check()
    page.get_by_role("combobox", name=say(lang, "Session")).select_option(index=1)
    page.get_by_role("textbox", name=say(lang, "Name")).fill("電話 予約子")
    page.get_by_role("textbox", name=say(lang, "Phone number")).fill("0312345678")
    page.get_by_role("button", name=say(lang, "Book", exact=True)).click()
    assert page.get_by_role("heading", level=1).is_visible()
    check.check("booking page")

    page.get_by_role("button", name=say(lang, "Came (check in)")).click()
    check.check("checked in")
    page.locator("input[name=topics]").first.check()
    page.get_by_role("radio", name=say(lang, "Resolved", exact=True)).check()
    page.get_by_role("textbox").last.fill("マイナポータルへのログインを一緒に確認した")
    page.get_by_role("button", name=say(lang, "Save the support record")).click()
    check.check("day view after support record")
    assert say(lang, "The support record is saved.").search(page.locator(".flashes").inner_text())
    check.assert_clean()
