"""Browser tests: Playwright drives Debian's Chromium against the app served by gunicorn on localhost.

Run with `make e2e` (which installs Playwright, axe-core and Chromium). Screenshots of every visited page are
saved under test-artifacts/screenshots/ for people to look at.
"""
from __future__ import annotations

import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
AXE_SOURCE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
ARTIFACTS = ROOT / "test-artifacts"
VIEWPORTS = {"375x667": (375, 667), "320x568": (320, 568)}
LANGUAGES = ("ja", "ja-easy", "en")
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


LOCALES = {"ja": "ja", "ja-easy": "ja@easy", "en": "en"}


def say(language: str, msgid: str, exact: bool = False, plural: str | None = None, **values) -> re.Pattern:
    """What a person sees for a message, as a pattern for Playwright's name= and text matching.

    The catalog's text; in easy Japanese, each kanji word followed by its furigana, as the accessible name
    reads it (取り組み → 取り組 とりく み). Spaces are optional in the pattern: Chromium adds one at a <wbr>
    phrase break inside flex items (buttons, navigation links) but not elsewhere.
    """
    from html import escape, unescape

    from babel.support import Translations

    translations = Translations.load(str(ROOT / "translations"), [LOCALES[language]] if language != "en" else [])
    text = translations.ngettext(msgid, plural, values["num"]) if plural else translations.gettext(msgid)
    if values:
        text = text % values
    if language == "ja-easy":
        from civic.furigana import ruby_text

        html = re.sub(r"<rp>.*?</rp>", "", ruby_text(escape(text, quote=False)))
        html = html.replace("<rt>", " ").replace("</rt>", " ")
        text = unescape(re.sub(r"<[^>]+>", "", html))
    pattern = r"\s*".join(re.escape(character) for character in text if not character.isspace())
    return re.compile(f"^\\s*{pattern}\\s*$" if exact else pattern, re.IGNORECASE)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="session")
def server_env(tmp_path_factory):
    instance = tmp_path_factory.mktemp("e2e-instance")
    env = dict(os.environ, CIVIC_ENV="development", CIVIC_INSTANCE_PATH=str(instance),
               CIVIC_DATABASE_URL=f"sqlite:///{instance / 'e2e.db'}", CIVIC_RATELIMIT_ENABLED="false",
               CIVIC_MAIL_SERVER="")
    env.pop("CIVIC_REDIS_URL", None)
    return env


def flask_command(env, *args: str) -> str:
    result = subprocess.run([sys.executable, "-m", "flask", "--app", "civic", *args], env=env, cwd=ROOT,
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    return result.stdout


@pytest.fixture(scope="session")
def live_server(server_env):
    """A fresh, migrated, seeded database served by gunicorn with two workers, as in production."""
    flask_command(server_env, "db", "upgrade")
    flask_command(server_env, "seed-demo")
    port = _free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "civic:create_app()", "--workers", "2", "--bind", f"127.0.0.1:{port}",
         "--timeout", "60", "--log-level", "warning"],
        env=server_env, cwd=ROOT, start_new_session=True)
    base_url = f"http://127.0.0.1:{port}"
    deadline = time.time() + 60
    while True:
        try:
            with urllib.request.urlopen(base_url + "/healthz", timeout=2) as response:
                if response.status == 200:
                    break
        except OSError:
            if time.time() > deadline or process.poll() is not None:
                process.kill()
                raise RuntimeError("gunicorn did not start")
            time.sleep(0.3)
    yield base_url
    os.killpg(process.pid, signal.SIGTERM)
    process.wait(timeout=20)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    executable = shutil.which("chromium")
    assert executable, "Debian's chromium is not installed (make e2e installs it)"
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=executable,
            args=["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"])
        yield launched
        launched.close()


@pytest.fixture
def new_page(browser, live_server):
    """new_page(viewport="375x667", javascript=True, language="ja") -> a Playwright page on the live server."""
    contexts = []

    def factory(viewport: str = "375x667", javascript: bool = True, language: str = "ja"):
        width, height = VIEWPORTS[viewport]
        context = browser.new_context(base_url=live_server, viewport={"width": width, "height": height},
                                      java_script_enabled=javascript, locale="ja-JP")
        context.add_cookies([{"name": "civic_lang", "value": language, "url": live_server}])
        context.set_default_timeout(15_000)
        contexts.append(context)
        page = context.new_page()
        page.civic_javascript = javascript
        return page

    yield factory
    for context in contexts:
        context.close()


