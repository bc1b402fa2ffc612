"""Forms for building surveys, entering paper answers, and choosing results and exports."""
from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import BooleanField, DateField, FloatField, IntegerField, RadioField, SelectField, StringField
from wtforms import TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import NumberRange, Optional, ValidationError

from civic.i18n import LANGUAGES, _l
from civic.surveys.models import CHANNEL_LABELS, CHOICE_KINDS, KIND_LABELS, Kind
from civic.validators import length, required

LANGUAGE_SEPARATOR = "|"


def split_languages(line: str) -> dict:
    """"日本語 | やさしい日本語 | English" -> {"ja": ..., "ja-easy": ..., "en": ...} (missing parts left out)."""
    parts = [part.strip() for part in line.split(LANGUAGE_SEPARATOR)]
    return {code: part for code, part in zip(("ja", "ja-easy", "en"), parts) if part}


def join_languages(texts: dict | None) -> str:
    texts = texts or {}
    parts = [texts.get("ja", ""), texts.get("ja-easy", ""), texts.get("en", "")]
    while parts and not parts[-1]:
        parts.pop()
    return f" {LANGUAGE_SEPARATOR} ".join(parts)


def lines_of(text: str | None) -> list[dict]:
    return [split_languages(line) for line in (text or "").splitlines() if line.strip()]


class SurveyForm(FlaskForm):
    title_ja = StringField(_l("Title (Japanese)"), validators=[required(), length(max=200)])
    title_ja_easy = StringField(_l("Title (easy Japanese)"), validators=[length(max=200)])
    title_en = StringField(_l("Title (English)"), validators=[length(max=200)])
    intro_ja = TextAreaField(_l("Introduction (Japanese)"), validators=[length(max=4000)],
                             description=_l("Why you ask, and what you will do with the answers."))
    intro_ja_easy = TextAreaField(_l("Introduction (easy Japanese)"), validators=[length(max=4000)])
    intro_en = TextAreaField(_l("Introduction (English)"), validators=[length(max=4000)])
    opens_on = DateField(_l("Opens on"), validators=[Optional()])
    closes_on = DateField(_l("Closes on"), validators=[Optional()])
    audience = RadioField(_l("Who may answer"), default="everyone", choices=[
        SelectChoice("everyone", _l("Everyone (no account needed)")),
        SelectChoice("signed_in", _l("Signed-in residents only")),
    ])
    anonymous = RadioField(_l("Anonymous"), default="yes", choices=[
        SelectChoice("yes", _l("Anonymous: answers are not linked to the person")),
        SelectChoice("no", _l("Named: for signed-in residents, answers are linked to their account")),
    ])

    def validate_closes_on(self, field):
        if field.data and self.opens_on.data and field.data < self.opens_on.data:
            raise ValidationError(_l("The closing date must not be before the opening date."))

    def settings(self) -> dict:
        return {
            "title": {code: value for code, value in (("ja", self.title_ja.data), ("ja-easy", self.title_ja_easy.data),
                                                       ("en", self.title_en.data)) if value and value.strip()},
            "intro": {code: value for code, value in (("ja", self.intro_ja.data), ("ja-easy", self.intro_ja_easy.data),
                                                       ("en", self.intro_en.data)) if value and value.strip()},
            "opens_on": self.opens_on.data, "closes_on": self.closes_on.data,
            "audience": self.audience.data, "anonymous": self.anonymous.data == "yes",
        }

    def fill_from(self, survey) -> None:
        for code, suffix in (("ja", "ja"), ("ja-easy", "ja_easy"), ("en", "en")):
            getattr(self, f"title_{suffix}").data = survey.title.get(code, "")
            getattr(self, f"intro_{suffix}").data = survey.intro.get(code, "")
        self.opens_on.data, self.closes_on.data = survey.opens_on, survey.closes_on
        self.audience.data = survey.audience
        self.anonymous.data = "yes" if survey.anonymous else "no"


class SectionForm(FlaskForm):
    section_title = StringField(_l("Page title (Japanese | easy Japanese | English)"),
                                validators=[length(max=300)])


