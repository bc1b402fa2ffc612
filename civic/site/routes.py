from flask import Blueprint, current_app, flash, jsonify, redirect, render_template, request, url_for
from flask_babel import force_locale
from flask_login import current_user
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from civic.accounts.routes import safe_next
from civic.extensions import db
from civic.i18n import COOKIE_MAX_AGE, LANGUAGE_BY_CODE, LANGUAGE_COOKIE, _, current_language
from civic.site import display
from civic.site.forms import DisplaySettingsForm
from civic.site.home import home_sections

bp = Blueprint("site", __name__)


@bp.get("/")
def home():
    return render_template("site/home.html", sections=home_sections())


@bp.get("/healthz")
def healthz():
    try:
        db.session.execute(text("SELECT 1"))
    except SQLAlchemyError:
        db.session.rollback()
        current_app.logger.warning("health check: database unavailable", exc_info=True)
        return jsonify(status="unavailable", database="unavailable"), 503
    return jsonify(status="ok", database="ok")


@bp.get("/privacy")
def privacy():
    return render_template("site/privacy.html")


@bp.get("/accessibility")
def accessibility():
    """アクセシビリティ方針: the level we aim for, how we test it, and what we know is not yet right."""
    return render_template("site/accessibility.html")


@bp.route("/settings", methods=["GET", "POST"])
def settings():
    current = display.display_settings()
    form = DisplaySettingsForm()
    if request.method == "GET":
        form.language.data = current_language().code
        form.text_size.data = current.text_size
        form.contrast.data = current.contrast
        form.furigana.data = "on" if current.furigana else "off"
        form.next.data = safe_next(request.args.get("next")) or ""
    if form.validate_on_submit():
        response = redirect(safe_next(form.next.data) or url_for(".settings"))
        secure = current_app.config["SESSION_COOKIE_SECURE"]
        for name, value in ((LANGUAGE_COOKIE, form.language.data), (display.TEXT_COOKIE, form.text_size.data),
                            (display.CONTRAST_COOKIE, form.contrast.data),
                            (display.FURIGANA_COOKIE, form.furigana.data)):
            response.set_cookie(name, value, max_age=COOKIE_MAX_AGE, samesite="Lax", secure=secure, httponly=True)
        if current_user.is_authenticated and current_user.language != form.language.data:
            current_user.language = form.language.data
            db.session.commit()
        # The flash is shown on the next page, so it is said in the language just chosen.
        with force_locale(LANGUAGE_BY_CODE[form.language.data].locale):
            flash(_("Your settings are saved."), "success")
        return response
    status = 422 if form.is_submitted() else 200
    return render_template("site/settings.html", form=form), status