def run_axe(page) -> list[dict]:
    """axe-core's WCAG 2.2 A/AA violations on the page as it is now (run through the DevTools protocol, which
    the page's Content-Security-Policy does not block)."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(AXE_SOURCE.read_text(encoding="utf-8") + "\n;true")
    result = page.evaluate(
        "async (tags) => { const r = await axe.run(document, {runOnly: {type: 'tag', values: tags}});"
        " return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,"
        " nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))})); }", WCAG_TAGS)
    return result


class Recorder:
    """Checks every page a journey visits: axe finds nothing, and a screenshot is kept for people to look at.

    A page without JavaScript cannot run axe, so its HTML, exactly as served, is replayed at the same URL in a
    JavaScript-enabled page (same stylesheet, same viewport) and audited there.
    """

    def __init__(self, page, name: str, browser) -> None:
        self.page = page
        self.name = name
        self.browser = browser
        self.count = 0
        self.problems: list[str] = []
        self._audit_page = None

    def _page_for_axe(self):
        if getattr(self.page, "civic_javascript", True):
            return self.page
        if self._audit_page is None:
            viewport = self.page.viewport_size
            context = self.browser.new_context(viewport=viewport, java_script_enabled=True)
            self._audit_page = context.new_page()
        audit_page = self._audit_page
        url, html = self.page.url, self.page.content()
        audit_page.unroute("**/*")
        audit_page.route(url, lambda route: route.fulfill(body=html, content_type="text/html; charset=utf-8"))
        audit_page.goto(url)
        return audit_page

    def check(self, label: str) -> None:
        self.count += 1
        folder = ARTIFACTS / "screenshots" / self.name
        folder.mkdir(parents=True, exist_ok=True)
        slug = re.sub(r"[^a-z0-9]+", "-", label.lower()).strip("-")
        self.page.screenshot(path=str(folder / f"{self.count:02d}-{slug}.png"), full_page=True)
        for violation in run_axe(self._page_for_axe()):
            self.problems.append(f"{label} ({self.page.url}): {violation['id']} — {violation['help']} "
                                 f"{violation['nodes']}")

    def close(self) -> None:
        if self._audit_page is not None:
            self._audit_page.context.close()

    def assert_clean(self) -> None:
        report = ARTIFACTS / "axe" / f"{self.name}.json"
        report.parent.mkdir(parents=True, exist_ok=True)
        report.write_text(json.dumps({"pages": self.count, "violations": self.problems}, ensure_ascii=False, indent=1))
        assert not self.problems, "\n".join(self.problems)


@pytest.fixture
def recorder(request, browser):
    recorders = []

    def factory(page):
        name = re.sub(r"[^A-Za-z0-9_.-]+", "_", request.node.name)
        rec = Recorder(page, name, browser)
        recorders.append(rec)
        return rec

    yield factory
    for rec in recorders:
        rec.close()


def new_staff_member(server_env, role: str) -> str:
    """A staff account made the way an operator does it (the CLI); returns its email."""
    import uuid

    email = f"{role}-{uuid.uuid4().hex[:8]}@example.jp"
    flask_command(server_env, "create-user", "--email", email, "--role", role, "--password", STAFF_PASSWORD)
    return email


STAFF_PASSWORD = "staff pass phrase 2026"


def sign_in_and_enrol(page, email: str, lang: str) -> str:
    """Sign in as a new staff member, who must first set up the second factor; returns the TOTP secret."""
    import pyotp

    page.goto("/account/signin")
    page.get_by_role("textbox", name=say(lang, "Email address")).fill(email)
    page.locator("#password").fill(STAFF_PASSWORD)
    page.get_by_role("button", name=say(lang, "Sign in")).click()
    secret = page.locator("code.secret").inner_text()
    page.get_by_role("textbox", name=say(lang, "The 6-digit code from the app")).fill(pyotp.TOTP(secret).now())
    page.get_by_role("button", name=say(lang, "Turn on the second factor")).click()
    page.get_by_role("link", name=say(lang, "I have kept my codes")).click()
    return secret
