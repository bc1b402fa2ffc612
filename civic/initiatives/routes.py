"""Residents' pages: the list of DX initiatives, one initiative with its timeline, KPIs and comments."""
from __future__ import annotations

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from civic.extensions import db, limiter
from civic.i18n import _
from civic.initiatives import operations, queries
from civic.initiatives.forms import ActionForm, CommentForm, EditCommentForm, ReportForm
from civic.initiatives.models import Category, Comment, District, Initiative, Status
from civic.initiatives.text import comment_html, personal_data_kinds
from civic.site.home import HomeSection, home_section

bp = Blueprint("initiatives", __name__, url_prefix="/initiatives")
bp.add_app_template_filter(comment_html, "comment_html")


def _comment_limit():
    return current_app.config["RATELIMIT_COMMENT"]


def _report_limit():
    return current_app.config["RATELIMIT_REPORT"]


def _page_arg() -> int:
    return request.args.get("page", 1, type=int) or 1


def _load(slug: str) -> Initiative:
    initiative = queries.initiative_for_page(slug)
    if initiative is None or not initiative.can_view(current_user):
        abort(404)
    return initiative


def _load_comment(comment_id: int) -> Comment:
    comment = db.get_or_404(Comment, comment_id)
    if not comment.initiative.can_view(current_user):
        abort(404)
    return comment


def _comment_url(comment: Comment) -> str:
    top = comment.parent or comment
    page = queries.page_of(top)
    return url_for(".show", slug=comment.initiative.slug, page=page if page > 1 else None,
                   _anchor=f"comment-{comment.id}")


@home_section
def latest_updates_section():
    updates = queries.latest_updates()
    return HomeSection(template="initiatives/_home.html", items=updates) if updates else None


@bp.get("/")
def index():
    filters = {
        "category": request.args.get("category", "") if request.args.get("category") in Category._value2member_map_
        else "",
        "status": request.args.get("status", "") if request.args.get("status") in Status._value2member_map_ else "",
        "district": request.args.get("district", "") if request.args.get("district") in District._value2member_map_
        else "",
        "query": request.args.get("q", "").strip()[:100],
    }
    page = queries.find_initiatives(**filters, page=_page_arg())
    return render_template("initiatives/index.html", page=page, filters=filters, categories=list(Category),
                           statuses=list(Status), districts=list(District))


def render_initiative(initiative: Initiative, form: CommentForm | None = None, warning: list[str] | None = None,
                      status: int = 200):
    comments = queries.comment_page(initiative, page=_page_arg())
    return render_template(
        "initiatives/show.html", initiative=initiative, comments=comments, form=form or CommentForm(),
        warning=warning, action_form=ActionForm(), following=queries.is_following(initiative, current_user),
        helpful=queries.helpful_marked_by(current_user, comments.items),
        window=current_app.config["COMMENT_EDIT_WINDOW_MINUTES"]), status


@bp.get("/<slug>")
def show(slug):
    return render_initiative(_load(slug))


def _comment_form_result(form: CommentForm):
    """None when the comment can be posted; otherwise the personal-data kinds to warn about ([] if invalid)."""
    if not form.validate_on_submit():
        return []
    kinds = personal_data_kinds(form.body.data)
    if kinds and not form.post_anyway.data:
        return kinds
    return None


@bp.post("/<slug>/comments")
@limiter.limit(_comment_limit)
@login_required
def comment(slug):
    initiative = _load(slug)
    if not initiative.accepts_comments:
        abort(409)
    form = CommentForm()
    problem = _comment_form_result(form)
    if problem is not None:
        return render_initiative(initiative, form, warning=problem or None, status=422)
    posted = operations.post_comment(initiative, current_user, form.body.data)
    db.session.commit()
    flash(_("Thank you. Your comment is posted."), "success")
    return redirect(_comment_url(posted))


