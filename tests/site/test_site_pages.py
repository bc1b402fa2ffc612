import pytest

from civic import create_app
from civic.config import TestConfig


def test_home_page_is_in_japanese_by_default(client):
    response = client.get("/")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert '<html lang="ja"' in html
    assert "ひかり市" in html
    assert "やりたいことを選んでください" in html


@pytest.mark.parametrize("code, lang_attr, expected", [
    ("ja", "ja", "やりたいことを選んでください"),
    ("ja-easy", "ja", "なにを しますか"),
    ("en", "en", "What would you like to do?"),
])
def test_lang_parameter_switches_language_and_is_remembered(client, code, lang_attr, expected):
    response = client.get(f"/?lang={code}")
    assert response.status_code == 200
    assert f'<html lang="{lang_attr}"' in response.get_data(as_text=True)
    assert expected in strip_ruby(response.get_data(as_text=True))
    cookie = client.get_cookie("civic_lang")
    assert cookie is not None and cookie.value == code
    # the next page, without ?lang=, stays in the chosen language
    assert expected in strip_ruby(client.get("/").get_data(as_text=True))


def strip_ruby(html: str) -> str:
    import re

    return re.sub(r"<rp>.*?</rp>|<rt>.*?</rt>|</?ruby>", "", html)


def test_accept_language_picks_english_when_no_choice_was_made(client):
    html = client.get("/", headers={"Accept-Language": "en-US,en;q=0.9"}).get_data(as_text=True)
    assert '<html lang="en"' in html
    assert "What would you like to do?" in html


