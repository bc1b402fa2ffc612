"""Open data: /api/ (a page for developers and citizens) and /api/v1/ (JSON and CSV), public and read-only."""
from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from flask import Blueprint, Response, abort, current_app, jsonify, render_template, url_for

from civic.api import datasets
from civic.extensions import limiter
from civic.site.home import HomeSection, home_section
from civic.spreadsheet import csv_rows
from civic.surveys import queries as survey_queries

bp = Blueprint("api", __name__, url_prefix="/api")
limiter.limit(lambda: current_app.config["RATELIMIT_OPEN_DATA"])(bp)
JST = ZoneInfo("Asia/Tokyo")


def today():
    return datetime.now(JST).date()


def licence() -> dict:
    return {"name": current_app.config["OPEN_DATA_LICENCE"], "url": current_app.config["OPEN_DATA_LICENCE_URL"],
            "attribution": current_app.config["SITE_NAME"]}


def _json(dataset: str, data) -> Response:
    response = jsonify({"dataset": dataset, "licence": licence(), "generated_on": today().isoformat(),
                        "suppressed_below": datasets.SUPPRESS_BELOW, "data": data})
    response.headers["Access-Control-Allow-Origin"] = "*"
    return response


def _csv(filename: str, header: list[str], rows) -> Response:
    response = Response(csv_rows(header, rows), mimetype="text/csv")
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.headers["Link"] = f'<{licence()["url"]}>; rel="license"'
    response.headers["Access-Control-Allow-Origin"] = "*"
    return response


@bp.get("/")
def index():
    return render_template("api/index.html", licence=licence(), surveys=datasets.published_surveys(),
                           suppress_below=datasets.SUPPRESS_BELOW)


@bp.get("/v1/")
def catalogue():
    items = [
        {"dataset": "initiatives", "json": url_for(".initiatives_json", _external=True),
         "csv": url_for(".initiatives_csv", _external=True)},
        {"dataset": "surveys", "json": url_for(".surveys_json", _external=True)},
        {"dataset": "helpdesk-monthly", "json": url_for(".helpdesk_json", _external=True),
         "csv": url_for(".helpdesk_csv", _external=True)},
    ]
    for survey in datasets.published_surveys():
        items.append({"dataset": f"survey-{survey.id}", "json": url_for(".survey_json", survey_id=survey.id,
                                                                       _external=True),
                      "csv": url_for(".survey_csv", survey_id=survey.id, _external=True)})
    return _json("catalogue", items)


@bp.get("/v1/initiatives.json")
def initiatives_json():
    return _json("initiatives", datasets.initiatives())


@bp.get("/v1/initiatives.csv")
def initiatives_csv():
    return _csv("initiatives.csv", datasets.INITIATIVE_HEADER, datasets.initiative_rows(datasets.initiatives()))


@bp.get("/v1/surveys.json")
def surveys_json():
    return _json("surveys", [{**datasets.survey_summary(s), "json": url_for(".survey_json", survey_id=s.id,
                                                                             _external=True),
                              "csv": url_for(".survey_csv", survey_id=s.id, _external=True)}
                             for s in datasets.published_surveys()])


def _published_survey(survey_id: int):
    survey = survey_queries.survey_or_none(survey_id)
    if survey is None or not survey.results_published:
        abort(404)
    return survey


@bp.get("/v1/surveys/<int:survey_id>.json")
def survey_json(survey_id):
    return _json(f"survey-{survey_id}", datasets.survey_results(_published_survey(survey_id)))


@bp.get("/v1/surveys/<int:survey_id>.csv")
def survey_csv(survey_id):
    data = datasets.survey_results(_published_survey(survey_id))
    return _csv(f"survey-{survey_id}.csv", datasets.SURVEY_HEADER, datasets.survey_rows(data))


@bp.get("/v1/helpdesk/monthly.json")
def helpdesk_json():
    return _json("helpdesk-monthly", datasets.helpdesk_months(today()))


@bp.get("/v1/helpdesk/monthly.csv")
def helpdesk_csv():
    return _csv("helpdesk-monthly.csv", datasets.HELPDESK_HEADER, datasets.helpdesk_rows(
        datasets.helpdesk_months(today())))


@home_section
def open_data_section():
    """A short pointer to the open data from the home page, so citizens and developers can find it."""
    return HomeSection(template="api/_home.html")
