"""seed-demo adds one open survey of mixed question types with about 300 varied answers, and only once."""
import sqlalchemy as sa

from civic.extensions import db
from civic.surveys.models import Survey, SurveyResponse


def test_seed_demo_creates_the_survey_once(app, runner, client):
    assert runner.invoke(args=["seed-demo"]).exit_code == 0
    assert runner.invoke(args=["seed-demo"]).exit_code == 0
    with app.app_context():
        [survey] = db.session.scalars(sa.select(Survey)).all()
        assert survey.title["ja"] == "デジタル活用に関する住民アンケート" and survey.status == "published"
        kinds = {question.kind for question in survey.questions}
        assert len(survey.questions) >= 12 and len(kinds) == 9
        assert {q.profile_key for q in survey.questions} >= {"age_band", "district", "smartphone"}
        responses = list(db.session.scalars(sa.select(SurveyResponse)))
        assert len(responses) == 300
        assert {r.channel for r in responses} == {"web", "paper", "phone", "interview"}
        age = next(q for q in survey.questions if q.profile_key == "age_band")
        assert len({r.answers[str(age.id)] for r in responses}) == 8
        survey_id = survey.id
    assert "デジタル活用に関する住民アンケート" in client.get("/surveys/?lang=ja").get_data(as_text=True)
    assert client.get(f"/surveys/{survey_id}/").status_code == 200
