"""Writes and checks on accounts. No request, no commit: the caller commits."""
from __future__ import annotations

import hashlib

from flask import current_app
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer
from werkzeug.security import check_password_hash, generate_password_hash

from civic.accounts.models import User
from civic.database import utcnow
from civic.extensions import db
from civic.permissions import Role

RESET_SALT = "civic.password-reset"


class EmailTaken(Exception):
    """An account with that email address exists already."""


def normalise_email(email: str) -> str:
    return email.strip().lower()


def find_user_by_email(email: str) -> User | None:
    return db.session.scalar(db.select(User).where(User.email == normalise_email(email)))


def hash_password(password: str) -> str:
    return generate_password_hash(password, method=current_app.config["PASSWORD_HASH_METHOD"])


def set_password(user: User, password: str) -> None:
    """Give the user a new password; any reset link sent before stops working."""
    user.password_hash = hash_password(password)


def create_user(*, email: str, display_name: str, password: str, role: Role = Role.resident,
                language: str | None = None) -> User:
    """Add an account. Raises EmailTaken if the address is in use."""
    email = normalise_email(email)
    if find_user_by_email(email) is not None:
        raise EmailTaken(email)
    user = User(email=email, display_name=display_name.strip(), role=role.value, language=language,
                password_hash=hash_password(password))
    db.session.add(user)
    db.session.flush()
    return user


def authenticate(email: str, password: str) -> User | None:
    """The active user with this email and password, or None.

    Hashes a password even when no account exists, so the answer takes as long either way and does not
    reveal which addresses are registered.
    """
    user = find_user_by_email(email)
    if user is None:
        check_password_hash(_dummy_hash(), password)
        return None
    if not check_password_hash(user.password_hash, password) or not user.active:
        return None
    user.last_sign_in_at = utcnow()
    return user


def _dummy_hash() -> str:
    cache = current_app.extensions.setdefault("civic.dummy_hash", {})
    method = current_app.config["PASSWORD_HASH_METHOD"]
    if method not in cache:
        cache[method] = generate_password_hash("not a real password", method=method)
    return cache[method]


def _reset_serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=RESET_SALT)


def _password_fingerprint(user: User) -> str:
    # Part of the token: once the password changes, every earlier link is void, so each link works once.
    return hashlib.sha256(user.password_hash.encode()).hexdigest()[:16]


def password_reset_token(user: User) -> str:
    return _reset_serializer().dumps({"user": user.id, "fp": _password_fingerprint(user)})


def user_for_reset_token(token: str) -> User | None:
    """The user a valid, unexpired, unused reset token belongs to; None otherwise."""
    try:
        data = _reset_serializer().loads(token, max_age=current_app.config["PASSWORD_RESET_MAX_AGE"])
    except (SignatureExpired, BadSignature):
        return None
    user = db.session.get(User, data.get("user")) if isinstance(data, dict) else None
    if user is None or not user.active or data.get("fp") != _password_fingerprint(user):
        return None
    return user


def change_role(user: User, role: Role) -> None:
    user.role = role.value


def set_active(user: User, active: bool) -> None:
    user.active = active
