"""Factories for survey tests: a survey with a chosen set of questions, and responses."""
from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from civic.extensions import db
from civic.surveys import operations
from civic.surveys.models import Section, Survey, SurveyResponse

JST = ZoneInfo("Asia/Tokyo")


def texts(ja, en=None, easy=None):
    value = {"ja": ja}
    if en:
        value["en"] = en
    if easy:
        value["ja-easy"] = easy
    return value


def options(*labels):
    return [{"value": str(n), "text": {"ja": label}} for n, label in enumerate(labels, start=1)]


@pytest.fixture
def make_survey(app):
    """make_survey(status="published", audience="everyone", anonymous=True) -> ids of the survey and questions.

    Page 1: q_colour (single, required), q_tools (multiple, max 2), q_info (choice with other).
    Page 2: q_rating (1–5), q_age (number 0–120), q_comment (long text), q_when (date), q_matrix (2 items),
            q_why (short text, shown only when q_colour is "赤"), profile questions (age band, district, smartphone)
            on page 3.
    """

    def factory(status="published", audience="everyone", anonymous=True, profile=True, title="テスト調査",
                title_en="Test survey"):
        with app.app_context():
            survey = operations.create_survey({
                "title": texts(title, title_en), "intro": texts("ご協力ください。", "Please help us."),
                "opens_on": None, "closes_on": None, "audience": audience, "anonymous": anonymous})
            first = survey.sections[0]
            second = Section(survey=survey, position=2, title=texts("二ページ目", "Page two"))
            db.session.add(second)
            db.session.flush()

            def add(section, kind, text, **fields):
                return operations.add_question(survey, {"section_id": section.id, "kind": kind, "text": text,
                                                        **fields}).id

            ids = {"survey": survey.id}
            ids["colour"] = add(first, "single", texts("好きな色は", "Favourite colour"), required=True,
                                options=options("赤", "青", "緑"))
            ids["tools"] = add(first, "multiple", texts("使う道具", "Tools you use"), maximum=2,
                               options=options("スマホ", "パソコン", "タブレット"))
            ids["info"] = add(first, "choice_other", texts("情報源", "Where you hear news"),
                              options=options("広報紙", "ホームページ"))
            ids["rating"] = add(second, "rating", texts("満足度", "Satisfaction"), scale_max=5,
                                low_label=texts("不満"), high_label=texts("満足"))
            ids["age"] = add(second, "number", texts("年齢", "Age"), minimum=0, maximum=120)
            ids["comment"] = add(second, "long_text", texts("ご意見", "Comments"))
            ids["when"] = add(second, "date", texts("利用日", "Date of use"))
            ids["matrix"] = add(second, "matrix", texts("各サービス", "Each service"), scale_max=3,
                                items=[{"value": "1", "text": texts("窓口", "Counter")},
                                       {"value": "2", "text": texts("電話", "Phone")}])
            ids["why"] = add(second, "short_text", texts("赤の理由", "Why red"),
                             condition_question_id=ids["colour"], condition_value="1")
            if profile:
                operations.add_profile_questions(survey)
                db.session.flush()
                for question in survey.questions:
                    if question.profile_key:
                        ids[question.profile_key] = question.id
            if status != "draft":
                survey.publish()
            if status == "closed":
                survey.close()
            db.session.commit()
            return ids

    return factory


@pytest.fixture
def add_response(app):
    """add_response(survey_id, {question id: value}, channel="web", days_ago=0) -> the response id."""

    def factory(survey_id, answers, channel="web", days_ago=0, user_id=None):
        with app.app_context():
            response = SurveyResponse(
                survey_id=survey_id, channel=channel, user_id=user_id,
                answers={str(key): value for key, value in answers.items()},
                submitted_at=datetime(2026, 11, 20, 23, 30, tzinfo=JST).astimezone(ZoneInfo("UTC"))
                - timedelta(days=days_ago))
            db.session.add(response)
            db.session.commit()
            return response.id

    return factory


@pytest.fixture
def survey_row(app):
    """survey_row(id) -> the Survey, read fresh (its questions loaded)."""

    def read(survey_id):
        with app.app_context():
            survey = db.session.get(Survey, survey_id)
            survey.ordered_questions()
            db.session.expunge_all()
            return survey

    return read
