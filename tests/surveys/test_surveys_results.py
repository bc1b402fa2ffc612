"""Planners read results: counts, charts, averages, free text, cross-tabs, channels; residents see published
aggregates with small cells suppressed."""
import re

import pytest

from civic.extensions import db
from civic.surveys.models import Survey


@pytest.fixture
def answered(make_survey, add_response):
    ids = make_survey()
    for number in range(6):
        add_response(ids["survey"], {ids["colour"]: "1", ids["rating"]: 4, ids["age_band"]: "3",
                                     ids["comment"]: f"バスの本数を増やして{number}"}, channel="web", days_ago=1)
    for number in range(2):
        add_response(ids["survey"], {ids["colour"]: "2", ids["rating"]: 1, ids["age_band"]: "7",
                                     ids["comment"]: "紙の申請を残して"}, channel="paper")
    return ids


def test_results_show_counts_percentages_charts_and_averages(signed_in, answered):
    planner = signed_in("planner")
    html = planner.get(f"/planner/surveys/{answered['survey']}/results?lang=en").get_data(as_text=True)
    assert "8 responses" in html
    assert re.search(r"<th scope=\"row\">赤</th><td>6</td>\s*<td>75.0</td>", html)
    assert "Average: 3.25" in html  # (6×4 + 2×1) / 8
    assert '<svg class="bar-chart"' in html and "6 (75%)" in html  # the chart writes its numbers
    assert "2026-11-19" in html and "2026-11-20" in html  # responses over time, by day in Japan time
    assert "紙の申請を残して" in html


def test_results_filter_by_channel_and_search_written_answers(signed_in, answered):
    planner = signed_in("planner")
    paper = planner.get(f"/planner/surveys/{answered['survey']}/results?channel=paper&lang=en").get_data(as_text=True)
    assert "2 responses" in paper and "バスの本数" not in paper
    found = planner.get(f"/planner/surveys/{answered['survey']}/results?q=増やして3&lang=en").get_data(as_text=True)
    assert "バスの本数を増やして3" in found and "バスの本数を増やして4" not in found


def test_crosstab_against_a_profile_question(signed_in, answered):
    planner = signed_in("planner")
    html = planner.get(f"/planner/surveys/{answered['survey']}/crosstab?question={answered['colour']}"
                       f"&profile={answered['age_band']}&lang=ja").get_data(as_text=True)
    row = re.search(r"<tr><th scope=\"row\">赤</th>(.*?)</tr>", html).group(1)
    cells = re.findall(r"<td>(.*?)</td>", row)
    assert cells[2] == "6 (100.0%)" and cells[6] == "0 (0.0%)"  # 30代 column, 70代 column
    blue = re.findall(r"<td>(.*?)</td>", re.search(r"<tr><th scope=\"row\">青</th>(.*?)</tr>", html).group(1))
    assert blue[6] == "2 (100.0%)"


def test_published_results_suppress_cells_below_five(signed_in, client, answered, app):
    assert client.get(f"/surveys/{answered['survey']}/results").status_code == 404
    planner = signed_in("planner")
    refused = planner.post(f"/planner/surveys/{answered['survey']}/publish-results",
                           token_from=f"/planner/surveys/{answered['survey']}/")
    assert refused.status_code == 302
    with app.app_context():
        assert not db.session.get(Survey, answered["survey"]).results_published  # still open: refused
    planner.post(f"/planner/surveys/{answered['survey']}/close", token_from=f"/planner/surveys/{answered['survey']}/")
    planner.post(f"/planner/surveys/{answered['survey']}/publish-results",
                 token_from=f"/planner/surveys/{answered['survey']}/")
    html = app.test_client().get(f"/surveys/{answered['survey']}/results?lang=ja").get_data(as_text=True)
    assert re.search(r"<th scope=\"row\">赤</th><td>6</td>", html)
    assert re.search(r"<th scope=\"row\">青</th><td>&lt;5</td>", html)  # 2 people: suppressed
    assert "紙の申請を残して" not in html and "バスの本数" not in html  # no free text in public results
    page = app.test_client().get(f"/surveys/{answered['survey']}/?lang=en").get_data(as_text=True)
    assert f"/surveys/{answered['survey']}/results" in page
