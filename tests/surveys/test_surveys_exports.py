"""Exports: CSV (UTF-8 with BOM, cp932), XLSX with a codebook; fixed columns, Japan time, no personal data."""
import csv
import io

import pytest
from openpyxl import load_workbook


@pytest.fixture
def exported(make_survey, add_response):
    ids = make_survey()
    add_response(ids["survey"], {ids["colour"]: "1", ids["tools"]: ["1", "3"],
                                 ids["info"]: {"choice": "other", "text": "𠮷田さんから"},
                                 ids["rating"]: 5, ids["age"]: -1, ids["comment"]: "=HYPERLINK(\"x\")",
                                 ids["matrix"]: {"1": 2}, ids["why"]: "情熱"})
    add_response(ids["survey"], {ids["colour"]: "2", ids["comment"]: "@SUM(A1)"}, channel="paper")
    return ids


def read_csv(data: bytes, encoding: str):
    return list(csv.reader(io.StringIO(data.decode(encoding))))


def test_csv_is_utf8_with_bom_fixed_columns_and_japan_time(signed_in, exported):
    planner = signed_in("planner")
    response = planner.get(f"/planner/surveys/{exported['survey']}/export/download?format=csv&language=ja")
    assert response.status_code == 200
    assert "attachment" in response.headers["Content-Disposition"]
    data = response.get_data()
    assert data.startswith(b"\xef\xbb\xbf")
    header, first, second = read_csv(data, "utf-8-sig")
    assert len(first) == len(second) == len(header)  # the same columns whatever was answered
    assert header[:3] == ["回答ID", "回答日時（日本時間）", "回答方法"]
    assert "Q2_1 スマホ" in header and "Q2_3 タブレット" in header and "Q3_other" in header
    row = dict(zip(header, first))
    assert row["回答日時（日本時間）"] == "2026-11-20 23:30:00"
    assert row["Q1"] == "赤" and row["Q2_1 スマホ"] == "1" and row["Q2_2 パソコン"] == "0"
    assert row["Q3"] == "その他" and row["Q3_other"] == "𠮷田さんから"
    assert row["Q5"] == "-1"  # a number stays a number
    assert row["Q6"] == "'=HYPERLINK(\"x\")"  # a formula is neutralised
    assert row["回答方法"] == "web" and dict(zip(header, second))["回答方法"] == "paper"
    assert dict(zip(header, second))["Q6"] == "'@SUM(A1)"
    assert "アカウントID" not in header  # anonymous: no personal data


def test_labels_follow_the_chosen_language(signed_in, exported):
    planner = signed_in("planner")
    data = planner.get(f"/planner/surveys/{exported['survey']}/export/download?format=csv&language=en").get_data()
    header, first, _second = read_csv(data, "utf-8-sig")
    assert header[0] == "Response ID" and dict(zip(header, first))["Q1"] == "赤"  # no English label: Japanese


def test_cp932_lists_what_it_replaces_then_round_trips(signed_in, exported):
    planner = signed_in("planner")
    summary = planner.get(f"/planner/surveys/{exported['survey']}/export/download?format=csv-cp932&language=ja"
                          "&lang=en")
    html = summary.get_data(as_text=True)
    assert summary.status_code == 200 and "𠮷" in html and "U+20BB7" in html
    response = planner.get(f"/planner/surveys/{exported['survey']}/export/download?format=csv-cp932&language=ja"
                           "&confirmed=1")
    data = response.get_data()
    assert not data.startswith(b"\xef\xbb\xbf")
    header, first, _second = read_csv(data, "cp932")
    row = dict(zip(header, first))
    assert row["Q3_other"] == "?田さんから" and row["Q1"] == "赤"
    assert data.decode("cp932").encode("cp932") == data


def test_xlsx_has_responses_and_a_codebook(signed_in, exported):
    planner = signed_in("planner")
    response = planner.get(f"/planner/surveys/{exported['survey']}/export/download?format=xlsx&language=ja")
    assert response.status_code == 200
    workbook = load_workbook(io.BytesIO(response.get_data()), read_only=True)
    assert workbook.sheetnames == ["回答", "コードブック"]
    rows = list(workbook["回答"].iter_rows(values_only=True))
    header = rows[0]
    first = dict(zip(header, rows[1]))
    assert first["Q1"] == "赤" and first["Q2_1 スマホ"] == 1 and first["Q5"] == -1
    assert first["Q6"] == "'=HYPERLINK(\"x\")"
    codebook = list(workbook["コードブック"].iter_rows(values_only=True))
    assert any(row[0] == "Q1" and "1=赤" in row[4] for row in codebook)
    workbook.close()


def test_codebook_csv(signed_in, exported):
    planner = signed_in("planner")
    data = planner.get(f"/planner/surveys/{exported['survey']}/codebook.csv?language=en").get_data()
    rows = read_csv(data, "utf-8-sig")
    assert rows[0] == ["Column", "Question", "Question text", "Type", "Values"]
    assert ["Q2_1 スマホ", "2", "Tools you use", "multiple", "1 = chosen, 0 = not chosen"] in rows


def test_named_survey_export_has_the_account_column(signed_in, make_survey, add_response, make_user):
    ids = make_survey(audience="signed_in", anonymous=False)
    user = make_user()
    add_response(ids["survey"], {ids["colour"]: "1"}, user_id=user.id)
    planner = signed_in("planner")
    data = planner.get(f"/planner/surveys/{ids['survey']}/export/download?format=csv&language=en").get_data()
    header, first = read_csv(data, "utf-8-sig")
    assert dict(zip(header, first))["Account ID"] == str(user.id)
