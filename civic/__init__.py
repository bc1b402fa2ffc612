"""civic: a civic-participation site for a municipality's regional DX programme (地域DX)."""
from __future__ import annotations

from pathlib import Path

from flask import Flask, g, request, session, url_for
from flask_login import current_user
from werkzeug.middleware.proxy_fix import ProxyFix

from civic import assets, errors, timeouts
from civic.config import PROJECT_ROOT, Config, config_for_environment
from civic.extensions import babel, csrf, db, limiter, login_manager, migrate
from civic.i18n import (COOKIE_MAX_AGE, LANGUAGE_COOKIE, LANGUAGES, _l, current_language, requested_language,
                        select_locale)
from civic.security import add_security_headers
from civic.site.display import display_settings


def create_app(config: Config | None = None) -> Flask:
    config = config or config_for_environment()
    app = Flask(
        __name__,
        instance_path=str(config.INSTANCE_PATH),
        template_folder=str(PROJECT_ROOT / "templates"),
        static_folder=str(Path(__file__).parent / "static"),
    )
    app.config.from_object(config)
    if config.SQLALCHEMY_DATABASE_URI.startswith("sqlite:///"):
        Path(config.SQLALCHEMY_DATABASE_URI.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
    if app.config["PROXY_COUNT"]:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=app.config["PROXY_COUNT"], x_proto=app.config["PROXY_COUNT"],
                                x_host=app.config["PROXY_COUNT"])

    init_extensions(app)
    register_blueprints(app)
    init_templates(app)
    register_request_hooks(app)
    errors.register(app)
    assets.init_app(app)
    timeouts.init_app(app)

    from civic import cli

    cli.register(app)
    return app


def init_extensions(app: Flask) -> None:
    import civic.models  # noqa: F401 (every table known to the metadata before anything uses it)

    db.init_app(app)
    migrate.init_app(app, db, directory=str(PROJECT_ROOT / "migrations"), render_as_batch=True)
    csrf.init_app(app)
    babel.init_app(app, locale_selector=select_locale, default_timezone="Asia/Tokyo")
    limiter.init_app(app)

    login_manager.init_app(app)
    login_manager.login_view = "accounts.signin"
    login_manager.login_message = _l("Please sign in to see this page.")
    login_manager.localize_callback = str  # flash the message in the reader's language, as plain text
    login_manager.login_message_category = "info"

    from civic.accounts.models import User

    @login_manager.user_loader
    def load_user(user_id: str):
        return db.session.get(User, int(user_id))


def register_blueprints(app: Flask) -> None:
    from civic.accounts.routes import bp as accounts_bp
    from civic.admin.routes import bp as admin_bp
    from civic.audit.routes import bp as audit_bp
    from civic.helpdesk.routes import bp as helpdesk_bp, planner_bp as helpdesk_planner_bp, staff_bp
    from civic.initiatives.planner import bp as initiatives_planner_bp
    from civic.initiatives.routes import bp as initiatives_bp
    from civic.api.routes import bp as api_bp
    from civic.insights.routes import bp as planner_bp, issues_bp, themes_bp
    from civic.site.routes import bp as site_bp
    from civic.surveys import routes as surveys

    for blueprint in (site_bp, accounts_bp, admin_bp, audit_bp, planner_bp, initiatives_bp, initiatives_planner_bp,
                      helpdesk_bp, staff_bp, helpdesk_planner_bp, surveys.bp, surveys.planner_bp, surveys.staff_bp,
                      issues_bp, themes_bp, api_bp):
        app.register_blueprint(blueprint)


def init_templates(app: Flask) -> None:
    app.jinja_env.policies["ext.i18n.trimmed"] = True
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True

    from flask_babel import format_date, format_datetime, format_decimal, format_time

    app.jinja_env.globals.update(format_date=format_date, format_datetime=format_datetime,
                                 format_decimal=format_decimal, format_time=format_time)

    @app.context_processor
    def page_context():
        database_ok = not g.get("database_unavailable")
        return {
            "viewer": current_user if database_ok else None,
            "language": current_language(),
            "languages": LANGUAGES,
            "display": display_settings(),
            "site_name": app.config["SITE_NAME"],
            "has_endpoint": lambda endpoint: endpoint in app.view_functions,
            "civic_session": g.get("civic_session"),
        }

    @app.template_global()
    def url_for_language(code: str) -> str:
        """This page in another language: the same path and query, with ?lang= replaced."""
        args = request.args.to_dict(flat=False)
        args["lang"] = [code]
        if request.endpoint and request.url_rule is not None and request.method == "GET":
            return url_for(request.endpoint, **(request.view_args or {}), **args)
        return url_for("site.home", lang=code)


def register_request_hooks(app: Flask) -> None:
    production = app.config["ENV_NAME"] == "production"

    @app.after_request
    def finish_response(response):
        chosen = requested_language()
        if chosen:
            response.set_cookie(LANGUAGE_COOKIE, chosen, max_age=COOKIE_MAX_AGE, samesite="Lax",
                                secure=app.config["SESSION_COOKIE_SECURE"], httponly=True)
        if "_user_id" in session or g.get("no_store"):
            # Pages for a signed-in person may show personal data: no browser or proxy may keep a copy.
            response.headers["Cache-Control"] = "no-store"
        response.vary.add("Cookie")
        response.vary.add("Accept-Language")
        if response.mimetype == "text/html" and not response.direct_passthrough and not response.is_streamed:
            language = current_language().code
            if language == "ja-easy" and display_settings().furigana:
                from civic.furigana import add_furigana

                response.set_data(add_furigana(response.get_data(as_text=True)))
            elif language == "ja" and app.config["PHRASE_BREAKS"]:
                from civic.typography import add_phrase_breaks

                response.set_data(add_phrase_breaks(response.get_data(as_text=True)))
        return add_security_headers(response, production)
