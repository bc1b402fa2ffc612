import re

import pytest

from civic.extensions import db
from civic.initiatives.models import Comment, Follow, Initiative, Kpi, KpiValue, ProgressUpdate

PLANNER_PAGES = [
    "/planner/initiatives/",
    "/planner/initiatives/new",
    "/planner/initiatives/moderation",
    "/planner/initiatives/{id}",
    "/planner/initiatives/{id}/edit",
    "/planner/initiatives/{id}/updates/new",
    "/planner/initiatives/{id}/kpis/new",
    "/planner/initiatives/{id}/comments/new",
]


def initiative_id(read, slug):
    return read(db.select(Initiative).where(Initiative.slug == slug))[0].id


@pytest.mark.parametrize("role, status", [("resident", 403), ("helpdesk", 403), ("planner", 200), ("admin", 200)])
@pytest.mark.parametrize("page", PLANNER_PAGES)
def test_planner_pages_by_role(signed_in, make_initiative, read, role, status, page):
    ident = initiative_id(read, make_initiative())
    assert signed_in(role).get(page.format(id=ident)).status_code == status


@pytest.mark.parametrize("page", PLANNER_PAGES)
def test_anonymous_people_are_sent_to_sign_in(client, make_initiative, read, page):
    ident = initiative_id(read, make_initiative())
    response = client.get(page.format(id=ident))
    assert response.status_code == 302 and "/account/signin" in response.headers["Location"]


def initiative_form(**overrides):
    data = {"slug": "ai-demand-bus", "category": "mobility", "status": "trial", "districts": ["west", "mountain"],
            "starts_on": "2026-04-01", "ends_on": "", "title_ja": "AIデマンド交通", "title_easy": "",
            "title_en": "AI on-demand bus", "summary_ja": "予約制の乗合交通", "body_ja": "本文",
            "department_ja": "交通政策課", "partners_ja": "ひかり交通"}
    data.update(overrides)
    return data


def test_planner_creates_a_draft_then_publishes_and_archives(signed_in, client, read):
    planner = signed_in("planner")
    response = planner.submit("/planner/initiatives/new", initiative_form())
    assert response.status_code == 302
    [initiative] = read(db.select(Initiative))
    assert initiative.publication == "draft" and initiative.districts == "west mountain"
    planner.sign_out()
    assert client.get("/initiatives/ai-demand-bus").status_code == 404
    planner.sign_in(planner.user.email)
    manage = f"/planner/initiatives/{initiative.id}"
    planner.post(f"{manage}/publish", token_from=manage)
    assert read(Initiative, initiative.id).publication == "published"
    planner.sign_out()
    assert "AIデマンド交通" in client.get("/initiatives/").get_data(as_text=True)
    planner.sign_in(planner.user.email)
    planner.post(f"{manage}/archive", token_from=manage)
    assert read(Initiative, initiative.id).publication == "archived"
    assert "AIデマンド交通" not in client.get("/initiatives/").get_data(as_text=True)
    assert client.get("/initiatives/ai-demand-bus").status_code == 200  # still readable


def test_initiative_form_errors_keep_the_text(signed_in, make_initiative, read):
    make_initiative(slug="taken")
    planner = signed_in("planner")
    response = planner.submit("/planner/initiatives/new?lang=en", initiative_form(slug="taken", title_ja="残る題名"))
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "Another initiative uses this web address name already." in html and "残る題名" in html
    response = planner.submit("/planner/initiatives/new?lang=en", initiative_form(slug="Not A Slug!"))
    assert "Use only lower-case letters, digits and hyphens." in response.get_data(as_text=True)
    assert len(read(db.select(Initiative))) == 1


def test_planner_edits_an_initiative(signed_in, make_initiative, read):
    ident = initiative_id(read, make_initiative(slug="old"))
    planner = signed_in("planner")
    page = planner.get(f"/planner/initiatives/{ident}/edit").get_data(as_text=True)
    assert 'value="old"' in page and re.search(r'<input checked [^>]*value="north">', page)
    response = planner.submit(f"/planner/initiatives/{ident}/edit", initiative_form(slug="new-name"))
    assert response.status_code == 302
    assert read(Initiative, ident).slug == "new-name" and read(Initiative, ident).title_en == "AI on-demand bus"


