"""Every domain's models, imported in one place so the metadata (and Alembic) sees all tables."""
from civic.accounts.models import User  # noqa: F401
from civic.surveys.models import (Question, Section, Survey, SurveyDraft, SurveyParticipant,  # noqa: F401
                                  SurveyResponse)
