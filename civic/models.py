"""Every domain's models, imported in one place so the metadata (and Alembic) sees all tables."""
from civic.accounts.models import User  # noqa: F401
from civic.initiatives.models import (Comment, CommentReport, Follow, HelpfulMark, Initiative,  # noqa: F401
                                      InitiativeGram, Kpi, KpiValue, ModerationAction, ProgressUpdate)
