from flask_wtf import FlaskForm
from wtforms import EmailField, SelectField, StringField
from wtforms.fields.choices import SelectChoice
from civic.validators import email, length, required

from civic.i18n import _l
from civic.permissions import ROLE_LABELS, Role


def role_choices():
    return [SelectChoice(role.value, ROLE_LABELS[role]) for role in Role]


class RoleForm(FlaskForm):
    role = SelectField(_l("Role"), choices=role_choices)


class ActiveForm(FlaskForm):
    """Only the CSRF token: the action (activate or deactivate) is in the URL."""


class NewStaffForm(FlaskForm):
    display_name = StringField(_l("Name"), validators=[required(), length(max=60)])
    email = EmailField(_l("Email address"), validators=[required(), email(), length(max=254)])
    role = SelectField(_l("Role"), choices=role_choices, default=Role.helpdesk.value)
