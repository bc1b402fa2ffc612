"""Planners' tools for initiatives, under /planner/initiatives/: content, updates, KPIs, moderation, and comments
given on paper, by phone or at a meeting."""
from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user

from civic.extensions import db
from civic.i18n import _
from civic.initiatives import operations, queries
from civic.initiatives.forms import (ActionForm, HideForm, InitiativeForm, KpiForm, KpiValueForm, OnBehalfForm,
                                     UpdateForm)
from civic.initiatives.models import Channel, Comment, Initiative, Kpi, Publication
from civic.mail import send_email
from civic.permissions import Role, guard_blueprint

bp = Blueprint("initiatives_planner", __name__, url_prefix="/planner/initiatives")
guard_blueprint(bp, Role.planner)


@bp.get("/")
def index():
    initiatives = db.session.scalars(db.select(Initiative).order_by(Initiative.updated_at.desc())).all()
    return render_template("initiatives/planner/index.html", initiatives=initiatives,
                           queue_size=sum(1 for c in queries.moderation_queue() if c.needs_review))


@bp.route("/new", methods=["GET", "POST"])
def new():
    form = InitiativeForm()
    if form.validate_on_submit():
        try:
            initiative = operations.save_initiative(None, form.data)
        except operations.SlugTaken:
            form.slug.errors.append(_("Another initiative uses this web address name already."))
        else:
            db.session.commit()
            flash(_("The initiative is saved as a draft."), "success")
            return redirect(url_for(".manage", initiative_id=initiative.id))
    status = 422 if form.is_submitted() else 200
    return render_template("initiatives/planner/edit.html", form=form, initiative=None), status


@bp.route("/<int:initiative_id>/edit", methods=["GET", "POST"])
def edit(initiative_id):
    initiative = db.get_or_404(Initiative, initiative_id)
    form = InitiativeForm(obj=initiative)
    if request.method == "GET":
        form.districts.data = initiative.districts.split()
    if form.validate_on_submit():
        try:
            operations.save_initiative(initiative, form.data)
        except operations.SlugTaken:
            form.slug.errors.append(_("Another initiative uses this web address name already."))
        else:
            db.session.commit()
            flash(_("The initiative is saved."), "success")
            return redirect(url_for(".manage", initiative_id=initiative.id))
    status = 422 if form.is_submitted() else 200
    return render_template("initiatives/planner/edit.html", form=form, initiative=initiative), status


def render_manage(initiative: Initiative, value_form: KpiValueForm | None = None, failed_kpi: int | None = None,
                  status: int = 200):
    return render_template("initiatives/planner/manage.html", initiative=initiative, action_form=ActionForm(),
                           value_form=value_form or KpiValueForm(), failed_kpi=failed_kpi), status


@bp.get("/<int:initiative_id>")
def manage(initiative_id):
    return render_manage(db.get_or_404(Initiative, initiative_id))


@bp.post("/<int:initiative_id>/<any(publish, archive, draft):action>")
def set_publication(initiative_id, action):
    initiative = db.get_or_404(Initiative, initiative_id)
    if not ActionForm().validate_on_submit():
        abort(400)
    target = {"publish": Publication.published, "archive": Publication.archived, "draft": Publication.draft}[action]
    operations.set_publication(initiative, target)
    db.session.commit()
    flash(_("The initiative is now: %(state)s.", state=target.label), "success")
    return redirect(url_for(".manage", initiative_id=initiative.id))


@bp.route("/<int:initiative_id>/updates/new", methods=["GET", "POST"])
def new_update(initiative_id):
    initiative = db.get_or_404(Initiative, initiative_id)
    form = UpdateForm()
    if form.validate_on_submit():
        update, followers = operations.post_update(initiative, current_user, form.data)
        db.session.commit()
        if initiative.publication == Publication.published.value:
            link = url_for("initiatives.show", slug=initiative.slug, _external=True)
            for user in followers:
                language = user.language or "ja"
                send_email(user.email, "initiatives/emails/update_posted", language, initiative=initiative,
                           update=update, lang=language, link=link, user=user)
        flash(_("The update is posted."), "success")
        return redirect(url_for(".manage", initiative_id=initiative.id))
    status = 422 if form.is_submitted() else 200
    return render_template("initiatives/planner/update.html", form=form, initiative=initiative), status


