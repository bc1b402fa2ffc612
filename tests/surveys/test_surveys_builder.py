"""Planners build surveys: settings, questions in order, profile questions, publishing, and the lock once answered."""
import pytest
import sqlalchemy as sa

from civic.extensions import db
from civic.surveys.models import Question, Survey


def questions_of(app, survey_id):
    with app.app_context():
        survey = db.session.get(Survey, survey_id)
        return [(q.id, q.text["ja"], q.kind) for q in survey.ordered_questions()]


@pytest.mark.parametrize("role, status", [(None, 302), ("resident", 403), ("helpdesk", 403), ("planner", 200),
                                          ("admin", 200)])
@pytest.mark.parametrize("url", ["/planner/surveys/", "/planner/surveys/new", "/planner/surveys/{id}/",
                                 "/planner/surveys/{id}/results", "/planner/surveys/{id}/crosstab",
                                 "/planner/surveys/{id}/export", "/planner/surveys/{id}/codebook.csv"])
def test_only_planners_reach_the_planner_pages(browser, signed_in, make_survey, role, status, url):
    ids = make_survey()
    client = signed_in(role) if role else browser
    assert client.get(url.format(id=ids["survey"])).status_code == status


@pytest.mark.parametrize("role, status", [(None, 302), ("resident", 403), ("helpdesk", 200), ("planner", 200),
                                          ("admin", 200)])
@pytest.mark.parametrize("url", ["/staff/surveys/", "/staff/surveys/{id}/entry", "/staff/surveys/{id}/print"])
def test_help_desk_staff_and_planners_reach_paper_entry(browser, signed_in, make_survey, role, status, url):
    ids = make_survey()
    client = signed_in(role) if role else browser
    assert client.get(url.format(id=ids["survey"])).status_code == status


def test_planner_builds_a_survey_from_scratch(signed_in, app):
    planner = signed_in("planner")
    response = planner.submit("/planner/surveys/new", {
        "title_ja": "公園の利用調査", "title_en": "Park survey", "intro_ja": "ご協力ください。",
        "opens_on": "2026-01-01", "closes_on": "2026-12-31", "audience": "everyone", "anonymous": "yes"})
    assert response.status_code == 302
    with app.app_context():
        survey = db.session.scalars(sa.select(Survey)).one()
        survey_id, section_id = survey.id, survey.sections[0].id
        assert survey.status == "draft" and survey.title == {"ja": "公園の利用調査", "en": "Park survey"}
    added = planner.submit(f"/planner/surveys/{survey_id}/questions/new", {
        "section_id": section_id, "kind": "single", "text_ja": "よく行く公園は", "required": "y",
        "options": "中央公園 | ちゅうおう こうえん | Central Park\n北公園"})
    assert added.status_code == 302
    planner.submit(f"/planner/surveys/{survey_id}/questions/new", {
        "section_id": section_id, "kind": "rating", "text_ja": "満足度", "scale_max": "7",
        "low_label": "不満 | よくない | Unhappy", "high_label": "満足"})
    with app.app_context():
        first, second = db.session.get(Survey, survey_id).ordered_questions()
        assert first.options[0] == {"value": "1", "text": {"ja": "中央公園", "ja-easy": "ちゅうおう こうえん",
                                                            "en": "Central Park"}}
        assert first.required and second.scale_max == 7 and second.low_label["en"] == "Unhappy"
        first_id, second_id = first.id, second.id
    planner.post(f"/planner/surveys/{survey_id}/questions/{second_id}/move", {"direction": "up"},
                 token_from=f"/planner/surveys/{survey_id}/")
    assert [q[0] for q in questions_of(app, survey_id)] == [second_id, first_id]
    planner.post(f"/planner/surveys/{survey_id}/questions/{first_id}/delete",
                 token_from=f"/planner/surveys/{survey_id}/")
    assert [q[0] for q in questions_of(app, survey_id)] == [second_id]
    planner.post(f"/planner/surveys/{survey_id}/profile-questions", token_from=f"/planner/surveys/{survey_id}/")
    texts = [q[1] for q in questions_of(app, survey_id)]
    assert texts[1:] == ["あなたの年代を教えてください。", "お住まいの地区を教えてください。",
                         "スマートフォンをふだんどのように使っていますか。"]
    published = planner.post(f"/planner/surveys/{survey_id}/publish", token_from=f"/planner/surveys/{survey_id}/")
    assert published.status_code == 302
    with app.app_context():
        assert db.session.get(Survey, survey_id).status == "published"


