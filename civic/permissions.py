"""Roles and the rules for who may enter which area.

An admin may do everything; a planner and a help-desk member each have their own area. Checks run on the server
for every request to a staff area, through a blueprint-wide guard, so a new route cannot forget them.
"""
from __future__ import annotations

import enum
from functools import wraps

from flask import abort
from flask_login import current_user

from civic.extensions import login_manager
from civic.i18n import _l


class Role(str, enum.Enum):
    resident = "resident"
    helpdesk = "helpdesk"
    planner = "planner"
    admin = "admin"

    @property
    def label(self) -> str:
        return str(ROLE_LABELS[self])


ROLE_LABELS = {
    Role.resident: _l("Resident"),
    Role.helpdesk: _l("Help-desk staff"),
    Role.planner: _l("Planner"),
    Role.admin: _l("Administrator"),
}


def has_role(user, *roles: Role) -> bool:
    """True when the user holds one of the roles; an admin holds them all."""
    if not getattr(user, "is_authenticated", False):
        return False
    return user.role == Role.admin.value or user.role in {role.value for role in roles}


def check_role(*roles: Role):
    """Anonymous people are sent to sign in; signed-in people without the role get 403."""
    if not current_user.is_authenticated:
        return login_manager.unauthorized()
    if not has_role(current_user, *roles):
        abort(403)
    return None


def guard_blueprint(blueprint, *roles: Role) -> None:
    """Every route of the blueprint requires one of the roles."""
    blueprint.before_request(lambda: check_role(*roles))


def role_required(*roles: Role):
    def decorator(view):
        @wraps(view)
        def wrapped(*args, **kwargs):
            refused = check_role(*roles)
            if refused is not None:
                return refused
            return view(*args, **kwargs)

        return wrapped

    return decorator
