"""Text transforms applied to whole rendered pages: furigana for easy Japanese, phrase breaks for Japanese.

Both walk the page once: the text between tags is transformed, while tags, attributes and the text of elements
that must stay as they are (script, style, title, textarea, option, code…) are kept byte for byte.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Callable

import budoux

TAG_OR_TEXT = re.compile(r"(<!--.*?-->|<[^>]*>)", re.S)
TAG_NAME = re.compile(r"<\s*(/?)\s*([a-zA-Z0-9-]+)")
ENTITY = re.compile(r"(&[#a-zA-Z0-9]+;)")
JAPANESE = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff々]")
SKIPPED_ELEMENTS = frozenset({"script", "style", "title", "textarea", "option", "ruby", "rt", "rp", "head", "code",
                              "pre", "svg"})
PHRASE_MIN_LENGTH = 8  # shorter text fits on a line anyway

_parser = budoux.load_default_japanese_parser()


def transform_text(html: str, transform: Callable[[str], str]) -> str:
    """Apply `transform` to every run of text outside tags and outside the skipped elements."""
    skipping: list[str] = []
    out = []
    for part in TAG_OR_TEXT.split(html):
        if part.startswith("<"):
            match = TAG_NAME.match(part)
            if match and not part.startswith("<!"):
                closing, name = match.group(1) == "/", match.group(2).lower()
                if name in SKIPPED_ELEMENTS:
                    if closing:
                        if name in skipping:
                            skipping.remove(name)
                    elif not part.endswith("/>"):
                        skipping.append(name)
            out.append(part)
        elif skipping or not part.strip():
            out.append(part)
        else:
            out.append(transform(part))
    return "".join(out)


@lru_cache(maxsize=8192)
def phrase_breaks(text: str) -> str:
    """Japanese text (already HTML-escaped) with <wbr> between phrases, so lines break where a reader pauses
    (BudouX's model) rather than in the middle of a word. With `word-break: keep-all` in the stylesheet, this
    works in every browser, not only those that know `word-break: auto-phrase`."""
    if len(text) < PHRASE_MIN_LENGTH or not JAPANESE.search(text):
        return text
    pieces = []
    for chunk in ENTITY.split(text):  # never break inside &amp; and friends
        if not chunk or ENTITY.fullmatch(chunk) or not JAPANESE.search(chunk):
            pieces.append(chunk)
        else:
            pieces.append("<wbr>".join(_parser.parse(chunk)))
    return "".join(pieces)


def add_phrase_breaks(html: str) -> str:
    return transform_text(html, phrase_breaks)
