"""Reads for the planners' dashboard, local issues, their evidence and the themes pages."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa
from sqlalchemy.orm import selectinload

from civic.extensions import db
from civic.initiatives.models import Comment, CommentState, Initiative, Kpi
from civic.insights.models import (OPEN_STATUSES, PRIORITY_ORDER, Evidence, EvidenceKind, KpiSource, LocalIssue)
from civic.insights.themes import Document
from civic.surveys.models import TEXT_KINDS, Kind, Question, Survey, SurveyResponse
from civic.surveys.results import _choice_values

CHANNEL_KEYS = ("web", "paper", "phone", "interview", "meeting", "helpdesk")


def issues(status: str = "") -> list[LocalIssue]:
    statement = sa.select(LocalIssue).options(selectinload(LocalIssue.evidence))
    if status == "open":
        statement = statement.where(LocalIssue.status.in_(OPEN_STATUSES))
    elif status:
        statement = statement.where(LocalIssue.status == status)
    found = list(db.session.scalars(statement.order_by(LocalIssue.updated_at.desc(), LocalIssue.id.desc())))
    return sorted(found, key=lambda i: PRIORITY_ORDER.get(i.priority, 3))


def issue_for_page(issue_id: int) -> LocalIssue | None:
    return db.session.scalar(sa.select(LocalIssue).where(LocalIssue.id == issue_id).options(
        selectinload(LocalIssue.evidence).selectinload(Evidence.added_by), selectinload(LocalIssue.initiatives),
        selectinload(LocalIssue.priority_set_by)))


def channel_totals(evidence: list[Evidence]) -> list[tuple[str, int]]:
    """How many residents the evidence speaks for, per channel (web, paper, phone, interview, meeting, help desk)."""
    totals = Counter()
    for item in evidence:
        for channel, count in (item.figures or {}).get("channels", {}).items():
            totals[channel] += count
    return [(key, totals[key]) for key in CHANNEL_KEYS if totals[key]]


@dataclass
class Quote:
    text: str
    channel: str
    context: str  # the initiative a comment was left on; empty for survey answers


def quotes_for(evidence: list[Evidence], language: str, limit: int = 20) -> dict[int, list[Quote]]:
    """The words behind text evidence (free-text answers, comments): two queries for the whole page."""
    response_ids = {i for e in evidence if e.kind == EvidenceKind.survey_texts.value for i in e.source_ids}
    comment_ids = {i for e in evidence if e.kind == EvidenceKind.comments.value for i in e.source_ids}
    responses = {r.id: r for r in db.session.execute(
        sa.select(SurveyResponse.id, SurveyResponse.channel, SurveyResponse.answers)
        .where(SurveyResponse.id.in_(response_ids)))} if response_ids else {}
    comments = {c.id: c for c in db.session.scalars(
        sa.select(Comment).where(Comment.id.in_(comment_ids)).options(selectinload(Comment.initiative)))
    } if comment_ids else {}
    quotes: dict[int, list[Quote]] = {}
    for item in evidence:
        found = []
        if item.kind == EvidenceKind.survey_texts.value:
            for response_id in item.source_ids:
                row = responses.get(response_id)
                value = (row.answers or {}).get(str(item.question_id)) if row else None
                text = value.get("text") if isinstance(value, dict) else value
                if isinstance(text, str) and text.strip():
                    found.append(Quote(text.strip(), row.channel, ""))
        elif item.kind == EvidenceKind.comments.value:
            for comment_id in item.source_ids:
                comment = comments.get(comment_id)
                if comment is not None and comment.is_shown:
                    found.append(Quote(comment.body, comment.channel,
                                       comment.initiative.localized("title", language).text))
        quotes[item.id] = found[:limit]
    return quotes


# -- survey sources ---------------------------------------------------------------------------------------------

def surveys_with_answers() -> list[Survey]:
    return list(db.session.scalars(sa.select(Survey).where(Survey.status != "draft")
                                   .options(selectinload(Survey.questions), selectinload(Survey.sections))
                                   .order_by(Survey.id.desc())))


def choice_questions(survey: Survey) -> list[Question]:
    return [q for q in survey.ordered_questions() if q.kind in (Kind.single.value, Kind.multiple.value,
                                                                Kind.choice_other.value)]


def profile_questions(survey: Survey) -> dict[str, Question]:
    return {q.profile_key: q for q in survey.questions if q.profile_key in ("age_band", "district")}


def text_questions(survey: Survey) -> list[Question]:
    return [q for q in survey.ordered_questions() if q.kind in TEXT_KINDS or q.kind == Kind.choice_other.value]


def survey_documents(survey: Survey, question: Question, language: str) -> list[Document]:
    """Free-text answers to a question, each with the respondent's age band and district (from the profile
    questions, when the survey has them)."""
    profile = profile_questions(survey)
    documents = []
    rows = db.session.execute(sa.select(SurveyResponse.id, SurveyResponse.channel, SurveyResponse.answers)
                              .where(SurveyResponse.survey_id == survey.id).order_by(SurveyResponse.id))
    for row in rows:
        answers = row.answers or {}
        value = answers.get(str(question.id))
        text = value.get("text") if isinstance(value, dict) else value if isinstance(value, str) else ""
        if not text or not text.strip():
            continue
        groups = {}
        for key, profile_question in profile.items():
            given = _choice_values(profile_question, answers.get(str(profile_question.id)))
            groups[key] = profile_question.option_text(given[0], language) if given else ""
        documents.append(Document(row.id, text.strip(), row.channel, groups.get("age_band", ""),
                                  groups.get("district", "")))
    return documents


def comment_documents(language: str) -> list[Document]:
    """Residents' visible comments (not staff answers), with the initiative's first district as the district."""
    comments = db.session.scalars(sa.select(Comment).where(
        Comment.state == CommentState.visible.value, Comment.official.is_(False), Comment.deleted_at.is_(None))
        .options(selectinload(Comment.initiative)).order_by(Comment.id))
    documents = []
    for comment in comments:
        districts = comment.initiative.district_list
        documents.append(Document(comment.id, comment.body, comment.channel, "",
                                  districts[0].label if districts else ""))
    return documents


def resident_comments(limit: int = 200) -> list[Comment]:
    return list(db.session.scalars(sa.select(Comment).where(
        Comment.state == CommentState.visible.value, Comment.official.is_(False), Comment.deleted_at.is_(None))
        .options(selectinload(Comment.initiative)).order_by(Comment.created_at.desc()).limit(limit)))


# -- dashboard ---------------------------------------------------------------------------------------------------

def all_kpis() -> list[Kpi]:
    return list(db.session.scalars(sa.select(Kpi).join(Kpi.initiative).options(
        selectinload(Kpi.values), selectinload(Kpi.initiative)).order_by(Initiative.id, Kpi.position, Kpi.id)))


def kpi_sources() -> dict[int, KpiSource]:
    return {s.kpi_id: s for s in db.session.scalars(sa.select(KpiSource))}


def survey_channel_counts() -> list[tuple[Survey, dict[str, int], int]]:
    rows = db.session.execute(sa.select(SurveyResponse.survey_id, SurveyResponse.channel, sa.func.count())
                              .group_by(SurveyResponse.survey_id, SurveyResponse.channel)).all()
    counts: dict[int, dict[str, int]] = {}
    for survey_id, channel, count in rows:
        counts.setdefault(survey_id, {})[channel] = count
    surveys = db.session.scalars(sa.select(Survey).where(Survey.id.in_(counts)).order_by(Survey.id.desc())) \
        if counts else []
    return [(s, counts[s.id], sum(counts[s.id].values())) for s in surveys]


def open_issues_by_priority() -> list[tuple[str, int]]:
    rows = db.session.execute(sa.select(LocalIssue.priority, sa.func.count()).where(
        LocalIssue.status.in_(OPEN_STATUSES)).group_by(LocalIssue.priority)).all()
    counts = {priority or "": count for priority, count in rows}
    return [(key, counts.get(key, 0)) for key in ("high", "medium", "low", "")]


def recent_months(today: date, count: int = 6) -> list[tuple[int, int]]:
    months = []
    year, month = today.year, today.month
    for _ in range(count):
        months.append((year, month))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return list(reversed(months))
