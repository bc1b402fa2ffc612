import secrets

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user

from civic.accounts import operations, sessions
from civic.accounts.models import User
from civic.admin.forms import ActiveForm, NewStaffForm, RoleForm
from civic.audit.operations import record as audit
from civic.extensions import db
from civic.i18n import _, ngettext
from civic.mail import send_email
from civic.permissions import Role, guard_blueprint

bp = Blueprint("admin", __name__, url_prefix="/admin")
guard_blueprint(bp, Role.admin)

PER_PAGE = 50


@bp.get("/")
def users():
    query = request.args.get("q", "").strip()
    role = request.args.get("role", "")
    statement = db.select(User).order_by(User.created_at.desc(), User.id.desc())
    if query:
        pattern = f"%{query.lower()}%"
        statement = statement.where(db.or_(User.email.like(pattern), db.func.lower(User.display_name).like(pattern)))
    if role in {r.value for r in Role}:
        statement = statement.where(User.role == role)
    page = db.paginate(statement, per_page=PER_PAGE, error_out=False)
    return render_template("admin/users.html", page=page, query=query, role=role, roles=list(Role),
                           role_form=RoleForm(), active_form=ActiveForm(), new_form=NewStaffForm())


@bp.post("/users/<int:user_id>/role")
def change_role(user_id):
    user = db.get_or_404(User, user_id)
    form = RoleForm()
    if not form.validate_on_submit():
        abort(400)
    if user.id == current_user.id and form.role.data != Role.admin.value:
        flash(_("You cannot remove your own administrator role. Ask another administrator."), "error")
        return redirect(url_for(".users"))
    before = user.role
    operations.change_role(user, Role(form.role.data))
    if before != user.role:
        audit("role.changed", target_type="user", target_id=user.id, detail=f"{before} -> {user.role}")
        # New rights (or fewer) apply from the next sign-in, with the lifetimes of the new role.
        sessions.revoke_all(user, "role_changed")
    db.session.commit()
    flash(_("%(name)s is now: %(role)s.", name=user.display_name, role=user.role_label), "success")
    return redirect(request.referrer if request.referrer and request.referrer.startswith(request.host_url)
                    else url_for(".users"))


@bp.post("/users/<int:user_id>/<any(activate, deactivate):action>")
def set_active(user_id, action):
    user = db.get_or_404(User, user_id)
    if not ActiveForm().validate_on_submit():
        abort(400)
    if user.id == current_user.id:
        flash(_("You cannot deactivate your own account."), "error")
        return redirect(url_for(".users"))
    operations.set_active(user, action == "activate")
    audit(f"account.{action}d", target_type="user", target_id=user.id)
    if not user.active:
        sessions.revoke_all(user, "deactivated")
    db.session.commit()
    message = _("%(name)s can sign in again.", name=user.display_name) if user.active else \
        _("%(name)s can no longer sign in.", name=user.display_name)
    flash(message, "success")
    return redirect(url_for(".users"))


@bp.post("/users/new")
def create_staff():
    form = NewStaffForm()
    if form.validate_on_submit():
        try:
            # A random password nobody knows; the person sets their own through the emailed link.
            user = operations.create_user(email=form.email.data, display_name=form.display_name.data,
                                          password=secrets.token_urlsafe(32), role=Role(form.role.data))
        except operations.EmailTaken:
            form.email.errors.append(_("An account with this email address exists already."))
        else:
            audit("account.created", target_type="user", target_id=user.id, detail=f"role {user.role}")
            db.session.commit()
            send_email(user.email, "admin/emails/account_created", None, user=user,
                       link=url_for("accounts.reset_password", token=operations.password_reset_token(user),
                                    _external=True))
            flash(_("The account for %(email)s is created. We emailed a link to set the password.",
                    email=user.email), "success")
            return redirect(url_for(".users"))
    page = db.paginate(db.select(User).order_by(User.created_at.desc(), User.id.desc()), per_page=PER_PAGE,
                       error_out=False)
    return render_template("admin/users.html", page=page, query="", role="", roles=list(Role),
                           role_form=RoleForm(), active_form=ActiveForm(), new_form=form), 422


@bp.post("/users/<int:user_id>/end-sessions")
def end_sessions(user_id):
    """Sign a person out everywhere (a lost phone, a leaver): every live session of theirs ends now."""
    user = db.get_or_404(User, user_id)
    if not ActiveForm().validate_on_submit():
        abort(400)
    ended = sessions.revoke_all(user, "ended_by_admin")
    audit("sessions.ended", target_type="user", target_id=user.id, detail=f"{ended} sessions, by an administrator")
    db.session.commit()
    flash(ngettext("%(num)d session of %(name)s ended.", "%(num)d sessions of %(name)s ended.", ended,
                   name=user.display_name), "success")
    return redirect(url_for(".users"))
