from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from flask_login import UserMixin
from sqlalchemy.orm import Mapped, mapped_column

from civic.database import UTCDateTime, utcnow
from civic.extensions import db
from civic.permissions import Role


class User(UserMixin, db.Model):
    """A person with an account: a resident, or staff of the help desk, planning or administration."""

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(sa.String(254), unique=True)  # stored lower-cased
    display_name: Mapped[str] = mapped_column(sa.String(60))
    password_hash: Mapped[str] = mapped_column(sa.String(255))
    role: Mapped[str] = mapped_column(sa.String(20), default=Role.resident.value)
    language: Mapped[str | None] = mapped_column(sa.String(10))
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_sign_in_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    __table_args__ = (
        sa.CheckConstraint(
            "role IN ('resident', 'helpdesk', 'planner', 'admin')", name="role_known"
        ),
    )

    @property
    def is_active(self) -> bool:  # Flask-Login refuses sign-in to deactivated accounts
        return self.active

    @property
    def is_staff(self) -> bool:
        return self.role != Role.resident.value

    @property
    def role_label(self) -> str:
        return Role(self.role).label

    def __repr__(self) -> str:
        return f"<User {self.id} {self.role}>"
