"""Factories for insights tests: the demo content (survey answers, comments, help-desk records) seeded once."""
from __future__ import annotations

import pytest
import sqlalchemy as sa

from civic.extensions import db


@pytest.fixture
def seeded(app, runner):
    """seed-demo, then a dict of ids the tests need."""
    result = runner.invoke(args=["seed-demo"])
    assert result.exit_code == 0, result.output
    from civic.insights.models import LocalIssue
    from civic.surveys.models import Survey

    with app.app_context():
        issues = {i.title: i.id for i in db.session.scalars(sa.select(LocalIssue))}
        survey = db.session.scalars(sa.select(Survey)).one()
        questions = {q.text["ja"]: q.id for q in survey.questions}
        profile = {q.profile_key: q.id for q in survey.questions if q.profile_key}
        return {"issues": issues, "survey": survey.id, "questions": questions, "profile": profile}