def test_update_emails_followers_in_their_language(signed_in, browser, make_initiative, make_user, read, outbox):
    slug = make_initiative(title_ja="防災アプリ", title_en="Disaster app")
    japanese, english = make_user(language="ja"), make_user(language="en")
    for user in (japanese, english):
        browser.sign_in(user.email)
        assert browser.post(f"/initiatives/{slug}/follow", token_from=f"/initiatives/{slug}").status_code == 302
        browser.sign_out()
    assert len(read(db.select(Follow))) == 2
    planner = signed_in("planner")
    ident = initiative_id(read, slug)
    response = planner.submit(f"/planner/initiatives/{ident}/updates/new",
                              {"title_ja": "2万件を超えました", "body_ja": "ありがとうございます。",
                               "title_en": "Over 20,000 downloads", "body_en": "Thank you."})
    assert response.status_code == 302
    assert len(read(db.select(ProgressUpdate))) == 1
    by_address = {message["To"]: message for message in outbox}
    assert set(by_address) == {japanese.email, english.email}
    assert "防災アプリ" in by_address[japanese.email]["Subject"]
    assert "2万件を超えました" in by_address[japanese.email].get_content()
    assert by_address[english.email]["Subject"] == "News: Disaster app"
    body = by_address[english.email].get_content()
    assert "Over 20,000 downloads" in body and f"/initiatives/{slug}" in body
    assert "2万件を超えました" in browser.get(f"/initiatives/{slug}?lang=ja").get_data(as_text=True)


def test_unfollow_stops_the_emails(signed_in, make_initiative, read):
    slug = make_initiative()
    browser = signed_in("resident")
    browser.post(f"/initiatives/{slug}/follow", token_from=f"/initiatives/{slug}")
    assert "Stop following" in browser.get(f"/initiatives/{slug}?lang=en").get_data(as_text=True)
    browser.post(f"/initiatives/{slug}/unfollow", token_from=f"/initiatives/{slug}")
    assert read(db.select(Follow)) == []


def test_planner_defines_a_kpi_and_records_values(signed_in, make_initiative, read):
    slug = make_initiative()
    ident = initiative_id(read, slug)
    planner = signed_in("planner")
    response = planner.submit(f"/planner/initiatives/{ident}/kpis/new",
                              {"name_ja": "月間利用者数", "name_en": "Riders per month", "unit": "人",
                               "baseline": "0", "target": "1500", "direction": "up"})
    assert response.status_code == 302
    [kpi] = read(db.select(Kpi))
    manage = f"/planner/initiatives/{ident}"
    response = planner.submit(manage, {"value": "750", "measured_on": "2026-09-30", "source_note": "運行記録"},
                              action=f"/planner/initiatives/kpis/{kpi.id}/values")
    assert response.status_code == 302
    [value] = read(db.select(KpiValue))
    assert value.value == 750 and value.recorded_by_id == planner.user.id and value.source_note == "運行記録"
    html = planner.get(f"/initiatives/{slug}?lang=en").get_data(as_text=True)
    assert "Progress towards the target: 50%" in html
    bad = planner.submit(manage + "?lang=en", {"value": "", "measured_on": "2026-09-30"},
                         action=f"/planner/initiatives/kpis/{kpi.id}/values")
    assert bad.status_code == 422 and "Please choose one." in bad.get_data(as_text=True)
    assert len(read(db.select(KpiValue))) == 1


def test_kpi_target_must_match_direction(signed_in, make_initiative, read):
    ident = initiative_id(read, make_initiative())
    response = signed_in("planner").submit(f"/planner/initiatives/{ident}/kpis/new?lang=en",
                                           {"name_ja": "待ち時間", "baseline": "40", "target": "20",
                                            "direction": "up"})
    assert response.status_code == 422
    assert "The target does not match the direction." in response.get_data(as_text=True)
    assert read(db.select(Kpi)) == []


def test_comment_given_on_paper_is_posted_with_its_channel(signed_in, make_initiative, read):
    slug = make_initiative()
    planner = signed_in("planner")
    response = planner.submit(f"/planner/initiatives/{initiative_id(read, slug)}/comments/new",
                              {"author_name": "北部地区 70代 男性", "channel": "paper",
                               "body": "紙で出した意見です。"})
    assert response.status_code == 302
    [comment] = read(db.select(Comment))
    assert comment.author_id is None and comment.entered_by_id == planner.user.id and comment.channel == "paper"
    html = planner.get(f"/initiatives/{slug}?lang=en").get_data(as_text=True)
    assert "北部地区 70代 男性" in html and "On paper (entered by staff)" in html
    assert "Official reply" not in html


def test_planner_home_links_to_the_initiative_tools(signed_in):
    html = signed_in("planner").get("/planner/?lang=en").get_data(as_text=True)
    assert 'href="/planner/initiatives/"' in html


def test_home_page_shows_the_latest_updates(app, client, signed_in, make_initiative, read):
    slug = make_initiative(title_ja="GIGAスクール")
    assert "Latest news from the DX initiatives" not in client.get("/?lang=en").get_data(as_text=True)
    planner = signed_in("planner")
    planner.submit(f"/planner/initiatives/{initiative_id(read, slug)}/updates/new",
                   {"title_ja": "端末の更新を始めました", "body_ja": "小学校から順に"})
    planner.sign_out()
    html = client.get("/?lang=en").get_data(as_text=True)
    assert "Latest news from the DX initiatives" in html and "端末の更新を始めました" in html
