from flask_wtf import FlaskForm
from wtforms.fields.choices import SelectChoice
from wtforms import BooleanField, EmailField, HiddenField, PasswordField, SelectField, StringField
from wtforms.validators import EqualTo, Optional, ValidationError

from civic.validators import email, length, required

from civic.accounts.passwords import PASSWORD_MAX, PASSWORD_MIN, NotCommonPassword
from civic.i18n import LANGUAGES, _l


def language_choices():
    return [SelectChoice(language.code, language.label) for language in LANGUAGES]


class HoneypotMixin:
    """A field people never see (hidden with CSS, skipped by keyboard); bots that fill every field get caught."""

    website = StringField(_l("Leave this field empty"), validators=[Optional()])

    def validate_website(self, field):
        if field.data:
            raise ValidationError(_l("Please leave this field empty."))


class SignupForm(HoneypotMixin, FlaskForm):
    display_name = StringField(
        _l("Display name"), validators=[required(), length(max=60)],
        description=_l("Shown with your comments. You do not have to use your real name."),
    )
    email = EmailField(_l("Email address"), validators=[required(), email(), length(max=254)])
    password = PasswordField(
        _l("Password"), validators=[required(), length(min=PASSWORD_MIN, max=PASSWORD_MAX),
                                    NotCommonPassword(email_field="email")],
        description=_l("At least 8 characters. A short sentence is easy to remember and hard to guess."),
    )
    password_confirm = PasswordField(
        _l("Password again"),
        validators=[required(), EqualTo("password", message=_l("The two passwords are not the same."))],
    )


class SignInForm(FlaskForm):
    email = EmailField(_l("Email address"), validators=[required(), email()])
    password = PasswordField(_l("Password"), validators=[required()])
    remember = BooleanField(_l("Keep me signed in on this device"))
    next = HiddenField()


class TwoFactorCodeForm(FlaskForm):
    code = StringField(
        _l("Code"), validators=[required(), length(max=20)],
        description=_l("The 6-digit code your authenticator app shows now, or one of your recovery codes."),
    )


class TwoFactorEnrolForm(FlaskForm):
    code = StringField(_l("The 6-digit code from the app"), validators=[required(), length(max=10)])


class ChangePasswordForm(FlaskForm):
    current_password = PasswordField(_l("Current password"), validators=[required()])
    password = PasswordField(
        _l("New password"), validators=[required(), length(min=PASSWORD_MIN, max=PASSWORD_MAX), NotCommonPassword()],
        description=_l("At least 8 characters."),
    )
    password_confirm = PasswordField(
        _l("New password again"),
        validators=[required(), EqualTo("password", message=_l("The two passwords are not the same."))],
    )


class ConfirmForm(FlaskForm):
    """Only the CSRF token: for buttons whose action is in the URL (sign out everywhere, extend session)."""


class PasswordResetRequestForm(FlaskForm):
    email = EmailField(_l("Email address"), validators=[required(), email()])


class PasswordResetForm(FlaskForm):
    password = PasswordField(
        _l("New password"), validators=[required(), length(min=PASSWORD_MIN, max=PASSWORD_MAX), NotCommonPassword()],
        description=_l("At least 8 characters."),
    )
    password_confirm = PasswordField(
        _l("New password again"),
        validators=[required(), EqualTo("password", message=_l("The two passwords are not the same."))],
    )


class AccountForm(FlaskForm):
    display_name = StringField(_l("Display name"), validators=[required(), length(max=60)])
    language = SelectField(_l("Language"), choices=language_choices)
