import pytest

from civic.extensions import db
from civic.initiatives import operations
from civic.initiatives.models import Initiative


def titles(response) -> str:
    return response.get_data(as_text=True)


@pytest.fixture
def catalogue(make_initiative):
    make_initiative(slug="watch", title_ja="高齢者見守りセンサー", category="welfare", districts=["mountain"],
                    summary_ja="一人暮らしの高齢者を見守ります。", title_en="Sensors for older residents")
    make_initiative(slug="bus", title_ja="AIデマンド交通", category="mobility", status="rollout",
                    districts=["west", "mountain"], summary_ja="予約制の乗合交通です。")
    make_initiative(slug="apps", title_ja="オンライン申請", category="government", districts=[],
                    summary_ja="交通違反の手続きは対象外です。", body_ja="市役所に来なくても申請できます。")
    make_initiative(slug="secret", title_ja="非公開の交通計画", publication="draft")


@pytest.mark.parametrize("query, expected, absent", [
    ("交通", ["AIデマンド交通", "オンライン申請"], ["高齢者見守りセンサー", "非公開の交通計画"]),
    ("見守", ["高齢者見守りセンサー"], ["AIデマンド交通", "オンライン申請"]),
    ("交通 予約", ["AIデマンド交通"], ["オンライン申請"]),  # several words: all must occur
    ("ＡＩ", ["AIデマンド交通"], ["オンライン申請"]),  # full-width letters match half-width text
    ("older", ["高齢者見守りセンサー"], ["AIデマンド交通"]),  # the English version is searched too
    ("市役所", ["オンライン申請"], ["AIデマンド交通"]),  # the body is searched
    ("宇宙", [], ["AIデマンド交通", "オンライン申請", "高齢者見守りセンサー"]),
    ("100%_", [], ["AIデマンド交通"]),  # LIKE wildcards are taken literally
])
def test_word_search_finds_japanese_without_spaces(client, catalogue, query, expected, absent):
    html = titles(client.get("/initiatives/", query_string={"q": query}))
    for title in expected:
        assert title in html
    for title in absent:
        assert title not in html


def test_search_needs_the_whole_word_not_only_its_bigrams(client, make_initiative):
    make_initiative(title_ja="交通安全と通学路", summary_ja="通交の見直し")  # has 交通 and 通交, but not 交通交
    assert "交通安全" not in titles(client.get("/initiatives/", query_string={"q": "交通交"}))
    assert "交通安全" in titles(client.get("/initiatives/", query_string={"q": "通学"}))


@pytest.mark.parametrize("args, expected, absent", [
    ({"category": "welfare"}, ["高齢者見守りセンサー"], ["AIデマンド交通"]),
    ({"status": "rollout"}, ["AIデマンド交通"], ["高齢者見守りセンサー", "オンライン申請"]),
    ({"district": "mountain"}, ["高齢者見守りセンサー", "AIデマンド交通"], ["オンライン申請"]),
    ({"district": "west", "category": "welfare"}, [], ["高齢者見守りセンサー", "AIデマンド交通"]),
])
def test_filters(client, catalogue, args, expected, absent):
    html = titles(client.get("/initiatives/", query_string=args))
    for title in expected:
        assert title in html
    for title in absent:
        assert title not in html


def test_drafts_are_hidden_from_residents_but_planners_can_preview(client, catalogue, signed_in):
    assert "非公開の交通計画" not in titles(client.get("/initiatives/"))
    assert client.get("/initiatives/secret").status_code == 404
    planner = signed_in("planner")
    response = planner.get("/initiatives/secret?lang=en")
    assert response.status_code == 200
    assert "Draft: residents cannot see this page yet." in response.get_data(as_text=True)


def test_list_is_paginated(client, make_initiative):
    for number in range(12):
        make_initiative(title_ja=f"ページ施策{number:02d}")
    first = titles(client.get("/initiatives/?lang=en"))
    second = titles(client.get("/initiatives/?lang=en&page=2"))
    assert "12 initiatives" in first
    assert "Page 1 of 2" in first and 'rel="next"' in first
    assert first.count('class="card initiative-card"') == 10
    assert second.count('class="card initiative-card"') == 2


def test_editing_an_initiative_updates_its_search_index(app, client, make_initiative):
    slug = make_initiative(title_ja="地産品オンライン販売")
    with app.app_context():
        initiative = db.session.scalar(db.select(Initiative).where(Initiative.slug == slug))
        data = {c: getattr(initiative, c) for c in ("slug", "category", "status")}
        operations.save_initiative(initiative, {**data, "title_ja": "特産品の通信販売", "summary_ja": "概要",
                                                "body_ja": "本文"})
        db.session.commit()
    assert "特産品" in titles(client.get("/initiatives/", query_string={"q": "通信"}))
    assert "特産品" not in titles(client.get("/initiatives/", query_string={"q": "地産"}))
