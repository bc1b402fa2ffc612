from datetime import date

from sqlalchemy import event

from civic.accounts.models import User
from civic.extensions import db
from civic.initiatives import operations
from civic.initiatives.models import Comment, Initiative


def _initiative(app, slug):
    return db.session.scalar(db.select(Initiative).where(Initiative.slug == slug))


def test_page_shows_facts_timeline_and_kpis(app, client, make_initiative, make_user):
    planner = make_user("planner")
    slug = make_initiative(title_ja="AIデマンド交通", title_en="AI on-demand bus", department_en="Transport Division",
                           partners_ja="ひかり交通", starts_on=date(2026, 4, 1))
    with app.app_context():
        initiative = _initiative(app, slug)
        operations.post_update(initiative, db.session.get(User, planner.id),
                               {"title_ja": "運行を開始しました", "body_ja": "初日は42人", "title_en": "Service started",
                                "body_en": "42 riders on the first day"})
        kpi = operations.define_kpi(initiative, {"name_ja": "月間利用者数", "name_en": "Riders per month",
                                                 "unit": "人", "baseline": 0, "target": 1500, "direction": "up"})
        operations.record_kpi_value(kpi, 620, date(2026, 4, 30), None, "運行記録")
        operations.record_kpi_value(kpi, 900, date(2026, 6, 30), None, "運行記録")
        down = operations.define_kpi(initiative, {"name_ja": "待ち時間", "unit": "分", "baseline": 40, "target": 20,
                                                  "direction": "down"})
        operations.record_kpi_value(down, 35, date(2026, 6, 30), None)
        db.session.commit()
    html = client.get(f"/initiatives/{slug}?lang=en").get_data(as_text=True)
    assert "AI on-demand bus" in html and "Transport Division" in html
    assert "Service started" in html and "42 riders on the first day" in html
    assert "Riders per month" in html
    assert "900 人" in html  # latest value in words, whatever the bar shows
    assert "Progress towards the target: 60%" in html
    assert '<progress id="kpi-' in html and 'max="100" value="60"' in html
    assert "Progress towards the target: 25%" in html  # 40 → 35 of the way to 20 (lower is better)
    assert "lower is better" in html
    # two measurements draw an SVG line chart whose title says the values in words
    assert 'role="img"' in html and "<polyline" in html
    assert "Values over time: Apr 30, 2026 620 人, Jun 30, 2026 900 人" in html
    assert html.count("<polyline") == 1  # one value only: no chart for the waiting-time KPI


def test_missing_translation_falls_back_to_japanese_and_says_so(client, make_initiative):
    slug = make_initiative(title_ja="オンライン申請", title_en="", body_ja="市役所に来なくても申請できます。",
                           title_easy="インターネットで もうしこみ")
    english = client.get(f"/initiatives/{slug}?lang=en").get_data(as_text=True)
    assert '<span lang="ja">オンライン申請</span> <span class="badge fallback-mark">in Japanese</span>' in english
    assert "This text is not yet available in your language, so the Japanese version is shown." in english
    easy = client.get(f"/initiatives/{slug}?lang=ja-easy").get_data(as_text=True)
    assert "<h1>インターネットで もうしこみ</h1>" in easy  # the easy-Japanese title, not marked as a fallback
    japanese = client.get(f"/initiatives/{slug}?lang=ja").get_data(as_text=True)
    assert "fallback-mark" not in japanese


def count_queries(app, client, url) -> int:
    statements = []

    def count(conn, cursor, statement, parameters, context, executemany):
        statements.append(statement)

    with app.app_context():
        engine = db.engine
    event.listen(engine, "before_cursor_execute", count)
    try:
        response = client.get(url)
    finally:
        event.remove(engine, "before_cursor_execute", count)
    assert response.status_code == 200
    return len(statements)


def add_comments(app, slug, users, number):
    with app.app_context():
        initiative = _initiative(app, slug)
        authors = [db.session.get(User, u.id) for u in users]
        tops = []
        for i in range(number):
            if i % 4 == 3 and tops:
                operations.post_comment(initiative, authors[i % len(authors)], f"返信 {i}", parent=tops[-1])
            else:
                tops.append(operations.post_comment(initiative, authors[i % len(authors)], f"意見 {i}"))
        db.session.commit()


def test_comment_page_needs_the_same_number_of_queries_for_5_and_500_comments(app, signed_in, make_initiative,
                                                                           make_user):
    small, large = make_initiative(), make_initiative()
    authors = [make_user(), make_user(), make_user("planner")]
    add_comments(app, small, authors, 5)
    add_comments(app, large, authors, 500)
    browser = signed_in("resident")
    browser.get(f"/initiatives/{small}")  # warm up: the first request loads the user, the language and so on
    few = count_queries(app, browser.client, f"/initiatives/{small}")
    many = count_queries(app, browser.client, f"/initiatives/{large}")
    last_page = count_queries(app, browser.client, f"/initiatives/{large}?page=19")
    assert few == many == last_page
    html = browser.get(f"/initiatives/{large}?lang=en").get_data(as_text=True)
    assert "Page 1 of 19" in html  # 375 top-level comments, 20 a page
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count(Comment.id))) == 505


def test_unknown_initiative_is_404(client):
    assert client.get("/initiatives/no-such-thing").status_code == 404
