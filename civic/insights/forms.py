"""Planner forms for local issues, their evidence and priority, and KPI sources."""
from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import DateField, SelectField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import Optional, ValidationError

from civic.i18n import _l
from civic.initiatives.forms import MultiCheckboxField
from civic.initiatives.models import District
from civic.insights.models import GROUPS, IssueCategory, KpiSourceKind, Priority
from civic.validators import length, required, required_choice


def _enum_choices(enum_class):
    return lambda: [SelectChoice(member.value, member.label) for member in enum_class]


class IssueForm(FlaskForm):
    title = StringField(_l("Title"), validators=[required(), length(max=200)])
    description = TextAreaField(_l("Description"), validators=[Optional(), length(max=5000)],
                                description=_l("What residents face, where and since when."))
    category = SelectField(_l("Category"), choices=_enum_choices(IssueCategory), validators=[required_choice()])
    districts = MultiCheckboxField(_l("Districts affected"), choices=_enum_choices(District),
                                   validators=[Optional()])
    groups = MultiCheckboxField(_l("Groups affected"),
                                choices=lambda: [SelectChoice(key, label) for key, label in GROUPS.items()],
                                validators=[Optional()])
    initiatives = MultiCheckboxField(_l("Linked initiatives"), choices=[], validators=[Optional()])


class StatusForm(FlaskForm):
    status = SelectField(_l("New status"), choices=[], validators=[required_choice()])


class ActionForm(FlaskForm):
    """A button that changes something: only the CSRF token."""


class PriorityForm(FlaskForm):
    priority = SelectField(_l("Priority"), choices=_enum_choices(Priority), validators=[required_choice()])
    reason = TextAreaField(_l("Reason"), validators=[required(), length(max=2000)],
                           description=_l("Why this priority: it is kept with your name and the time."))


class ShareEvidenceForm(FlaskForm):
    choice = SelectField(_l("Question and choice"), choices=[], validators=[required_choice()])
    group = SelectField(_l("Among"), choices=[], validators=[Optional()])
    note = TextAreaField(_l("Note"), validators=[Optional(), length(max=1000)])


class CommentEvidenceForm(FlaskForm):
    comments = MultiCheckboxField(_l("Comments"), choices=[], validators=[required_choice()])
    note = TextAreaField(_l("Note"), validators=[Optional(), length(max=1000)])


class HelpdeskEvidenceForm(FlaskForm):
    topic = SelectField(_l("Topic"), choices=[], validators=[Optional()])
    start = DateField(_l("From"), validators=[required()])
    end = DateField(_l("To"), validators=[required()])
    note = TextAreaField(_l("Note"), validators=[Optional(), length(max=1000)])

    def validate_end(self, field):
        if self.start.data and field.data and field.data < self.start.data:
            raise ValidationError(_l("The end date must not be before the start date."))


class TextEvidenceForm(FlaskForm):
    """Answers chosen on the themes page, added as evidence to an issue."""
    issue = SelectField(_l("Add to the issue"), choices=[], validators=[required_choice()])
    selected = MultiCheckboxField(_l("Answers"), choices=[], validators=[required_choice()])


class KpiSourceForm(FlaskForm):
    kind = SelectField(_l("Source"), choices=lambda: [SelectChoice("", _l("Entered by hand"))] + [
        SelectChoice(member.value, member.label) for member in KpiSourceKind], validators=[Optional()])
    survey = SelectField(_l("Survey (for survey responses)"), choices=[], validators=[Optional()])
