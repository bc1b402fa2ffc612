"""Survey pages follow the site's rules: no inline script or style, and a query count that does not grow with
the number of responses."""
import re

import pytest
from civic.extensions import db


def assert_clean(html, url):
    assert not re.search(r"<script(?![^>]*\bsrc=)", html), url
    assert " style=" not in html and "<style" not in html, url


def test_resident_pages_have_no_inline_script_or_style(browser, make_survey):
    ids = make_survey()
    for url in ("/", "/surveys/", f"/surveys/{ids['survey']}/"):
        assert_clean(browser.get(url).get_data(as_text=True), url)
    browser.submit(f"/surveys/{ids['survey']}/", {}, action=f"/surveys/{ids['survey']}/start")
    for url in (f"/surveys/{ids['survey']}/page/1", f"/surveys/{ids['survey']}/page/2",
                f"/surveys/{ids['survey']}/review"):
        response = browser.get(url)
        assert response.status_code == 200, url
        assert_clean(response.get_data(as_text=True), url)


def test_staff_pages_have_no_inline_script_or_style(signed_in, make_survey, add_response):
    ids = make_survey()
    add_response(ids["survey"], {ids["colour"]: "1", ids["age_band"]: "2"})
    planner = signed_in("planner")
    for url in ("/planner/", "/planner/surveys/", "/planner/surveys/new", f"/planner/surveys/{ids['survey']}/",
                f"/planner/surveys/{ids['survey']}/settings", f"/planner/surveys/{ids['survey']}/questions/new",
                f"/planner/surveys/{ids['survey']}/questions/{ids['matrix']}/edit",
                f"/planner/surveys/{ids['survey']}/results",
                f"/planner/surveys/{ids['survey']}/crosstab?question={ids['colour']}&profile={ids['age_band']}",
                f"/planner/surveys/{ids['survey']}/export", "/staff/surveys/",
                f"/staff/surveys/{ids['survey']}/entry", f"/staff/surveys/{ids['survey']}/print?lang=ja-easy"):
        response = planner.get(url)
        assert response.status_code == 200, url
        assert_clean(response.get_data(as_text=True), url)
    assert "/planner/surveys/" in planner.get("/planner/").get_data(as_text=True)


@pytest.mark.parametrize("url", ["/planner/surveys/{id}/results", "/planner/surveys/{id}/"])
def test_query_count_does_not_grow_with_responses(signed_in, make_survey, add_response, app, url):
    from sqlalchemy import event

    ids = make_survey()
    planner = signed_in("planner")

    def count_queries():
        statements = []

        def record(*args):
            statements.append(args[2])

        with app.app_context():
            engine = db.engine
        event.listen(engine, "before_cursor_execute", record)
        try:
            assert planner.get(url.format(id=ids["survey"])).status_code == 200
        finally:
            event.remove(engine, "before_cursor_execute", record)
        return len(statements)

    add_response(ids["survey"], {ids["colour"]: "1"})
    few = count_queries()
    for number in range(20):
        add_response(ids["survey"], {ids["colour"]: "2", ids["comment"]: f"意見{number}"})
    assert count_queries() == few
