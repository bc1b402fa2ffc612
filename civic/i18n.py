"""Languages: the one place that imports the gettext functions and decides the language of a request.

Three languages: 日本語 (default), やさしい日本語 (easy Japanese, the Babel locale ``ja@easy``) and English, which is
also the language of the message ids in the code. The choice order is: ``?lang=`` on the URL, the cookie, the
signed-in person's account, the browser's Accept-Language, then Japanese.
"""
from __future__ import annotations

from dataclasses import dataclass

from flask import current_app, g, has_request_context, request
from flask_babel import format_date, format_datetime, format_decimal, format_time  # noqa: F401 (re-exported)
from flask_babel import gettext as _  # noqa: F401 (re-exported)
from flask_babel import lazy_gettext as _l  # noqa: F401 (re-exported)
from flask_babel import ngettext  # noqa: F401 (re-exported)

LANGUAGE_COOKIE = "civic_lang"
COOKIE_MAX_AGE = 60 * 60 * 24 * 365


@dataclass(frozen=True)
class Language:
    code: str  # what URLs, cookies and accounts store
    locale: str  # the Babel locale and translations folder
    html_lang: str  # the lang attribute of the page
    label: str  # the language's own name, shown in the switcher whatever the current language


LANGUAGES = (
    Language("ja", "ja", "ja", "日本語"),
    Language("ja-easy", "ja@easy", "ja", "やさしい にほんご"),
    Language("en", "en", "en", "English"),
)
LANGUAGE_BY_CODE = {language.code: language for language in LANGUAGES}
DEFAULT_LANGUAGE = LANGUAGE_BY_CODE["ja"]


def requested_language() -> str | None:
    """A valid ``?lang=`` value on this request, if any."""
    code = request.args.get("lang")
    return code if code in LANGUAGE_BY_CODE else None


def current_language() -> Language:
    if not has_request_context():  # a command rendering an email: the caller picks the locale with force_locale
        return DEFAULT_LANGUAGE
    if "civic_language" not in g:
        g.civic_language = _choose_language()
    return g.civic_language


def _choose_language() -> Language:
    code = requested_language() or request.cookies.get(LANGUAGE_COOKIE)
    if code in LANGUAGE_BY_CODE:
        return LANGUAGE_BY_CODE[code]
    account_code = _account_language()
    if account_code in LANGUAGE_BY_CODE:
        return LANGUAGE_BY_CODE[account_code]
    best = request.accept_languages.best_match(["ja", "en"])
    return LANGUAGE_BY_CODE.get(best or "ja", DEFAULT_LANGUAGE)


def _account_language() -> str | None:
    if g.get("database_unavailable"):
        return None
    from flask_login import current_user

    try:
        if current_user.is_authenticated:
            return current_user.language
    except Exception:  # the database may be down; the page must still render in some language
        current_app.logger.warning("could not read the account language", exc_info=True)
    return None


def select_locale() -> str:
    return current_language().locale


def is_easy_japanese() -> bool:
    return current_language().code == "ja-easy"
