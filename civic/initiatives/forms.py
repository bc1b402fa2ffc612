import re

from flask_wtf import FlaskForm
from wtforms import BooleanField, DateField, FloatField, SelectField, SelectMultipleField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import Optional, ValidationError
from wtforms.widgets import CheckboxInput, ListWidget

from civic.accounts.forms import HoneypotMixin
from civic.i18n import _l
from civic.initiatives.models import Category, Channel, District, ReportReason, Status
from civic.validators import length, required, required_choice

COMMENT_MAX = 2000
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def _choices(enum_class):
    return lambda: [SelectChoice(member.value, member.label) for member in enum_class]


class MultiCheckboxField(SelectMultipleField):
    """Several check boxes (rendered by the field macro as a fieldset)."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class CommentForm(HoneypotMixin, FlaskForm):
    body = TextAreaField(_l("Your comment"), validators=[required(), length(max=COMMENT_MAX)],
                         description=_l("Plain text. Please do not write your address, phone number or other "
                                        "personal information."))
    post_anyway = BooleanField(_l("I have checked: post it as it is"))


class EditCommentForm(FlaskForm):
    body = TextAreaField(_l("Your comment"), validators=[required(), length(max=COMMENT_MAX)])


class ReportForm(HoneypotMixin, FlaskForm):
    reason = SelectField(_l("Why should we look at it?"), choices=_choices(ReportReason),
                         validators=[required_choice()])
    note = TextAreaField(_l("Anything else we should know"), validators=[Optional(), length(max=500)])


class ActionForm(FlaskForm):
    """A button that changes something: only the CSRF token."""


def _translated(name, label, field=StringField, required_ja=True, max_length=200):
    ja = field(_l("%(field)s (Japanese)", field=label),
               validators=[required(), length(max=max_length)] if required_ja else
               [Optional(), length(max=max_length)])
    easy = field(_l("%(field)s (easy Japanese)", field=label), validators=[Optional(), length(max=max_length)])
    en = field(_l("%(field)s (English)", field=label), validators=[Optional(), length(max=max_length)])
    return ja, easy, en


class InitiativeForm(FlaskForm):
    slug = StringField(_l("Web address name"), validators=[required(), length(max=80)],
                       description=_l("Lower-case letters, digits and hyphens, e.g. ai-demand-bus."))
    category = SelectField(_l("Category"), choices=_choices(Category), validators=[required_choice()])
    status = SelectField(_l("Status"), choices=_choices(Status), validators=[required_choice()])
    districts = MultiCheckboxField(_l("Districts"), choices=_choices(District), validators=[Optional()])
    starts_on = DateField(_l("Start date"), validators=[Optional()])
    ends_on = DateField(_l("End date"), validators=[Optional()])
    title_ja, title_easy, title_en = _translated("title", _l("Title"))
    summary_ja, summary_easy, summary_en = _translated("summary", _l("Summary"), TextAreaField, max_length=1000)
    body_ja, body_easy, body_en = _translated("body", _l("Description"), TextAreaField, max_length=20000)
    department_ja, department_easy, department_en = _translated("department", _l("Responsible department"))
    partners_ja, partners_easy, partners_en = _translated("partners", _l("Partner organisations"),
                                                          required_ja=False, max_length=500)

    def validate_slug(self, field):
        field.data = (field.data or "").strip().lower()
        if not SLUG.match(field.data):
            raise ValidationError(_l("Use only lower-case letters, digits and hyphens."))

    def validate_ends_on(self, field):
        if field.data and self.starts_on.data and field.data < self.starts_on.data:
            raise ValidationError(_l("The end date is before the start date."))


class UpdateForm(FlaskForm):
    title_ja, title_easy, title_en = _translated("title", _l("Title"))
    body_ja, body_easy, body_en = _translated("body", _l("What happened"), TextAreaField, max_length=5000)


class KpiForm(FlaskForm):
    name_ja, name_easy, name_en = _translated("name", _l("KPI name"))
    unit = StringField(_l("Unit"), validators=[Optional(), length(max=40)], description=_l("e.g. 人, 件, %"))
    baseline = FloatField(_l("Baseline"), validators=[required_choice()],
                          description=_l("The value before the initiative started."))
    target = FloatField(_l("Target"), validators=[required_choice()])
    direction = SelectField(_l("Better when the value"), validators=[required_choice()], choices=lambda: [
        SelectChoice("up", _l("goes up")), SelectChoice("down", _l("goes down"))])

    def validate_target(self, field):
        if field.data is not None and self.baseline.data is not None:
            if field.data == self.baseline.data:
                raise ValidationError(_l("The target must differ from the baseline."))
            going_up = field.data > self.baseline.data
            if going_up != (self.direction.data == "up"):
                raise ValidationError(_l("The target does not match the direction."))


class KpiValueForm(FlaskForm):
    value = FloatField(_l("Value"), validators=[required_choice()])
    measured_on = DateField(_l("Date measured"), validators=[required_choice()])
    source_note = StringField(_l("Source of the figure"), validators=[Optional(), length(max=300)],
                              description=_l("e.g. 利用ログ (2026年10月集計)"))


class OnBehalfForm(FlaskForm):
    author_name = StringField(_l("Name as given"), validators=[required(), length(max=60)],
                              description=_l("As the person asked to be named, e.g. 北部地区 70代 男性."))
    channel = SelectField(_l("How we received it"), validators=[required_choice()],
                          choices=lambda: [SelectChoice(c.value, c.label) for c in Channel if c != Channel.web])
    body = TextAreaField(_l("Comment"), validators=[required(), length(max=COMMENT_MAX)])


class HideForm(FlaskForm):
    reason = StringField(_l("Reason shown in place of the comment"), validators=[required(), length(max=300)])
