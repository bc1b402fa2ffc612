"""Reads that several views, the results and the exports need."""
from __future__ import annotations

from datetime import date

import sqlalchemy as sa
from sqlalchemy.orm import selectinload

from civic.extensions import db
from civic.surveys.models import Question, Section, Survey, SurveyResponse


def with_questions():
    return (selectinload(Survey.sections), selectinload(Survey.questions).selectinload(Question.section))


def survey_or_none(survey_id: int) -> Survey | None:
    return db.session.scalars(sa.select(Survey).where(Survey.id == survey_id).options(*with_questions())).first()


def response_count(survey: Survey) -> int:
    if survey.id is None:
        return 0
    return db.session.scalar(sa.select(sa.func.count()).where(SurveyResponse.survey_id == survey.id)) or 0


def response_counts() -> dict[int, int]:
    rows = db.session.execute(sa.select(SurveyResponse.survey_id, sa.func.count()).group_by(
        SurveyResponse.survey_id))
    return dict(rows.all())


def all_surveys() -> list[Survey]:
    return list(db.session.scalars(sa.select(Survey).order_by(Survey.created_at.desc(), Survey.id.desc())))


def open_surveys(today: date) -> list[Survey]:
    surveys = db.session.scalars(
        sa.select(Survey).where(Survey.status == "published").options(selectinload(Survey.questions))
        .order_by(Survey.closes_on.is_(None), Survey.closes_on, Survey.id))
    return [survey for survey in surveys if survey.is_open(today)]


def surveys_with_public_results() -> list[Survey]:
    return list(db.session.scalars(sa.select(Survey).where(Survey.results_published.is_(True))
                                   .order_by(Survey.closed_at.desc())))


def staff_surveys() -> list[Survey]:
    return list(db.session.scalars(sa.select(Survey).where(Survey.status != "draft")
                                   .order_by(Survey.status != "published", Survey.id.desc())))


def iter_responses(survey: Survey, channel: str | None = None, batch: int = 1000):
    """Responses one at a time, read in batches, so memory stays flat however many there are."""
    statement = (sa.select(SurveyResponse.id, SurveyResponse.submitted_at, SurveyResponse.channel,
                           SurveyResponse.user_id, SurveyResponse.answers)
                 .where(SurveyResponse.survey_id == survey.id).order_by(SurveyResponse.id))
    if channel:
        statement = statement.where(SurveyResponse.channel == channel)
    result = db.session.execute(statement.execution_options(yield_per=batch))
    for row in result:
        yield row


def response_of(survey: Survey, user) -> SurveyResponse | None:
    return db.session.scalars(sa.select(SurveyResponse).where(SurveyResponse.survey_id == survey.id,
                                                             SurveyResponse.user_id == user.id)).first()


def section_of(survey: Survey, number: int) -> Section | None:
    sections = survey.sections
    return sections[number - 1] if 1 <= number <= len(sections) else None
