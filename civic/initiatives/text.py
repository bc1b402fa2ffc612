"""Text helpers for comments: safe display, word search normalisation, and a check for personal data."""
from __future__ import annotations

import re
import unicodedata

from markupsafe import Markup, escape

# Applied to already-escaped text, so the match can hold no raw <, > or quote characters.
# Only the characters a URL may hold (so Japanese text right after a link is not swallowed), minus quotes.
_URL = re.compile(r"https?://[A-Za-z0-9\-._~:/?#\[\]@!$&()*+,;=%]+", re.IGNORECASE)
_TRAILING = ".,;:!?)]}、。，．！？）」』"


def comment_html(text: str) -> Markup:
    """Plain text as HTML: everything escaped first, then web links made clickable, line breaks kept."""
    escaped = str(escape(text.replace("\r\n", "\n").replace("\r", "\n")))

    def link(match: re.Match) -> str:
        url = match.group(0)
        tail = ""
        while url and url[-1] in _TRAILING:
            tail = url[-1] + tail
            url = url[:-1]
        if url.endswith("&amp") or url.endswith("&#39") or url.endswith("&#34"):  # a cut-off entity
            return match.group(0)
        return f'<a href="{url}" rel="nofollow ugc noopener">{url}</a>{tail}'

    linked = _URL.sub(link, escaped)
    return Markup(linked.replace("\n", "<br>\n"))


def normalise(text: str) -> str:
    """NFKC (full-width letters and digits become ASCII, half-width kana become full-width) and lower case."""
    return unicodedata.normalize("NFKC", text or "").lower()


def bigrams(text: str) -> set[str]:
    """Every pair of neighbouring characters, ignoring white space; a one-character word gives itself."""
    compact = "".join(normalise(text).split())
    if len(compact) == 1:
        return {compact}
    return {compact[i:i + 2] for i in range(len(compact) - 1)}


def search_words(query: str) -> list[str]:
    """The words of a search query (split on spaces, including the ideographic space)."""
    return [word for word in normalise(query).split() if word][:8]


_PHONE = re.compile(r"(?<!\d)0\d{1,4}[-ー‐ \(（]?\d{1,4}[-ー‐ \)）]?\d{3,4}(?!\d)")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+")
# 3丁目, 5番地, 5番12号, or the short form 3-5-12 (not a date such as 2026-04-01).
_ADDRESS = re.compile(r"\d+\s*丁目|\d+\s*番地|\d+\s*番\s*\d+\s*号|(?<![\d-])\d{1,3}-\d{1,3}-\d{1,3}(?![\d-])")
_MY_NUMBER = re.compile(r"(?<!\d)\d{4}[ -]?\d{4}[ -]?\d{4}(?!\d)")


def personal_data_kinds(text: str) -> list[str]:
    """What in the text looks like personal data: "phone", "email", "address", "my_number" (a 12-digit number
    like the individual number マイナンバー). A hint for the writer, not a filter: it is only asked to check."""
    text = unicodedata.normalize("NFKC", text or "")
    kinds = []
    if _MY_NUMBER.search(text):
        kinds.append("my_number")
    if _PHONE.search(text):
        kinds.append("phone")
    if _EMAIL.search(text):
        kinds.append("email")
    if _ADDRESS.search(text):
        kinds.append("address")
    return kinds
