"""Reads that pages and the home section share, with eager loading so query counts stay flat as data grows."""
from __future__ import annotations

from civic.extensions import db
from civic.initiatives.models import (Comment, CommentState, Follow, HelpfulMark, Initiative, InitiativeGram,
                                      Kpi, ModerationAction, ProgressUpdate, Publication)
from civic.initiatives.text import bigrams, search_words

INITIATIVES_PER_PAGE = 10
COMMENTS_PER_PAGE = 20


def find_initiatives(*, category: str = "", status: str = "", district: str = "", query: str = "",
                     page: int = 1, per_page: int = INITIATIVES_PER_PAGE):
    """Published initiatives, newest first, filtered; every word of the query must occur (AND).

    A word is first looked up by its character bigrams in the index (so 交通 or 見守 finds text without spaces),
    then confirmed as a whole in the normalised text of all language versions.
    """
    statement = db.select(Initiative).where(Initiative.publication == Publication.published.value)
    if category:
        statement = statement.where(Initiative.category == category)
    if status:
        statement = statement.where(Initiative.status == status)
    if district:
        padded = db.literal(" ") + Initiative.districts + " "  # districts are space-separated codes
        statement = statement.where(padded.contains(f" {district} ", autoescape=True))
    for word in search_words(query):
        grams = bigrams(word) if len(word) > 1 else set()
        if grams:
            matching = (db.select(InitiativeGram.initiative_id).where(InitiativeGram.gram.in_(sorted(grams)))
                        .group_by(InitiativeGram.initiative_id)
                        .having(db.func.count(InitiativeGram.gram) == len(grams)))
            statement = statement.where(Initiative.id.in_(matching))
        statement = statement.where(Initiative.search_text.contains(word, autoescape=True))
    statement = statement.order_by(Initiative.updated_at.desc(), Initiative.id.desc())
    return db.paginate(statement, page=page, per_page=per_page, error_out=False)


def initiative_for_page(slug: str) -> Initiative | None:
    return db.session.scalar(
        db.select(Initiative).where(Initiative.slug == slug)
        .options(db.selectinload(Initiative.updates), db.selectinload(Initiative.kpis).selectinload(Kpi.values))
    )


def comment_page(initiative: Initiative, page: int = 1, per_page: int = COMMENTS_PER_PAGE):
    """Top-level comments, oldest first, with their replies: three queries whatever the number of comments."""
    statement = (db.select(Comment)
                 .where(Comment.initiative_id == initiative.id, Comment.parent_id.is_(None))
                 .options(db.selectinload(Comment.replies))
                 .order_by(Comment.created_at, Comment.id))
    return db.paginate(statement, page=page, per_page=per_page, error_out=False)


def helpful_marked_by(user, comments) -> set[int]:
    """Which of these comments (and their replies) the user has marked 参考になった; one query."""
    if not getattr(user, "is_authenticated", False):
        return set()
    ids = [c.id for comment in comments for c in [comment, *comment.replies]]
    if not ids:
        return set()
    return set(db.session.scalars(db.select(HelpfulMark.comment_id).where(
        HelpfulMark.user_id == user.id, HelpfulMark.comment_id.in_(ids))))


def is_following(initiative: Initiative, user) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    return db.session.get(Follow, (initiative.id, user.id)) is not None


def moderation_queue() -> list[Comment]:
    """Comments for a planner to look at: held by reports, with reports nobody has settled yet, or hidden (so
    they can be restored). Those waiting for a decision come first."""
    return db.session.scalars(
        db.select(Comment)
        .where(db.or_(Comment.state != CommentState.visible.value, Comment.open_report_count > 0))
        .options(db.joinedload(Comment.initiative), db.selectinload(Comment.reports),
                 db.selectinload(Comment.actions).joinedload(ModerationAction.actor))
        .order_by((Comment.state == CommentState.hidden.value), Comment.open_report_count.desc(),
                  Comment.created_at)
    ).unique().all()


def latest_updates(limit: int = 3) -> list[ProgressUpdate]:
    """The newest progress updates of published initiatives (for the home page)."""
    return db.session.scalars(
        db.select(ProgressUpdate).join(ProgressUpdate.initiative)
        .where(Initiative.publication == Publication.published.value)
        .options(db.contains_eager(ProgressUpdate.initiative))
        .order_by(ProgressUpdate.posted_at.desc(), ProgressUpdate.id.desc()).limit(limit)
    ).all()


def page_of(comment: Comment, per_page: int = COMMENTS_PER_PAGE) -> int:
    """The page of the comment list on which this top-level comment appears."""
    before = db.session.scalar(db.select(db.func.count(Comment.id)).where(
        Comment.initiative_id == comment.initiative_id, Comment.parent_id.is_(None),
        db.or_(Comment.created_at < comment.created_at,
               db.and_(Comment.created_at == comment.created_at, Comment.id < comment.id))))
    return before // per_page + 1
