"""Every domain's models, imported in one place so the metadata (and Alembic) sees all tables."""
from civic.accounts.models import RecoveryCode, User, UserSession  # noqa: F401
from civic.audit.models import AuditEvent  # noqa: F401
from civic.helpdesk.models import (Booking, Closure, Location, Schedule, Slot, StaffAction,  # noqa: F401
                                   SupportRecord, Topic, WaitlistEntry)
from civic.initiatives.models import (Comment, CommentReport, Follow, HelpfulMark, Initiative,  # noqa: F401
                                      InitiativeGram, Kpi, KpiValue, ModerationAction, ProgressUpdate)
from civic.surveys.models import (Question, Section, Survey, SurveyDraft, SurveyParticipant,  # noqa: F401
                                  SurveyResponse)
from civic.insights.models import Evidence, KpiSource, LocalIssue  # noqa: F401
