"""Open data: the documentation page, JSON and CSV datasets with their licence, only published survey results, and
no group of fewer than 5 people revealed anywhere outside the staff area."""
import csv
import io

import pytest
import sqlalchemy as sa

from civic.extensions import db
from civic.surveys.models import Survey

COUNT_KEYS = {"count", "answered", "respondents", "sessions_booked", "residents_helped", "resolved"}


@pytest.fixture
def published(app, runner):
    """The demo content with the demo survey closed and its results published."""
    assert runner.invoke(args=["seed-demo"]).exit_code == 0
    with app.app_context():
        survey = db.session.scalars(sa.select(Survey)).one()
        survey.close()
        survey.publish_results()
        db.session.commit()
        return survey.id


def walk(value, path=""):
    """Every (key path, value) in a JSON document."""
    if isinstance(value, dict):
        for key, item in value.items():
            yield from walk(item, f"{path}.{key}")
    elif isinstance(value, list):
        for item in value:
            yield from walk(item, path + "[]")
    else:
        yield path, value


def assert_json_suppressed(document):
    checked = 0
    for path, value in walk(document["data"]):
        key = path.rsplit(".", 1)[-1]
        if key in COUNT_KEYS:
            checked += 1
            assert value is None or value >= 5, f"{path} reveals a group of {value}"
        if key == "percent" and value is not None:
            checked += 1
    return checked


def assert_csv_suppressed(text, columns):
    rows = list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))
    for row in rows:
        for column in columns:
            cell = row[column]
            assert cell in ("<5", "") or float(cell) >= 5 or column == "percent", f"{column}={cell} in {row}"
    return rows


def test_every_public_output_hides_groups_under_five(client, published):
    catalogue = client.get("/api/v1/").get_json()
    assert catalogue["licence"]["name"] == "CC BY 4.0"
    urls = [item[kind] for item in catalogue["data"] for kind in ("json", "csv") if kind in item]
    assert any(f"/surveys/{published}.csv" in url for url in urls)
    checked = 0
    for url in urls:
        path = url.split("localhost", 1)[-1]
        response = client.get(path)
        assert response.status_code == 200, path
        if path.endswith(".json"):
            document = response.get_json()
            assert document["licence"]["name"] == "CC BY 4.0" and document["suppressed_below"] == 5
            checked += assert_json_suppressed(document)
        else:
            text = response.get_data(as_text=True)
            assert 'rel="license"' in response.headers["Link"]
            header = text.lstrip("\ufeff").splitlines()[0].split(",")
            columns = [c for c in header if c in ("count", "answered")]
            assert_csv_suppressed(text, columns)
            if "survey-" in response.headers["Content-Disposition"]:
                assert "<5" in text  # the demo has small groups (e.g. 80 or over in a small district)
    assert checked > 100
    # The residents' results page suppresses small cells too.
    html = client.get(f"/surveys/{published}/results?lang=en").get_data(as_text=True)
    assert "&lt;5" in html


def test_survey_cross_tab_cells_suppressed(client, published):
    data = client.get(f"/api/v1/surveys/{published}.json").get_json()["data"]
    site = next(q for q in data["questions"] if q["text"]["ja"] == "市のホームページをどのくらい見ますか。")
    by_group = site["by_group"]
    assert {g["group"] for g in by_group} == {"age_band", "district"}
    small = [c for g in by_group for c in g["choices"] if c["count"] is None]
    assert small and all(c["percent"] is None for c in small)
    shown = [c for g in by_group for c in g["choices"] if c["count"] is not None]
    assert shown and all(c["count"] >= 5 for c in shown)
    outside = next(g for g in by_group if g["group"] == "district" and g["group_text"]["en"] == "Outside the city")
    assert outside["answered"] is None or outside["answered"] >= 5


def test_no_personal_data_or_free_text(client, published):
    texts = [client.get(path).get_data(as_text=True) for path in (
        f"/api/v1/surveys/{published}.json", f"/api/v1/surveys/{published}.csv", "/api/v1/helpdesk/monthly.json",
        "/api/v1/helpdesk/monthly.csv", "/api/v1/initiatives.json")]
    for text in texts:
        for personal in ("ひかり 花子", "090", "example.jp\"", "紙の申請も残してください", "hanako"):
            assert personal not in text


def test_unpublished_survey_results_are_not_open(client, app, runner):
    assert runner.invoke(args=["seed-demo"]).exit_code == 0
    with app.app_context():
        survey_id = db.session.scalars(sa.select(Survey.id)).one()
    assert client.get(f"/api/v1/surveys/{survey_id}.json").status_code == 404
    assert client.get(f"/api/v1/surveys/{survey_id}.csv").status_code == 404
    assert client.get("/api/v1/surveys.json").get_json()["data"] == []


def test_initiatives_with_kpis(client, published):
    data = client.get("/api/v1/initiatives.json").get_json()["data"]
    bus = next(i for i in data if i["id"] == "ai-demand-bus")
    assert bus["kpis"] and bus["kpis"][0]["values"]
    text = client.get("/api/v1/initiatives.csv").get_data(as_text=True)
    assert text.startswith("\ufeffinitiative,title_ja") and "ai-demand-bus" in text


@pytest.mark.parametrize("lang, words", [("ja", "オープンデータ"), ("ja-easy", "オープンデータ"), ("en", "Open data")])
def test_documentation_page_in_three_languages_with_licence(client, published, lang, words):
    html = client.get(f"/api/?lang={lang}").get_data(as_text=True)
    assert words in html and "CC BY 4.0" in html and 'rel="license"' in html
    assert html.count("CC BY 4.0") >= 4  # once in the licence section and once with each dataset
    assert "style=" not in html


@pytest.fixture
def config_overrides():
    return {}


def test_api_is_rate_limited(app, client):
    app.config["RATELIMIT_OPEN_DATA"] = "3 per minute"
    statuses = [client.get("/api/v1/initiatives.json").status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
