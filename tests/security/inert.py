"""Checks that user-written text is shown as text: no element, attribute or URL it could have smuggled in."""
from __future__ import annotations

import csv
import io
import re
from html.parser import HTMLParser
from pathlib import Path

PAYLOADS = [line for line in (Path(__file__).parent.parent / "data" / "xss_payloads.txt").read_text(
    encoding="utf-8").splitlines() if line.strip() and not line.startswith("# ")]

FORBIDDEN_TAGS = {"iframe", "frame", "object", "embed", "base", "style", "math", "marquee", "video", "audio",
                  "source", "x", "xss"}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "data", "xlink:href", "poster", "background"}
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


class Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self.text: list[str] = []
        self.values: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in FORBIDDEN_TAGS:
            self.problems.append(f"<{tag}> element")
        if tag == "script" and not (dict(attrs).get("src") or "").startswith("/"):
            self.problems.append("<script> without a same-site src")
        if tag == "meta" and any(name == "http-equiv" for name, _ in attrs):
            self.problems.append("<meta http-equiv>")
        for name, value in attrs:
            if name.startswith("on") or name in {"style", "srcdoc"}:
                self.problems.append(f"{name}= attribute on <{tag}>")
            if name in URL_ATTRIBUTES and value:
                cleaned = re.sub(r"[\s\x00-\x1f]", "", value).lower()
                if cleaned.startswith(("javascript:", "vbscript:")) or (
                        cleaned.startswith("data:") and not cleaned.startswith(("data:image/", "data:,"))):
                    self.problems.append(f"{name}={value!r} on <{tag}>")
                if tag in {"script", "link"} and "//" in cleaned.split("?")[0][:2]:
                    self.problems.append(f"off-site {name} on <{tag}>")
            if value:
                self.values.append(value)

    handle_startendtag = handle_starttag

    def handle_data(self, data):
        self.text.append(data)


def check_html(html: str, where: str) -> str:
    """Assert the page has nothing executable that a payload could have added; return its visible text."""
    page = Page()
    page.feed(html)
    page.close()
    assert not page.problems, f"{where}: {page.problems[:5]}"
    return "".join(page.text) + "\n" + "\n".join(page.values)


def check_csv(body: bytes, where: str) -> list[list[str]]:
    """Assert no cell of the CSV starts like a spreadsheet formula (unless it is a plain number)."""
    rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))
    for row in rows:
        for cell in row:
            if cell.startswith(FORMULA_STARTS) and not re.fullmatch(r"-?\d+(\.\d+)?", cell):
                raise AssertionError(f"{where}: a cell starts like a formula: {cell!r}")
    return rows


def missing(payloads, text: str) -> list[str]:
    """Payloads not shown on the page (to prove the check saw them at all)."""
    return [p for p in payloads if p.strip() not in text]
