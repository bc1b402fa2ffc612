"""Password rules (OWASP ASVS 2.1): at least 8 characters, up to 128, not one of the most common passwords.

No composition rules and no forced rotation: length and rarity are what make a password hard to guess.
"""
from __future__ import annotations

import gzip
from functools import lru_cache
from pathlib import Path

from wtforms.validators import ValidationError

from civic.i18n import _l

COMMON_PASSWORDS_FILE = Path(__file__).parent / "data" / "common-passwords.txt.gz"
PASSWORD_MIN = 8
PASSWORD_MAX = 128


@lru_cache(maxsize=1)
def common_passwords() -> frozenset[str]:
    with gzip.open(COMMON_PASSWORDS_FILE, "rt", encoding="utf-8") as handle:
        return frozenset(line.strip().lower() for line in handle if line.strip())


def is_common(password: str) -> bool:
    return password.strip().lower() in common_passwords()


class NotCommonPassword:
    """Refuses passwords from the shipped list of the most common ones, and the account's own email address."""

    def __init__(self, email_field: str | None = None) -> None:
        self.email_field = email_field

    def __call__(self, form, field) -> None:
        password = field.data or ""
        if is_common(password):
            raise ValidationError(_l("This password is one of the most common ones, which attackers try first. "
                                     "Please choose another, for example a short sentence."))
        email = form[self.email_field].data if self.email_field and self.email_field in form else None
        if email and password.strip().lower() in {email.strip().lower(), email.partition("@")[0].lower()}:
            raise ValidationError(_l("Please do not use your email address as your password."))