def test_explicit_choice_beats_accept_language(client):
    client.get("/?lang=ja")
    html = client.get("/", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert "やりたいことを選んでください" in html


def test_unknown_lang_value_is_ignored(client):
    response = client.get("/?lang=fr")
    assert response.status_code == 200
    assert client.get_cookie("civic_lang") is None
    assert '<html lang="ja"' in response.get_data(as_text=True)


def test_switcher_links_keep_the_current_page(client):
    html = client.get("/privacy?lang=en").get_data(as_text=True)
    assert 'href="/privacy?lang=ja-easy"' in html
    assert 'href="/privacy?lang=ja"' in html


def test_easy_japanese_pages_carry_furigana_on_kanji(client):
    html = client.get("/?lang=ja-easy").get_data(as_text=True)
    assert "<ruby>" in html and "<rt>" in html
    # the title element cannot hold ruby and stays plain text
    title = html.split("<title>")[1].split("</title>")[0]
    assert "<ruby>" not in title


def test_furigana_can_be_switched_off(browser):
    browser.get("/?lang=ja-easy")
    response = browser.submit("/settings", {"language": "ja-easy", "text_size": "standard",
                                            "contrast": "standard", "furigana": "off"})
    assert response.status_code == 302
    html = browser.get("/").get_data(as_text=True)
    assert "<ruby>" not in html
    assert "furigana-off" in html


def test_standard_japanese_has_no_furigana(client):
    assert "<ruby>" not in client.get("/?lang=ja").get_data(as_text=True)


def test_display_settings_persist_in_cookies_and_change_the_page(browser):
    response = browser.submit("/settings", {"language": "en", "text_size": "xlarge", "contrast": "high",
                                            "furigana": "on", "next": "/privacy"})
    assert response.status_code == 302
    assert response.headers["Location"] == "/privacy"
    html = browser.get("/").get_data(as_text=True)
    assert 'class="text-xlarge contrast-high"' in html
    assert '<html lang="en"' in html


def test_settings_confirmation_is_in_the_new_language(browser):
    response = browser.submit("/settings", {"language": "en", "text_size": "large", "contrast": "standard",
                                            "furigana": "on"}, follow_redirects=True)
    assert "Your settings are saved." in response.get_data(as_text=True)


def test_settings_ignore_an_offsite_next(browser):
    response = browser.submit("/settings", {"language": "ja", "text_size": "large", "contrast": "standard",
                                            "furigana": "on", "next": "//evil.example/"})
    assert response.headers["Location"] == "/settings"


def test_settings_reject_unknown_values_with_a_message(browser):
    response = browser.submit("/settings?lang=en", {"language": "en", "text_size": "gigantic",
                                                    "contrast": "standard", "furigana": "on"})
    assert response.status_code == 422
    assert "Please check the following" in response.get_data(as_text=True)
    assert browser.client.get_cookie("civic_text") is None


def test_healthz_reports_database_ok(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.get_json() == {"status": "ok", "database": "ok"}


def test_healthz_and_pages_answer_503_when_the_database_is_unreachable(tmp_path):
    config = TestConfig("postgresql://postgres@127.0.0.1:1/nowhere", instance_path=tmp_path)
    config.SQLALCHEMY_ENGINE_OPTIONS = {"connect_args": {"connect_timeout": 2}}
    app = create_app(config)

    @app.get("/needs-database")
    def needs_database():
        from civic.accounts.models import User
        from civic.extensions import db

        db.session.scalar(db.select(User))
        return "unreachable"

    client = app.test_client()
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.get_json()["database"] == "unavailable"
    page = client.get("/needs-database?lang=en")
    assert page.status_code == 503
    assert "temporarily unavailable" in page.get_data(as_text=True)


def test_not_found_page_in_the_readers_language(client):
    response = client.get("/no-such-page?lang=en")
    assert response.status_code == 404
    assert "Page not found" in response.get_data(as_text=True)
    ja = client.get("/no-such-page?lang=ja").get_data(as_text=True)
    assert "ページが見つかりません" in ja


def test_server_error_shows_a_friendly_page_without_traceback(app):
    @app.get("/boom")
    def boom():
        raise RuntimeError("secret internal detail")

    app.config["PROPAGATE_EXCEPTIONS"] = False
    response = app.test_client().get("/boom?lang=en")
    html = response.get_data(as_text=True)
    assert response.status_code == 500
    assert "Something went wrong on our side" in html
    assert "secret internal detail" not in html and "Traceback" not in html


def test_privacy_page(client):
    html = client.get("/privacy?lang=en").get_data(as_text=True)
    assert "How we handle your personal information" in html


def test_static_css_has_a_hashed_name_and_long_cache(client):
    html = client.get("/").get_data(as_text=True)
    import re

    href = re.search(r'href="(/assets/civic\.[0-9a-f]{10}\.css)"', html).group(1)
    response = client.get(href)
    response.close()
    assert response.status_code == 200
    assert "immutable" in response.headers["Cache-Control"]
    assert client.get("/assets/civic.0000000000.css").status_code == 404


@pytest.mark.parametrize("config_overrides", [{"PHRASE_BREAKS": True}])
def test_japanese_pages_break_lines_between_phrases(client, config_overrides):
    html = client.get("/?lang=ja").get_data(as_text=True)
    assert "<wbr>" in html
    assert "個人情報の<wbr>取り扱い" in client.get("/account/signup?lang=ja").get_data(as_text=True)
    title = html.split("<title>")[1].split("</title>")[0]
    assert "<wbr>" not in title  # text that cannot hold markup stays as it is
    assert "<wbr>" not in client.get("/?lang=en").get_data(as_text=True)


def test_phrase_breaks_never_split_an_entity():
    from civic.typography import phrase_breaks

    text = "市役所&amp;公民館で相談を受け付けています"
    assert "&amp;" in phrase_breaks(text).replace("<wbr>", "")
    assert phrase_breaks(text).replace("<wbr>", "") == text


def test_accessibility_statement_names_the_target_and_how_it_is_tested(client):
    html = client.get("/accessibility?lang=en").get_data(as_text=True)
    assert "JIS X 8341-3:2016" in html and "WCAG 2.2 level AA" in html and "axe-core" in html
    assert 'href="/accessibility"' in client.get("/?lang=ja").get_data(as_text=True)


@pytest.mark.parametrize("config_overrides", [{"REQUEST_TIMEOUT": 1}])
def test_a_request_that_hangs_gets_the_friendly_503_page(app, config_overrides):
    """A database that stops answering must not hold the page until the worker is killed."""
    import time

    @app.get("/hangs")
    def hangs():
        time.sleep(10)  # stands for a query the database never answers
        return "never"

    @app.get("/long-export")
    def long_export():
        from civic.timeouts import lift_deadline

        lift_deadline()
        time.sleep(1.5)
        return "all rows"

    client = app.test_client()
    response = client.get("/hangs?lang=en")
    assert response.status_code == 503
    assert "temporarily unavailable" in response.get_data(as_text=True)
    assert client.get("/long-export").get_data(as_text=True) == "all rows"
    assert client.get("/healthz").status_code == 200  # the next request is served normally


@pytest.mark.parametrize("config_overrides", [{"DATABASE_RETRY_AFTER": 30}])
def test_after_a_database_failure_the_worker_answers_503_at_once_then_retries(app, config_overrides):
    from civic.timeouts import breaker

    breaker.trip(30)
    try:
        client = app.test_client()
        assert client.get("/?lang=en").status_code == 503
        assert client.get("/healthz").get_json() == {"status": "unavailable", "database": "unavailable"}
        breaker.open_until = 0  # the retry period is over
        assert client.get("/").status_code == 200
    finally:
        breaker.open_until = 0


def test_a_timeout_hidden_behind_a_driver_error_still_gets_the_503_page(app):
    """The deadline can strike inside the database driver, whose clean-up then raises its own error."""
    from civic.timeouts import RequestTimedOut, breaker

    @app.get("/driver-cleanup-fails")
    def driver_cleanup_fails():
        try:
            raise RequestTimedOut()
        except RequestTimedOut:
            raise ValueError("can't change 'autocommit' now")

    app.config["PROPAGATE_EXCEPTIONS"] = False
    try:
        response = app.test_client().get("/driver-cleanup-fails?lang=en")
    finally:
        breaker.open_until = 0
    assert response.status_code == 503
    assert "temporarily unavailable" in response.get_data(as_text=True)
