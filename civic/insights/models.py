"""Local issues (地域課題) with their evidence, and where a KPI's figures come from automatically.

A local issue is what planners name after reading what residents said: survey answers, comments on initiatives and
help-desk records become its evidence. Evidence keeps the numbers as they were when it was attached (a snapshot),
so an issue page tells the same story later, and links back to the answers and comments it came from.
"""
from __future__ import annotations

import enum
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from civic.database import UTCDateTime, utcnow
from civic.extensions import db
from civic.i18n import _l


class IssueError(Exception):
    """A change the issue's rules refuse; the message says why."""


class IssueStatus(str, enum.Enum):
    candidate = "candidate"  # 候補
    reviewing = "reviewing"  # 検討中
    in_progress = "in_progress"  # 対応中
    resolved = "resolved"  # 解決
    declined = "declined"  # 見送り

    @property
    def label(self) -> str:
        return str(ISSUE_STATUS_LABELS[self])


ISSUE_STATUS_LABELS = {
    IssueStatus.candidate: _l("Candidate"), IssueStatus.reviewing: _l("Under review"),
    IssueStatus.in_progress: _l("Being addressed"), IssueStatus.resolved: _l("Resolved"),
    IssueStatus.declined: _l("Set aside"),
}

# Which status may follow which: a candidate is reviewed, then addressed, then resolved; it may be set aside
# before work starts, and a set-aside or resolved issue may be taken up again.
TRANSITIONS = {
    IssueStatus.candidate: (IssueStatus.reviewing, IssueStatus.declined),
    IssueStatus.reviewing: (IssueStatus.in_progress, IssueStatus.declined, IssueStatus.candidate),
    IssueStatus.in_progress: (IssueStatus.resolved, IssueStatus.reviewing),
    IssueStatus.resolved: (IssueStatus.in_progress,),
    IssueStatus.declined: (IssueStatus.candidate,),
}
OPEN_STATUSES = (IssueStatus.candidate.value, IssueStatus.reviewing.value, IssueStatus.in_progress.value)


class Priority(str, enum.Enum):
    high = "high"
    medium = "medium"
    low = "low"

    @property
    def label(self) -> str:
        return str(PRIORITY_LABELS[self])


PRIORITY_LABELS = {Priority.high: _l("High"), Priority.medium: _l("Medium"), Priority.low: _l("Low")}
PRIORITY_ORDER = {Priority.high.value: 0, Priority.medium.value: 1, Priority.low.value: 2}


class IssueCategory(str, enum.Enum):
    digital_access = "digital_access"
    procedures = "procedures"
    mobility = "mobility"
    information = "information"
    care = "care"
    other = "other"

    @property
    def label(self) -> str:
        return str(CATEGORY_LABELS[self])


CATEGORY_LABELS = {
    IssueCategory.digital_access: _l("Digital access and skills"), IssueCategory.procedures: _l("Procedures"),
    IssueCategory.mobility: _l("Getting around"), IssueCategory.information: _l("Information"),
    IssueCategory.care: _l("Care and watching over"), IssueCategory.other: _l("Other"),
}

# Groups of residents an issue can affect; the vulnerable ones weigh in the suggested priority.
GROUPS = {
    "age_75_plus": _l("Aged 75 or over"), "age_65_plus": _l("Aged 65 or over"),
    "foreign_residents": _l("Foreign residents"), "disabilities": _l("People with disabilities"),
    "child_rearing": _l("Families raising children"), "working_age": _l("Working-age residents"),
}
VULNERABLE_GROUPS = {"age_75_plus", "age_65_plus", "foreign_residents", "disabilities"}