@bp.route("/<int:initiative_id>/kpis/new", methods=["GET", "POST"])
def new_kpi(initiative_id):
    initiative = db.get_or_404(Initiative, initiative_id)
    form = KpiForm()
    if form.validate_on_submit():
        operations.define_kpi(initiative, form.data)
        db.session.commit()
        flash(_("The KPI is added."), "success")
        return redirect(url_for(".manage", initiative_id=initiative.id))
    status = 422 if form.is_submitted() else 200
    return render_template("initiatives/planner/kpi.html", form=form, initiative=initiative), status


@bp.post("/kpis/<int:kpi_id>/values")
def record_value(kpi_id):
    kpi = db.get_or_404(Kpi, kpi_id)
    form = KpiValueForm()
    if not form.validate_on_submit():
        return render_manage(kpi.initiative, value_form=form, failed_kpi=kpi.id, status=422)
    operations.record_kpi_value(kpi, form.value.data, form.measured_on.data, current_user, form.source_note.data)
    db.session.commit()
    flash(_("The value is recorded."), "success")
    return redirect(url_for(".manage", initiative_id=kpi.initiative_id, _anchor=f"kpi-{kpi.id}"))


@bp.route("/<int:initiative_id>/comments/new", methods=["GET", "POST"])
def comment_on_behalf(initiative_id):
    initiative = db.get_or_404(Initiative, initiative_id)
    if not initiative.accepts_comments:
        flash(_("Only a published initiative takes comments."), "error")
        return redirect(url_for(".manage", initiative_id=initiative.id))
    form = OnBehalfForm()
    if form.validate_on_submit():
        operations.post_comment_on_behalf(initiative, current_user, form.author_name.data,
                                          Channel(form.channel.data), form.body.data)
        db.session.commit()
        flash(_("The comment is posted with the way it reached us."), "success")
        return redirect(url_for("initiatives.show", slug=initiative.slug))
    status = 422 if form.is_submitted() else 200
    return render_template("initiatives/planner/on_behalf.html", form=form, initiative=initiative), status


def render_queue(hide_form: HideForm | None = None, failed: int | None = None, status: int = 200,
                 comments: list[Comment] | None = None):
    return render_template("initiatives/planner/moderation.html",
                           comments=queries.moderation_queue() if comments is None else comments,
                           single=comments is not None, hide_form=hide_form or HideForm(), failed=failed,
                           action_form=ActionForm()), status


@bp.get("/moderation")
def moderation():
    return render_queue()


@bp.get("/moderation/<int:comment_id>")
def moderate_comment(comment_id):
    """One comment, reported or not, with the same actions as the queue (linked from each comment for planners)."""
    return render_queue(comments=[db.get_or_404(Comment, comment_id)])


@bp.post("/moderation/<int:comment_id>/<any(hide, restore, dismiss):action>")
def moderate(comment_id, action):
    comment = db.get_or_404(Comment, comment_id)
    if action == "hide":
        form = HideForm()
        if not form.validate_on_submit():
            return render_queue(form, failed=comment.id, status=422,
                                comments=[comment] if request.args.get("single") else None)
        operations.hide_comment(comment, current_user, form.reason.data)
        message = _("The comment is hidden.")
    else:
        if not ActionForm().validate_on_submit():
            abort(400)
        if action == "restore":
            operations.restore_comment(comment, current_user)
            message = _("The comment is shown again.")
        else:
            operations.dismiss_reports(comment, current_user)
            message = _("The reports are dismissed.")
    db.session.commit()
    flash(message, "success")
    if request.args.get("single"):
        return redirect(url_for(".moderate_comment", comment_id=comment.id))
    return redirect(url_for(".moderation"))
