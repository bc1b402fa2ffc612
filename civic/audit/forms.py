from flask_wtf import FlaskForm
from wtforms import DateField, StringField
from wtforms.validators import Optional

from civic.i18n import _l


class AuditSearchForm(FlaskForm):
    class Meta:
        csrf = False  # a GET search form: it changes nothing

    actor = StringField(_l("Who (email)"), validators=[Optional()])
    action = StringField(_l("What (action)"), validators=[Optional()])
    target = StringField(_l("Which record (id)"), validators=[Optional()])
    since = DateField(_l("From (date)"), validators=[Optional()])
    until = DateField(_l("To (date)"), validators=[Optional()])
