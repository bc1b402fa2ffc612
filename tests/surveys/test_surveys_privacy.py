"""Nobody reaches another person's answers; planners' reading and exporting of answers is audited."""
import pytest

from civic.audit.models import AuditEvent
from civic.extensions import db
from tests.helpers import Browser
from tests.surveys.test_surveys_answering import answer_page_one, start


def test_another_resident_never_sees_my_answers(app, make_user, make_survey):
    ids = make_survey(audience="signed_in", anonymous=False, profile=False)
    alice, bob = make_user(), make_user()
    first = Browser(app.test_client())
    first.sign_in(alice.email)
    start(first, ids["survey"])
    first.submit(f"/surveys/{ids['survey']}/page/1", {f"q{ids['colour']}": "2", f"q{ids['tools']}": ["1"],
                                                       f"q{ids['info']}": "other", f"q{ids['info']}_other": "秘密の情報源"})
    first.submit(f"/surveys/{ids['survey']}/review", {}, action=f"/surveys/{ids['survey']}/submit")

    second = Browser(app.test_client())
    second.sign_in(bob.email)
    survey_page = second.get(f"/surveys/{ids['survey']}/?lang=en").get_data(as_text=True)
    assert "Check or correct my answers" not in survey_page
    # Even with Alice's survey cookie copied into his browser, Bob sees none of her answers.
    cookie_name, cookie_path = f"civic_survey_{ids['survey']}", f"/surveys/{ids['survey']}/"
    alices_cookie = first.client.get_cookie(cookie_name, path=cookie_path)
    if alices_cookie is not None:
        second.client.set_cookie(cookie_name, alices_cookie.value, domain="localhost", path=cookie_path)
    for path in ("/", "/page/1", "/page/2", "/review"):
        html = second.get(f"/surveys/{ids['survey']}{path}").get_data(as_text=True)
        assert "秘密の情報源" not in html, path


def test_a_tampered_draft_cookie_is_ignored(app, browser, make_survey):
    ids = make_survey()
    start(browser, ids["survey"])
    answer_page_one(browser, ids)
    browser.client.set_cookie(f"civic_survey_{ids['survey']}", "1.tampered-signature", domain="localhost",
                              path=f"/surveys/{ids['survey']}/")
    response = browser.get(f"/surveys/{ids['survey']}/page/2")
    assert response.status_code == 302 and response.headers["Location"].endswith(f"/surveys/{ids['survey']}/")


@pytest.mark.parametrize("role, expected", [(None, 302), ("resident", 403), ("helpdesk", 403), ("planner", 200)])
def test_only_planners_read_and_export_answers(browser, signed_in, make_survey, add_response, role, expected):
    ids = make_survey()
    add_response(ids["survey"], {ids["colour"]: "1", ids["comment"]: "自由記述の回答"})
    client = signed_in(role) if role else browser
    assert client.get(f"/planner/surveys/{ids['survey']}/results").status_code == expected
    assert client.get(f"/planner/surveys/{ids['survey']}/export/download?format=csv&language=ja"
                      ).status_code == expected


def test_planner_reading_and_exporting_answers_is_audited(app, signed_in, make_survey, add_response):
    ids = make_survey()
    add_response(ids["survey"], {ids["colour"]: "1"})
    planner = signed_in("planner")
    planner.get(f"/planner/surveys/{ids['survey']}/results")
    planner.get(f"/planner/surveys/{ids['survey']}/export/download?format=csv&language=ja")
    with app.app_context():
        events = [(e.action, e.target_id, e.actor_email) for e in db.session.scalars(
            db.select(AuditEvent).where(AuditEvent.action.like("survey.%")).order_by(AuditEvent.id))]
    assert events == [("survey.results_viewed", str(ids["survey"]), planner.user.email),
                      ("survey.exported", str(ids["survey"]), planner.user.email)]
