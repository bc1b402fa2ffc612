"""Furigana (ruby) on kanji for the easy-Japanese pages, generated from pykakasi's reading dictionary.

The whole rendered page goes through add_furigana(): text between tags gets ``<ruby>`` on each kanji word, while
tags, attributes and the text of elements that cannot hold ruby (script, style, title, textarea, option) are kept
exactly as they are.
"""
from __future__ import annotations

import re
import threading
from functools import lru_cache

import pykakasi

from civic.typography import transform_text

KANJI = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff々]")

_local = threading.local()


def _kakasi() -> pykakasi.kakasi:
    # pykakasi objects are not documented as thread-safe; one per thread costs little.
    if not hasattr(_local, "kakasi"):
        _local.kakasi = pykakasi.kakasi()
    return _local.kakasi


def _ruby_for_word(original: str, reading: str) -> str:
    """One dictionary word as ruby, with kana before and after the kanji left outside the ruby."""
    if not KANJI.search(original) or not reading or reading == original:
        return original
    start = 0
    while start < len(original) and start < len(reading) and original[start] == reading[start] \
            and not KANJI.match(original[start]):
        start += 1
    end = 0
    while end < len(original) - start and end < len(reading) - start \
            and original[-1 - end] == reading[-1 - end] and not KANJI.match(original[-1 - end]):
        end += 1
    core = original[start:len(original) - end]
    core_reading = reading[start:len(reading) - end]
    if not core_reading:
        return original
    return f"{original[:start]}<ruby>{core}<rp>(</rp><rt>{core_reading}</rt><rp>)</rp></ruby>{original[len(original) - end:]}"


@lru_cache(maxsize=8192)
def ruby_text(text: str) -> str:
    """Text (already HTML-escaped) with ruby on its kanji; unchanged if it has none."""
    if not KANJI.search(text):
        return text
    words = _kakasi().convert(text)
    if "".join(word["orig"] for word in words) != text:
        return text  # the dictionary rewrote something; better no furigana than wrong text
    return "".join(_ruby_for_word(word["orig"], word["hira"]) for word in words)


def add_furigana(html: str) -> str:
    return transform_text(html, ruby_text)
