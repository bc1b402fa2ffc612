"""Surveys, their sections and questions, responses, drafts and the record of who has answered.

Texts that staff write are stored per language as a small JSON object {"ja": ..., "ja-easy": ..., "en": ...};
`localized()` picks the reader's language and falls back to Japanese, telling the caller when it did.
"""
from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from civic.database import UTCDateTime, utcnow
from civic.extensions import db
from civic.i18n import _l

TEXT_LANGUAGES = ("ja", "ja-easy", "en")


@dataclass(frozen=True)
class LocalText:
    text: str
    fallback: bool  # True when the reader's language was missing and Japanese is shown instead

    def __str__(self) -> str:
        return self.text

    def __html__(self) -> str:
        from markupsafe import escape

        return str(escape(self.text))


def localized(texts: dict | None, language: str) -> LocalText:
    texts = texts or {}
    value = (texts.get(language) or "").strip()
    if value:
        return LocalText(value, False)
    return LocalText((texts.get("ja") or "").strip(), language != "ja")


class SurveyError(Exception):
    """A change the survey's rules refuse; the message says why, for the person who tried."""


class StructureLocked(SurveyError):
    pass


class SurveyClosed(SurveyError):
    pass


class AlreadyAnswered(SurveyError):
    pass


class Status(str, enum.Enum):
    draft = "draft"
    published = "published"
    closed = "closed"

    @property
    def label(self) -> str:
        return str(STATUS_LABELS[self])


STATUS_LABELS = {Status.draft: _l("Draft"), Status.published: _l("Open"), Status.closed: _l("Closed")}


class Audience(str, enum.Enum):
    everyone = "everyone"
    signed_in = "signed_in"


class Channel(str, enum.Enum):
    web = "web"
    paper = "paper"
    phone = "phone"
    interview = "interview"

    @property
    def label(self) -> str:
        return str(CHANNEL_LABELS[self])


CHANNEL_LABELS = {Channel.web: _l("Web"), Channel.paper: _l("Paper"), Channel.phone: _l("Phone"),
                  Channel.interview: _l("Interview")}


class Kind(str, enum.Enum):
    single = "single"
    multiple = "multiple"
    choice_other = "choice_other"
    rating = "rating"
    number = "number"
    short_text = "short_text"
    long_text = "long_text"
    date = "date"
    matrix = "matrix"

    @property
    def label(self) -> str:
        return str(KIND_LABELS[self])


KIND_LABELS = {
    Kind.single: _l("Single choice"), Kind.multiple: _l("Multiple choice"),
    Kind.choice_other: _l("Choice with \"other\" (free text)"), Kind.rating: _l("Rating scale"),
    Kind.number: _l("Number"), Kind.short_text: _l("Short text"), Kind.long_text: _l("Long text"),
    Kind.date: _l("Date"), Kind.matrix: _l("Matrix (items on one scale)"),
}
CHOICE_KINDS = {Kind.single.value, Kind.multiple.value, Kind.choice_other.value}
SCALE_KINDS = {Kind.rating.value, Kind.matrix.value}
TEXT_KINDS = {Kind.short_text.value, Kind.long_text.value}
OTHER = "other"  # the option value of "other (free text)"


