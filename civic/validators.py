"""Form validators with messages written for the people who read them, in all three languages."""
from wtforms.validators import DataRequired, Email, InputRequired, Length

from civic.i18n import _l


def required():
    return DataRequired(message=_l("Please fill in this field."))


def required_choice():
    return InputRequired(message=_l("Please choose one."))


def email():
    return Email(message=_l("Please enter an email address like name@example.jp."))


def length(min: int = -1, max: int = -1):
    if min > 0 and max > 0:
        message = _l("Please use between %(min)d and %(max)d characters.")
    elif min > 0:
        message = _l("Please use at least %(min)d characters.")
    else:
        message = _l("Please use at most %(max)d characters.")
    return Length(min=min, max=max, message=message)
