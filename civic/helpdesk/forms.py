from flask_wtf import FlaskForm
from wtforms import (BooleanField, DateField, EmailField, HiddenField, IntegerField, RadioField, SelectField,
                     SelectMultipleField, StringField, TelField, TextAreaField, TimeField)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import NumberRange, Optional, ValidationError
from wtforms.widgets import CheckboxInput, ListWidget

from civic.accounts.forms import HoneypotMixin
from civic.helpdesk.models import AGE_BANDS, DEVICES, Channel, LocationKind
from civic.helpdesk.operations import normalise_phone
from civic.i18n import _l
from civic.validators import email, length, required, required_choice


class MultiCheckboxField(SelectMultipleField):
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


def age_choices():
    return [SelectChoice("", _l("Prefer not to say"))] + [SelectChoice(k, v) for k, v in AGE_BANDS.items()]


def device_choices():
    return [SelectChoice("", _l("Not sure yet"))] + [SelectChoice(k, v) for k, v in DEVICES.items()]


def optional_email():
    return [Optional(), email(), length(max=254)]


class ContactMixin:
    def validate_phone(self, field):
        if field.data:
            digits = normalise_phone(field.data) or ""
            if not 10 <= len(digits) <= 11:
                raise ValidationError(_l("Please enter a phone number like 090-1234-5678."))

    def check_contact(self) -> bool:
        if not (self.phone.data or "").strip() and not (self.email.data or "").strip():
            self.phone.errors = list(self.phone.errors) + [_l("Please give a phone number or an email address.")]
            return False
        return True


class BookingForm(ContactMixin, HoneypotMixin, FlaskForm):
    name = StringField(_l("Your name"), validators=[required(), length(max=100)])
    phone = TelField(_l("Phone number"), validators=[Optional(), length(max=30)],
                     description=_l("Give a phone number, an email address, or both."))
    email = EmailField(_l("Email address"), validators=optional_email(),
                       description=_l("We send the confirmation and a reminder to this address."))
    age_band = SelectField(_l("Age"), choices=age_choices, validators=[Optional()])
    purpose = TextAreaField(_l("What do you want to do?"), validators=[Optional(), length(max=1000)],
                            description=_l("For example: I want to apply for a certificate online."))
    device = SelectField(_l("Device you will bring"), choices=device_choices, validators=[Optional()])
    needs_wheelchair = BooleanField(_l("I use a wheelchair"))
    needs_hearing = BooleanField(_l("I need hearing support (written conversation)"))
    needs_large_print = BooleanField(_l("I need large print"))
    interpreter_language = StringField(_l("Interpreter language, if you need one"),
                                       validators=[Optional(), length(max=60)])
    consent = BooleanField(_l("I agree to how my personal information is handled (privacy notice)"),
                           validators=[required()])
    idempotency_key = HiddenField()

    def validate(self, extra_validators=None):
        ok = super().validate(extra_validators)
        return self.check_contact() and ok


class WaitlistForm(HoneypotMixin, FlaskForm):
    name = StringField(_l("Your name"), validators=[required(), length(max=100)])
    email = EmailField(_l("Email address"), validators=[required(), email(), length(max=254)],
                       description=_l("When a place becomes free, we tell the first person on the list by email."))
    consent = BooleanField(_l("I agree to how my personal information is handled (privacy notice)"),
                           validators=[required()])


class LookupForm(FlaskForm):
    code = StringField(_l("Booking code"), validators=[required(), length(max=12)],
                       description=_l("Six letters and numbers, in your confirmation."))
    contact = StringField(_l("Phone number or email address you gave"), validators=[required(), length(max=254)])


class ActionForm(FlaskForm):
    """A button that changes something (cancel, check in...): only the CSRF token."""


class MoveForm(FlaskForm):
    slot_id = RadioField(_l("New date and time"), validators=[required_choice()], coerce=int)


class StaffBookingForm(ContactMixin, FlaskForm):
    slot_id = SelectField(_l("Session"), coerce=int, validators=[required_choice()])
    topic_id = SelectField(_l("Topic"), coerce=int, validators=[required_choice()])
    channel = RadioField(_l("How the booking came in"), validators=[required_choice()],
                         choices=[SelectChoice(Channel.walk_in.value, _l("Walk-in (checked in now)")),
                                  SelectChoice(Channel.phone.value, _l("Phone call"))])
    name = StringField(_l("Name"), validators=[required(), length(max=100)])
    phone = TelField(_l("Phone number"), validators=[Optional(), length(max=30)])
    email = EmailField(_l("Email address"), validators=optional_email())
    age_band = SelectField(_l("Age"), choices=age_choices, validators=[Optional()])
    device = SelectField(_l("Device"), choices=device_choices, validators=[Optional()])
    purpose = TextAreaField(_l("What they want to do"), validators=[Optional(), length(max=1000)])

    def validate(self, extra_validators=None):
        ok = super().validate(extra_validators)
        if self.channel.data == Channel.walk_in.value:
            return ok  # someone at the counter need not leave a contact
        return self.check_contact() and ok