def test_a_choice_question_needs_two_choices(signed_in, make_survey, app):
    ids = make_survey(status="draft")
    planner = signed_in("planner")
    with app.app_context():
        section_id = db.session.get(Survey, ids["survey"]).sections[0].id
    response = planner.submit(f"/planner/surveys/{ids['survey']}/questions/new?lang=en", {
        "section_id": section_id, "kind": "multiple", "text_ja": "一つだけ", "options": "これだけ"})
    assert response.status_code == 422
    assert "Please give at least two choices" in response.get_data(as_text=True)


def test_a_condition_must_use_an_earlier_page(signed_in, make_survey, app):
    ids = make_survey(status="draft")
    planner = signed_in("planner")
    with app.app_context():
        first_section = db.session.get(Survey, ids["survey"]).sections[0].id
    response = planner.submit(f"/planner/surveys/{ids['survey']}/questions/new?lang=en", {
        "section_id": first_section, "kind": "short_text", "text_ja": "同じページ",
        "condition": f"{ids['colour']}:1"})
    assert response.status_code == 422
    assert "earlier page" in response.get_data(as_text=True)


def test_structure_is_locked_once_there_are_answers_but_wording_can_change(signed_in, make_survey, add_response,
                                                                            app):
    ids = make_survey()
    add_response(ids["survey"], {ids["colour"]: "1"})
    planner = signed_in("planner")
    page = planner.get(f"/planner/surveys/{ids['survey']}/?lang=en").get_data(as_text=True)
    assert "already has answers" in page
    refused = planner.post(f"/planner/surveys/{ids['survey']}/questions/{ids['colour']}/delete",
                           token_from=f"/planner/surveys/{ids['survey']}/")
    assert refused.status_code == 302
    assert any(q[0] == ids["colour"] for q in questions_of(app, ids["survey"]))
    flashed = planner.get(f"/planner/surveys/{ids['survey']}/?lang=en").get_data(as_text=True)
    assert "can no longer change" in flashed
    edited = planner.submit(f"/planner/surveys/{ids['survey']}/questions/{ids['colour']}/edit", {
        "text_ja": "一番好きな色は", "options": "あか\nあお\nみどり"})
    assert edited.status_code == 302
    with app.app_context():
        question = db.session.get(Question, ids["colour"])
        assert question.text["ja"] == "一番好きな色は"
        assert [o["value"] for o in question.options] == ["1", "2", "3"]
        assert question.options[0]["text"]["ja"] == "あか" and question.required
    fewer = planner.submit(f"/planner/surveys/{ids['survey']}/questions/{ids['colour']}/edit?lang=en", {
        "text_ja": "一番好きな色は", "options": "あか\nあお"})
    assert fewer.status_code == 422 and "already has answers" in fewer.get_data(as_text=True)


def test_transitions_refuse_the_wrong_order(make_survey, app):
    from civic.surveys.models import SurveyError

    ids = make_survey(status="draft")
    with app.app_context():
        survey = db.session.get(Survey, ids["survey"])
        with pytest.raises(SurveyError):
            survey.close()
        with pytest.raises(SurveyError):
            survey.publish_results()
        survey.publish()
        with pytest.raises(SurveyError):
            survey.publish()
        survey.close()
        survey.publish_results()
        assert survey.results_published


def test_pages_can_be_renamed_and_empty_ones_deleted(signed_in, make_survey, app):
    from civic.surveys.models import Section

    ids = make_survey(status="draft", profile=False)
    planner = signed_in("planner")
    planner.submit(f"/planner/surveys/{ids['survey']}/", {"section_title": "追加ページ | ついか | Extra"},
                   action=f"/planner/surveys/{ids['survey']}/sections")
    with app.app_context():
        sections = db.session.get(Survey, ids["survey"]).sections
        first_id, extra_id = sections[0].id, sections[-1].id
        assert len(sections) == 3 and sections[-1].title == {"ja": "追加ページ", "ja-easy": "ついか", "en": "Extra"}
    renamed = planner.submit(f"/planner/surveys/{ids['survey']}/sections/{first_id}/edit",
                             {"section_title": "はじめに"})
    assert renamed.status_code == 302
    planner.post(f"/planner/surveys/{ids['survey']}/sections/{first_id}/delete",
                 token_from=f"/planner/surveys/{ids['survey']}/")  # has questions: refused
    planner.post(f"/planner/surveys/{ids['survey']}/sections/{extra_id}/delete",
                 token_from=f"/planner/surveys/{ids['survey']}/")
    with app.app_context():
        remaining = db.session.scalars(sa.select(Section).order_by(Section.position)).all()
        assert [(s.id, s.title.get("ja")) for s in remaining][0] == (first_id, "はじめに")
        assert extra_id not in [s.id for s in remaining] and len(remaining) == 2
