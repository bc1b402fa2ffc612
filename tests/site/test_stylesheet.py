"""The stylesheet parses: a missing brace would silently swallow every rule after it."""
from pathlib import Path

CSS = Path(__file__).resolve().parents[2] / "civic" / "static" / "civic.css"


def strip_comments(text: str) -> str:
    import re

    return re.sub(r"/\*.*?\*/", "", text, flags=re.S)


def test_braces_balance_and_media_queries_hold_only_rules():
    depth = 0
    for number, line in enumerate(strip_comments(CSS.read_text()).splitlines(), start=1):
        depth += line.count("{") - line.count("}")
        assert 0 <= depth <= 2, f"line {number}: nesting depth {depth}"
        if line.startswith("@media"):
            assert depth == 1, f"line {number}: a @media block opens inside another block"
    assert depth == 0, "a block is never closed"


def test_each_domain_section_starts_at_the_top_level():
    depth = 0
    for number, line in enumerate(CSS.read_text().splitlines(), start=1):
        if line.startswith("/* == "):
            assert depth == 0, f"line {number}: section {line} starts inside a block"
        without_comments = strip_comments(line)
        depth += without_comments.count("{") - without_comments.count("}")
