import time
from urllib.parse import urlsplit

from flask import (Blueprint, current_app, flash, g, redirect, render_template, request, session, url_for)
from flask_login import current_user, login_required, login_user, logout_user

from civic.accounts import operations, sessions, two_factor
from civic.accounts.forms import (AccountForm, ChangePasswordForm, ConfirmForm, PasswordResetForm,
                                  PasswordResetRequestForm, SignInForm, SignupForm, TwoFactorCodeForm,
                                  TwoFactorEnrolForm)
from civic.accounts.operations import SignInStatus
from civic.audit.operations import record as audit
from civic.extensions import db, limiter
from civic.i18n import COOKIE_MAX_AGE, LANGUAGE_COOKIE, _, current_language
from civic.mail import send_email

bp = Blueprint("accounts", __name__, url_prefix="/account")

PENDING_KEY = "pending_second_factor"
ENROL_SECRET_KEY = "totp_enrolment_secret"
# What a staff member without a second factor may still reach: enrolment, and leaving.
ALLOWED_BEFORE_ENROLMENT = {"accounts.two_factor_setup", "accounts.signout", "site.settings", "site.privacy",
                            "site.healthz", "asset", "static"}


def safe_next(target: str | None) -> str | None:
    """A path on this site to return to after sign-in; anything else (another host, //evil) is ignored."""
    if not target:
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return None
    return target


def _remember_language(response, user) -> None:
    if user.language:
        response.set_cookie(LANGUAGE_COOKIE, user.language, max_age=COOKIE_MAX_AGE, samesite="Lax",
                            secure=current_app.config["SESSION_COOKIE_SECURE"], httponly=True)


def _sign_in(user, remember: bool = False) -> None:
    """A fresh session: nothing from before sign-in carries over, and a new server-side record is made."""
    session.clear()
    login_user(user)
    session.permanent = remember and not user.is_staff
    sessions.start(user)
    operations.complete_sign_in(user)
    audit("sign_in", actor=user, target_type="user", target_id=user.id)


def _after_sign_in(user, next_url: str | None):
    if not user.language:
        user.language = current_language().code
    db.session.commit()
    if user.needs_two_factor and not user.has_two_factor:
        flash(_("Your account needs a second factor. Please set up your authenticator app now."), "info")
        response = redirect(url_for(".two_factor_setup"))
    else:
        flash(_("You are signed in."), "success")
        response = redirect(safe_next(next_url) or url_for("site.home"))
    _remember_language(response, user)
    return response


def _tell_owner_of_lock(user) -> None:
    audit("account.locked", actor=user, target_type="user", target_id=user.id)
    send_email(user.email, "accounts/emails/account_locked", user.language, user=user,
               minutes=current_app.config["SIGNIN_LOCK_SECONDS"] // 60,
               reset_link=url_for(".request_password_reset", _external=True))


def _signin_email_key() -> str:
    return "signin-account:" + operations.normalise_email(request.form.get("email", ""))


@bp.before_app_request
def enforce_session_and_second_factor():
    """Every request of a signed-in person: the server-side session must be live, and staff must have 2FA."""
    if request.endpoint in ("asset", "static", "site.healthz") or "_user_id" not in session:
        return None
    record = sessions.current()
    if record is None or str(record.user_id) != str(session.get("_user_id")) or not record.is_live() \
            or not record.user.active:
        timed_out = record is not None and record.revoked_at is None
        if timed_out:
            sessions.revoke(record, "expired")
            db.session.commit()
        logout_user()
        session.clear()
        if timed_out:
            flash(_("You were signed out because you were inactive for a while. Please sign in again."), "info")
        return None
    sessions.touch(record)
    if db.session.dirty:
        db.session.commit()
    g.civic_session = record
    g._login_user = record.user  # Flask-Login's cache: spares a second query for the same user
    user = record.user
    if user.needs_two_factor and not user.has_two_factor and request.endpoint not in ALLOWED_BEFORE_ENROLMENT:
        flash(_("Your account needs a second factor. Please set up your authenticator app now."), "info")
        return redirect(url_for("accounts.two_factor_setup"))
    return None


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
            audit("account.created", actor=user, target_type="user", target_id=user.id)
            _sign_in(user)
            db.session.commit()
            flash(_("Welcome, %(name)s. Your account is ready.", name=user.display_name), "success")
            return redirect(url_for("site.home"))
    status = 422 if form.is_submitted() else 200
    return render_template("accounts/signup.html", form=form), status


