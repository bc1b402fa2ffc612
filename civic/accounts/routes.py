from urllib.parse import urlsplit

from flask import Blueprint, current_app, flash, redirect, render_template, request, session, url_for
from flask_login import current_user, login_required, login_user, logout_user

from civic.accounts import operations
from civic.accounts.forms import (AccountForm, PasswordResetForm, PasswordResetRequestForm, SignInForm,
                                  SignupForm)
from civic.extensions import db, limiter
from civic.i18n import LANGUAGE_COOKIE, COOKIE_MAX_AGE, _, current_language
from civic.mail import send_email

bp = Blueprint("accounts", __name__, url_prefix="/account")


def safe_next(target: str | None) -> str | None:
    """A path on this site to return to after sign-in; anything else (another host, //evil) is ignored."""
    if not target:
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return None
    return target


def _remember_language(response, user) -> None:
    if user.language:
        response.set_cookie(LANGUAGE_COOKIE, user.language, max_age=COOKIE_MAX_AGE, samesite="Lax",
                            secure=current_app.config["SESSION_COOKIE_SECURE"], httponly=True)


def _start_session(user, remember: bool = False) -> None:
    session.clear()  # a fresh session at sign-in, so nothing set before it carries over
    login_user(user, remember=remember)


@bp.route("/signup", methods=["GET", "POST"])
@limiter.limit(lambda: current_app.config["RATELIMIT_SIGNUP"], methods=["POST"])
def signup():
    if current_user.is_authenticated:
        return redirect(url_for("site.home"))
    form = SignupForm()
    if form.validate_on_submit():
        try:
            user = operations.create_user(email=form.email.data, display_name=form.display_name.data,
                                          password=form.password.data, language=current_language().code)
        except operations.EmailTaken:
            form.email.errors.append(_("An account with this email address exists already. "
                                       "Sign in, or reset your password if you forgot it."))
        else:
            db.session.commit()
            _start_session(user)
            flash(_("Welcome, %(name)s. Your account is ready.", name=user.display_name), "success")
            return redirect(url_for("site.home"))
    status = 422 if form.is_submitted() else 200
    return render_template("accounts/signup.html", form=form), status


@bp.route("/signin", methods=["GET", "POST"])
@limiter.limit(lambda: current_app.config["RATELIMIT_SIGNIN"], methods=["POST"])
def signin():
    form = SignInForm()
    if request.method == "GET":
        form.next.data = safe_next(request.args.get("next"))
    if form.validate_on_submit():
        user = operations.authenticate(form.email.data, form.password.data)
        if user is None:
            form.password.errors.append(_("The email address or password is not right. Please try again."))
        else:
            if not user.language:
                user.language = current_language().code
            db.session.commit()
            _start_session(user, remember=form.remember.data)
            flash(_("You are signed in."), "success")
            response = redirect(safe_next(form.next.data) or url_for("site.home"))
            _remember_language(response, user)
            return response
    status = 422 if form.is_submitted() else 200
    return render_template("accounts/signin.html", form=form), status


@bp.post("/signout")
def signout():
    logout_user()
    session.clear()
    flash(_("You are signed out."), "success")
    return redirect(url_for("site.home"))


@bp.route("/password-reset", methods=["GET", "POST"])
@limiter.limit(lambda: current_app.config["RATELIMIT_PASSWORD_RESET"], methods=["POST"])
def request_password_reset():
    form = PasswordResetRequestForm()
    if form.validate_on_submit():
        user = operations.find_user_by_email(form.email.data)
        if user is not None and user.active:
            token = operations.password_reset_token(user)
            send_email(user.email, "accounts/emails/password_reset", user.language or current_language().code,
                       user=user, link=url_for(".reset_password", token=token, _external=True),
                       minutes=current_app.config["PASSWORD_RESET_MAX_AGE"] // 60)
        # The same answer whether or not the address has an account.
        return render_template("accounts/password_reset_sent.html", email=form.email.data)
    status = 422 if form.is_submitted() else 200
    return render_template("accounts/password_reset_request.html", form=form), status


@bp.route("/password-reset/<token>", methods=["GET", "POST"])
@limiter.limit(lambda: current_app.config["RATELIMIT_PASSWORD_RESET"], methods=["POST"])
def reset_password(token):
    user = operations.user_for_reset_token(token)
    if user is None:
        return render_template("accounts/password_reset_invalid.html"), 410
    form = PasswordResetForm()
    if form.validate_on_submit():
        operations.set_password(user, form.password.data)
        db.session.commit()
        _start_session(user)
        flash(_("Your new password is saved. You are signed in."), "success")
        return redirect(url_for("site.home"))
    status = 422 if form.is_submitted() else 200
    return render_template("accounts/password_reset.html", form=form), status


@bp.route("/", methods=["GET", "POST"])
@login_required
def account():
    form = AccountForm(obj=current_user)
    if request.method == "GET" and not current_user.language:
        form.language.data = current_language().code
    if form.validate_on_submit():
        current_user.display_name = form.display_name.data.strip()
        current_user.language = form.language.data
        db.session.commit()
        flash(_("Your account is updated."), "success")
        response = redirect(url_for(".account"))
        _remember_language(response, current_user)
        return response
    status = 422 if form.is_submitted() else 200
    return render_template("accounts/account.html", form=form), status
