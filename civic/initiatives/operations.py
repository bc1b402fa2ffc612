"""Writes for initiatives and comments. Plain functions: no request, no commit (the caller commits)."""
from __future__ import annotations

import hashlib
import hmac
from datetime import date

from flask import current_app

from civic.database import utcnow
from civic.extensions import db
from civic.initiatives.models import (LANGUAGE_SUFFIX, Channel, Comment, CommentReport, CommentState, Follow,
                                      HelpfulMark, Initiative, InitiativeGram, Kpi, KpiValue, ModerationAction,
                                      ProgressUpdate, Publication)
from civic.initiatives.text import bigrams, normalise

TRANSLATED_INITIATIVE_FIELDS = ("title", "summary", "body", "department", "partners")
TRANSLATED_UPDATE_FIELDS = ("title", "body")


class InitiativeError(Exception):
    """A change to an initiative or comment that the rules do not allow."""


class SlugTaken(InitiativeError):
    """Another initiative already uses this web address."""


class CommentsClosed(InitiativeError):
    """The initiative is not open for comments (a draft, or archived)."""


class ChangeWindowClosed(InitiativeError):
    """The comment can no longer be edited or deleted by its author."""


class AlreadyReported(InitiativeError):
    """This person has reported this comment already."""


# ---- initiatives -------------------------------------------------------------------------------------------

def _set_translated(obj, fields, data: dict) -> None:
    for name in fields:
        for suffix in LANGUAGE_SUFFIX.values():
            key = f"{name}_{suffix}"
            if key in data:
                setattr(obj, key, (data[key] or "").strip())


def reindex(initiative: Initiative) -> None:
    """Rebuild the initiative's search text and its bigram index from every language version."""
    parts = [getattr(initiative, f"{name}_{suffix}") or "" for name in TRANSLATED_INITIATIVE_FIELDS
             for suffix in LANGUAGE_SUFFIX.values()]
    initiative.search_text = normalise("\n".join(parts))
    grams = set()
    for part in parts:
        for line in normalise(part).split():
            if len(line) > 1:
                grams |= bigrams(line)
    if initiative.id is None:
        db.session.flush()
    db.session.execute(db.delete(InitiativeGram).where(InitiativeGram.initiative_id == initiative.id))
    if grams:
        db.session.execute(db.insert(InitiativeGram),
                           [{"initiative_id": initiative.id, "gram": gram} for gram in sorted(grams)])


def save_initiative(initiative: Initiative | None, data: dict) -> Initiative:
    """Create an initiative (as a draft) or change one, and re-index it for search.

    data: slug, category, status, districts (list), starts_on, ends_on, and <field>_<ja|easy|en> texts.
    Raises SlugTaken when another initiative has the slug.
    """
    slug = data["slug"].strip().lower()
    clash = db.session.scalar(db.select(Initiative.id).where(Initiative.slug == slug))
    if clash is not None and (initiative is None or clash != initiative.id):
        raise SlugTaken(slug)
    if initiative is None:
        initiative = Initiative(publication=Publication.draft.value)
        db.session.add(initiative)
    initiative.slug = slug
    initiative.category = data["category"]
    initiative.status = data["status"]
    initiative.districts = " ".join(data.get("districts") or [])
    initiative.starts_on = data.get("starts_on")
    initiative.ends_on = data.get("ends_on")
    _set_translated(initiative, TRANSLATED_INITIATIVE_FIELDS, data)
    initiative.updated_at = utcnow()
    db.session.flush()
    reindex(initiative)
    return initiative


def set_publication(initiative: Initiative, publication: Publication) -> None:
    """Publish (residents see it), archive (readable, closed for comments) or return it to draft."""
    initiative.publication = publication.value
    if publication == Publication.published and initiative.published_at is None:
        initiative.published_at = utcnow()


def post_update(initiative: Initiative, author, data: dict) -> tuple[ProgressUpdate, list]:
    """Add a progress update to the timeline. Returns the update and the users following the initiative, whom
    the caller emails once the update is committed."""
    update = ProgressUpdate(initiative=initiative, author_id=author.id if author else None, posted_at=utcnow())
    _set_translated(update, TRANSLATED_UPDATE_FIELDS, data)
    db.session.add(update)
    initiative.updated_at = utcnow()
    db.session.flush()
    followers = db.session.scalars(
        db.select(Follow).where(Follow.initiative_id == initiative.id).options(db.joinedload(Follow.user))
    ).all()
    return update, [follow.user for follow in followers if follow.user.active]


def define_kpi(initiative: Initiative, data: dict) -> Kpi:
    """Add a KPI (name per language, unit, baseline, target, direction) to the initiative."""
    kpi = Kpi(initiative=initiative, unit=(data.get("unit") or "").strip(), baseline=data["baseline"],
              target=data["target"], direction=data.get("direction") or "up", position=len(initiative.kpis))
    _set_translated(kpi, ("name",), data)
    db.session.add(kpi)
    db.session.flush()
    return kpi


def record_kpi_value(kpi: Kpi, value: float, measured_on: date, recorded_by, source_note: str = "") -> KpiValue:
    """Record a measurement of the KPI on a date."""
    entry = KpiValue(kpi=kpi, value=value, measured_on=measured_on, source_note=(source_note or "").strip(),
                     recorded_by_id=recorded_by.id if recorded_by else None)
    db.session.add(entry)
    db.session.flush()
    return entry


def follow(initiative: Initiative, user) -> None:
    """The user gets an email for each new update (nothing changes if they follow it already)."""
    if db.session.get(Follow, (initiative.id, user.id)) is None:
        db.session.add(Follow(initiative_id=initiative.id, user_id=user.id))
        db.session.flush()


