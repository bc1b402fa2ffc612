"""Themes in free text: Japanese terms from a real tokenizer, counts by age band and district, the answers behind
a term one click away, and selected answers added as evidence."""
import sqlalchemy as sa

from civic.extensions import db
from civic.insights.models import Evidence
from civic.insights.themes import Document, terms_of, themes


def test_japanese_nouns_and_compound_phrases_without_stop_words():
    assert terms_of("マイナンバーカードの使い道がわからない。") == {"マイナンバーカード", "使い道"}
    assert {"窓口", "手続き"} <= terms_of("窓口に行かずに手続きできると助かります。")
    assert "こと" not in terms_of("できることを増やしてほしい")
    assert {"ごみ出しカレンダー", "カレンダー"} <= terms_of("ごみ出しカレンダー")


def test_english_words_with_stop_words():
    assert terms_of("The booking app is easy to use. Could it show the bus location too?") >= {"booking", "app",
                                                                                               "bus", "location"}
    assert "the" not in terms_of("The bus and the app")


def test_counts_are_answers_per_term_split_by_group():
    documents = [Document(1, "手続きが難しい", age_band="70代"), Document(2, "手続き、手続き", age_band="20代"),
                 Document(3, "バスが来ない", age_band="70代")]
    found = {theme.term: theme for theme in themes(documents)}
    assert found["手続き"].count == 2  # once per answer, however often it is repeated
    assert found["手続き"].by_age_band == {"70代": 1, "20代": 1}


def test_survey_question_themes_and_answers_behind_a_term(seeded, signed_in):
    browser = signed_in("planner")
    question = seeded["questions"]["市のデジタル化についてご意見をお聞かせください。"]
    url = f"/planner/themes/surveys/{seeded['survey']}/questions/{question}"
    html = browser.get(url + "?lang=ja").get_data(as_text=True)
    assert ">手続き</a>" in html and "70代" in html and "中央地区" in html
    html = browser.get(url + "?lang=ja&term=紙").get_data(as_text=True)
    assert "紙の申請も残してください。" in html and "窓口に行かずに" not in html


def test_selected_answers_become_evidence(app, seeded, signed_in):
    browser = signed_in("planner")
    question = seeded["questions"]["市のデジタル化についてご意見をお聞かせください。"]
    issue_id = seeded["issues"]["山間地区の通院・買い物の移動手段"]
    url = f"/planner/themes/surveys/{seeded['survey']}/questions/{question}?term=夜間"
    page = browser.get(url).get_data(as_text=True)
    import re

    ids = re.findall(r'name="selected" type="checkbox" value="(\d+)"', page) or \
        re.findall(r'type="checkbox" value="(\d+)"', page)
    assert ids
    response = browser.submit(url, {"issue": str(issue_id), "selected": ids[:2]})
    assert response.status_code == 302
    with app.app_context():
        evidence = db.session.scalars(sa.select(Evidence).where(Evidence.issue_id == issue_id,
                                                                Evidence.kind == "survey_texts")).one()
        assert evidence.figures["count"] == 2 and len(evidence.source_ids) == 2
    assert "夜間や休日でも" in browser.get(f"/planner/issues/{issue_id}/").get_data(as_text=True)


def test_comment_themes(seeded, signed_in):
    html = signed_in("planner").get("/planner/themes/comments?term=土曜日").get_data(as_text=True)
    assert "土曜日の運行、私も希望します。" in html


def test_results_page_highlights_answers_that_differ_between_groups(seeded, signed_in):
    html = signed_in("planner").get(f"/planner/surveys/{seeded['survey']}/results?lang=en").get_data(as_text=True)
    section = html.split('id="signals-title"')[1].split("</section>")[0]
    assert "Signals worth a look" in html and "20 points or more" in section
    assert "How often do you visit the city&#39;s website?" in section or "How often do you visit" in section
    import re

    sizes = [int(base) for _count, base in re.findall(r"\((\d+) / (\d+)\)", section)]
    assert sizes and min(sizes) >= 10


def test_web_addresses_are_not_terms():
    assert terms_of("詳しくは https://example.jp/bus/request にも書きました。") == set()
