"""Local issues: planners name them, attach evidence from every channel, move them through their statuses and
set a priority (accepting the suggestion or overriding it with a reason)."""
import pytest
import sqlalchemy as sa

from civic.extensions import db
from civic.insights.models import Evidence, LocalIssue

ELDERLY = "高齢者がオンライン手続きを使いこなせない"


@pytest.mark.parametrize("role, expected", [(None, 302), ("resident", 403), ("helpdesk", 403),
                                            ("planner", 200), ("admin", 200)])
@pytest.mark.parametrize("url", ["/planner/", "/planner/issues/", "/planner/issues/new", "/planner/themes/",
                                 "/planner/themes/comments"])
def test_only_planners_enter(signed_in, client, role, expected, url):
    browser = signed_in(role) if role else None
    response = (browser.get(url) if browser else client.get(url))
    assert response.status_code == expected


def test_seeded_issue_shows_evidence_numbers_quotes_and_channels(seeded, signed_in):
    browser = signed_in("planner")
    issue_id = seeded["issues"][ELDERLY]
    html = browser.get(f"/planner/issues/{issue_id}/?lang=en").get_data(as_text=True)
    assert "Survey: share of a choice" in html and "46人中20人（43.5%）" in html  # summaries keep the language they were written in
    assert "高齢者向けの講座を増やしてほしい。" in html  # a free-text answer, quoted
    assert "説明会をもう一度開いてほしい" in html  # a comment given at a meeting
    assert "Help-desk records" in html and "うち未解決3件" in html
    for channel in ("Web", "Paper", "Phone", "Meeting", "Help desk"):
        assert f"<th scope=\"row\">{channel}</th>" in html
    assert "Priority" in html and "High" in html


def test_planner_names_an_issue_and_moves_it_through_statuses(app, signed_in):
    browser = signed_in("planner")
    response = browser.submit("/planner/issues/new", {"title": "外国人住民に市の情報が届かない", "category": "information",
                                                      "districts": ["central"], "groups": ["foreign_residents"]})
    assert response.status_code == 302
    with app.app_context():
        issue = db.session.scalars(sa.select(LocalIssue)).one()
        assert issue.status == "candidate" and issue.groups == "foreign_residents"
        issue_id = issue.id
    page = f"/planner/issues/{issue_id}/"
    # A candidate cannot jump to resolved: the choice is not offered, and a forged one is refused.
    assert browser.submit(page, {"status": "resolved"}, action=f"/planner/issues/{issue_id}/status").status_code == 422
    assert browser.submit(page, {"status": "reviewing"}, action=f"/planner/issues/{issue_id}/status").status_code == 302
    with app.app_context():
        assert db.session.get(LocalIssue, issue_id).status == "reviewing"
    assert "Under review" in browser.get(page + "?lang=en").get_data(as_text=True)


def test_empty_title_is_refused_and_typing_kept(signed_in):
    response = signed_in("planner").submit("/planner/issues/new", {"title": "", "description": "説明だけ",
                                                                   "category": "other"})
    assert response.status_code == 422
    assert "説明だけ" in response.get_data(as_text=True)


def test_priority_suggestion_accepted_or_overridden_with_reason(app, seeded, signed_in):
    browser = signed_in("planner")
    issue_id = seeded["issues"]["紙の申請や対面窓口を残してほしいという声"]
    page = f"/planner/issues/{issue_id}/"
    html = browser.get(page + "?lang=en").get_data(as_text=True)
    assert "Suggested priority: Low" in html and "The evidence speaks for 5 residents" in html
    response = browser.submit(page, {}, action=f"/planner/issues/{issue_id}/priority/accept")
    assert response.status_code == 302
    with app.app_context():
        issue = db.session.get(LocalIssue, issue_id)
        assert issue.priority == "low" and issue.priority_accepted and issue.priority_set_by_id == browser.user.id
        assert "5 residents" in issue.priority_reason
    # Overriding needs a reason.
    response = browser.submit(page, {"priority": "high", "reason": ""}, action=f"/planner/issues/{issue_id}/priority")
    assert response.status_code == 422
    response = browser.submit(page, {"priority": "high", "reason": "議会で質問があったため"},
                              action=f"/planner/issues/{issue_id}/priority")
    assert response.status_code == 302
    with app.app_context():
        issue = db.session.get(LocalIssue, issue_id)
        assert (issue.priority, issue.priority_reason, issue.priority_accepted) == ("high", "議会で質問があったため", False)
    assert "議会で質問があったため" in browser.get(page).get_data(as_text=True)


def test_survey_share_evidence_within_an_age_band(app, seeded, signed_in):
    browser = signed_in("planner")
    issue_id = seeded["issues"]["紙の申請や対面窓口を残してほしいという声"]
    question = seeded["questions"]["スマホ相談窓口を利用したことがありますか。"]
    age = seeded["profile"]["age_band"]
    url = f"/planner/issues/{issue_id}/evidence/survey?survey={seeded['survey']}"
    response = browser.submit(url, {"choice": f"{question}:2", "group": f"{age}:8", "note": "80歳以上"})
    assert response.status_code == 302
    with app.app_context():
        evidence = db.session.scalars(sa.select(Evidence).where(Evidence.issue_id == issue_id,
                                                                Evidence.kind == "survey_share")).one()
        figures = evidence.figures
        assert 0 < figures["count"] <= figures["base"] and figures["group"].endswith("80歳以上")
        assert sum(figures["channels"].values()) == figures["count"]


def test_helpdesk_and_comment_evidence(app, seeded, signed_in):
    browser = signed_in("planner")
    issue_id = seeded["issues"]["紙の申請や対面窓口を残してほしいという声"]
    with app.app_context():
        from civic.initiatives.models import Comment

        comment_id = db.session.scalars(sa.select(Comment.id).where(Comment.official.is_(False))).first()
    base = f"/planner/issues/{issue_id}/evidence"
    assert browser.submit(f"{base}/comments", {"comments": [str(comment_id)]}).status_code == 302
    assert browser.submit(f"{base}/helpdesk", {"topic": "", "start": "2000-01-01", "end": "2000-01-31"}
                          ).status_code == 422  # nothing recorded then: said, not added
    assert browser.submit(f"{base}/helpdesk", {"topic": "", "start": "2000-01-01", "end": "2099-12-31"}
                          ).status_code == 302
    with app.app_context():
        kinds = sorted(e.kind for e in db.session.scalars(sa.select(Evidence).where(Evidence.issue_id == issue_id)))
        assert kinds == ["comments", "helpdesk", "survey_texts"]
        helpdesk = db.session.scalars(sa.select(Evidence).where(Evidence.issue_id == issue_id,
                                                                Evidence.kind == "helpdesk")).one()
        assert helpdesk.figures["count"] == 10 and helpdesk.figures["unresolved"] == 3
        evidence_id = helpdesk.id
    page = f"/planner/issues/{issue_id}/"
    assert browser.submit(page, {}, action=f"{page}evidence/{evidence_id}/remove").status_code == 302
    with app.app_context():
        assert db.session.get(Evidence, evidence_id) is None


def test_seed_demo_is_idempotent(app, seeded, runner):
    assert runner.invoke(args=["seed-demo"]).exit_code == 0
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count(LocalIssue.id))) == 3
        assert db.session.scalar(sa.select(sa.func.count(Evidence.id))) == 7
