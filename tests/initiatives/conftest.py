"""Factories for initiatives and comments, written through the domain's operations."""
from __future__ import annotations

import itertools

import pytest

from civic.accounts.models import User
from civic.extensions import db
from civic.initiatives import operations
from civic.initiatives.models import Comment, Initiative, Publication


@pytest.fixture
def make_initiative(app):
    """make_initiative(title_ja=..., publication="published", ...) -> the initiative's slug."""
    counter = itertools.count(1)

    def factory(publication: str = "published", **overrides) -> str:
        number = next(counter)
        data = {"slug": f"initiative-{number}", "category": "mobility", "status": "trial", "districts": ["north"],
                "title_ja": f"施策{number}", "summary_ja": "概要です。", "body_ja": "本文です。",
                "department_ja": "デジタル推進課"}
        data.update(overrides)
        with app.app_context():
            initiative = operations.save_initiative(None, data)
            operations.set_publication(initiative, Publication(publication))
            db.session.commit()
            return initiative.slug

    return factory


@pytest.fixture
def make_comment(app):
    """make_comment(slug, user, body, parent_id=None) -> the comment's id."""

    def factory(slug: str, user, body: str = "いいと思います。", parent_id: int | None = None) -> int:
        with app.app_context():
            initiative = db.session.scalar(db.select(Initiative).where(Initiative.slug == slug))
            author = db.session.get(User, user.id)
            parent = db.session.get(Comment, parent_id) if parent_id else None
            comment = operations.post_comment(initiative, author, body, parent=parent)
            db.session.commit()
            return comment.id

    return factory


@pytest.fixture
def read(app):
    """read(Model, id) or read(statement) inside an app context, for assertions on the database."""

    def reader(what, ident=None):
        with app.app_context():
            if ident is not None:
                obj = db.session.get(what, ident)
                if obj is not None:
                    db.session.expunge(obj)
                return obj
            return db.session.scalars(what).all()

    return reader
