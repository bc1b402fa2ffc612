"""DX initiatives (DX施策), their progress updates, KPIs, and residents' comments.

Staff-written text is kept in one column per language (ja, ja-easy, en); Japanese is required and is what a
reader sees, marked as such, when their language has no version yet.
"""
from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import date, datetime, timedelta

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from civic.accounts.models import User
from civic.database import UTCDateTime, utcnow
from civic.extensions import db
from civic.i18n import _l
from civic.permissions import Role, has_role

# Column suffix for each language code: title_ja, title_easy, title_en.
LANGUAGE_SUFFIX = {"ja": "ja", "ja-easy": "easy", "en": "en"}


@dataclass(frozen=True)
class LocalText:
    """A piece of staff-written text in the reader's language, or in Japanese when that is missing."""

    text: str
    fallback: bool  # True when the Japanese version stands in for the reader's language

    def __str__(self) -> str:
        return self.text


class Translated:
    """Mixin: obj.localized("title", "en") reads title_en, falling back to title_ja."""

    def localized(self, name: str, language_code: str) -> LocalText:
        suffix = LANGUAGE_SUFFIX.get(language_code, "ja")
        value = getattr(self, f"{name}_{suffix}") or ""
        if value.strip() or suffix == "ja":
            return LocalText(value, False)
        return LocalText(getattr(self, f"{name}_ja") or "", True)


class Category(str, enum.Enum):
    welfare = "welfare"
    mobility = "mobility"
    government = "government"
    economy = "economy"
    disaster = "disaster"
    education = "education"

    @property
    def label(self) -> str:
        return str(CATEGORY_LABELS[self])


CATEGORY_LABELS = {
    Category.welfare: _l("Health and welfare"),
    Category.mobility: _l("Transport"),
    Category.government: _l("Online city services"),
    Category.economy: _l("Local business"),
    Category.disaster: _l("Disaster preparedness"),
    Category.education: _l("Education"),
}


class Status(str, enum.Enum):
    """Where an initiative stands: 構想中 / 実証実験中 / 本格導入 / 終了."""

    planning = "planning"
    trial = "trial"
    rollout = "rollout"
    ended = "ended"

    @property
    def label(self) -> str:
        return str(STATUS_LABELS[self])


STATUS_LABELS = {
    Status.planning: _l("Being planned"),
    Status.trial: _l("Trial under way"),
    Status.rollout: _l("In full use"),
    Status.ended: _l("Ended"),
}


class District(str, enum.Enum):
    central = "central"
    north = "north"
    east = "east"
    south = "south"
    west = "west"
    mountain = "mountain"

    @property
    def label(self) -> str:
        return str(DISTRICT_LABELS[self])


DISTRICT_LABELS = {
    District.central: _l("Central district"),
    District.north: _l("North district"),
    District.east: _l("East district"),
    District.south: _l("South district"),
    District.west: _l("West district"),
    District.mountain: _l("Mountain district"),
}


class Publication(str, enum.Enum):
    draft = "draft"  # only planners see it
    published = "published"
    archived = "archived"  # still readable, no longer listed, closed for comments

    @property
    def label(self) -> str:
        return str(PUBLICATION_LABELS[self])


PUBLICATION_LABELS = {
    Publication.draft: _l("Draft"),
    Publication.published: _l("Published"),
    Publication.archived: _l("Archived"),
}