@bp.route("/signin", methods=["GET", "POST"])
@limiter.limit(lambda: current_app.config["RATELIMIT_SIGNIN"], methods=["POST"])
@limiter.limit(lambda: current_app.config["RATELIMIT_SIGNIN_PER_ACCOUNT"], key_func=_signin_email_key,
               methods=["POST"])
def signin():
    form = SignInForm()
    if request.method == "GET":
        form.next.data = safe_next(request.args.get("next"))
    if form.validate_on_submit():
        attempt = operations.check_password_sign_in(form.email.data, form.password.data)
        if attempt.status is SignInStatus.ok:
            user = attempt.user
            if user.has_two_factor:
                session.clear()
                session[PENDING_KEY] = {"user": user.id, "at": time.time(), "remember": bool(form.remember.data),
                                        "next": safe_next(form.next.data)}
                db.session.commit()
                return redirect(url_for(".signin_code"))
            _sign_in(user, remember=form.remember.data)
            return _after_sign_in(user, form.next.data)
        if attempt.user is not None:
            audit("sign_in.failed", actor=attempt.user, target_type="user", target_id=attempt.user.id,
                  detail=attempt.status.value)
            if attempt.status is SignInStatus.now_locked:
                _tell_owner_of_lock(attempt.user)
        else:
            audit("sign_in.failed", detail="no such account")
        db.session.commit()
        # One message for every failure, so nobody learns whether an address is registered or locked.
        form.password.errors.append(_("The email address or password is not right. Please try again. "
                                      "After several failed attempts, signing in is paused for a while."))
    status = 422 if form.is_submitted() else 200
    return render_template("accounts/signin.html", form=form), status


@bp.route("/signin/code", methods=["GET", "POST"])
@limiter.limit(lambda: current_app.config["RATELIMIT_SIGNIN"], methods=["POST"])
def signin_code():
    pending = session.get(PENDING_KEY)
    if not pending or time.time() - pending["at"] > current_app.config["TWO_FACTOR_PENDING_SECONDS"]:
        session.pop(PENDING_KEY, None)
        flash(_("Please sign in again."), "info")
        return redirect(url_for(".signin"))
    user = db.session.get(operations.User, pending["user"])
    if user is None or not user.active or user.is_locked():
        session.pop(PENDING_KEY, None)
        return redirect(url_for(".signin"))
    form = TwoFactorCodeForm()
    if form.validate_on_submit():
        if two_factor.verify_totp(user, form.code.data):
            _sign_in(user, remember=pending.get("remember", False))
            return _after_sign_in(user, pending.get("next"))
        if two_factor.use_recovery_code(user, form.code.data):
            _sign_in(user, remember=pending.get("remember", False))
            audit("two_factor.recovery_code_used", actor=user, target_type="user", target_id=user.id)
            left = two_factor.remaining_recovery_codes(user)
            flash(_("You used a recovery code. %(count)d are left; make new ones on your account page.",
                    count=left), "warning")
            return _after_sign_in(user, pending.get("next"))
        status = operations.record_failed_attempt(user)
        audit("sign_in.failed", actor=user, target_type="user", target_id=user.id, detail="second factor")
        if status is SignInStatus.now_locked:
            _tell_owner_of_lock(user)
            session.pop(PENDING_KEY, None)
        db.session.commit()
        form.code.errors.append(_("This code is not right, or was already used. Please try the current code."))
    status_code = 422 if form.is_submitted() else 200
    return render_template("accounts/signin_code.html", form=form), status_code


@bp.post("/signout")
def signout():
    record = sessions.current()
    if record is not None:
        sessions.revoke(record, "signed_out")
        audit("sign_out", target_type="user", target_id=record.user_id)
        db.session.commit()
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
        ended = sessions.revoke_all(user, "password_reset")
        audit("password.reset", actor=user, target_type="user", target_id=user.id,
              detail=f"{ended} other sessions ended")
        db.session.commit()
        logout_user()
        session.clear()
        flash(_("Your new password is saved. Please sign in with it."), "success")
        return redirect(url_for(".signin"))
    status = 422 if form.is_submitted() else 200
    return render_template("accounts/password_reset.html", form=form), status


def _account_page(form=None, password_form=None, status=200):
    form = form or AccountForm(obj=current_user, formdata=None)
    if form.language.data is None:
        form.language.data = current_language().code
    return render_template(
        "accounts/account.html", form=form, password_form=password_form or ChangePasswordForm(formdata=None),
        confirm_form=ConfirmForm(), live_sessions=sessions.live_sessions(current_user),
        this_session=g.get("civic_session"),
        recovery_codes_left=two_factor.remaining_recovery_codes(current_user) if current_user.has_two_factor else 0,
    ), status


