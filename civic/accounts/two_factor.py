"""The second factor: TOTP from an authenticator app (RFC 6238), and one-time recovery codes."""
from __future__ import annotations

import base64
import hashlib
import secrets
import time

import pyotp
import segno

from civic.accounts.models import RecoveryCode, User
from civic.database import utcnow
from civic.extensions import db

ISSUER = "civic DX"
RECOVERY_CODE_COUNT = 10
RECOVERY_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I/L: easy to read from paper


def new_secret() -> str:
    return pyotp.random_base32()


def provisioning_uri(user: User, secret: str, issuer: str = ISSUER) -> str:
    return pyotp.TOTP(secret).provisioning_uri(name=user.email, issuer_name=issuer)


def qr_data_uri(uri: str) -> str:
    """The enrolment QR code as an SVG data URI (an <img>, allowed by the CSP; no script, no request)."""
    svg = segno.make(uri, error="m").svg_inline(scale=5, border=2, dark="#000", light="#fff")
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()


def normalise_code(code: str) -> str:
    return "".join(ch for ch in (code or "").upper() if ch.isalnum())


def verify_totp(user: User, code: str, secret: str | None = None, now: float | None = None) -> bool:
    """True for a current code not used before; marks its time step used, so a replayed code fails."""
    secret = secret or user.totp_secret
    code = normalise_code(code)
    if not secret or not code.isdigit() or len(code) != 6:
        return False
    totp = pyotp.TOTP(secret)
    now = time.time() if now is None else now
    current_step = int(now // totp.interval)
    for step in (current_step, current_step - 1, current_step + 1):  # one step of clock drift either way
        if secrets.compare_digest(totp.generate_otp(step), code):
            if user.totp_last_step is not None and step <= user.totp_last_step:
                return False
            user.totp_last_step = step
            return True
    return False


def _hash_recovery_code(code: str) -> str:
    # Recovery codes are long random strings, so a plain hash resists guessing as well as a slow KDF would.
    return hashlib.sha256(normalise_code(code).encode()).hexdigest()


def new_recovery_codes(user: User) -> list[str]:
    """Replace the user's recovery codes with a fresh set; returns the codes, to be shown once."""
    db.session.execute(db.delete(RecoveryCode).where(RecoveryCode.user_id == user.id))
    codes = []
    for _ in range(RECOVERY_CODE_COUNT):
        raw = "".join(secrets.choice(RECOVERY_ALPHABET) for _ in range(10))
        codes.append(f"{raw[:5]}-{raw[5:]}")
        db.session.add(RecoveryCode(user_id=user.id, code_hash=_hash_recovery_code(raw)))
    return codes


def use_recovery_code(user: User, code: str) -> bool:
    """True if the code is one of the user's unused recovery codes; it is then used up."""
    if len(normalise_code(code)) != 10:
        return False
    row = db.session.scalar(db.select(RecoveryCode).where(
        RecoveryCode.user_id == user.id, RecoveryCode.code_hash == _hash_recovery_code(code),
        RecoveryCode.used_at.is_(None)))
    if row is None:
        return False
    row.used_at = utcnow()
    return True


def remaining_recovery_codes(user: User) -> int:
    return db.session.scalar(db.select(db.func.count(RecoveryCode.id)).where(
        RecoveryCode.user_id == user.id, RecoveryCode.used_at.is_(None))) or 0


def enable(user: User, secret: str) -> list[str]:
    """Turn on TOTP with a secret the user has proven to hold; returns new recovery codes."""
    user.totp_secret = secret
    user.totp_enabled_at = utcnow()
    return new_recovery_codes(user)


def disable(user: User) -> None:
    user.totp_secret = None
    user.totp_enabled_at = None
    user.totp_last_step = None
    db.session.execute(db.delete(RecoveryCode).where(RecoveryCode.user_id == user.id))
