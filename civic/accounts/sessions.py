"""Server-side session records: a fresh one at every sign-in, ended for real at sign-out.

The Flask session cookie carries only a random token (`sid`); the row in user_sessions decides whether it is
still good. Staff sessions end after a short idle time and a fixed lifetime; residents' last longer.
"""
from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from flask import current_app, request, session

from civic.accounts.models import User, UserSession
from civic.database import utcnow
from civic.extensions import db

SESSION_KEY = "sid"
# Writing last_seen_at on every request would turn every page view into a write; once a minute is enough.
TOUCH_INTERVAL = timedelta(seconds=60)


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def lifetimes_for(user: User) -> tuple[int, int]:
    """(idle timeout, absolute lifetime) in seconds for this user's role."""
    config = current_app.config
    if user.is_staff:
        return config["STAFF_SESSION_IDLE_TIMEOUT"], config["STAFF_SESSION_LIFETIME"]
    return config["RESIDENT_SESSION_IDLE_TIMEOUT"], config["RESIDENT_SESSION_LIFETIME"]


def start(user: User) -> UserSession:
    """Record a new session for the user and put its token in the (freshly cleared) cookie session."""
    token = secrets.token_urlsafe(32)
    idle, lifetime = lifetimes_for(user)
    now = utcnow()
    record = UserSession(user_id=user.id, token_hash=_hash(token), created_at=now, last_seen_at=now,
                         expires_at=now + timedelta(seconds=lifetime), idle_timeout=idle,
                         ip_address=request.remote_addr, user_agent=(request.user_agent.string or "")[:200])
    db.session.add(record)
    session[SESSION_KEY] = token
    return record


def current() -> UserSession | None:
    token = session.get(SESSION_KEY)
    if not token:
        return None
    return db.session.scalar(db.select(UserSession).where(UserSession.token_hash == _hash(token)))


def touch(record: UserSession) -> None:
    now = utcnow()
    if now - record.last_seen_at >= TOUCH_INTERVAL:
        record.last_seen_at = now


def extend(record: UserSession) -> None:
    """The person asked to stay signed in: restart the idle clock now."""
    record.last_seen_at = utcnow()


def revoke(record: UserSession, reason: str) -> None:
    if record.revoked_at is None:
        record.revoked_at = utcnow()
        record.revoked_reason = reason


def revoke_all(user: User, reason: str, keep: UserSession | None = None) -> int:
    """End every live session of the user (except `keep`); returns how many were ended."""
    statement = db.update(UserSession).where(UserSession.user_id == user.id, UserSession.revoked_at.is_(None))
    if keep is not None:
        statement = statement.where(UserSession.id != keep.id)
    result = db.session.execute(statement.values(revoked_at=utcnow(), revoked_reason=reason))
    return result.rowcount or 0


def live_sessions(user: User) -> list[UserSession]:
    now = utcnow()
    rows = db.session.scalars(db.select(UserSession).where(
        UserSession.user_id == user.id, UserSession.revoked_at.is_(None), UserSession.expires_at > now,
    ).order_by(UserSession.last_seen_at.desc())).all()
    return [row for row in rows if row.is_live(now)]
