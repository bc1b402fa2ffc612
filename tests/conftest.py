"""Fixtures: a migrated database (SQLite, or PostgreSQL when CIVIC_TEST_DATABASE_URL is set), the app, a client,
a real local SMTP server, user factories and a sign-in helper."""
from __future__ import annotations

import email
import email.policy
import os
import socket
import threading

import pytest
import sqlalchemy as sa
from aiosmtpd.controller import Controller

from civic import create_app
from civic.config import TestConfig, normalise_database_url
from civic.extensions import db, limiter
from tests.helpers import DEFAULT_PASSWORD, TOTP_SECRETS, Browser, _last_totp_step



# Browser tests need Chromium and a server; they run with `make e2e`, not `make test`.
collect_ignore = [] if os.environ.get("CIVIC_E2E") else ["e2e"]


def pytest_report_header(config):
    return f"civic database: {os.environ.get('CIVIC_TEST_DATABASE_URL') or 'SQLite (temporary file)'}"


@pytest.fixture(scope="session")
def database_url(tmp_path_factory):
    url = os.environ.get("CIVIC_TEST_DATABASE_URL")
    if url:
        engine = sa.create_engine(normalise_database_url(url))
        with engine.begin() as connection:  # start from an empty schema, whatever an earlier run left
            connection.execute(sa.text("DROP SCHEMA public CASCADE"))
            connection.execute(sa.text("CREATE SCHEMA public"))
        engine.dispose()
        return url
    return f"sqlite:///{tmp_path_factory.mktemp('db') / 'civic-test.db'}"


@pytest.fixture(scope="session")
def migrated_database(database_url, tmp_path_factory):
    """The schema, built only by the Alembic migrations, as production builds it."""
    from flask_migrate import upgrade

    app = create_app(TestConfig(database_url, instance_path=tmp_path_factory.mktemp("instance")))
    with app.app_context():
        upgrade()
        db.engine.dispose()
    return database_url


class MailSink:
    """Collects the messages a real SMTP server received."""

    def __init__(self) -> None:
        self.messages: list[email.message.EmailMessage] = []
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        with self.lock:
            self.messages.append(message)
        return "250 Message accepted for delivery"


@pytest.fixture(scope="session")
def smtp_server():
    sink = MailSink()
    with socket.socket() as probe:  # a free port; aiosmtpd cannot be told to pick one itself
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    controller = Controller(sink, hostname="127.0.0.1", port=port)
    controller.start()
    controller.sink = sink
    yield controller
    controller.stop()


@pytest.fixture
def outbox(smtp_server):
    """The emails sent during this test, as parsed messages."""
    smtp_server.sink.messages.clear()
    return smtp_server.sink.messages


def make_config(database_url, tmp_path, smtp_server, **overrides) -> TestConfig:
    config = TestConfig(database_url, instance_path=tmp_path / "instance")
    config.MAIL_SERVER = "127.0.0.1"
    config.MAIL_PORT = smtp_server.port
    for key, value in overrides.items():
        setattr(config, key, value)
    return config


@pytest.fixture
def config_overrides():
    """Tests override settings by redefining this fixture or updating the dict before `app` is used."""
    return {}


@pytest.fixture
def app(migrated_database, tmp_path, smtp_server, config_overrides):
    app = create_app(make_config(migrated_database, tmp_path, smtp_server, **config_overrides))
    limiter.reset()
    yield app
    with app.app_context():
        db.session.remove()
        with db.engine.begin() as connection:
            for table in reversed(db.metadata.sorted_tables):
                connection.execute(table.delete())
        db.engine.dispose()
    limiter.reset()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


@pytest.fixture
def browser(client):
    return Browser(client)


@pytest.fixture
def make_user(app):
    """make_user(role="planner") -> a detached User whose attributes can be read."""
    from civic.accounts import operations
    from civic.permissions import Role

    counter = iter(range(1, 10_000))

    def factory(role: str = "resident", email: str | None = None, password: str = DEFAULT_PASSWORD,
                display_name: str | None = None, language: str | None = None, active: bool = True,
                two_factor: bool | None = None):
        """Staff get a second factor by default (they must have one); pass two_factor=False to test enrolment."""
        import pyotp

        from civic.database import utcnow

        number = next(counter)
        with app.app_context():
            user = operations.create_user(email=email or f"{role}{number}@example.jp",
                                          display_name=display_name or f"{role} {number}", password=password,
                                          role=Role(role), language=language)
            user.active = active
            if two_factor if two_factor is not None else role != "resident":
                user.totp_secret = pyotp.random_base32()
                user.totp_enabled_at = utcnow()
                TOTP_SECRETS[user.email] = user.totp_secret
                _last_totp_step.pop(user.email, None)
            db.session.commit()
            db.session.refresh(user)
            db.session.expunge(user)
        return user

    return factory


@pytest.fixture
def signed_in(browser, make_user):
    """signed_in("planner") -> a Browser signed in as a new user with that role."""

    def factory(role: str = "resident", **kwargs):
        user = make_user(role, **kwargs)
        browser.sign_in(user.email)
        browser.user = user
        return browser

    return factory
