"""Error pages in the reader's language; never a traceback."""
from __future__ import annotations

from flask import Flask, g, jsonify, make_response, render_template, request
from flask_wtf.csrf import CSRFError
from sqlalchemy.exc import InterfaceError, OperationalError
from werkzeug.exceptions import HTTPException, InternalServerError

from civic.extensions import db
from civic.timeouts import RequestTimedOut, breaker
from civic.i18n import _


def messages() -> dict[int, tuple[str, str]]:
    return {
        400: (_("The request could not be understood"),
              _("Something in the request was not right. Please go back and try again.")),
        403: (_("You do not have access to this page"),
              _("Your account does not have permission to see this page. If you think it should, "
                "ask the help desk or an administrator.")),
        404: (_("Page not found"),
              _("We could not find this page. The address may be wrong, or the page may have moved.")),
        405: (_("This action is not allowed here"),
              _("Please go back and use the buttons on the page.")),
        410: (_("This link is no longer valid"),
              _("The link has expired or was already used.")),
        413: (_("Too much data"), _("What you sent is too large. Please send less at a time.")),
        429: (_("Too many attempts"),
              _("You tried this too many times in a short time. Please wait a few minutes and try again.")),
        500: (_("Something went wrong on our side"),
              _("This is not your fault. Please try again in a little while. If it keeps happening, "
                "please call the help desk.")),
        503: (_("The service is temporarily unavailable"),
              _("We cannot answer right now, usually for a few minutes. Please try again shortly. "
                "What you saved before is safe.")),
    }


def render_error(code: int, detail: str | None = None):
    title, text = messages().get(code, messages()[500 if code >= 500 else 400])
    if request.path.startswith("/api/") or request.path == "/healthz":
        return make_response(jsonify(error=title, status=code), code)
    return make_response(render_template("errors/error.html", code=code, title=title, text=detail or text), code)


def register(app: Flask) -> None:
    def fail_fast_while_the_database_is_down():
        if breaker.is_open() and request.endpoint not in ("asset", "static"):
            g.database_unavailable = True
            if request.endpoint == "site.healthz":
                return jsonify(status="unavailable", database="unavailable"), 503
            return render_error(503)
        return None

    # First of all the request hooks: the others (the session check) would already ask the database.
    app.before_request_funcs.setdefault(None, []).insert(0, fail_fast_while_the_database_is_down)

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException):
        if error.code in (301, 302, 303, 307, 308) or error.code is None:
            return error
        response = render_error(error.code)
        if error.code == 429:
            retry_after = getattr(error, "retry_after", None)
            if retry_after:
                response.headers["Retry-After"] = str(retry_after)
        return response

    @app.errorhandler(CSRFError)
    def csrf_error(error: CSRFError):
        return render_error(400, _("This form had expired or was sent twice. Please go back, reload the page "
                                   "and send it again."))

    @app.errorhandler(RequestTimedOut)
    def request_timed_out(error=None):
        # The connection may be stuck mid-query: drop it without talking to the server (a rollback could hang
        # too), so the pool opens a fresh one next time.
        try:
            db.session.invalidate()
        except Exception:
            pass
        g.database_unavailable = True
        breaker.trip(app.config["DATABASE_RETRY_AFTER"])
        app.logger.error("request timed out: %s %s", request.method, request.path)
        return render_error(503)

    @app.errorhandler(OperationalError)
    @app.errorhandler(InterfaceError)
    def database_unavailable(error):
        _rollback()
        g.database_unavailable = True
        breaker.trip(app.config["DATABASE_RETRY_AFTER"])
        app.logger.error("database unavailable: %s", error)
        return render_error(503)

    @app.errorhandler(InternalServerError)
    def internal_error(error):
        if _caused_by_timeout(getattr(error, "original_exception", None)):
            # The deadline struck inside the database driver, whose clean-up then failed differently.
            return request_timed_out()
        _rollback()
        return render_error(500)


def _rollback() -> None:
    try:
        db.session.rollback()
    except Exception:  # the connection may be gone; the error page must still render
        pass


def _caused_by_timeout(exception) -> bool:
    seen = 0
    while exception is not None and seen < 10:
        if isinstance(exception, RequestTimedOut):
            return True
        exception = exception.__cause__ or exception.__context__
        seen += 1
    return False
