"""Residents answer a survey page by page, on any phone, without losing anything."""
import re

import pytest
import sqlalchemy as sa

from civic.extensions import db
from civic.surveys.models import SurveyDraft, SurveyParticipant, SurveyResponse


def start(browser, survey_id):
    response = browser.submit(f"/surveys/{survey_id}/", {}, action=f"/surveys/{survey_id}/start")
    assert response.status_code == 302
    return response


def answer_page_one(browser, ids, colour="2"):
    return browser.submit(f"/surveys/{ids['survey']}/page/1",
                          {f"q{ids['colour']}": colour, f"q{ids['tools']}": ["1", "2"],
                           f"q{ids['info']}": "other", f"q{ids['info']}_other": "家族から"})


def responses(app):
    with app.app_context():
        return list(db.session.scalars(sa.select(SurveyResponse)))


def test_open_surveys_are_listed_with_their_length_and_drafts_are_not(client, make_survey):
    make_survey(title="公開中の調査")
    make_survey(status="draft", title="下書きの調査")
    html = client.get("/surveys/?lang=ja").get_data(as_text=True)
    assert "公開中の調査" in html and "下書きの調査" not in html
    assert re.search(r"約\s*\d+\s*分", html)
    assert "公開中の調査" in client.get("/?lang=ja").get_data(as_text=True)


def test_a_whole_survey_answered_page_by_page(browser, app, make_survey):
    ids = make_survey()
    start(browser, ids["survey"])
    page = browser.get(f"/surveys/{ids['survey']}/page/1?lang=en").get_data(as_text=True)
    assert "1 / 3" in page and "Favourite colour" in page
    assert answer_page_one(browser, ids).headers["Location"].endswith(f"/surveys/{ids['survey']}/page/2")
    page_two = browser.get(f"/surveys/{ids['survey']}/page/2").get_data(as_text=True)
    assert "2 / 3" in page_two
    assert "Why red" not in page_two  # the condition (colour is red) is not met
    response = browser.submit(f"/surveys/{ids['survey']}/page/2",
                              {f"q{ids['rating']}": "4", f"q{ids['age']}": "６７", f"q{ids['when']}": "2026-10-01",
                               f"q{ids['matrix']}_1": "3", f"q{ids['matrix']}_2": "1",
                               f"q{ids['comment']}": "とても良い"})
    assert response.headers["Location"].endswith("/page/3")
    response = browser.submit(f"/surveys/{ids['survey']}/page/3", {f"q{ids['district']}": "2"})
    assert response.headers["Location"].endswith("/review")
    review = browser.get(f"/surveys/{ids['survey']}/review?lang=ja").get_data(as_text=True)
    assert "その他: 家族から" in review and "とても良い" in review
    sent = browser.submit(f"/surveys/{ids['survey']}/review", {}, action=f"/surveys/{ids['survey']}/submit")
    assert sent.headers["Location"].endswith("/thanks")
    thanks = browser.get(f"/surveys/{ids['survey']}/thanks?lang=en").get_data(as_text=True)
    assert "What happens next" in thanks
    [saved] = responses(app)
    assert saved.channel == "web" and saved.user_id is None
    assert saved.answers[str(ids["colour"])] == "2"
    assert saved.answers[str(ids["tools"])] == ["1", "2"]
    assert saved.answers[str(ids["info"])] == {"choice": "other", "text": "家族から"}
    assert saved.answers[str(ids["age"])] == 67
    assert saved.answers[str(ids["matrix"])] == {"1": 3, "2": 1}
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(SurveyDraft)) == 0


def test_errors_are_shown_next_to_the_question_and_typed_answers_kept(browser, make_survey):
    ids = make_survey()
    start(browser, ids["survey"])
    answer_page_one(browser, ids)
    response = browser.submit(f"/surveys/{ids['survey']}/page/2?lang=en",
                              {f"q{ids['age']}": "two hundred", f"q{ids['comment']}": "途中の意見"})
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert re.search(rf'id="q{ids["age"]}-error"[^>]*><span>Please write a number', html)
    assert 'value="two hundred"' in html and "途中の意見" in html
    # a reload (or coming back later) keeps what was valid, from the server-side draft
    again = browser.get(f"/surveys/{ids['survey']}/page/2").get_data(as_text=True)
    assert "途中の意見" in again


def test_required_question_unanswered_is_refused(browser, make_survey):
    ids = make_survey()
    start(browser, ids["survey"])
    response = browser.submit(f"/surveys/{ids['survey']}/page/1?lang=en", {f"q{ids['tools']}": ["1"]})
    assert response.status_code == 422
    assert "Please answer this question." in response.get_data(as_text=True)
    too_many = browser.submit(f"/surveys/{ids['survey']}/page/1?lang=en",
                              {f"q{ids['colour']}": "1", f"q{ids['tools']}": ["1", "2", "3"]})
    assert "Please choose at most 2." in too_many.get_data(as_text=True)


def test_going_back_keeps_the_answers(browser, make_survey):
    ids = make_survey()
    start(browser, ids["survey"])
    answer_page_one(browser, ids, colour="1")
    back = browser.submit(f"/surveys/{ids['survey']}/page/2", {f"q{ids['why']}": "情熱の色", "action": "back"})
    assert back.headers["Location"].endswith("/page/1")
    page_one = browser.get(f"/surveys/{ids['survey']}/page/1").get_data(as_text=True)
    assert re.search(rf'name="q{ids["colour"]}" value="1" checked', page_one)
    assert 'value="家族から"' in page_one
    page_two = browser.get(f"/surveys/{ids['survey']}/page/2?lang=en").get_data(as_text=True)
    assert "Why red" in page_two and 'value="情熱の色"' in page_two