issue_initiatives = sa.Table(
    "insight_issue_initiatives", db.metadata,
    sa.Column("issue_id", sa.ForeignKey("insight_issues.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("initiative_id", sa.ForeignKey("initiatives.id", ondelete="CASCADE"), primary_key=True),
)


class LocalIssue(db.Model):
    """地域課題: a problem residents have, named by planners, with evidence, a status and a priority."""

    __tablename__ = "insight_issues"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(sa.String(200))
    description: Mapped[str] = mapped_column(sa.Text, default="")
    category: Mapped[str] = mapped_column(sa.String(20), default=IssueCategory.other.value)
    districts: Mapped[str] = mapped_column(sa.String(200), default="")  # space-separated District values
    groups: Mapped[str] = mapped_column(sa.String(200), default="")  # space-separated GROUPS keys
    status: Mapped[str] = mapped_column(sa.String(20), default=IssueStatus.candidate.value)
    priority: Mapped[str | None] = mapped_column(sa.String(10))
    priority_reason: Mapped[str] = mapped_column(sa.Text, default="")
    priority_accepted: Mapped[bool] = mapped_column(default=False)  # True: the suggestion was accepted as is
    priority_set_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    priority_set_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    evidence: Mapped[list["Evidence"]] = relationship(back_populates="issue", cascade="all, delete-orphan",
                                                      order_by="Evidence.added_at, Evidence.id")
    initiatives = relationship("Initiative", secondary=issue_initiatives, order_by="Initiative.id")
    priority_set_by = relationship("User", foreign_keys=[priority_set_by_id])

    __table_args__ = (
        sa.CheckConstraint("status IN ('candidate', 'reviewing', 'in_progress', 'resolved', 'declined')",
                           name="status_known"),
        sa.CheckConstraint("priority IS NULL OR priority IN ('high', 'medium', 'low')", name="priority_known"),
    )

    @property
    def status_label(self) -> str:
        return IssueStatus(self.status).label

    @property
    def priority_label(self) -> str:
        return Priority(self.priority).label if self.priority else ""

    @property
    def category_label(self) -> str:
        return IssueCategory(self.category).label

    def district_list(self) -> list[str]:
        return self.districts.split()

    def group_list(self) -> list[str]:
        return self.groups.split()

    def next_statuses(self) -> tuple[IssueStatus, ...]:
        return TRANSITIONS[IssueStatus(self.status)]

    def move_to(self, status: str) -> None:
        """Change the status; raises IssueError when the move is not one of TRANSITIONS."""
        if IssueStatus(status) not in self.next_statuses():
            raise IssueError(_l("This status cannot follow the current one."))
        self.status = status
        self.updated_at = utcnow()

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES


class EvidenceKind(str, enum.Enum):
    survey_share = "survey_share"  # a choice's share among a group of respondents
    survey_texts = "survey_texts"  # a set of free-text answers
    comments = "comments"  # comments on initiatives
    helpdesk = "helpdesk"  # help-desk statistics over a period

    @property
    def label(self) -> str:
        return str(EVIDENCE_LABELS[self])


EVIDENCE_LABELS = {
    EvidenceKind.survey_share: _l("Survey: share of a choice"), EvidenceKind.survey_texts: _l("Survey: free-text answers"),
    EvidenceKind.comments: _l("Comments on initiatives"), EvidenceKind.helpdesk: _l("Help-desk records"),
}


class Evidence(db.Model):
    """One piece of evidence on a local issue. `figures` is the snapshot: residents (how many people it speaks
    for), channels ({"web": n, "paper": n, ...}), and kind-specific numbers (count, base, percent, unresolved)."""

    __tablename__ = "insight_evidence"

    id: Mapped[int] = mapped_column(primary_key=True)
    issue_id: Mapped[int] = mapped_column(sa.ForeignKey("insight_issues.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(sa.String(20))
    summary: Mapped[str] = mapped_column(sa.String(300))  # what it shows, in the words of the planner's language
    survey_id: Mapped[int | None] = mapped_column(sa.ForeignKey("surveys.id", ondelete="SET NULL"))
    question_id: Mapped[int | None] = mapped_column(sa.ForeignKey("survey_questions.id", ondelete="SET NULL"))
    # The answers or comments behind it: survey response ids or comment ids.
    source_ids: Mapped[list] = mapped_column(sa.JSON, default=list)
    figures: Mapped[dict] = mapped_column(sa.JSON, default=dict)
    note: Mapped[str] = mapped_column(sa.Text, default="")
    added_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    added_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    issue: Mapped[LocalIssue] = relationship(back_populates="evidence")
    added_by = relationship("User")

    __table_args__ = (
        sa.CheckConstraint("kind IN ('survey_share', 'survey_texts', 'comments', 'helpdesk')", name="kind_known"),
    )

    @property
    def kind_label(self) -> str:
        return EvidenceKind(self.kind).label

    @property
    def residents(self) -> int:
        return int(self.figures.get("residents", 0))


class KpiSourceKind(str, enum.Enum):
    helpdesk_sessions = "helpdesk_sessions"
    helpdesk_residents_70_plus = "helpdesk_residents_70_plus"
    helpdesk_resolved_percent = "helpdesk_resolved_percent"
    survey_responses = "survey_responses"

    @property
    def label(self) -> str:
        return str(SOURCE_LABELS[self])


SOURCE_LABELS = {
    KpiSourceKind.helpdesk_sessions: _l("Help desk: sessions held per month"),
    KpiSourceKind.helpdesk_residents_70_plus: _l("Help desk: residents aged 70 or over helped per month"),
    KpiSourceKind.helpdesk_resolved_percent: _l("Help desk: share of visits resolved per month (%)"),
    KpiSourceKind.survey_responses: _l("Survey: responses received so far"),
}


class KpiSource(db.Model):
    """Where a KPI's values come from automatically; `update-kpis` (or the dashboard's button) records them."""

    __tablename__ = "insight_kpi_sources"

    kpi_id: Mapped[int] = mapped_column(sa.ForeignKey("kpis.id", ondelete="CASCADE"), primary_key=True)
    kind: Mapped[str] = mapped_column(sa.String(40))
    survey_id: Mapped[int | None] = mapped_column(sa.ForeignKey("surveys.id", ondelete="CASCADE"))

    kpi = relationship("Kpi")

    __table_args__ = (
        sa.CheckConstraint("kind IN ('helpdesk_sessions', 'helpdesk_residents_70_plus', "
                           "'helpdesk_resolved_percent', 'survey_responses')", name="kind_known"),
    )

    @property
    def label(self) -> str:
        return KpiSourceKind(self.kind).label
