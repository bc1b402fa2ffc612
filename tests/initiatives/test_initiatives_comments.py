from datetime import timedelta

import pytest

from civic.extensions import db
from civic.initiatives.models import Comment, HelpfulMark


def comments(read):
    return read(db.select(Comment).order_by(Comment.id))


def post(browser, slug, body, **extra):
    return browser.submit(f"/initiatives/{slug}?lang=en", {"body": body, "website": "", **extra},
                          action=f"/initiatives/{slug}/comments")


def test_signed_in_resident_comments_and_sees_it(signed_in, make_initiative, read):
    slug = make_initiative()
    browser = signed_in("resident", display_name="ひかり太郎")
    response = post(browser, slug, "バスの本数を増やしてほしいです。\n特に朝です。")
    assert response.status_code == 302
    html = browser.get(response.headers["Location"]).get_data(as_text=True)
    assert "Thank you. Your comment is posted." in html
    assert "ひかり太郎" in html
    assert "バスの本数を増やしてほしいです。<br>\n特に朝です。" in html
    [comment] = comments(read)
    assert comment.author_name == "ひかり太郎" and not comment.official


def test_anonymous_people_are_asked_to_sign_in(client, make_initiative, read):
    slug = make_initiative()
    html = client.get(f"/initiatives/{slug}?lang=en").get_data(as_text=True)
    assert "To comment, please sign in or create an account." in html
    response = client.post(f"/initiatives/{slug}/comments", data={"body": "x"})
    assert response.status_code in (302, 400)
    assert comments(read) == []


def test_invalid_comment_keeps_nothing_and_says_why(signed_in, make_initiative, read):
    slug = make_initiative()
    response = post(signed_in("resident"), slug, "")
    assert response.status_code == 422
    assert "Please fill in this field." in response.get_data(as_text=True)
    assert comments(read) == []


@pytest.mark.parametrize("text, kind", [
    ("電話は090-1234-5678までお願いします", "a phone number"),
    ("連絡は taro@example.jp へ", "an email address"),
    ("ひかり市中央町3丁目5番地に住んでいます", "a street address"),
    ("番号は1234 5678 9012です", "a 12-digit number"),
])
def test_personal_data_gets_a_warning_and_the_text_is_kept(signed_in, make_initiative, read, text, kind):
    slug = make_initiative()
    browser = signed_in("resident")
    response = post(browser, slug, text)
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "Please check before posting" in html and kind in html
    assert text in html  # kept in the textarea
    assert 'name="post_anyway"' in html
    assert comments(read) == []
    assert post(browser, slug, text, post_anyway="y").status_code == 302
    assert [c.body for c in comments(read)] == [text]


def test_ordinary_text_is_posted_without_warning(signed_in, make_initiative, read):
    slug = make_initiative()
    assert post(signed_in("resident"), slug, "2026年4月から使っています。便利です。").status_code == 302


def test_honeypot_stops_bots(signed_in, make_initiative, read):
    slug = make_initiative()
    response = post(signed_in("resident"), slug, "いい施策です", website="http://spam.example")
    assert response.status_code == 422
    assert comments(read) == []


def test_commenting_is_rate_limited(signed_in, make_initiative, read, app):
    app.config["RATELIMIT_COMMENT"] = "2 per minute"
    slug = make_initiative()
    browser = signed_in("resident")
    assert post(browser, slug, "一つ目").status_code == 302
    assert post(browser, slug, "二つ目").status_code == 302
    assert post(browser, slug, "三つ目").status_code == 429
    assert len(comments(read)) == 2


def test_reply_is_one_level_deep(signed_in, make_initiative, make_comment, make_user, read):
    slug = make_initiative()
    top = make_comment(slug, make_user(), "最初の意見")
    browser = signed_in("resident")
    first = browser.submit(f"/initiatives/comments/{top}/reply?lang=en", {"body": "同感です", "website": ""})
    assert first.status_code == 302
    reply_id = comments(read)[-1].id
    second = browser.submit(f"/initiatives/comments/{reply_id}/reply", {"body": "返信への返信", "website": ""})
    assert second.status_code == 302
    assert [c.parent_id for c in comments(read)] == [None, top, top]
    html = browser.get(f"/initiatives/{slug}").get_data(as_text=True)
    assert html.index("最初の意見") < html.index("同感です") < html.index("返信への返信")
    assert '<ol class="replies">' in html