def test_an_open_survey_takes_one_answer_per_browser(browser, app, make_survey):
    ids = make_survey(profile=False)
    start(browser, ids["survey"])
    answer_page_one(browser, ids)
    browser.submit(f"/surveys/{ids['survey']}/review", {}, action=f"/surveys/{ids['survey']}/submit")
    page = browser.get(f"/surveys/{ids['survey']}/?lang=en").get_data(as_text=True)
    assert "You have answered this survey already" in page
    again = browser.post(f"/surveys/{ids['survey']}/start", token_from="/account/signin")
    assert again.headers["Location"].endswith(f"/surveys/{ids['survey']}/")
    assert len(responses(app)) == 1


@pytest.mark.parametrize("config_overrides", [{"RATELIMIT_SURVEY_SUBMIT": "2 per hour"}])
def test_anonymous_answers_are_rate_limited(app, make_survey, config_overrides):
    from tests.helpers import Browser

    ids = make_survey(profile=False)
    statuses = []
    for _ in range(3):  # three browsers (fresh cookies) from the same address
        browser = Browser(app.test_client())
        start(browser, ids["survey"])
        answer_page_one(browser, ids)
        statuses.append(browser.submit(f"/surveys/{ids['survey']}/review", {},
                                       action=f"/surveys/{ids['survey']}/submit").status_code)
    assert statuses == [302, 302, 429]
    assert len(responses(app)) == 2


def test_sign_in_survey_needs_an_account(client, make_survey):
    ids = make_survey(audience="signed_in")
    html = client.get(f"/surveys/{ids['survey']}/?lang=en").get_data(as_text=True)
    assert "Sign in to answer" in html and "Start the survey" not in html


def test_anonymous_sign_in_survey_keeps_who_answered_apart_from_the_answers(signed_in, app, make_survey):
    ids = make_survey(audience="signed_in", anonymous=True, profile=False)
    browser = signed_in("resident")
    start(browser, ids["survey"])
    answer_page_one(browser, ids)
    browser.submit(f"/surveys/{ids['survey']}/review", {}, action=f"/surveys/{ids['survey']}/submit")
    [saved] = responses(app)
    assert saved.user_id is None
    with app.app_context():
        participants = list(db.session.scalars(sa.select(SurveyParticipant)))
        assert [(p.survey_id, p.user_id) for p in participants] == [(ids["survey"], browser.user.id)]
        assert {column.name for column in SurveyParticipant.__table__.columns} == {"survey_id", "user_id"}
    # the same account cannot answer again, even from another browser
    browser.client.delete_cookie(f"civic_survey_{ids['survey']}", path=f"/surveys/{ids['survey']}/")
    refused = browser.submit(f"/surveys/{ids['survey']}/", {}, action=f"/surveys/{ids['survey']}/start")
    assert refused.headers["Location"].endswith(f"/surveys/{ids['survey']}/")
    assert len(responses(app)) == 1


def test_named_sign_in_survey_answers_can_be_corrected_until_it_closes(signed_in, app, make_survey):
    ids = make_survey(audience="signed_in", anonymous=False, profile=False)
    browser = signed_in("resident")
    start(browser, ids["survey"])
    answer_page_one(browser, ids, colour="2")
    browser.submit(f"/surveys/{ids['survey']}/review", {}, action=f"/surveys/{ids['survey']}/submit")
    [saved] = responses(app)
    assert saved.user_id == browser.user.id
    page = browser.get(f"/surveys/{ids['survey']}/?lang=en").get_data(as_text=True)
    assert "Check or correct my answers" in page
    revise = browser.submit(f"/surveys/{ids['survey']}/", {}, action=f"/surveys/{ids['survey']}/revise")
    assert revise.headers["Location"].endswith("/page/1")
    page_one = browser.get(f"/surveys/{ids['survey']}/page/1").get_data(as_text=True)
    assert re.search(rf'name="q{ids["colour"]}" value="2" checked', page_one)
    answer_page_one(browser, ids, colour="3")
    browser.submit(f"/surveys/{ids['survey']}/review", {}, action=f"/surveys/{ids['survey']}/submit")
    [corrected] = responses(app)
    assert corrected.id == saved.id and corrected.answers[str(ids["colour"])] == "3"
    assert corrected.updated_at is not None
    # once closed, no more corrections
    from civic.surveys.models import Survey

    with app.app_context():
        db.session.get(Survey, ids["survey"]).close()
        db.session.commit()
    closed = browser.get(f"/surveys/{ids['survey']}/?lang=en").get_data(as_text=True)
    assert "Check or correct my answers" not in closed and "not open for answers" in closed


def test_answering_without_a_draft_sends_the_person_to_the_start(client, make_survey):
    ids = make_survey()
    response = client.get(f"/surveys/{ids['survey']}/page/1")
    assert response.status_code == 302 and response.headers["Location"].endswith(f"/surveys/{ids['survey']}/")


def test_a_closed_survey_takes_no_answers(browser, make_survey):
    ids = make_survey(status="closed")
    html = browser.get(f"/surveys/{ids['survey']}/?lang=en").get_data(as_text=True)
    assert "not open for answers" in html
    refused = browser.post(f"/surveys/{ids['survey']}/start", token_from="/account/signin")
    assert refused.headers["Location"].endswith(f"/surveys/{ids['survey']}/")


def test_easy_japanese_falls_back_to_japanese_and_says_so(client, make_survey):
    ids = make_survey()
    html = client.get(f"/surveys/{ids['survey']}/?lang=ja-easy").get_data(as_text=True)
    assert "テスト調査" in html and 'class="badge fallback"' in html
    english = client.get(f"/surveys/{ids['survey']}/?lang=en").get_data(as_text=True)
    assert "Test survey" in english and 'class="badge fallback"' not in english
