"""Frequent terms and phrases in free text (survey answers, comments), for planners looking for themes.

Japanese is split into words by Janome (a pure-Python morphological analyser with its dictionary in the wheel);
only nouns are kept, and nouns that follow each other form a compound phrase (窓口 + 手続き → 窓口手続き, kept
besides its parts). English words are found with a simple pattern. Stop words leave out words that say nothing
on their own (こと, ため, the, and …). Each text counts once per term, so a term's count is the number of answers
that use it.
"""
from __future__ import annotations

import re
import threading
import unicodedata
from collections import Counter
from dataclasses import dataclass, field

_tokenizer = None
_lock = threading.Lock()


def tokenizer():
    """Janome's tokenizer, loaded once per process on first use (loading the dictionary takes a moment)."""
    global _tokenizer
    if _tokenizer is None:
        with _lock:
            if _tokenizer is None:
                from janome.tokenizer import Tokenizer

                _tokenizer = Tokenizer()
    return _tokenizer


JA_STOP_WORDS = set("""
こと もの ため よう それ これ あれ どれ ここ そこ 方 人 とき 時 中 事 物 ほう 的 等 など 方法 今 今後 自分 私 皆さん
さん 様 何 なに 今日 最近 毎日 いつ 前 後 先 あと 今回 全て すべて 一番 みんな いろいろ 場合 感じ 気 点 以上 以下 以外 全部 部分 ところ 所 わけ はず 的 化 性 者 用 目 回 度 頃
""".split())
EN_STOP_WORDS = set("""
a an the and or but if of to in on at for with from by as is are was were be been being it its this that these
those i you he she we they me my our your their them there here not no yes do does did have has had can could
would should will shall may might must also too very more most so such than then just only about into over
please would like want make city thing things lot
""".split())
# Noun kinds that carry meaning alone; suffixes (接尾) and prefixes only join a compound.
CONTENT_NOUNS = {"一般", "固有名詞", "サ変接続", "形容動詞語幹", "ナイ形容詞語幹", "副詞可能"}
JOINING = {"接尾"}
EN_WORD = re.compile(r"[A-Za-z][A-Za-z'\-]{1,}")
URL = re.compile(r"https?://\S+|www\.\S+")
WORDLIKE = re.compile(r"\w")
LATIN_ONLY = re.compile(r"^[\x00-\x7f]+$")


def terms_of(text: str) -> set[str]:
    """The distinct terms and phrases of one text."""
    text = URL.sub(" ", unicodedata.normalize("NFKC", text or "")).strip()
    if not text:
        return set()
    found: set[str] = set()
    if LATIN_ONLY.match(text):
        for word in EN_WORD.findall(text):
            word = word.lower().strip("'-")
            if len(word) > 2 and word not in EN_STOP_WORDS:
                found.add(word)
        return found
    run: list[tuple[str, bool]] = []  # (surface, carries meaning alone)

    def flush():
        words = [surface for surface, _content in run]
        meaningful = [surface for surface, content in run if content]
        for surface in meaningful:
            if _keep(surface):
                found.add(surface)
        if len(words) > 1 and meaningful:
            phrase = "".join(words)
            if _keep(phrase):
                found.add(phrase)
        run.clear()

    for token in tokenizer().tokenize(text):
        parts = token.part_of_speech.split(",")
        if not WORDLIKE.search(token.surface):
            flush()
        elif parts[0] == "名詞" and (parts[1] in CONTENT_NOUNS or (parts[1] in JOINING and run)):
            surface = token.surface
            if LATIN_ONLY.match(surface):
                surface = surface.lower()
                content = len(surface) > 2 and surface not in EN_STOP_WORDS
            else:
                content = parts[1] in CONTENT_NOUNS
            run.append((surface, content))
        elif parts[0] == "接頭詞" and parts[1] == "名詞接続":
            flush()
            run.append((token.surface, False))
        else:
            flush()
    flush()
    return found


def _keep(term: str) -> bool:
    if term in JA_STOP_WORDS or term.lower() in EN_STOP_WORDS:
        return False
    if len(term) < 2 and not re.match(r"[\u4e00-\u9fff]", term):
        return False  # a lone kana or letter says nothing
    return not term.isdigit()


@dataclass
class Document:
    """One free-text answer or comment, with the groups it belongs to (age band, district) and its source id."""
    id: int
    text: str
    channel: str = ""
    age_band: str = ""
    district: str = ""
    terms: set[str] = field(default_factory=set)


@dataclass
class Theme:
    term: str
    count: int
    by_age_band: Counter
    by_district: Counter


def themes(documents: list[Document], limit: int = 30) -> list[Theme]:
    """The most frequent terms (number of documents using each), with counts per age band and district."""
    counts: Counter = Counter()
    ages: dict[str, Counter] = {}
    districts: dict[str, Counter] = {}
    for document in documents:
        document.terms = terms_of(document.text)
        for term in document.terms:
            counts[term] += 1
            ages.setdefault(term, Counter())[document.age_band] += 1
            districts.setdefault(term, Counter())[document.district] += 1
    ranked = sorted(counts.items(), key=lambda item: (-item[1], -len(item[0]), item[0]))[:limit]
    return [Theme(term, count, ages[term], districts[term]) for term, count in ranked]
