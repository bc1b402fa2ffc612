"""Writes and checks on accounts. No request, no commit: the caller commits."""
from __future__ import annotations

import enum
import hashlib
from dataclasses import dataclass
from datetime import timedelta

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
    """Give the user a new password; any reset link sent before stops working, and a lock is lifted."""
    user.password_hash = hash_password(password)
    user.password_changed_at = utcnow()
    user.failed_sign_ins = 0
    user.locked_until = None


def password_matches(user: User, password: str) -> bool:
    return check_password_hash(user.password_hash, password)


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


class SignInStatus(enum.Enum):
    ok = "ok"
    failed = "failed"  # unknown address, wrong password or deactivated: all look the same from outside
    locked = "locked"  # the account is in a temporary lock; the password was not even checked
    now_locked = "now_locked"  # this failure reached the limit and started a lock


@dataclass
class SignInAttempt:
    status: SignInStatus
    user: User | None = None  # set when the address belongs to an account (never shown to the person)


def check_password_sign_in(email: str, password: str) -> SignInAttempt:
    """Check an email and password, counting failures per account and locking it after too many.

    Hashes a password even when no account exists, so the answer takes as long either way and does not
    reveal which addresses are registered. The caller records the attempt and tells the owner of a new lock.
    """
    user = find_user_by_email(email)
    if user is None:
        check_password_hash(_dummy_hash(), password)
        return SignInAttempt(SignInStatus.failed)
    if user.is_locked():
        check_password_hash(_dummy_hash(), password)
        return SignInAttempt(SignInStatus.locked, user)
    if check_password_hash(user.password_hash, password) and user.active:
        user.failed_sign_ins = 0
        user.locked_until = None
        return SignInAttempt(SignInStatus.ok, user)
    return SignInAttempt(record_failed_attempt(user), user)


def record_failed_attempt(user: User) -> SignInStatus:
    """Count a failed password or second-factor code; lock the account when the limit is reached."""
    config = current_app.config
    user.failed_sign_ins = (user.failed_sign_ins or 0) + 1
    if user.failed_sign_ins >= config["SIGNIN_LOCK_THRESHOLD"]:
        user.failed_sign_ins = 0
        user.locked_until = utcnow() + timedelta(seconds=config["SIGNIN_LOCK_SECONDS"])
        return SignInStatus.now_locked
    return SignInStatus.failed


def complete_sign_in(user: User) -> None:
    user.last_sign_in_at = utcnow()
    user.failed_sign_ins = 0


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
