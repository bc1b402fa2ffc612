"""Every domain's models, imported in one place so the metadata (and Alembic) sees all tables."""
from civic.accounts.models import User  # noqa: F401
from civic.helpdesk.models import (Booking, Closure, Location, Schedule, Slot, StaffAction,  # noqa: F401
                                   SupportRecord, Topic, WaitlistEntry)
