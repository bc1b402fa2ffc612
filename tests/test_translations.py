"""Every message in the code is translated into Japanese and easy Japanese; nothing is fuzzy or stale."""
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parent.parent
LOCALES = ["ja", "ja@easy"]
KEYWORDS = {"_": None, "gettext": None, "ngettext": (1, 2), "_l": None, "lazy_gettext": None}


def catalog(locale):
    with open(ROOT / "translations" / locale / "LC_MESSAGES" / "messages.po", "rb") as handle:
        return read_po(handle, locale=locale.split("@")[0])


def code_messages() -> set[str]:
    found = set()
    for folder, method in (("civic", "python"), ("templates", "jinja2")):
        patterns = [("**.py", "python")] if method == "python" else [("**.html", "jinja2"), ("**.txt", "jinja2")]
        for _, _, message, _, _ in extract_from_dir(
                ROOT / folder, method_map=patterns, keywords=KEYWORDS,
                directory_filter=lambda path: not Path(path).name.startswith("."),  # keep _macros
                options_map={"**.html": {"trimmed": "true"}, "**.txt": {"trimmed": "true"}}):
            found.add(message[0] if isinstance(message, tuple) else message)
    return found


@pytest.mark.parametrize("locale", LOCALES)
def test_every_message_is_translated_and_none_is_fuzzy(locale):
    problems = []
    for message in catalog(locale):
        if not message.id:
            continue
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if not all(strings):
            problems.append(f"untranslated: {message.id!r}")
        if message.fuzzy:
            problems.append(f"fuzzy: {message.id!r}")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("locale", LOCALES)
def test_catalog_holds_every_message_of_the_code(locale):
    ids = {message.id[0] if isinstance(message.id, tuple) else message.id for message in catalog(locale)}
    missing = sorted(code_messages() - ids)
    assert not missing, f"run `make i18n` and translate: {missing[:20]}"


@pytest.mark.parametrize("locale", LOCALES)
def test_translations_keep_the_placeholders(locale):
    errors = [(message.id, [str(e) for e in errs]) for message, errs in catalog(locale).check()]
    assert not errors, errors
