"""Settings, read from environment variables with the CIVIC_ prefix.

Production is the default: a deployment that forgets CIVIC_ENV gets the safe settings, and the developer
commands in the Makefile say CIVIC_ENV=development explicitly.
"""
from __future__ import annotations

import os
import secrets
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent


class ConfigError(RuntimeError):
    """A setting is missing or wrong; the message tells the operator what to do."""


def env(name: str, default: str | None = None) -> str | None:
    return os.environ.get(f"CIVIC_{name}", default)


def env_bool(name: str, default: bool = False) -> bool:
    value = env(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_int(name: str, default: int) -> int:
    value = env(name)
    return int(value) if value not in (None, "") else default


def normalise_database_url(url: str) -> str:
    """Use the psycopg 3 driver for any PostgreSQL URL, whatever spelling the operator chose."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url


def development_secret_key(instance_path: Path) -> str:
    """A random key kept under instance/, so development sessions survive restarts."""
    instance_path.mkdir(parents=True, exist_ok=True)
    key_file = instance_path / "secret_key"
    if not key_file.exists():
        key_file.write_text(secrets.token_urlsafe(48))
        key_file.chmod(0o600)
    return key_file.read_text().strip()


class Config:
    ENV_NAME = "production"
    TESTING = False
    INSTANCE_PATH = Path(env("INSTANCE_PATH") or PROJECT_ROOT / "instance")

    SITE_NAME = env("SITE_NAME", "ひかり市")  # the municipality's name, shown in the header
    SITE_URL = env("SITE_URL", "")  # e.g. https://dx.city.example.jp, used in emails

    SQLALCHEMY_RECORD_QUERIES = False
    SQLALCHEMY_TRACK_MODIFICATIONS = False

    # Flask-Babel
    BABEL_DEFAULT_LOCALE = "ja"
    BABEL_DEFAULT_TIMEZONE = "Asia/Tokyo"
    BABEL_TRANSLATION_DIRECTORIES = str(PROJECT_ROOT / "translations")

    # Flask-WTF: a token lasts as long as the session, so a slow reader never loses a form to expiry.
    WTF_CSRF_TIME_LIMIT = None

    SESSION_COOKIE_NAME = "__Host-civic_session"  # __Host-: only over HTTPS, only for this exact host
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    SESSION_COOKIE_SECURE = True
    REMEMBER_COOKIE_HTTPONLY = True
    REMEMBER_COOKIE_SAMESITE = "Lax"
    REMEMBER_COOKIE_SECURE = True
    PERMANENT_SESSION_LIFETIME = 60 * 60 * 24 * 14
    PREFERRED_URL_SCHEME = "https"

    # <wbr> at Japanese phrase boundaries (BudouX). Off in unit tests, so they can look for plain text.
    PHRASE_BREAKS = True

    # Static files carry a content hash in their URL, so they can be cached for a year.
    SEND_FILE_MAX_AGE_DEFAULT = 60 * 60 * 24 * 365

    # Flask-Limiter: in memory by default; shared through Redis when several processes serve the site.
    RATELIMIT_HEADERS_ENABLED = True
    RATELIMIT_ENABLED = env_bool("RATELIMIT_ENABLED", True)  # off only for browser-test runs
    RATELIMIT_SIGNIN = "10 per minute;50 per hour"
    RATELIMIT_SIGNUP = "5 per minute;20 per hour"
    RATELIMIT_PASSWORD_RESET = "5 per minute;20 per hour"

    PASSWORD_HASH_METHOD = "scrypt"
    # Sessions (seconds). Staff see personal data, so theirs end sooner.
    STAFF_SESSION_IDLE_TIMEOUT = env_int("STAFF_SESSION_IDLE_TIMEOUT", 30 * 60)
    STAFF_SESSION_LIFETIME = env_int("STAFF_SESSION_LIFETIME", 12 * 60 * 60)
    RESIDENT_SESSION_IDLE_TIMEOUT = env_int("RESIDENT_SESSION_IDLE_TIMEOUT", 14 * 24 * 60 * 60)
    RESIDENT_SESSION_LIFETIME = env_int("RESIDENT_SESSION_LIFETIME", 30 * 24 * 60 * 60)
    SESSION_WARNING_SECONDS = 120  # how long before the idle timeout the page offers to extend
    # Brute force: this many failures in a row lock the account for this long; the owner gets an email.
    SIGNIN_LOCK_THRESHOLD = env_int("SIGNIN_LOCK_THRESHOLD", 5)
    SIGNIN_LOCK_SECONDS = env_int("SIGNIN_LOCK_SECONDS", 15 * 60)
    RATELIMIT_SIGNIN_PER_ACCOUNT = "20 per hour"
    TWO_FACTOR_PENDING_SECONDS = 300  # time to enter the code after the password
    AUDIT_RETENTION_DAYS = env_int("AUDIT_RETENTION_DAYS", 3 * 365)
    PASSWORD_RESET_MAX_AGE = 60 * 60  # seconds a reset link stays valid

    MAIL_SENDER = env("MAIL_SENDER", "no-reply@civic.example.jp")
    MAIL_SERVER = env("MAIL_SERVER", "")
    MAIL_PORT = env_int("MAIL_PORT", 25)
    MAIL_USERNAME = env("MAIL_USERNAME", "")
    MAIL_PASSWORD = env("MAIL_PASSWORD", "")
    MAIL_USE_TLS = env_bool("MAIL_USE_TLS")
    MAIL_TIMEOUT = env_int("MAIL_TIMEOUT", 10)

    # Number of proxies in front of the app that set X-Forwarded-For (0: none).
    PROXY_COUNT = env_int("PROXY_COUNT", 0)
    # How long a database statement may run before the request gives up (PostgreSQL), in milliseconds.
    DATABASE_STATEMENT_TIMEOUT_MS = env_int("DATABASE_STATEMENT_TIMEOUT_MS", 10000)
    DATABASE_CONNECT_TIMEOUT = env_int("DATABASE_CONNECT_TIMEOUT", 5)
    # No request may take longer than this (seconds; 0: no limit). Exports stream their rows after the deadline
    # is cleared, so a long download is not cut; see civic/timeouts.py.
    REQUEST_TIMEOUT = env_int("REQUEST_TIMEOUT", 20)
    # After the database failed, answer 503 at once for this many seconds before trying it again (per worker).
    DATABASE_RETRY_AFTER = env_int("DATABASE_RETRY_AFTER", 5)

    # Initiatives: comments and reports
    COMMENT_EDIT_WINDOW_MINUTES = env_int("COMMENT_EDIT_WINDOW_MINUTES", 30)  # authors may edit/delete this long
    COMMENT_HIDE_AFTER_REPORTS = env_int("COMMENT_HIDE_AFTER_REPORTS", 3)  # distinct reporters before it is held
    RATELIMIT_COMMENT = "5 per minute;30 per hour"
    RATELIMIT_REPORT = "5 per minute;20 per hour"
    # Surveys open to everyone: answers sent per address (with a signed cookie, a soft one-answer-per-person limit).
    RATELIMIT_SURVEY_SUBMIT = env("RATELIMIT_SURVEY_SUBMIT", "5 per hour;20 per day")
    # Open data (/api/v1/): read-only, but each request aggregates; enough for a script, not for a flood.
    RATELIMIT_OPEN_DATA = env("RATELIMIT_OPEN_DATA", "60 per minute;1000 per hour")
    OPEN_DATA_LICENCE = env("OPEN_DATA_LICENCE", "CC BY 4.0")
    OPEN_DATA_LICENCE_URL = env("OPEN_DATA_LICENCE_URL", "https://creativecommons.org/licenses/by/4.0/")

    # Help desk (civic.helpdesk)
    HELPDESK_MAX_FUTURE_BOOKINGS = env_int("HELPDESK_MAX_FUTURE_BOOKINGS", 3)  # per phone number or email
    HELPDESK_BOOKING_WEEKS = env_int("HELPDESK_BOOKING_WEEKS", 4)  # how far ahead residents can book
    HELPDESK_PURGE_AFTER_DAYS = env_int("HELPDESK_PURGE_AFTER_DAYS", 90)  # personal data kept after a session
    RATELIMIT_HELPDESK_BOOKING = "5 per minute;30 per hour"
    RATELIMIT_HELPDESK_LOOKUP = "10 per minute;50 per hour"

    def __init__(self) -> None:
        self.SQLALCHEMY_DATABASE_URI = normalise_database_url(
            env("DATABASE_URL") or f"sqlite:///{self.INSTANCE_PATH / 'civic.db'}"
        )
        self.REDIS_URL = env("REDIS_URL") or None
        self.RATELIMIT_STORAGE_URI = self.REDIS_URL or "memory://"
        self.SECRET_KEY = self.secret_key()
        self.SQLALCHEMY_ENGINE_OPTIONS = self.engine_options()

    def secret_key(self) -> str:
        key = env("SECRET_KEY")
        if not key:
            raise ConfigError(
                "CIVIC_SECRET_KEY is not set. Set it to a long random value "
                "(for example: python -c 'import secrets; print(secrets.token_urlsafe(48))'), "
                "or set CIVIC_ENV=development for a local development instance."
            )
        return key

    def engine_options(self) -> dict:
        if self.SQLALCHEMY_DATABASE_URI.startswith("postgresql"):
            return {
                "pool_pre_ping": True,  # recover by itself once a restarted database is back
                "connect_args": {
                    "connect_timeout": self.DATABASE_CONNECT_TIMEOUT,
                    "options": f"-c statement_timeout={self.DATABASE_STATEMENT_TIMEOUT_MS}",
                },
            }
        return {"connect_args": {"timeout": 15}}


class DevelopmentConfig(Config):
    ENV_NAME = "development"
    SESSION_COOKIE_NAME = "civic_session"  # plain http on localhost cannot carry a __Host- cookie
    SESSION_COOKIE_SECURE = False
    REMEMBER_COOKIE_SECURE = False
    PREFERRED_URL_SCHEME = "http"

    def secret_key(self) -> str:
        return env("SECRET_KEY") or development_secret_key(self.INSTANCE_PATH)


class TestConfig(DevelopmentConfig):
    __test__ = False  # a settings class, not a pytest test class
    ENV_NAME = "test"
    TESTING = True
    SERVER_NAME = "localhost"
    PASSWORD_HASH_METHOD = "pbkdf2:sha256:1000"  # fast hashing keeps the suite quick; never used outside tests
    PHRASE_BREAKS = False
    DATABASE_RETRY_AFTER = 0  # each test meets the database as it is
    MAIL_SERVER = ""

    def __init__(self, database_url: str | None = None, instance_path: Path | None = None) -> None:
        if instance_path is not None:
            self.INSTANCE_PATH = instance_path
        super().__init__()
        if database_url is not None:
            self.SQLALCHEMY_DATABASE_URI = normalise_database_url(database_url)
            self.SQLALCHEMY_ENGINE_OPTIONS = self.engine_options()
        self.RATELIMIT_STORAGE_URI = "memory://"

    def secret_key(self) -> str:
        return "test-secret-key"


def config_for_environment() -> Config:
    name = (env("ENV") or "production").lower()
    if name in {"development", "dev"}:
        return DevelopmentConfig()
    if name == "production":
        return Config()
    raise ConfigError(f"CIVIC_ENV must be 'production' or 'development', not {name!r}.")