class Initiative(Translated, db.Model):
    """A DX initiative (DX施策) the city runs, often with private partners (官民連携)."""

    __tablename__ = "initiatives"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(sa.String(80), unique=True)
    category: Mapped[str] = mapped_column(sa.String(20))
    status: Mapped[str] = mapped_column(sa.String(20), default=Status.planning.value)
    publication: Mapped[str] = mapped_column(sa.String(20), default=Publication.draft.value, index=True)
    districts: Mapped[str] = mapped_column(sa.String(200), default="")  # space-separated District values
    starts_on: Mapped[date | None] = mapped_column(sa.Date)
    ends_on: Mapped[date | None] = mapped_column(sa.Date)
    title_ja: Mapped[str] = mapped_column(sa.String(200))
    title_easy: Mapped[str] = mapped_column(sa.String(200), default="")
    title_en: Mapped[str] = mapped_column(sa.String(200), default="")
    summary_ja: Mapped[str] = mapped_column(sa.Text)
    summary_easy: Mapped[str] = mapped_column(sa.Text, default="")
    summary_en: Mapped[str] = mapped_column(sa.Text, default="")
    body_ja: Mapped[str] = mapped_column(sa.Text)
    body_easy: Mapped[str] = mapped_column(sa.Text, default="")
    body_en: Mapped[str] = mapped_column(sa.Text, default="")
    department_ja: Mapped[str] = mapped_column(sa.String(200), default="")
    department_easy: Mapped[str] = mapped_column(sa.String(200), default="")
    department_en: Mapped[str] = mapped_column(sa.String(200), default="")
    partners_ja: Mapped[str] = mapped_column(sa.String(500), default="")
    partners_easy: Mapped[str] = mapped_column(sa.String(500), default="")
    partners_en: Mapped[str] = mapped_column(sa.String(500), default="")
    # Every language version, NFKC-normalised and lower-cased: what word search matches against.
    search_text: Mapped[str] = mapped_column(sa.Text, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    published_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    updates: Mapped[list[ProgressUpdate]] = relationship(
        back_populates="initiative", order_by="ProgressUpdate.posted_at.desc()", cascade="all, delete-orphan")
    kpis: Mapped[list[Kpi]] = relationship(back_populates="initiative", order_by="Kpi.position, Kpi.id",
                                           cascade="all, delete-orphan")

    __table_args__ = (
        sa.CheckConstraint("publication IN ('draft', 'published', 'archived')", name="publication_known"),
        sa.CheckConstraint("status IN ('planning', 'trial', 'rollout', 'ended')", name="status_known"),
    )

    @property
    def district_list(self) -> list[District]:
        return [District(code) for code in self.districts.split() if code in District._value2member_map_]

    @property
    def category_label(self) -> str:
        return Category(self.category).label

    @property
    def status_label(self) -> str:
        return Status(self.status).label

    @property
    def is_visible_to_residents(self) -> bool:
        return self.publication != Publication.draft.value

    def can_view(self, user) -> bool:
        return self.is_visible_to_residents or has_role(user, Role.planner)

    @property
    def accepts_comments(self) -> bool:
        return self.publication == Publication.published.value


class InitiativeGram(db.Model):
    """The character bigrams (2-gram) of an initiative's text: Japanese has no spaces between words, so search
    looks up every bigram of a query word here, then confirms the whole word in search_text."""

    __tablename__ = "initiative_grams"

    initiative_id: Mapped[int] = mapped_column(sa.ForeignKey("initiatives.id", ondelete="CASCADE"),
                                               primary_key=True)
    gram: Mapped[str] = mapped_column(sa.String(2), primary_key=True)

    __table_args__ = (sa.Index("ix_initiative_grams_gram", "gram", "initiative_id"),)


class Follow(db.Model):
    """A resident follows an initiative and gets an email when an update is posted."""

    __tablename__ = "initiative_follows"

    initiative_id: Mapped[int] = mapped_column(sa.ForeignKey("initiatives.id", ondelete="CASCADE"),
                                               primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    user: Mapped[User] = relationship()


class ProgressUpdate(Translated, db.Model):
    """A dated entry on an initiative's timeline (進捗報告)."""

    __tablename__ = "initiative_updates"

    id: Mapped[int] = mapped_column(primary_key=True)
    initiative_id: Mapped[int] = mapped_column(sa.ForeignKey("initiatives.id", ondelete="CASCADE"), index=True)
    author_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    posted_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    title_ja: Mapped[str] = mapped_column(sa.String(200))
    title_easy: Mapped[str] = mapped_column(sa.String(200), default="")
    title_en: Mapped[str] = mapped_column(sa.String(200), default="")
    body_ja: Mapped[str] = mapped_column(sa.Text)
    body_easy: Mapped[str] = mapped_column(sa.Text, default="")
    body_en: Mapped[str] = mapped_column(sa.Text, default="")

    initiative: Mapped[Initiative] = relationship(back_populates="updates")


class Kpi(Translated, db.Model):
    """A key performance indicator (KPI, 重要業績評価指標) measured over time; general enough for any domain that
    tracks a number against a baseline and a target."""

    __tablename__ = "kpis"

    id: Mapped[int] = mapped_column(primary_key=True)
    initiative_id: Mapped[int] = mapped_column(sa.ForeignKey("initiatives.id", ondelete="CASCADE"), index=True)
    name_ja: Mapped[str] = mapped_column(sa.String(200))
    name_easy: Mapped[str] = mapped_column(sa.String(200), default="")
    name_en: Mapped[str] = mapped_column(sa.String(200), default="")
    unit: Mapped[str] = mapped_column(sa.String(40), default="")
    baseline: Mapped[float] = mapped_column(sa.Float)
    target: Mapped[float] = mapped_column(sa.Float)
    direction: Mapped[str] = mapped_column(sa.String(4), default="up")  # "up": more is better; "down": less
    position: Mapped[int] = mapped_column(default=0)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    initiative: Mapped[Initiative] = relationship(back_populates="kpis")
    values: Mapped[list[KpiValue]] = relationship(back_populates="kpi", order_by="KpiValue.measured_on, KpiValue.id",
                                                  cascade="all, delete-orphan")

    __table_args__ = (sa.CheckConstraint("direction IN ('up', 'down')", name="direction_known"),)

    @property
    def latest(self) -> KpiValue | None:
        return self.values[-1] if self.values else None

    @property
    def chart(self) -> KpiChart | None:
        return kpi_chart(self)

    def progress_percent(self, value: float | None = None) -> int | None:
        """How far the value has come from the baseline towards the target, 0–100."""
        if value is None:
            value = self.latest.value if self.latest else None
        if value is None or self.target == self.baseline:
            return None
        share = (value - self.baseline) / (self.target - self.baseline)
        return max(0, min(100, round(share * 100)))


@dataclass(frozen=True)
class ChartPoint:
    x: float
    y: float
    value: float
    measured_on: date


@dataclass(frozen=True)
class KpiChart:
    """Coordinates for a small server-rendered SVG line chart of a KPI's values, with the target drawn as a
    dashed line; the numbers are printed next to the points, so it reads without colour."""

    width: int
    height: int
    points: list[ChartPoint]
    target_y: float
    baseline_y: float

    @property
    def polyline(self) -> str:
        return " ".join(f"{p.x:.1f},{p.y:.1f}" for p in self.points)


def kpi_chart(kpi: Kpi, width: int = 320, height: int = 140, pad: int = 24) -> KpiChart | None:
    values = kpi.values
    if len(values) < 2:
        return None
    low = min([kpi.baseline, kpi.target, *(v.value for v in values)])
    high = max([kpi.baseline, kpi.target, *(v.value for v in values)])
    span = (high - low) or 1
    first, last = values[0].measured_on, values[-1].measured_on
    days = (last - first).days or 1

    def y(value: float) -> float:
        return pad + (height - 2 * pad) * (1 - (value - low) / span)

    points = [ChartPoint(pad + (width - 2 * pad) * (v.measured_on - first).days / days, y(v.value), v.value,
                         v.measured_on) for v in values]
    return KpiChart(width, height, points, y(kpi.target), y(kpi.baseline))


class KpiValue(db.Model):
    """One measurement of a KPI on a date, with who recorded it and where the figure comes from."""

    __tablename__ = "kpi_values"

    id: Mapped[int] = mapped_column(primary_key=True)
    kpi_id: Mapped[int] = mapped_column(sa.ForeignKey("kpis.id", ondelete="CASCADE"), index=True)
    measured_on: Mapped[date] = mapped_column(sa.Date)
    value: Mapped[float] = mapped_column(sa.Float)
    source_note: Mapped[str] = mapped_column(sa.String(300), default="")
    recorded_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    kpi: Mapped[Kpi] = relationship(back_populates="values")
    recorded_by: Mapped[User | None] = relationship()


class Channel(str, enum.Enum):
    """How a comment reached us: typed on the site, or given to staff on paper, by phone or at a meeting."""

    web = "web"
    paper = "paper"
    phone = "phone"
    meeting = "meeting"

    @property
    def label(self) -> str:
        return str(CHANNEL_LABELS[self])


CHANNEL_LABELS = {
    Channel.web: _l("On this site"),
    Channel.paper: _l("On paper"),
    Channel.phone: _l("By phone"),
    Channel.meeting: _l("At a meeting"),
}


class CommentState(str, enum.Enum):
    visible = "visible"
    held = "held"  # reported by several people: hidden until a planner reviews it
    hidden = "hidden"  # hidden by a planner, with a reason shown in its place


class Comment(db.Model):
    """A resident's comment on an initiative, or a reply to one (one level deep)."""

    __tablename__ = "initiative_comments"

    id: Mapped[int] = mapped_column(primary_key=True)
    initiative_id: Mapped[int] = mapped_column(sa.ForeignKey("initiatives.id", ondelete="CASCADE"))
    parent_id: Mapped[int | None] = mapped_column(sa.ForeignKey("initiative_comments.id", ondelete="CASCADE"),
                                                  index=True)
    author_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    author_name: Mapped[str] = mapped_column(sa.String(60))  # as shown: display name, or the name as given
    channel: Mapped[str] = mapped_column(sa.String(10), default=Channel.web.value)
    entered_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    official: Mapped[bool] = mapped_column(default=False)  # an answer from the city's staff
    body: Mapped[str] = mapped_column(sa.Text)
    state: Mapped[str] = mapped_column(sa.String(10), default=CommentState.visible.value)
    hidden_reason: Mapped[str] = mapped_column(sa.String(300), default="")
    helpful_count: Mapped[int] = mapped_column(default=0)
    open_report_count: Mapped[int] = mapped_column(default=0)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    edited_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    deleted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    initiative: Mapped[Initiative] = relationship()
    replies: Mapped[list[Comment]] = relationship(order_by="Comment.created_at, Comment.id",
                                                  back_populates="parent")
    parent: Mapped[Comment | None] = relationship(back_populates="replies", remote_side=[id])
    reports: Mapped[list[CommentReport]] = relationship(
        primaryjoin="and_(Comment.id == CommentReport.comment_id, CommentReport.resolved_at.is_(None))",
        viewonly=True, order_by="CommentReport.created_at")
    actions: Mapped[list[ModerationAction]] = relationship(viewonly=True, order_by="ModerationAction.created_at")

    __table_args__ = (
        sa.Index("ix_initiative_comments_listing", "initiative_id", "parent_id", "created_at"),
        sa.CheckConstraint("state IN ('visible', 'held', 'hidden')", name="state_known"),
        sa.CheckConstraint("channel IN ('web', 'paper', 'phone', 'meeting')", name="channel_known"),
    )

    @property
    def channel_label(self) -> str:
        return Channel(self.channel).label

    @property
    def needs_review(self) -> bool:
        return self.state == CommentState.held.value or self.open_report_count > 0

    @property
    def is_shown(self) -> bool:
        return self.state == CommentState.visible.value and self.deleted_at is None

    def is_own(self, user) -> bool:
        return bool(getattr(user, "is_authenticated", False) and self.author_id == user.id
                    and self.channel == Channel.web.value)

    def can_change(self, user, window_minutes: int, now: datetime | None = None) -> bool:
        """The author may edit or delete their comment for a while after posting it."""
        now = now or utcnow()
        return (self.is_own(user) and self.deleted_at is None and self.state == CommentState.visible.value
                and now - self.created_at <= timedelta(minutes=window_minutes))


class HelpfulMark(db.Model):
    """参考になった: one per person per comment."""

    __tablename__ = "initiative_comment_helpful"

    comment_id: Mapped[int] = mapped_column(sa.ForeignKey("initiative_comments.id", ondelete="CASCADE"),
                                            primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)


class ReportReason(str, enum.Enum):
    abuse = "abuse"
    personal = "personal"
    spam = "spam"
    other = "other"

    @property
    def label(self) -> str:
        return str(REPORT_REASON_LABELS[self])


REPORT_REASON_LABELS = {
    ReportReason.abuse: _l("Abusive or hurtful"),
    ReportReason.personal: _l("Shows someone's personal information"),
    ReportReason.spam: _l("Advertising or spam"),
    ReportReason.other: _l("Something else"),
}


class CommentReport(db.Model):
    """Someone (signed in or not) asks planners to look at a comment."""

    __tablename__ = "initiative_comment_reports"

    id: Mapped[int] = mapped_column(primary_key=True)
    comment_id: Mapped[int] = mapped_column(sa.ForeignKey("initiative_comments.id", ondelete="CASCADE"))
    # Who reported, so one person counts once: "user:<id>", or a keyed hash of the address for anonymous people.
    reporter_key: Mapped[str] = mapped_column(sa.String(80))
    reason: Mapped[str] = mapped_column(sa.String(20))
    note: Mapped[str] = mapped_column(sa.String(500), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    resolved_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    comment: Mapped[Comment] = relationship()

    __table_args__ = (
        sa.UniqueConstraint("comment_id", "reporter_key", name="uq_initiative_comment_reports_reporter"),
    )

    @property
    def reason_label(self) -> str:
        return ReportReason(self.reason).label


class ModerationAction(db.Model):
    """What a planner did to a comment, with who and when: hide, restore or dismiss the reports."""

    __tablename__ = "initiative_moderation_actions"

    id: Mapped[int] = mapped_column(primary_key=True)
    comment_id: Mapped[int] = mapped_column(sa.ForeignKey("initiative_comments.id", ondelete="CASCADE"),
                                            index=True)
    action: Mapped[str] = mapped_column(sa.String(10))
    reason: Mapped[str] = mapped_column(sa.String(300), default="")
    actor_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    actor: Mapped[User | None] = relationship()