@bp.route("/comments/<int:comment_id>/reply", methods=["GET", "POST"])
@limiter.limit(_comment_limit, methods=["POST"])
@login_required
def reply(comment_id):
    parent = _load_comment(comment_id)
    initiative = parent.initiative
    if not initiative.accepts_comments or not parent.is_shown:
        abort(409)
    form = CommentForm()
    warning = None
    if request.method == "POST":
        problem = _comment_form_result(form)
        if problem is None:
            posted = operations.post_comment(initiative, current_user, form.body.data, parent=parent)
            db.session.commit()
            flash(_("Thank you. Your reply is posted."), "success")
            return redirect(_comment_url(posted))
        warning = problem or None
    status = 422 if request.method == "POST" else 200
    return render_template("initiatives/reply.html", parent=parent, initiative=initiative, form=form,
                           warning=warning), status


@bp.route("/comments/<int:comment_id>/edit", methods=["GET", "POST"])
@login_required
def edit_comment(comment_id):
    comment = _load_comment(comment_id)
    if not comment.is_own(current_user):
        abort(403)
    if not comment.can_change(current_user, current_app.config["COMMENT_EDIT_WINDOW_MINUTES"]):
        flash(_("This comment can no longer be changed."), "error")
        return redirect(_comment_url(comment))
    form = EditCommentForm(obj=comment)
    if form.validate_on_submit():
        operations.edit_comment(comment, current_user, form.body.data)
        db.session.commit()
        flash(_("Your comment is updated."), "success")
        return redirect(_comment_url(comment))
    status = 422 if form.is_submitted() else 200
    return render_template("initiatives/edit_comment.html", comment=comment, form=form,
                           action_form=ActionForm()), status


@bp.post("/comments/<int:comment_id>/delete")
@login_required
def delete_comment(comment_id):
    comment = _load_comment(comment_id)
    if not comment.is_own(current_user):
        abort(403)
    if not ActionForm().validate_on_submit():
        abort(400)
    try:
        operations.delete_comment(comment, current_user)
    except operations.ChangeWindowClosed:
        flash(_("This comment can no longer be changed."), "error")
        return redirect(_comment_url(comment))
    db.session.commit()
    flash(_("Your comment is deleted."), "success")
    return redirect(_comment_url(comment))


@bp.post("/comments/<int:comment_id>/helpful")
@login_required
def helpful(comment_id):
    comment = _load_comment(comment_id)
    if not comment.is_shown or comment.is_own(current_user):
        abort(409)
    if not ActionForm().validate_on_submit():
        abort(400)
    marked = operations.toggle_helpful(comment, current_user)
    db.session.commit()
    flash(_("Marked as helpful.") if marked else _("Your mark is removed."), "success")
    return redirect(_comment_url(comment))


@bp.route("/comments/<int:comment_id>/report", methods=["GET", "POST"])
@limiter.limit(_report_limit, methods=["POST"])
def report(comment_id):
    comment = _load_comment(comment_id)
    if comment.deleted_at is not None:
        abort(404)
    form = ReportForm()
    if form.validate_on_submit():
        key = operations.reporter_key(current_user, request.remote_addr)
        try:
            operations.report_comment(comment, key, form.reason.data, form.note.data or "")
        except operations.AlreadyReported:
            flash(_("You have reported this comment already. Thank you."), "info")
        else:
            db.session.commit()
            flash(_("Thank you. A member of staff will look at this comment."), "success")
        return redirect(_comment_url(comment))
    status = 422 if form.is_submitted() else 200
    return render_template("initiatives/report.html", comment=comment, form=form), status


@bp.post("/<slug>/<any(follow, unfollow):action>")
@login_required
def follow(slug, action):
    initiative = _load(slug)
    if not ActionForm().validate_on_submit():
        abort(400)
    if action == "follow":
        operations.follow(initiative, current_user)
        message = _("You are following this initiative. We will email you when there is news.")
    else:
        operations.unfollow(initiative, current_user)
        message = _("You no longer follow this initiative.")
    db.session.commit()
    flash(message, "success")
    return redirect(url_for(".show", slug=initiative.slug))