class Survey(db.Model):
    """A questionnaire (アンケート) with its sections and questions, in draft, open or closed."""

    __tablename__ = "surveys"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[dict] = mapped_column(sa.JSON, default=dict)
    intro: Mapped[dict] = mapped_column(sa.JSON, default=dict)
    opens_on: Mapped[date | None] = mapped_column(sa.Date)
    closes_on: Mapped[date | None] = mapped_column(sa.Date)
    audience: Mapped[str] = mapped_column(sa.String(20), default=Audience.everyone.value)
    anonymous: Mapped[bool] = mapped_column(default=True)
    status: Mapped[str] = mapped_column(sa.String(20), default=Status.draft.value)
    results_published: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    published_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    sections: Mapped[list["Section"]] = relationship(back_populates="survey", order_by="Section.position",
                                                     cascade="all, delete-orphan")
    questions: Mapped[list["Question"]] = relationship(back_populates="survey", cascade="all, delete-orphan",
                                                       order_by="Question.position")

    __table_args__ = (
        sa.CheckConstraint("status IN ('draft', 'published', 'closed')", name="status_known"),
        sa.CheckConstraint("audience IN ('everyone', 'signed_in')", name="audience_known"),
    )

    @property
    def requires_sign_in(self) -> bool:
        return self.audience == Audience.signed_in.value

    def ordered_questions(self) -> list["Question"]:
        order = {section.id: section.position for section in self.sections}
        return sorted(self.questions, key=lambda q: (order.get(q.section_id, 0), q.position))

    def number_of(self, question: "Question") -> int:
        return self.ordered_questions().index(question) + 1

    def estimated_minutes(self) -> int:
        seconds = sum(60 if q.kind in TEXT_KINDS or q.kind == Kind.matrix.value else 15 for q in self.questions)
        return max(1, round(seconds / 60))

    def is_open(self, today: date) -> bool:
        return (self.status == Status.published.value and (self.opens_on is None or self.opens_on <= today)
                and (self.closes_on is None or today <= self.closes_on))

    def publish(self) -> None:
        if self.status != Status.draft.value:
            raise SurveyError(_l("Only a draft can be published."))
        if not self.questions:
            raise SurveyError(_l("Add at least one question before publishing."))
        self.status = Status.published.value
        self.published_at = utcnow()

    def close(self) -> None:
        if self.status != Status.published.value:
            raise SurveyError(_l("Only an open survey can be closed."))
        self.status = Status.closed.value
        self.closed_at = utcnow()

    def publish_results(self) -> None:
        if self.status != Status.closed.value:
            raise SurveyError(_l("Results can be published only after the survey has closed."))
        self.results_published = True

    def check_structure_editable(self, response_count: int) -> None:
        """Questions, choices and order may change only on a draft nobody has answered yet."""
        if response_count:
            raise StructureLocked(_l("This survey already has answers, so questions, choices and their order "
                                     "can no longer change: the answers would stop matching them. You can "
                                     "still correct the wording."))
        if self.status != Status.draft.value:
            raise StructureLocked(_l("This survey is no longer a draft, so questions, choices and their order "
                                     "can no longer change. You can still correct the wording."))


