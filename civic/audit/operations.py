"""Writing and purging the audit trail."""
from __future__ import annotations

from datetime import timedelta

from flask import has_request_context, request
from flask_login import current_user

from civic.audit.models import AuditEvent
from civic.database import utcnow
from civic.extensions import db

FORBIDDEN_DETAIL_WORDS = ("password", "token", "secret", "answer")


def record(action: str, *, target_type: str | None = None, target_id=None, actor=None, detail: str | None = None,
           actor_email: str | None = None) -> AuditEvent:
    """Append an audit event. The actor defaults to the signed-in person; the address to the request's.

    `detail` is a short free text for context (e.g. "role: planner → admin" or "period 2026-11-01..30"); it must
    never carry passwords, tokens or answers.
    """
    if actor is None and has_request_context() and current_user.is_authenticated:
        actor = current_user
    event = AuditEvent(
        action=action,
        actor_id=getattr(actor, "id", None),
        actor_email=actor_email or getattr(actor, "email", None),
        target_type=target_type,
        target_id=None if target_id is None else str(target_id),
        ip_address=request.remote_addr if has_request_context() else None,
        detail=(detail or None) and detail[:500],
    )
    db.session.add(event)
    return event


def purge_older_than(days: int) -> int:
    """Delete audit events older than `days` days (the configured retention). Returns how many went."""
    cutoff = utcnow() - timedelta(days=days)
    result = db.session.execute(db.delete(AuditEvent).where(AuditEvent.occurred_at < cutoff))
    return result.rowcount or 0


def record_access(action: str, *, target_type: str | None = None, target_id=None, detail: str | None = None) -> None:
    """Record that a staff member looked at or exported personal data, and save it at once.

    Reading changes nothing else, so this commit is the request's only write; it happens before the data is
    sent, so an access is never missing from the trail.
    """
    record(action, target_type=target_type, target_id=target_id, detail=detail)
    db.session.commit()
