"""Reading and checking the answers of one page (or of a whole paper form) from submitted form data.

Field names: ``q<id>`` for the value (repeated for multiple choice), ``q<id>_other`` for the "other" text and
``q<id>_<item>`` for each matrix item. Values are stored as: a choice value (single), a list of values
(multiple), {"choice", "text"} (choice with other), an int (rating), a number, a string (text, ISO date) or
{item: int} (matrix).
"""
from __future__ import annotations

from datetime import date

from civic.i18n import _
from civic.surveys.models import OTHER, Kind, Question

SHORT_TEXT_MAX = 200
LONG_TEXT_MAX = 4000


def field_name(question: Question, suffix: str | None = None) -> str:
    return f"q{question.id}" + (f"_{suffix}" if suffix else "")


def _number(raw: str):
    raw = raw.strip().replace(",", "").translate(str.maketrans("０１２３４５６７８９．－", "0123456789.-"))
    value = float(raw)
    return int(value) if value.is_integer() else value


def read_answers(questions: list[Question], formdata, known: dict) -> tuple[dict, dict, dict]:
    """Check the answers to `questions`. `known` holds answers given before (for conditions).

    Returns (answers, shown values, errors): answers only for valid, non-empty fields; shown values are what
    the person typed, to show again; errors are messages by question id.
    """
    answers, shown, errors = {}, {}, {}
    context = dict(known)
    for question in questions:
        key = str(question.id)
        if not question.is_shown(context):
            continue
        value, raw, error = _read_one(question, formdata)
        shown[key] = raw
        if error:
            errors[key] = error
        elif value is None or value == [] or value == {}:
            if question.required:
                errors[key] = (_("Please answer every item.") if question.kind == Kind.matrix.value
                               else _("Please answer this question."))
        else:
            answers[key] = value
            context[key] = value
    return answers, shown, errors


def _read_one(question: Question, formdata):
    name = field_name(question)
    kind = question.kind
    valid = {option["value"] for option in question.all_options()}
    if kind == Kind.single.value:
        raw = formdata.get(name, "")
        if raw and raw not in valid:
            return None, raw, _("Please choose one of the options.")
        return raw or None, raw, None
    if kind == Kind.multiple.value:
        raw = [value for value in formdata.getlist(name) if value in valid]
        if raw and question.minimum and len(raw) < question.minimum:
            return None, raw, _("Please choose at least %(count)d.", count=int(question.minimum))
        if raw and question.maximum and len(raw) > question.maximum:
            return None, raw, _("Please choose at most %(count)d.", count=int(question.maximum))
        return raw, raw, None
    if kind == Kind.choice_other.value:
        choice = formdata.get(name, "")
        text = formdata.get(field_name(question, "other"), "").strip()[:SHORT_TEXT_MAX]
        raw = {"choice": choice, "text": text}
        if choice and choice not in valid:
            return None, raw, _("Please choose one of the options.")
        if choice == OTHER and not text:
            return None, raw, _("Please write your answer for \"other\".")
        if not choice and text:
            return None, raw, _("Please choose \"other\" if you write your own answer.")
        if not choice:
            return None, raw, None
        return {"choice": choice, "text": text if choice == OTHER else ""}, raw, None
    if kind == Kind.rating.value:
        raw = formdata.get(name, "")
        if not raw:
            return None, raw, None
        if not raw.isdigit() or int(raw) not in question.scale():
            return None, raw, _("Please choose a point on the scale.")
        return int(raw), raw, None
    if kind == Kind.number.value:
        raw = formdata.get(name, "").strip()
        if not raw:
            return None, raw, None
        try:
            value = _number(raw)
        except ValueError:
            return None, raw, _("Please write a number, for example 3.")
        if question.minimum is not None and value < question.minimum:
            return None, raw, _("Please write a number of at least %(min)s.", min=_plain(question.minimum))
        if question.maximum is not None and value > question.maximum:
            return None, raw, _("Please write a number of at most %(max)s.", max=_plain(question.maximum))
        return value, raw, None
    if kind in (Kind.short_text.value, Kind.long_text.value):
        raw = formdata.get(name, "").strip()
        limit = SHORT_TEXT_MAX if kind == Kind.short_text.value else LONG_TEXT_MAX
        if len(raw) > limit:
            return None, raw, _("Please use at most %(max)d characters.", max=limit)
        return raw or None, raw, None
    if kind == Kind.date.value:
        raw = formdata.get(name, "").strip()
        if not raw:
            return None, raw, None
        try:
            return date.fromisoformat(raw).isoformat(), raw, None
        except ValueError:
            return None, raw, _("Please write a date like 2026-04-01.")
    if kind == Kind.matrix.value:
        raw, value = {}, {}
        for item in question.items:
            given = formdata.get(field_name(question, item["value"]), "")
            raw[item["value"]] = given
            if given:
                if not given.isdigit() or int(given) not in question.scale():
                    return None, raw, _("Please choose a point on the scale.")
                value[item["value"]] = int(given)
        if question.required and value and len(value) < len(question.items):
            return None, raw, _("Please answer every item.")
        return value, raw, None
    raise ValueError(kind)


def _plain(number: float) -> str:
    return str(int(number)) if float(number).is_integer() else str(number)


def shown_from_answers(answers: dict) -> dict:
    """What to show in the fields for answers already given (going back, correcting)."""
    shown = {}
    for key, value in answers.items():
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            shown[key] = str(value)
        elif isinstance(value, dict) and "choice" not in value:
            shown[key] = {item: str(point) for item, point in value.items()}
        else:
            shown[key] = value
    return shown


def visible_answers(questions: list[Question], answers: dict) -> dict:
    """Drop answers to questions that are hidden by their condition (an earlier answer changed)."""
    kept = {}
    for question in questions:
        key = str(question.id)
        if question.is_shown(kept) and key in answers:
            kept[key] = answers[key]
    return kept


def display_answer(question: Question, value, language: str) -> str:
    """An answer in words, for the review page."""
    if value is None:
        return ""
    kind = question.kind
    if kind == Kind.single.value:
        return question.option_text(value, language)
    if kind == Kind.multiple.value:
        return "、".join(question.option_text(v, language) for v in value)
    if kind == Kind.choice_other.value:
        label = question.option_text(value["choice"], language)
        return f"{label}: {value['text']}" if value.get("text") else label
    if kind == Kind.matrix.value:
        from civic.surveys.models import localized

        return "、".join(f"{localized(item['text'], language)}: {value.get(item['value'], '-')}"
                        for item in question.items)
    return str(value)