class SupportRecordForm(FlaskForm):
    topics = MultiCheckboxField(_l("Topics handled"), coerce=int)
    resolved = RadioField(_l("Was it resolved?"), validators=[required_choice()],
                          choices=[SelectChoice("yes", _l("Resolved")), SelectChoice("no", _l("Not resolved"))])
    follow_up = BooleanField(_l("Follow-up needed"))
    note = TextAreaField(_l("Note"), validators=[Optional(), length(max=2000)],
                         description=_l("No personal details beyond what the follow-up needs."))


class LocationForm(FlaskForm):
    kind = SelectField(_l("Type"), choices=lambda: [SelectChoice(k.value, k.label) for k in LocationKind])
    name_ja = StringField(_l("Name (Japanese)"), validators=[required(), length(max=120)])
    name_ja_easy = StringField(_l("Name (easy Japanese)"), validators=[Optional(), length(max=120)])
    name_en = StringField(_l("Name (English)"), validators=[Optional(), length(max=120)])
    address = StringField(_l("Address"), validators=[Optional(), length(max=200)])
    access_ja = TextAreaField(_l("Access (Japanese)"), validators=[Optional(), length(max=2000)])
    access_ja_easy = TextAreaField(_l("Access (easy Japanese)"), validators=[Optional(), length(max=2000)])
    access_en = TextAreaField(_l("Access (English)"), validators=[Optional(), length(max=2000)])
    barrier_free_ja = TextAreaField(_l("Barrier-free information (Japanese)"),
                                    validators=[Optional(), length(max=2000)])
    barrier_free_ja_easy = TextAreaField(_l("Barrier-free information (easy Japanese)"),
                                         validators=[Optional(), length(max=2000)])
    barrier_free_en = TextAreaField(_l("Barrier-free information (English)"),
                                    validators=[Optional(), length(max=2000)])
    active = BooleanField(_l("Shown to residents"), default=True)


class TopicForm(FlaskForm):
    key = StringField(_l("Short key"), validators=[required(), length(max=40)],
                      description=_l("Letters and underscores, e.g. my_number."))
    name_ja = StringField(_l("Name (Japanese)"), validators=[required(), length(max=120)])
    name_ja_easy = StringField(_l("Name (easy Japanese)"), validators=[Optional(), length(max=120)])
    name_en = StringField(_l("Name (English)"), validators=[Optional(), length(max=120)])
    bring_ja = TextAreaField(_l("What to bring (Japanese, one item a line)"),
                             validators=[Optional(), length(max=2000)])
    bring_ja_easy = TextAreaField(_l("What to bring (easy Japanese, one item a line)"),
                                  validators=[Optional(), length(max=2000)])
    bring_en = TextAreaField(_l("What to bring (English, one item a line)"), validators=[Optional(), length(max=2000)])
    position = IntegerField(_l("Order in the list"), default=0, validators=[Optional()])
    active = BooleanField(_l("Shown to residents"), default=True)


WEEKDAYS = [_l("Monday"), _l("Tuesday"), _l("Wednesday"), _l("Thursday"), _l("Friday"), _l("Saturday"),
            _l("Sunday")]


class ScheduleForm(FlaskForm):
    location_id = SelectField(_l("Location"), coerce=int, validators=[required_choice()])
    weekday = SelectField(_l("Day of the week"), coerce=int,
                          choices=lambda: [SelectChoice(i, label) for i, label in enumerate(WEEKDAYS)])
    start_time = TimeField(_l("Start time"), validators=[required()])
    duration_minutes = IntegerField(_l("Length in minutes"), default=45,
                                    validators=[required(), NumberRange(min=10, max=240)])
    capacity = IntegerField(_l("Places per session"), default=2,
                            validators=[required(), NumberRange(min=1, max=50)])
    valid_from = DateField(_l("First day"), validators=[required()])
    valid_until = DateField(_l("Last day"), validators=[Optional()])
    staff_id = SelectField(_l("Staff member in charge"), coerce=int, validators=[Optional()])


class ClosureForm(FlaskForm):
    day = DateField(_l("Date"), validators=[required()])
    location_id = SelectField(_l("Location"), coerce=int)
    reason = StringField(_l("Reason"), validators=[required(), length(max=120)],
                         description=_l("Told to the residents whose bookings are cancelled."))


class CloseSlotForm(FlaskForm):
    reason = StringField(_l("Reason"), validators=[required(), length(max=120)])