def unfollow(initiative: Initiative, user) -> None:
    db.session.execute(db.delete(Follow).where(Follow.initiative_id == initiative.id, Follow.user_id == user.id))


# ---- comments ----------------------------------------------------------------------------------------------

def post_comment(initiative: Initiative, user, body: str, parent: Comment | None = None) -> Comment:
    """A signed-in person's comment, or a reply (a reply to a reply joins the same thread, one level deep).
    Staff (planners, admins) answer officially. Raises CommentsClosed unless the initiative is published."""
    if not initiative.accepts_comments:
        raise CommentsClosed()
    if parent is not None:
        parent = parent.parent or parent
    comment = Comment(initiative_id=initiative.id, parent=parent, author_id=user.id,
                      author_name=user.display_name, official=user.role in ("planner", "admin"),
                      channel=Channel.web.value, body=body.strip(), created_at=utcnow())
    db.session.add(comment)
    db.session.flush()
    return comment


def post_comment_on_behalf(initiative: Initiative, staff, author_name: str, channel: Channel, body: str) -> Comment:
    """A comment a resident gave on paper, by phone or at a meeting, typed in by staff (shown with the channel).
    Raises CommentsClosed unless the initiative is published."""
    if not initiative.accepts_comments:
        raise CommentsClosed()
    comment = Comment(initiative_id=initiative.id, author_id=None, author_name=author_name.strip(),
                      channel=channel.value, entered_by_id=staff.id, body=body.strip(), created_at=utcnow())
    db.session.add(comment)
    db.session.flush()
    return comment


def _window() -> int:
    return current_app.config["COMMENT_EDIT_WINDOW_MINUTES"]


def edit_comment(comment: Comment, user, body: str) -> None:
    """The author changes their text. Raises ChangeWindowClosed after the edit window (or for someone else)."""
    if not comment.can_change(user, _window()):
        raise ChangeWindowClosed()
    comment.body = body.strip()
    comment.edited_at = utcnow()


def delete_comment(comment: Comment, user) -> None:
    """The author withdraws their comment: its text is removed, replies stay. Raises ChangeWindowClosed."""
    if not comment.can_change(user, _window()):
        raise ChangeWindowClosed()
    comment.body = ""
    comment.deleted_at = utcnow()


def toggle_helpful(comment: Comment, user) -> bool:
    """参考になった: mark the comment (or take the mark back). Returns True when it is now marked."""
    mark = db.session.get(HelpfulMark, (comment.id, user.id))
    if mark is None:
        db.session.add(HelpfulMark(comment_id=comment.id, user_id=user.id))
        comment.helpful_count = Comment.helpful_count + 1
        marked = True
    else:
        db.session.delete(mark)
        comment.helpful_count = Comment.helpful_count - 1
        marked = False
    db.session.flush()
    db.session.refresh(comment, ["helpful_count"])
    return marked


def reporter_key(user, remote_address: str | None) -> str:
    """Who is reporting, so each person counts once: the account, or a keyed hash of the address (the address
    itself is not kept)."""
    if getattr(user, "is_authenticated", False):
        return f"user:{user.id}"
    digest = hmac.new(current_app.config["SECRET_KEY"].encode(), (remote_address or "").encode(),
                      hashlib.sha256).hexdigest()
    return f"addr:{digest[:40]}"


def report_comment(comment: Comment, key: str, reason: str, note: str = "") -> CommentReport:
    """Ask planners to review the comment. Once COMMENT_HIDE_AFTER_REPORTS different people have reported it,
    it is held (hidden) until a planner decides. Raises AlreadyReported for a second report by the same person."""
    exists = db.session.scalar(db.select(CommentReport.id).where(CommentReport.comment_id == comment.id,
                                                                 CommentReport.reporter_key == key))
    if exists is not None:
        raise AlreadyReported()
    report = CommentReport(comment_id=comment.id, reporter_key=key, reason=reason, note=(note or "").strip())
    db.session.add(report)
    db.session.flush()
    open_reports = db.session.scalar(db.select(db.func.count(CommentReport.id)).where(
        CommentReport.comment_id == comment.id, CommentReport.resolved_at.is_(None)))
    comment.open_report_count = open_reports
    if (comment.state == CommentState.visible.value
            and open_reports >= current_app.config["COMMENT_HIDE_AFTER_REPORTS"]):
        comment.state = CommentState.held.value
    return report


def _resolve_reports(comment: Comment) -> None:
    db.session.execute(db.update(CommentReport).where(CommentReport.comment_id == comment.id,
                                                      CommentReport.resolved_at.is_(None))
                       .values(resolved_at=utcnow()))
    comment.open_report_count = 0


def _record(comment: Comment, action: str, actor, reason: str = "") -> ModerationAction:
    entry = ModerationAction(comment_id=comment.id, action=action, reason=reason, actor_id=actor.id,
                             created_at=utcnow())
    db.session.add(entry)
    db.session.flush()
    return entry


def hide_comment(comment: Comment, actor, reason: str) -> ModerationAction:
    """Hide the comment; the reason is shown in its place. Its reports are settled."""
    comment.state = CommentState.hidden.value
    comment.hidden_reason = reason.strip()
    _resolve_reports(comment)
    return _record(comment, "hide", actor, reason.strip())


def restore_comment(comment: Comment, actor) -> ModerationAction:
    """Show a held or hidden comment again; its reports are settled."""
    comment.state = CommentState.visible.value
    comment.hidden_reason = ""
    _resolve_reports(comment)
    return _record(comment, "restore", actor)


def dismiss_reports(comment: Comment, actor) -> ModerationAction:
    """The reports were unfounded: settle them and show the comment if it was held because of them."""
    if comment.state == CommentState.held.value:
        comment.state = CommentState.visible.value
    _resolve_reports(comment)
    return _record(comment, "dismiss", actor)