@bp.get("/")
@login_required
def account():
    return _account_page()


@bp.post("/")
@login_required
def update_account():
    form = AccountForm()
    if not form.validate_on_submit():
        return _account_page(form=form, status=422)
    current_user.display_name = form.display_name.data.strip()
    current_user.language = form.language.data
    db.session.commit()
    flash(_("Your account is updated."), "success")
    response = redirect(url_for(".account"))
    _remember_language(response, current_user)
    return response


@bp.post("/password")
@login_required
def change_password():
    form = ChangePasswordForm()
    if form.validate_on_submit() and not operations.password_matches(current_user, form.current_password.data):
        form.current_password.errors.append(_("This is not your current password."))
    if form.errors or not form.is_submitted():
        return _account_page(password_form=form, status=422)
    operations.set_password(current_user, form.password.data)
    ended = sessions.revoke_all(current_user, "password_changed", keep=g.get("civic_session"))
    audit("password.changed", target_type="user", target_id=current_user.id, detail=f"{ended} other sessions ended")
    db.session.commit()
    send_email(current_user.email, "accounts/emails/password_changed", current_user.language, user=current_user)
    flash(_("Your password is changed. You were signed out on your other devices."), "success")
    return redirect(url_for(".account"))


@bp.post("/sessions/end-others")
@login_required
def end_other_sessions():
    if not ConfirmForm().validate_on_submit():
        return redirect(url_for(".account"))
    ended = sessions.revoke_all(current_user, "ended_by_user", keep=g.get("civic_session"))
    audit("sessions.ended", target_type="user", target_id=current_user.id, detail=f"{ended} sessions")
    db.session.commit()
    flash(_("You are signed out on your other devices."), "success")
    return redirect(url_for(".account"))


@bp.post("/session/extend")
@login_required
def extend_session():
    """Stay signed in: restarts the idle clock (from the warning banner, with or without JavaScript)."""
    record = g.get("civic_session")
    if record is not None and ConfirmForm().validate_on_submit():
        sessions.extend(record)
        db.session.commit()
    if request.accept_mimetypes.best == "application/json":
        return {"idle_deadline": record.idle_deadline().isoformat() if record else None}
    return redirect(safe_next(request.form.get("next")) or url_for("site.home"))


@bp.route("/two-factor", methods=["GET", "POST"])
@login_required
def two_factor_setup():
    if current_user.has_two_factor:
        return redirect(url_for(".account"))
    secret = session.get(ENROL_SECRET_KEY)
    if not secret:
        secret = session[ENROL_SECRET_KEY] = two_factor.new_secret()
    form = TwoFactorEnrolForm()
    if form.validate_on_submit():
        if two_factor.verify_totp(current_user, form.code.data, secret=secret):
            codes = two_factor.enable(current_user, secret)
            session.pop(ENROL_SECRET_KEY, None)
            audit("two_factor.enabled", target_type="user", target_id=current_user.id)
            db.session.commit()
            g.no_store = True
            return render_template("accounts/recovery_codes.html", codes=codes, first_time=True)
        form.code.errors.append(_("This code is not right. Check the time on your phone and enter the current "
                                  "code."))
    uri = two_factor.provisioning_uri(current_user, secret, issuer=f"{current_app.config['SITE_NAME']} DX")
    status = 422 if form.is_submitted() else 200
    g.no_store = True
    return render_template("accounts/two_factor_setup.html", form=form, secret=secret,
                           qr=two_factor.qr_data_uri(uri)), status


@bp.post("/two-factor/recovery-codes")
@login_required
def new_recovery_codes():
    if not current_user.has_two_factor or not ConfirmForm().validate_on_submit():
        return redirect(url_for(".account"))
    codes = two_factor.new_recovery_codes(current_user)
    audit("two_factor.recovery_codes_renewed", target_type="user", target_id=current_user.id)
    db.session.commit()
    g.no_store = True
    return render_template("accounts/recovery_codes.html", codes=codes, first_time=False)


@bp.post("/two-factor/off")
@login_required
def two_factor_off():
    """Residents may turn the second factor off again; staff may not."""
    if current_user.needs_two_factor or not ConfirmForm().validate_on_submit():
        flash(_("Staff accounts must keep the second factor."), "error")
        return redirect(url_for(".account"))
    two_factor.disable(current_user)
    audit("two_factor.disabled", target_type="user", target_id=current_user.id)
    db.session.commit()
    flash(_("The second factor is off."), "success")
    return redirect(url_for(".account"))