def test_staff_answers_carry_the_official_badge(signed_in, make_initiative, make_comment, make_user):
    slug = make_initiative()
    top = make_comment(slug, make_user(), "土曜日も運行してほしい")
    planner = signed_in("planner", display_name="交通政策課")
    planner.submit(f"/initiatives/comments/{top}/reply", {"body": "検討します。", "website": ""})
    html = planner.get(f"/initiatives/{slug}?lang=en").get_data(as_text=True)
    assert html.count("Official reply") == 1
    assert html.index("交通政策課") < html.index("Official reply") < html.index("検討します。")


def test_author_edits_and_deletes_within_the_window(app, signed_in, make_initiative, read):
    slug = make_initiative()
    browser = signed_in("resident")
    post(browser, slug, "はじめの文")
    [comment] = comments(read)
    response = browser.submit(f"/initiatives/comments/{comment.id}/edit", {"body": "直した文"})
    assert response.status_code == 302
    assert comments(read)[0].body == "直した文" and comments(read)[0].edited_at is not None
    response = browser.post(f"/initiatives/comments/{comment.id}/delete",
                            token_from=f"/initiatives/comments/{comment.id}/edit")
    assert response.status_code == 302
    assert comments(read)[0].deleted_at is not None and comments(read)[0].body == ""
    html = browser.get(f"/initiatives/{slug}?lang=en").get_data(as_text=True)
    assert "This comment was deleted by its author." in html and "直した文" not in html


def test_editing_after_the_window_is_refused(app, signed_in, make_initiative, read):
    slug = make_initiative()
    browser = signed_in("resident")
    post(browser, slug, "はじめの文")
    [comment] = comments(read)
    with app.app_context():
        stored = db.session.get(Comment, comment.id)
        stored.created_at -= timedelta(minutes=app.config["COMMENT_EDIT_WINDOW_MINUTES"] + 1)
        db.session.commit()
    response = browser.get(f"/initiatives/comments/{comment.id}/edit?lang=en", follow_redirects=True)
    assert "This comment can no longer be changed." in response.get_data(as_text=True)
    csrf_page = f"/initiatives/{slug}"
    browser.client.post(f"/initiatives/comments/{comment.id}/edit", data={"body": "後から変更"})
    browser.post(f"/initiatives/comments/{comment.id}/delete", token_from=csrf_page)
    assert comments(read)[0].body == "はじめの文" and comments(read)[0].deleted_at is None


def test_nobody_edits_someone_elses_comment(signed_in, make_initiative, make_comment, make_user, read):
    slug = make_initiative()
    comment_id = make_comment(slug, make_user(), "他人の意見")
    browser = signed_in("resident")
    assert browser.get(f"/initiatives/comments/{comment_id}/edit").status_code == 403
    assert browser.post(f"/initiatives/comments/{comment_id}/delete",
                        token_from=f"/initiatives/{slug}").status_code == 403
    assert comments(read)[0].body == "他人の意見"


def test_helpful_once_per_person(signed_in, make_initiative, make_comment, make_user, read):
    slug = make_initiative()
    comment_id = make_comment(slug, make_user(), "参考になる意見")
    browser = signed_in("resident")
    page = f"/initiatives/{slug}"
    assert browser.post(f"/initiatives/comments/{comment_id}/helpful", token_from=page).status_code == 302
    assert comments(read)[0].helpful_count == 1
    html = browser.get(page + "?lang=en").get_data(as_text=True)
    assert 'aria-pressed="true"' in html and "Helpful (1)" in html
    browser.post(f"/initiatives/comments/{comment_id}/helpful", token_from=page)  # a second press takes it back
    assert comments(read)[0].helpful_count == 0
    assert read(db.select(HelpfulMark)) == []


def test_links_are_clickable_and_safe(signed_in, make_initiative, make_comment, make_user):
    slug = make_initiative()
    make_comment(slug, make_user(), "詳しくは https://example.jp/bus?a=1&b=2 を見てください。javascript:alert(1)")
    html = signed_in("resident").get(f"/initiatives/{slug}").get_data(as_text=True)
    assert ('<a href="https://example.jp/bus?a=1&amp;b=2" rel="nofollow ugc noopener">'
            'https://example.jp/bus?a=1&amp;b=2</a>') in html
    assert 'href="javascript' not in html


def test_comments_are_closed_on_archived_initiatives(signed_in, make_initiative, read):
    slug = make_initiative(publication="archived")
    browser = signed_in("resident")
    html = browser.get(f"/initiatives/{slug}?lang=en").get_data(as_text=True)
    assert "This initiative is archived." in html and "Write a comment" not in html
    response = browser.post(f"/initiatives/{slug}/comments", {"body": "遅い意見"}, token_from=f"/initiatives/{slug}")
    assert response.status_code == 409
    assert comments(read) == []