class QuestionForm(FlaskForm):
    section_id = SelectField(_l("Page"), coerce=int)
    kind = SelectField(_l("Type of question"),
                       choices=[SelectChoice(kind.value, label) for kind, label in KIND_LABELS.items()])
    text_ja = TextAreaField(_l("Question (Japanese)"), validators=[required(), length(max=1000)])
    text_ja_easy = TextAreaField(_l("Question (easy Japanese)"), validators=[length(max=1000)])
    text_en = TextAreaField(_l("Question (English)"), validators=[length(max=1000)])
    required = BooleanField(_l("An answer is required"))
    options = TextAreaField(
        _l("Choices"), validators=[length(max=4000)],
        description=_l("For choice questions: one choice per line, as Japanese | easy Japanese | English. "
                       "\"Other\" is added by itself for a choice with other."))
    items = TextAreaField(_l("Matrix items"), validators=[length(max=4000)],
                          description=_l("For a matrix: one item per line, as Japanese | easy Japanese | English."))
    scale_max = IntegerField(_l("Points on the scale"), validators=[Optional(), NumberRange(min=2, max=10)],
                             description=_l("For a rating or a matrix: from 1 to this number (2 to 10)."))
    low_label = StringField(_l("Label of the lowest point"), validators=[length(max=300)],
                            description=_l("Japanese | easy Japanese | English"))
    high_label = StringField(_l("Label of the highest point"), validators=[length(max=300)],
                             description=_l("Japanese | easy Japanese | English"))
    minimum = FloatField(_l("Minimum"), validators=[Optional()],
                         description=_l("For a number: the smallest allowed. For multiple choice: the fewest "
                                        "choices."))
    maximum = FloatField(_l("Maximum"), validators=[Optional()],
                         description=_l("For a number: the largest allowed. For multiple choice: the most "
                                        "choices."))
    condition = SelectField(_l("Show this question only when"), default="",
                            description=_l("Only answers to choice questions on earlier pages can be used, so "
                                           "the condition works without JavaScript."))

    def validate_options(self, field):
        if self.kind.data in CHOICE_KINDS and len(lines_of(field.data)) < 2:
            raise ValidationError(_l("Please give at least two choices, one per line."))
        if any(not line.get("ja") for line in lines_of(field.data)):
            raise ValidationError(_l("Every line needs the Japanese text first."))

    def validate_items(self, field):
        if self.kind.data == Kind.matrix.value and not lines_of(field.data):
            raise ValidationError(_l("Please give at least one item, one per line."))

    def validate_maximum(self, field):
        if field.data is not None and self.minimum.data is not None and field.data < self.minimum.data:
            raise ValidationError(_l("The maximum must not be below the minimum."))

    def texts(self) -> dict:
        return {code: value.strip() for code, value in (("ja", self.text_ja.data), ("ja-easy", self.text_ja_easy.data),
                                                         ("en", self.text_en.data)) if value and value.strip()}

    def structure(self) -> dict:
        kind = self.kind.data
        condition_id, _sep, condition_value = (self.condition.data or "").partition(":")
        options = lines_of(self.options.data) if kind in CHOICE_KINDS else []
        items = lines_of(self.items.data) if kind == Kind.matrix.value else []
        scaled = kind in (Kind.rating.value, Kind.matrix.value)
        bounded = kind in (Kind.number.value, Kind.multiple.value)
        return {
            "section_id": self.section_id.data, "kind": kind, "required": self.required.data,
            "options": [{"value": str(n), "text": text} for n, text in enumerate(options, start=1)],
            "items": [{"value": str(n), "text": text} for n, text in enumerate(items, start=1)],
            "scale_max": (self.scale_max.data or 5) if scaled else None,
            "low_label": split_languages(self.low_label.data or "") if scaled else {},
            "high_label": split_languages(self.high_label.data or "") if scaled else {},
            "minimum": self.minimum.data if bounded else None,
            "maximum": self.maximum.data if bounded else None,
            "condition_question_id": int(condition_id) if condition_id else None,
            "condition_value": condition_value or None,
        }

    def fill_from(self, question) -> None:
        self.section_id.data = question.section_id
        self.kind.data = question.kind
        self.text_ja.data = question.text.get("ja", "")
        self.text_ja_easy.data = question.text.get("ja-easy", "")
        self.text_en.data = question.text.get("en", "")
        self.required.data = question.required
        self.options.data = "\n".join(join_languages(o["text"]) for o in question.options)
        self.items.data = "\n".join(join_languages(i["text"]) for i in question.items)
        self.scale_max.data = question.scale_max
        self.low_label.data = join_languages(question.low_label)
        self.high_label.data = join_languages(question.high_label)
        self.minimum.data, self.maximum.data = question.minimum, question.maximum
        self.condition.data = (f"{question.condition_question_id}:{question.condition_value}"
                               if question.condition_question_id else "")


class EntryForm(FlaskForm):
    channel = SelectField(_l("How the answers came in"), default="paper",
                          choices=[SelectChoice(channel.value, label) for channel, label in CHANNEL_LABELS.items()
                                   if channel.value != "web"])


class AnswerForm(FlaskForm):
    """Only the CSRF token: the questions are read by civic.surveys.answering."""


class ResultsFilterForm(FlaskForm):
    class Meta:
        csrf = False

    channel = SelectField(_l("Channel"), default="", choices=[SelectChoice("", _l("All channels"))] + [
        SelectChoice(channel.value, label) for channel, label in CHANNEL_LABELS.items()])
    q = StringField(_l("Search the written answers"), validators=[length(max=100)])


class CrossTabForm(FlaskForm):
    class Meta:
        csrf = False

    question = SelectField(_l("Question"), coerce=int)
    profile = SelectField(_l("Against"), coerce=int)
    channel = SelectField(_l("Channel"), default="", choices=[SelectChoice("", _l("All channels"))] + [
        SelectChoice(channel.value, label) for channel, label in CHANNEL_LABELS.items()])


class ExportForm(FlaskForm):
    class Meta:
        csrf = False

    format = RadioField(_l("File"), default="csv", choices=[
        SelectChoice("csv", _l("CSV, UTF-8 (opens in Excel with Japanese intact)")),
        SelectChoice("csv-cp932", _l("CSV, Shift_JIS (cp932), for older software")),
        SelectChoice("xlsx", _l("Excel workbook (XLSX) with a codebook sheet")),
    ])
    language = SelectField(_l("Labels in"), default="ja",
                           choices=[SelectChoice(language.code, language.label) for language in LANGUAGES])
    channel = SelectField(_l("Channel"), default="", choices=[SelectChoice("", _l("All channels"))] + [
        SelectChoice(channel.value, label) for channel, label in CHANNEL_LABELS.items()])
