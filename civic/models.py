"""Every domain's models, imported in one place so the metadata (and Alembic) sees all tables."""
from civic.accounts.models import User  # noqa: F401
