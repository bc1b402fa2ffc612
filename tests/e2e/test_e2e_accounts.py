"""Journeys through accounts and settings, in every language, at phone sizes, with and without JavaScript."""
import itertools
import re
import subprocess
import sys
import time
import uuid

import pyotp
import pytest

from tests.e2e.conftest import LANGUAGES, ROOT, VIEWPORTS

# What a person sees and clicks, per language (a part of each label is enough: Playwright matches substrings).
UI = {
    "ja": {"signup": "アカウント登録", "name": "表示名", "email": "メールアドレス", "password": "パスワード",
           "again": "パスワード（確認）", "create": "アカウントを作成する", "signout": "ログアウト",
           "signin": "ログイン", "errors": "次の点を確認してください", "settings": "文字の大きさ・色",
           "code": "確認コード", "save": "保存する", "large": "特大", "contrast": "ハイコントラスト"},
    "ja-easy": {"signup": "アカウントを", "name": "みんなに", "email": "メールアドレス", "password": "パスワード",
                "again": "もう", "create": "アカウントを", "signout": "ログアウト", "signin": "ログイン",
                "errors": "ことを", "settings": "大きさ", "code": "コード", "save": "保存",
                "large": "とても", "contrast": "くっきり"},
    "en": {"signup": "Create an account", "name": "Display name", "email": "Email address", "password": "Password",
           "again": "Password again", "create": "Create my account", "signout": "Sign out", "signin": "Sign in",
           "errors": "Please check the following", "settings": "Text size and colours", "code": "Code",
           "save": "Save", "large": "Extra large", "contrast": "High contrast"},
}
COMBINATIONS = list(itertools.product(LANGUAGES, VIEWPORTS, [True, False]))
IDS = [f"{lang}-{size}-{'js' if js else 'nojs'}" for lang, size, js in COMBINATIONS]


def field(page, label: str, exact: bool = False):
    return page.get_by_label(label, exact=exact).first


@pytest.mark.parametrize("language, viewport, javascript", COMBINATIONS, ids=IDS)
def test_resident_signs_up_fixes_an_error_and_signs_out(new_page, recorder, language, viewport, javascript):
    ui = UI[language]
    page = new_page(viewport, javascript, language)
    check = recorder(page)
    page.goto("/")
    check.check("home")
    page.get_by_role("navigation", name=re.compile("Account|アカウント")).get_by_role(
        "link", name=re.compile(ui["signup"])).click()
    check.check("signup form")

    email = f"e2e-{uuid.uuid4().hex[:8]}@example.jp"
    field(page, ui["name"]).fill("テスト住民")
    field(page, ui["email"]).fill(email)
    page.locator("#password").fill("short")
    page.locator("#password_confirm").fill("short")
    page.get_by_role("button", name=re.compile(ui["create"])).click()
    summary = page.get_by_role("alert")
    assert ui["errors"] in summary.inner_text()
    assert page.locator("#display_name").input_value() == "テスト住民"  # nothing typed is lost
    check.check("signup errors")

    summary.get_by_role("link").first.click()  # the summary links to the field
    field(page, ui["password"]).fill("a long and rare passphrase")
    page.locator("#password_confirm").fill("a long and rare passphrase")
    page.get_by_role("button", name=re.compile(ui["create"])).click()
    sign_out = page.get_by_role("button", name=re.compile(ui["signout"]))
    assert sign_out.is_visible()
    check.check("signed in home")
    sign_out.click()
    assert page.get_by_role("link", name=re.compile(ui["signin"])).first.is_visible()
    check.assert_clean()


@pytest.mark.parametrize("language", LANGUAGES)
def test_keyboard_only_sign_up_with_visible_focus(new_page, language):
    ui = UI[language]
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
    assert page.get_by_role("button", name=re.compile(ui["signout"])).is_visible()


def create_staff(server_env, role: str) -> str:
    email = f"{role}-{uuid.uuid4().hex[:8]}@example.jp"
    result = subprocess.run([sys.executable, "-m", "flask", "--app", "civic", "create-user", "--email", email,
                             "--role", role, "--password", "staff pass phrase 2026"],
                            env=server_env, cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    return email


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "nojs"])
def test_staff_enrols_a_second_factor_and_signs_in_with_it(new_page, recorder, server_env, javascript):
    email = create_staff(server_env, "planner")
    page = new_page("375x667", javascript, "ja")
    check = recorder(page)
    page.goto("/account/signin")
    field(page, "メールアドレス").fill(email)
    field(page, "パスワード", exact=False).fill("staff pass phrase 2026")
    page.get_by_role("button", name="ログイン").click()
    assert page.url.endswith("/account/two-factor")
    check.check("enrolment")
    assert page.get_by_role("img", name="認証アプリ用のQRコード").is_visible()
    secret = page.locator("code.secret").inner_text()
    field(page, "6桁のコード").fill(pyotp.TOTP(secret).now())
    page.get_by_role("button", name="2段階認証をオンにする").click()
    codes = page.locator(".recovery-codes code").all_inner_texts()
    assert len(codes) == 10
    check.check("recovery codes")
    page.get_by_role("link", name="コードを保管しました").click()
    page.get_by_role("button", name="ログアウト").click()

    page.goto("/account/signin")
    field(page, "メールアドレス").fill(email)
    field(page, "パスワード").fill("staff pass phrase 2026")
    page.get_by_role("button", name="ログイン").click()
    assert page.url.endswith("/account/signin/code")
    check.check("code entry")
    totp = pyotp.TOTP(secret)
    field(page, "確認コード").fill(totp.at(time.time() + totp.interval))  # the next step: not used yet
    page.get_by_role("button", name="ログイン").click()
    page.goto("/planner/")
    assert page.get_by_role("heading", level=1).inner_text() == "企画"
    check.check("planner area")
    check.assert_clean()


@pytest.mark.parametrize("language", LANGUAGES)
def test_large_text_and_high_contrast_pass_axe(new_page, recorder, language):
    ui = UI[language]
    page = new_page("320x568", False, language)
    check = recorder(page)
    page.goto("/settings")
    page.get_by_label(ui["large"]).check()
    page.get_by_label(ui["contrast"]).check()
    page.get_by_role("button", name=re.compile(ui["save"])).click()
    assert "text-xlarge" in page.locator("html").get_attribute("class")
    for path in ("/", "/settings", "/account/signup", "/account/signin", "/privacy", "/account/password-reset"):
        page.goto(path)
        check.check(f"contrast {path}")
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 320, f"{path} scrolls sideways at 320 px with extra-large text ({width}px)"
    check.assert_clean()
