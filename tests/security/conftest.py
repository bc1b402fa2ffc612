"""Small real objects for building every URL of the route inventory."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from civic.extensions import db


@pytest.fixture
def objects(app, make_user):
    """URL argument values that resolve to real rows: an initiative, a comment, a KPI, a topic, a location, a
    future slot, a booking, a resident."""
    from civic.accounts.models import User
    from civic.helpdesk import operations as helpdesk
    from civic.helpdesk.models import Location, Slot, Topic
    from civic.initiatives import operations as initiatives
    from civic.initiatives.models import Publication

    resident = make_user("resident")
    with app.app_context():
        author = db.session.get(User, resident.id)
        initiative = initiatives.save_initiative(None, {
            "slug": "route-check", "category": "mobility", "status": "trial", "districts": ["north"],
            "title_ja": "経路確認", "summary_ja": "概要", "body_ja": "本文", "department_ja": "デジタル推進課"})
        initiatives.set_publication(initiative, Publication.published)
        db.session.flush()
        comment = initiatives.post_comment(initiative, author, "いいと思います。")
        kpi = initiatives.define_kpi(initiative, {"name_ja": "利用者数", "baseline": 1.0, "target": 2.0})
        topic = Topic(key="route_check", name_ja="スマホ", name_en="Smartphones")
        location = Location(name_ja="北公民館", name_en="North Hall", address="北町1")
        db.session.add_all([topic, location])
        db.session.flush()
        start = (datetime.now(timezone.utc) + timedelta(days=3)).replace(minute=0, second=0, microsecond=0)
        slot = Slot(location_id=location.id, starts_at=start, ends_at=start + timedelta(minutes=45), capacity=5)
        db.session.add(slot)
        db.session.flush()
        booking = helpdesk.book_slot(slot, helpdesk.BookingDetails(topic_id=topic.id, name="ひかり 花子",
                                                                    phone="090-1111-2222"))
        from civic.surveys import operations as surveys

        survey = surveys.create_survey({"title": {"ja": "経路確認の調査"}, "intro": {"ja": "ご協力ください。"},
                                        "opens_on": None, "closes_on": None, "audience": "everyone",
                                        "anonymous": True})
        question = surveys.add_question(survey, {"section_id": survey.sections[0].id, "kind": "single",
                                                 "text": {"ja": "好きな色は"}, "required": True,
                                                 "options": [{"value": "1", "text": {"ja": "赤"}},
                                                             {"value": "2", "text": {"ja": "青"}}]})
        from civic.insights import operations as insights

        issue = insights.save_issue(None, {"title": "経路確認の課題", "category": "other"}, author)
        evidence = insights.add_comments(issue, [comment.id], author)
        db.session.commit()
        return {"issue_id": issue.id, "evidence_id": evidence.id, "slug": initiative.slug, "initiative_id": initiative.id, "comment_id": comment.id, "kpi_id": kpi.id,
                "topic_id": topic.id, "location_id": location.id, "slot_id": slot.id, "booking_id": booking.id,
                "token": booking.manage_token, "code": booking.code, "user_id": resident.id,
                "survey_id": survey.id, "question_id": question.id, "section_id": survey.sections[0].id,
                "number": 1, "filename": "civic.css", "_query": f"topic={topic.id}&location={location.id}"}
