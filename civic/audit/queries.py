from __future__ import annotations

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from civic.audit.models import AuditEvent
from civic.extensions import db

JAPAN = ZoneInfo("Asia/Tokyo")


def search(actor: str | None = None, action: str | None = None, target: str | None = None, since=None,
           until=None):
    """Audit events matching the filters, newest first. Dates are Japan dates, as staff think of them."""
    statement = db.select(AuditEvent).order_by(AuditEvent.occurred_at.desc(), AuditEvent.id.desc())
    if actor:
        statement = statement.where(AuditEvent.actor_email.like(f"%{actor.strip().lower()}%"))
    if action:
        statement = statement.where(AuditEvent.action.like(f"{action.strip()}%"))
    if target:
        statement = statement.where(AuditEvent.target_id == target.strip())
    if since:
        statement = statement.where(AuditEvent.occurred_at >= datetime.combine(since, time.min, JAPAN))
    if until:
        statement = statement.where(AuditEvent.occurred_at < datetime.combine(until + timedelta(days=1), time.min,
                                                                              JAPAN))
    return statement
