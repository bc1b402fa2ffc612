"""A deadline for every request, so a database that hangs (rather than refusing connections) cannot hold a
worker until gunicorn kills it: the person gets the friendly 503 page instead, in a bounded time.

PostgreSQL's statement_timeout runs on the server and cannot help when the server or the network stops
answering; psycopg has no client-side timeout for a query in flight. gunicorn's sync workers handle one request
at a time in the main thread, so a SIGALRM interval timer is a reliable guard there. Elsewhere (threads of the
development server, tests' other threads) no timer is set.
"""
from __future__ import annotations

import signal
import threading

from flask import Flask


class RequestTimedOut(Exception):
    """The request ran past CIVIC_REQUEST_TIMEOUT seconds."""


def _raise_timeout(signum, frame):
    raise RequestTimedOut()


def _can_use_alarm() -> bool:
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


def init_app(app: Flask) -> None:
    seconds = app.config.get("REQUEST_TIMEOUT") or 0
    if not seconds:
        return

    @app.before_request
    def start_deadline():
        if _can_use_alarm():
            signal.signal(signal.SIGALRM, _raise_timeout)
            signal.setitimer(signal.ITIMER_REAL, seconds)

    @app.teardown_request
    def clear_deadline(exc):
        if _can_use_alarm():
            signal.setitimer(signal.ITIMER_REAL, 0)


def lift_deadline() -> None:
    """For a view that knowingly runs long (a large export, streamed after the view returns): no deadline for
    the rest of this request. gunicorn's own --timeout still bounds it."""
    if _can_use_alarm():
        signal.setitimer(signal.ITIMER_REAL, 0)


class DatabaseBreaker:
    """After the database failed (an error or a timed-out request), this worker answers 503 at once for a few
    seconds instead of making every waiting person sit through the same timeout; then it tries again.

    Per process on purpose: each worker finds out for itself, and nothing needs sharing between them.
    """

    def __init__(self) -> None:
        self.open_until = 0.0

    def trip(self, seconds: float) -> None:
        import time

        self.open_until = time.monotonic() + seconds

    def is_open(self) -> bool:
        import time

        return time.monotonic() < self.open_until


breaker = DatabaseBreaker()
