"""Help-desk staff and planners type in paper and phone answers, and print questionnaires."""
import re

import sqlalchemy as sa

from civic.extensions import db
from civic.surveys.models import SurveyResponse


def test_staff_enters_paper_answers_one_after_another(signed_in, make_survey, app):
    ids = make_survey()
    staff = signed_in("helpdesk")
    url = f"/staff/surveys/{ids['survey']}/entry"
    form = staff.get(url).get_data(as_text=True)
    assert "autofocus" in form and 'name="channel"' in form
    first = staff.submit(url, {"channel": "paper", f"q{ids['colour']}": "1", f"q{ids['why']}": "元気が出る",
                               f"q{ids['matrix']}_1": "2"})
    assert first.status_code == 302 and first.headers["Location"].endswith(f"{url}?channel=paper")
    next_form = staff.get(first.headers["Location"] + "&lang=en").get_data(as_text=True)
    assert "を保存しました。続けて次の回答を入力できます。" in next_form
    assert '<option selected value="paper">' in next_form or 'value="paper" selected' in next_form
    second = staff.submit(url, {"channel": "phone", f"q{ids['age']}": "81"})  # required colour left blank: paper
    assert second.status_code == 302
    with app.app_context():
        rows = list(db.session.scalars(sa.select(SurveyResponse).order_by(SurveyResponse.id)))
        assert [(r.channel, r.entered_by_id) for r in rows] == [("paper", staff.user.id), ("phone", staff.user.id)]
        assert rows[0].answers == {str(ids["colour"]): "1", str(ids["why"]): "元気が出る",
                                   str(ids["matrix"]): {"1": 2}}
        assert rows[1].answers == {str(ids["age"]): 81}


def test_entry_errors_keep_what_was_typed(signed_in, make_survey, app):
    ids = make_survey()
    staff = signed_in("planner")
    response = staff.submit(f"/staff/surveys/{ids['survey']}/entry?lang=en",
                            {"channel": "interview", f"q{ids['age']}": "300", f"q{ids['comment']}": "聞き取り内容"})
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert "Please write a number of at most 120." in html and "聞き取り内容" in html
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(SurveyResponse)) == 0


def test_printable_survey_in_easy_japanese(signed_in, make_survey):
    ids = make_survey()
    staff = signed_in("helpdesk")
    html = staff.get(f"/staff/surveys/{ids['survey']}/print?lang=ja-easy").get_data(as_text=True)
    html = re.sub(r"<rp>.*?</rp>|<rt>.*?</rt>|<[^>]+>", "", html)  # read as text, without the furigana
    assert "好きな色は" in html and "□" in html and "まだ" in html
    english = staff.get(f"/staff/surveys/{ids['survey']}/print?lang=en").get_data(as_text=True)
    assert "Favourite colour" in english


def test_entry_is_refused_for_a_closed_survey(signed_in, make_survey):
    ids = make_survey(status="closed")
    staff = signed_in("helpdesk")
    response = staff.get(f"/staff/surveys/{ids['survey']}/entry")
    assert response.status_code == 302
