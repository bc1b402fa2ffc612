import pytest

from civic.extensions import db
from civic.initiatives.models import Comment, CommentReport, ModerationAction


def report(browser, comment_id, reason="abuse", note="", **kwargs):
    return browser.submit(f"/initiatives/comments/{comment_id}/report?lang=en",
                          {"reason": reason, "note": note, "website": ""}, **kwargs)


@pytest.fixture
def reported(make_initiative, make_comment, make_user):
    slug = make_initiative()
    return slug, make_comment(slug, make_user(), "ひどい言葉の意見")


def test_anyone_can_report_once(app, client, browser, reported, read):
    slug, comment_id = reported
    response = report(browser, comment_id, note="悪口です")
    assert response.status_code == 302
    [stored] = read(db.select(CommentReport))
    assert stored.reason == "abuse" and stored.note == "悪口です" and stored.reporter_key.startswith("addr:")
    again = report(browser, comment_id, follow_redirects=True)
    assert "You have reported this comment already." in again.get_data(as_text=True)
    assert len(read(db.select(CommentReport))) == 1
    assert read(Comment, comment_id).state == "visible"


def test_comment_reported_by_three_people_is_held(app, signed_in, browser, reported, read, make_user):
    slug, comment_id = reported
    for _ in range(3):
        user = make_user()
        browser.sign_in(user.email)
        assert report(browser, comment_id).status_code == 302
        browser.sign_out()
    assert read(Comment, comment_id).state == "held"
    html = browser.get(f"/initiatives/{slug}?lang=en").get_data(as_text=True)
    assert "This comment is hidden while staff review it." in html
    assert "ひどい言葉の意見" not in html


def test_threshold_comes_from_config(app, signed_in, browser, reported, read, make_user):
    app.config["COMMENT_HIDE_AFTER_REPORTS"] = 1
    slug, comment_id = reported
    report(browser, comment_id)
    assert read(Comment, comment_id).state == "held"


def test_reporting_is_rate_limited_and_has_a_honeypot(app, browser, make_initiative, make_comment, make_user, read):
    app.config["RATELIMIT_REPORT"] = "2 per minute"
    slug = make_initiative()
    ids = [make_comment(slug, make_user(), f"意見{i}") for i in range(3)]
    assert browser.submit(f"/initiatives/comments/{ids[0]}/report",
                          {"reason": "spam", "website": "bot"}).status_code == 422
    assert report(browser, ids[1]).status_code == 302
    assert report(browser, ids[2]).status_code == 429
    assert len(read(db.select(CommentReport))) == 1


def test_planner_hides_with_a_reason_shown_in_place(app, signed_in, browser, reported, read):
    slug, comment_id = reported
    report(browser, comment_id)
    planner = signed_in("planner", display_name="企画課 佐藤")
    queue = planner.get("/planner/initiatives/moderation?lang=en").get_data(as_text=True)
    assert "ひどい言葉の意見" in queue and "Abusive or hurtful" in queue
    response = planner.submit("/planner/initiatives/moderation", {"reason": "他の人を傷つける表現のため"},
                              action=f"/planner/initiatives/moderation/{comment_id}/hide")
    assert response.status_code == 302
    comment = read(Comment, comment_id)
    assert comment.state == "hidden" and comment.open_report_count == 0
    [action] = read(db.select(ModerationAction))
    assert action.action == "hide" and action.actor_id == planner.user.id and action.created_at is not None
    html = browser.get(f"/initiatives/{slug}?lang=en").get_data(as_text=True)
    assert "This comment was hidden by staff. Reason: 他の人を傷つける表現のため" in html
    assert "ひどい言葉の意見" not in html
    history = planner.get("/planner/initiatives/moderation?lang=en").get_data(as_text=True)
    assert "企画課 佐藤" in history and "Restore comment" in history


def test_hide_needs_a_reason(signed_in, reported, read, browser):
    slug, comment_id = reported
    report(browser, comment_id)
    planner = signed_in("planner")
    response = planner.submit("/planner/initiatives/moderation?lang=en", {"reason": ""},
                              action=f"/planner/initiatives/moderation/{comment_id}/hide")
    assert response.status_code == 422
    assert "Please fill in this field." in response.get_data(as_text=True)
    assert read(Comment, comment_id).state == "visible"


@pytest.mark.parametrize("action, state", [("restore", "visible"), ("dismiss", "visible")])
def test_restore_and_dismiss_show_a_held_comment_again(app, signed_in, browser, reported, read, action, state):
    app.config["COMMENT_HIDE_AFTER_REPORTS"] = 1
    slug, comment_id = reported
    report(browser, comment_id)
    assert read(Comment, comment_id).state == "held"
    planner = signed_in("planner")
    response = planner.post(f"/planner/initiatives/moderation/{comment_id}/{action}",
                            token_from="/planner/initiatives/moderation")
    assert response.status_code == 302
    assert read(Comment, comment_id).state == state
    assert all(r.resolved_at is not None for r in read(db.select(CommentReport)))
    [entry] = read(db.select(ModerationAction))
    assert entry.action == action and entry.actor_id == planner.user.id
    assert "Nothing to review." in planner.get("/planner/initiatives/moderation?lang=en").get_data(as_text=True)


def test_planner_hides_any_comment_from_its_page(signed_in, make_initiative, make_comment, make_user, read):
    slug = make_initiative()
    comment_id = make_comment(slug, make_user(), "宣伝です https://spam.example")
    planner = signed_in("planner")
    page = planner.get(f"/initiatives/{slug}?lang=en").get_data(as_text=True)
    assert f'href="/planner/initiatives/moderation/{comment_id}"' in page
    single = f"/planner/initiatives/moderation/{comment_id}"
    response = planner.submit(single, {"reason": "宣伝のため"},
                              action=f"/planner/initiatives/moderation/{comment_id}/hide?single=1")
    assert response.status_code == 302 and response.headers["Location"].endswith(single)
    assert read(Comment, comment_id).state == "hidden"
    planner.post(f"/planner/initiatives/moderation/{comment_id}/restore?single=1", token_from=single)
    assert read(Comment, comment_id).state == "visible"
    assert [a.action for a in read(db.select(ModerationAction).order_by(ModerationAction.id))] == ["hide", "restore"]


def test_residents_see_no_moderation_link(signed_in, make_initiative, make_comment, make_user):
    slug = make_initiative()
    comment_id = make_comment(slug, make_user(), "ふつうの意見")
    html = signed_in("resident").get(f"/initiatives/{slug}").get_data(as_text=True)
    assert f"/planner/initiatives/moderation/{comment_id}" not in html
    assert signed_in("resident").get(f"/planner/initiatives/moderation/{comment_id}").status_code == 403