class Section(db.Model):
    """A page of a survey; residents answer one section per screen."""

    __tablename__ = "survey_sections"

    id: Mapped[int] = mapped_column(primary_key=True)
    survey_id: Mapped[int] = mapped_column(sa.ForeignKey("surveys.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(default=0)
    title: Mapped[dict] = mapped_column(sa.JSON, default=dict)

    survey: Mapped[Survey] = relationship(back_populates="sections")
    questions: Mapped[list["Question"]] = relationship(back_populates="section", order_by="Question.position")


class Question(db.Model):
    __tablename__ = "survey_questions"

    id: Mapped[int] = mapped_column(primary_key=True)
    survey_id: Mapped[int] = mapped_column(sa.ForeignKey("surveys.id", ondelete="CASCADE"), index=True)
    section_id: Mapped[int] = mapped_column(sa.ForeignKey("survey_sections.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(default=0)
    kind: Mapped[str] = mapped_column(sa.String(20))
    text: Mapped[dict] = mapped_column(sa.JSON, default=dict)
    required: Mapped[bool] = mapped_column(default=False)
    # Choices (and matrix items): [{"value": "a", "text": {"ja": ..., "ja-easy": ..., "en": ...}}, ...]
    options: Mapped[list] = mapped_column(sa.JSON, default=list)
    items: Mapped[list] = mapped_column(sa.JSON, default=list)
    # Rating/matrix: scale 1..scale_max with end labels; number: min/max; multiple: min/max choices.
    scale_max: Mapped[int | None] = mapped_column()
    low_label: Mapped[dict] = mapped_column(sa.JSON, default=dict)
    high_label: Mapped[dict] = mapped_column(sa.JSON, default=dict)
    minimum: Mapped[float | None] = mapped_column(sa.Float)
    maximum: Mapped[float | None] = mapped_column(sa.Float)
    # Shown only when an earlier choice question's answer is condition_value.
    condition_question_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("survey_questions.id", ondelete="SET NULL"))
    condition_value: Mapped[str | None] = mapped_column(sa.String(40))
    profile_key: Mapped[str | None] = mapped_column(sa.String(20))  # age_band, district, smartphone

    survey: Mapped[Survey] = relationship(back_populates="questions")
    section: Mapped[Section] = relationship(back_populates="questions")
    condition_question: Mapped["Question | None"] = relationship(remote_side=[id])

    __table_args__ = (
        sa.CheckConstraint("kind IN ('single', 'multiple', 'choice_other', 'rating', 'number', 'short_text', "
                           "'long_text', 'date', 'matrix')", name="kind_known"),
    )

    def option_text(self, value: str, language: str) -> str:
        for option in self.all_options():
            if option["value"] == value:
                return localized(option["text"], language).text
        return value

    def all_options(self) -> list[dict]:
        if self.kind == Kind.choice_other.value:
            return [*self.options, {"value": OTHER, "text": OTHER_TEXT}]
        return list(self.options or [])

    def scale(self) -> range:
        return range(1, (self.scale_max or 5) + 1)

    def is_shown(self, answers: dict) -> bool:
        if not self.condition_question_id:
            return True
        given = answers.get(str(self.condition_question_id))
        if isinstance(given, dict):
            given = given.get("choice")
        if isinstance(given, list):
            return self.condition_value in given
        return given == self.condition_value


OTHER_TEXT = {"ja": "その他", "ja-easy": "その ほか", "en": "Other"}


class SurveyResponse(db.Model):
    """One person's (or one paper form's) answers, as {question id: value}."""

    __tablename__ = "survey_responses"

    id: Mapped[int] = mapped_column(primary_key=True)
    survey_id: Mapped[int] = mapped_column(sa.ForeignKey("surveys.id", ondelete="CASCADE"), index=True)
    # Only for named (non-anonymous) surveys; anonymous responses never point to a person.
    user_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"), index=True)
    channel: Mapped[str] = mapped_column(sa.String(20), default=Channel.web.value)
    entered_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    answers: Mapped[dict] = mapped_column(sa.JSON, default=dict)
    submitted_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    updated_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    survey: Mapped[Survey] = relationship()
    entered_by = relationship("User", foreign_keys=[entered_by_id])
    user = relationship("User", foreign_keys=[user_id])

    __table_args__ = (
        sa.CheckConstraint("channel IN ('web', 'paper', 'phone', 'interview')", name="channel_known"),
    )


class SurveyParticipant(db.Model):
    """That a signed-in person has answered a survey, kept apart from the answers.

    No id, no time and no link to a response: for an anonymous survey nothing here can tie a person to what
    they answered, yet the same person cannot answer twice.
    """

    __tablename__ = "survey_participants"

    survey_id: Mapped[int] = mapped_column(sa.ForeignKey("surveys.id", ondelete="CASCADE"), primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)


class SurveyDraft(db.Model):
    """Answers in progress, kept on the server under a random token held in a signed cookie."""

    __tablename__ = "survey_drafts"

    id: Mapped[int] = mapped_column(primary_key=True)
    token: Mapped[str] = mapped_column(sa.String(64), unique=True)
    survey_id: Mapped[int] = mapped_column(sa.ForeignKey("surveys.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"))
    response_id: Mapped[int | None] = mapped_column(sa.ForeignKey("survey_responses.id", ondelete="CASCADE"))
    answers: Mapped[dict] = mapped_column(sa.JSON, default=dict)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
