"""Writes for local issues, their evidence and priority, and KPI values fed from help-desk and survey figures.

Plain functions: objects and data in, flush, no request, no commit. Domain errors are IssueError (from models).
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta

import sqlalchemy as sa

from civic.audit.operations import record
from civic.database import utcnow
from civic.extensions import db
from civic.i18n import _, _l, ngettext
from civic.initiatives.models import Comment, CommentState, Initiative, Kpi, KpiValue
from civic.insights.models import (GROUPS, VULNERABLE_GROUPS, Evidence, EvidenceKind, IssueError, KpiSource,
                                   KpiSourceKind, LocalIssue, Priority)
from civic.surveys.models import Question, Survey, SurveyResponse, localized
from civic.surveys.results import _choice_values


# -- issues ------------------------------------------------------------------------------------------------------

def save_issue(issue: LocalIssue | None, data: dict, user) -> LocalIssue:
    """Create (issue None) or change a local issue's title, description, category, districts, groups and linked
    initiatives. Raises nothing; the form has checked the values."""
    if issue is None:
        issue = LocalIssue(created_by_id=user.id if user else None)
        db.session.add(issue)
    issue.title = data["title"].strip()
    issue.description = (data.get("description") or "").strip()
    issue.category = data["category"]
    issue.districts = " ".join(data.get("districts") or [])
    issue.groups = " ".join(data.get("groups") or [])
    ids = [int(i) for i in data.get("initiatives") or []]
    issue.initiatives = list(db.session.scalars(sa.select(Initiative).where(Initiative.id.in_(ids)))) if ids else []
    issue.updated_at = utcnow()
    db.session.flush()
    return issue


def change_status(issue: LocalIssue, status: str) -> None:
    """Move the issue to another status. Raises IssueError when that move is not allowed."""
    issue.move_to(status)
    record("issue_status", target_type="local_issue", target_id=issue.id, detail=status)


@dataclass
class Suggestion:
    priority: Priority
    score: int
    reasons: list[str]


def suggest_priority(issue: LocalIssue) -> Suggestion | None:
    """A priority from the evidence: how many residents (up to 2 points), how severe (1), which groups (1).
    3 or more points: high; 2: medium; else low. None without evidence. Reasons say why, in words."""
    if not issue.evidence:
        return None
    residents = sum(e.residents for e in issue.evidence)
    reasons = []
    score = 0
    if residents >= 50:
        score += 2
        reasons.append(_("The evidence speaks for %(count)d residents (50 or more: 2 points).", count=residents))
    elif residents >= 15:
        score += 1
        reasons.append(_("The evidence speaks for %(count)d residents (15 to 49: 1 point).", count=residents))
    else:
        reasons.append(_("The evidence speaks for %(count)d residents (fewer than 15: no points).",
                         count=residents))
    severe = [e for e in issue.evidence if _is_severe(e)]
    if severe:
        score += 1
        reasons.append(_("%(count)d pieces of evidence show a serious problem: a choice given by 40%% or more of "
                         "a group, or visits to the help desk left unresolved (1 point).", count=len(severe)))
    vulnerable = [str(GROUPS[g]) for g in issue.group_list() if g in VULNERABLE_GROUPS]
    if vulnerable:
        score += 1
        reasons.append(_("It affects groups who find digital services hardest: %(groups)s (1 point).",
                         groups=", ".join(vulnerable)))
    priority = Priority.high if score >= 3 else Priority.medium if score == 2 else Priority.low
    return Suggestion(priority, score, reasons)


def _is_severe(evidence: Evidence) -> bool:
    figures = evidence.figures or {}
    if evidence.kind == EvidenceKind.survey_share.value:
        return (figures.get("percent") or 0) >= 40
    if evidence.kind == EvidenceKind.helpdesk.value:
        return (figures.get("unresolved") or 0) >= 1
    return False


def decide_priority(issue: LocalIssue, priority: str, reason: str, user, accepted: bool) -> None:
    """Set the issue's priority: the suggestion accepted (accepted=True, reason = its explanation) or a planner's
    own choice with a reason. Records who and when. Raises IssueError when an override has no reason."""
    if not accepted and not reason.strip():
        raise IssueError(_l("Say why you chose a different priority."))
    issue.priority = Priority(priority).value
    issue.priority_reason = reason.strip()
    issue.priority_accepted = accepted
    issue.priority_set_by_id = user.id if user else None
    issue.priority_set_at = utcnow()
    issue.updated_at = utcnow()
    record("issue_priority", target_type="local_issue", target_id=issue.id, detail=issue.priority)


# -- evidence ----------------------------------------------------------------------------------------------------

def _add(issue: LocalIssue, kind: EvidenceKind, summary: str, figures: dict, user, note: str = "",
         survey_id=None, question_id=None, source_ids=None) -> Evidence:
    evidence = Evidence(issue=issue, kind=kind.value, summary=summary[:300], figures=figures, note=note.strip(),
                        survey_id=survey_id, question_id=question_id, source_ids=source_ids or [],
                        added_by_id=user.id if user else None)
    db.session.add(evidence)
    issue.updated_at = utcnow()
    db.session.flush()
    return evidence


def _responses(survey: Survey):
    return db.session.execute(sa.select(SurveyResponse.id, SurveyResponse.channel, SurveyResponse.answers)
                              .where(SurveyResponse.survey_id == survey.id).order_by(SurveyResponse.id))


def add_survey_share(issue: LocalIssue, survey: Survey, question: Question, option: str, user, language: str,
                     group_question: Question | None = None, group_value: str | None = None,
                     note: str = "") -> Evidence:
    """Evidence that `option` of `question` was chosen by N of the M respondents (within a group when a profile
    question and value are given). Raises IssueError when nobody in the group answered the question."""
    base = Counter()
    chosen = Counter()
    for row in _responses(survey):
        answers = row.answers or {}
        given = answers.get(str(question.id))
        if given is None:
            continue
        if group_question is not None:
            if group_value not in _choice_values(group_question, answers.get(str(group_question.id))):
                continue
        base[row.channel] += 1
        if option in _choice_values(question, given):
            chosen[row.channel] += 1
    total, count = sum(base.values()), sum(chosen.values())
    if not total:
        raise IssueError(_l("Nobody in this group answered the question."))
    percent = round(100 * count / total, 1)
    group_text = (f"{localized(group_question.text, language)}: {group_question.option_text(group_value, language)}"
                  if group_question is not None else "")
    summary = _("%(option)s — %(count)d of %(base)d (%(percent)s%%)", option=question.option_text(option, language),
                count=count, base=total, percent=percent)
    figures = {"residents": count, "count": count, "base": total, "percent": percent, "channels": dict(chosen),
               "question": localized(question.text, language).text, "group": group_text}
    return _add(issue, EvidenceKind.survey_share, summary, figures, user, note, survey_id=survey.id,
                question_id=question.id)


def add_survey_texts(issue: LocalIssue, survey: Survey, question: Question, response_ids: list[int], user,
                     language: str, note: str = "") -> Evidence:
    """Evidence made of free-text answers to `question` (the responses given by id). Raises IssueError when none
    of them answered it."""
    rows = db.session.execute(sa.select(SurveyResponse.id, SurveyResponse.channel, SurveyResponse.answers)
                              .where(SurveyResponse.survey_id == survey.id, SurveyResponse.id.in_(response_ids)))
    kept, channels = [], Counter()
    for row in rows:
        if _text_of(question, (row.answers or {}).get(str(question.id))):
            kept.append(row.id)
            channels[row.channel] += 1
    if not kept:
        raise IssueError(_l("None of the selected answers has text for this question."))
    summary = ngettext("%(num)d free-text answer to “%(question)s”", "%(num)d free-text answers to “%(question)s”",
                       len(kept), question=localized(question.text, language).text)
    figures = {"residents": len(kept), "count": len(kept), "channels": dict(channels),
               "question": localized(question.text, language).text}
    return _add(issue, EvidenceKind.survey_texts, summary, figures, user, note, survey_id=survey.id,
                question_id=question.id, source_ids=sorted(kept))


def _text_of(question: Question, value) -> str:
    if isinstance(value, dict):
        return (value.get("text") or "").strip()
    if isinstance(value, str) and question.kind in ("short_text", "long_text"):
        return value.strip()
    return ""


def add_comments(issue: LocalIssue, comment_ids: list[int], user, note: str = "") -> Evidence:
    """Evidence made of comments residents left on initiatives (visible ones only; staff answers are left out).
    Raises IssueError when none is left."""
    comments = list(db.session.scalars(sa.select(Comment).where(
        Comment.id.in_(comment_ids), Comment.state == CommentState.visible.value, Comment.official.is_(False),
        Comment.deleted_at.is_(None))))
    if not comments:
        raise IssueError(_l("Choose at least one visible comment from a resident."))
    channels = Counter(c.channel for c in comments)
    summary = ngettext("%(num)d comment on initiatives", "%(num)d comments on initiatives", len(comments))
    figures = {"residents": len(comments), "count": len(comments), "channels": dict(channels)}
    return _add(issue, EvidenceKind.comments, summary, figures, user, note,
                source_ids=sorted(c.id for c in comments))


def add_helpdesk(issue: LocalIssue, topic_id: int | None, start: date, end: date, user, note: str = "") -> Evidence:
    """Evidence from help-desk support records between two dates (Japan time, inclusive), for one topic or all:
    visits, residents helped, and how many were left unresolved. Raises IssueError when there were no visits."""
    from civic.helpdesk.models import Booking, Slot, SupportRecord, Topic
    from civic.helpdesk.operations import tokyo_day_bounds

    since, until = tokyo_day_bounds(start)[0], tokyo_day_bounds(end)[1]
    statement = (sa.select(SupportRecord.resolved, Booking.channel, Booking.age_band).join(SupportRecord.booking)
                 .join(Booking.slot).where(Slot.starts_at >= since, Slot.starts_at < until))
    topic = db.session.get(Topic, topic_id) if topic_id else None
    if topic is not None:
        statement = statement.where(SupportRecord.topics.any(Topic.id == topic.id))
    rows = db.session.execute(statement).all()
    if not rows:
        raise IssueError(_l("The help desk recorded no visits for this topic in this period."))
    unresolved = sum(1 for r in rows if not r.resolved)
    ages = Counter(r.age_band or "" for r in rows)
    topic_name = topic.name if topic is not None else _("all topics")
    summary = _("Help desk, %(topic)s, %(start)s–%(end)s: %(visits)d visits, %(unresolved)d unresolved",
                topic=topic_name, start=start.isoformat(), end=end.isoformat(), visits=len(rows),
                unresolved=unresolved)
    figures = {"residents": len(rows), "count": len(rows), "unresolved": unresolved, "channels": {"helpdesk": len(rows)},
               "topic": topic_name, "start": start.isoformat(), "end": end.isoformat(), "age_bands": dict(ages)}
    return _add(issue, EvidenceKind.helpdesk, summary, figures, user, note)


def remove_evidence(evidence: Evidence) -> None:
    """Take a piece of evidence off its issue."""
    evidence.issue.updated_at = utcnow()
    db.session.delete(evidence)
    db.session.flush()


# -- KPI sources -------------------------------------------------------------------------------------------------

def set_kpi_source(kpi: Kpi, kind: str | None, survey_id: int | None = None) -> None:
    """Feed the KPI from help-desk or survey figures (kind), or stop (kind empty)."""
    source = db.session.get(KpiSource, kpi.id)
    if not kind:
        if source is not None:
            db.session.delete(source)
        db.session.flush()
        return
    if source is None:
        source = KpiSource(kpi_id=kpi.id)
        db.session.add(source)
    source.kind = KpiSourceKind(kind).value
    source.survey_id = survey_id if kind == KpiSourceKind.survey_responses.value else None
    db.session.flush()


def source_values(source: KpiSource, today: date) -> list[tuple[date, float]]:
    """The figures a source gives. Help-desk sources: the previous month and the current month so far, each dated
    the first day of its month (so the current month's value is replaced as the month goes on). Survey responses:
    the count up to today."""
    from civic.helpdesk import queries as helpdesk_queries
    from civic.helpdesk.models import Booking, BookingStatus, Slot

    if source.kind == KpiSourceKind.survey_responses.value:
        if source.survey_id is None:
            return []
        count = db.session.scalar(sa.select(sa.func.count()).where(SurveyResponse.survey_id == source.survey_id))
        return [(today, float(count or 0))]
    previous = today.replace(day=1) - timedelta(days=1)
    values = []
    for year, month in ((previous.year, previous.month), (today.year, today.month)):
        start, end = helpdesk_queries.month_bounds(year, month)
        attended = (sa.select(Booking.id).join(Booking.slot).where(
            Slot.starts_at >= start, Slot.starts_at < end, Booking.status == BookingStatus.attended.value))
        if source.kind == KpiSourceKind.helpdesk_sessions.value:
            value = db.session.scalar(sa.select(sa.func.count()).select_from(attended.subquery()))
        elif source.kind == KpiSourceKind.helpdesk_residents_70_plus.value:
            value = db.session.scalar(sa.select(sa.func.count()).select_from(
                attended.where(Booking.age_band.in_(("70s", "80_plus"))).subquery()))
        else:
            stats = helpdesk_queries.month_statistics(year, month)
            if not stats.records:
                continue
            value = stats.resolved_rate
        values.append((date(year, month, 1), float(value or 0)))
    return values


def update_kpis(today: date, user=None) -> int:
    """Record a value for every KPI with a source (replacing an automatic value of the same date, so running it
    twice changes nothing). Returns how many KPIs got a value."""
    updated = 0
    for source in db.session.scalars(sa.select(KpiSource)):
        measured = source_values(source, today)
        note = f"auto:{source.kind}"
        for measured_on, value in measured:
            existing = db.session.scalar(sa.select(KpiValue).where(KpiValue.kpi_id == source.kpi_id,
                                                                  KpiValue.measured_on == measured_on,
                                                                  KpiValue.source_note == note))
            if existing is None:
                existing = KpiValue(kpi_id=source.kpi_id, measured_on=measured_on, source_note=note)
                db.session.add(existing)
            existing.value = value
            existing.recorded_by_id = user.id if user else None
            existing.recorded_at = utcnow()
        updated += bool(measured)
    db.session.flush()
    return updated
