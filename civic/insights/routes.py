"""Insights: the planners' area — the KPI dashboard, local issues (地域課題) with evidence, themes in free text."""
from __future__ import annotations

from collections import Counter
from datetime import timedelta

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user
from wtforms.fields.choices import SelectChoice

from civic.extensions import db
from civic.i18n import _, _l, current_language
from civic.initiatives.models import Initiative, Kpi
from civic.helpdesk.operations import tokyo_today
from civic.insights import operations, queries
from civic.insights.forms import (ActionForm, CommentEvidenceForm, HelpdeskEvidenceForm, IssueForm, KpiSourceForm,
                                  PriorityForm, ShareEvidenceForm, StatusForm, TextEvidenceForm)
from civic.insights.models import GROUPS, Evidence, IssueError, IssueStatus, LocalIssue
from civic.insights.themes import themes
from civic.permissions import Role, guard_blueprint
from civic.surveys import queries as survey_queries
from civic.surveys.models import localized


# /planner/: the planners' area. Each domain's planner tools live in its own blueprint under /planner/<domain>/.
bp = Blueprint("planner", __name__, url_prefix="/planner")
guard_blueprint(bp, Role.planner)
issues_bp = Blueprint("issues", __name__, url_prefix="/planner/issues")
guard_blueprint(issues_bp, Role.planner)
themes_bp = Blueprint("themes", __name__, url_prefix="/planner/themes")
guard_blueprint(themes_bp, Role.planner)

CHANNEL_LABELS = {"web": _l("Web"), "paper": _l("Paper"), "phone": _l("Phone"), "interview": _l("Interview"),
                  "meeting": _l("Meeting"), "helpdesk": _l("Help desk")}


@bp.app_template_global("insight_channel_label")
def channel_label(key: str) -> str:
    return str(CHANNEL_LABELS.get(key, key))


@bp.app_template_global("survey_signals")
def survey_signals(survey):
    """For the planners' survey results page (templates/insights/_signals.html)."""
    from civic.insights.signals import signals

    return signals(survey, current_language().code)


@bp.app_template_global("district_label")
def district_label(key: str) -> str:
    from civic.initiatives.models import District

    return District(key).label if key in District._value2member_map_ else key


@bp.app_template_global("insight_group_label")
def group_label(key: str) -> str:
    return str(GROUPS.get(key, key))


def today():
    return tokyo_today()


# -- dashboard ---------------------------------------------------------------------------------------------------

@bp.get("/")
def index():
    from civic.helpdesk import queries as helpdesk_queries

    months = [(year, month, helpdesk_queries.month_statistics(year, month))
              for year, month in queries.recent_months(today())]
    ages, topics = Counter(), Counter()
    for _year, _month, stats in months[-2:]:
        ages.update(dict(stats.age_bands))
        topics.update(dict(stats.topics))
    surveys = [(survey, [(channel_label(key), count) for key, count in sorted(counts.items())], total)
               for survey, counts, total in queries.survey_channel_counts()]
    return render_template("insights/planner_index.html", kpis=queries.all_kpis(), sources=queries.kpi_sources(),
                           months=months, surveys=surveys,
                           months_helped=[(f"{year}-{month:02d}", stats.attended) for year, month, stats in months],
                           age_rows=list(ages.items()),
                           topic_rows=topics.most_common(8),
                           open_issues=queries.open_issues_by_priority(), update_form=ActionForm())


@bp.post("/kpis/update")
def update_kpis():
    form = ActionForm()
    if not form.validate_on_submit():
        abort(400)
    count = operations.update_kpis(today(), current_user)
    db.session.commit()
    flash(_("%(count)d KPIs were updated from their sources.", count=count), "success")
    return redirect(url_for(".index"))


@bp.route("/kpis/<int:kpi_id>/source", methods=["GET", "POST"])
def kpi_source(kpi_id):
    kpi = db.get_or_404(Kpi, kpi_id)
    source = queries.kpi_sources().get(kpi.id)
    form = KpiSourceForm(data={"kind": source.kind if source else "",
                               "survey": str(source.survey_id or "") if source else ""})
    form.survey.choices = [SelectChoice("", _("None"))] + [
        SelectChoice(str(s.id), localized(s.title, current_language().code).text)
        for s in queries.surveys_with_answers()]
    if form.validate_on_submit():
        operations.set_kpi_source(kpi, form.kind.data, int(form.survey.data) if form.survey.data else None)
        db.session.commit()
        flash(_("The KPI's source is saved."), "success")
        return redirect(url_for(".index"))
    return render_template("insights/kpi_source.html", kpi=kpi, form=form), 422 if form.is_submitted() else 200


# -- local issues ------------------------------------------------------------------------------------------------

def _issue_form(issue=None) -> IssueForm:
    form = IssueForm(obj=issue)
    form.initiatives.choices = [SelectChoice(str(i.id), i.title_ja) for i in
                                db.session.scalars(db.select(Initiative).order_by(Initiative.id))]
    if issue is not None and request.method == "GET":
        form.districts.data = issue.district_list()
        form.groups.data = issue.group_list()
        form.initiatives.data = [str(i.id) for i in issue.initiatives]
    return form


def load_issue(issue_id: int) -> LocalIssue:
    issue = queries.issue_for_page(issue_id)
    if issue is None:
        abort(404)
    return issue


@issues_bp.get("/", endpoint="index")
def issue_list():
    status = request.args.get("status", "open")
    if status not in {"", "open", *(s.value for s in IssueStatus)}:
        status = "open"
    return render_template("insights/issues.html", issues=queries.issues(status), status=status,
                           statuses=list(IssueStatus))


@issues_bp.route("/new", methods=["GET", "POST"])
def new():
    form = _issue_form()
    if form.validate_on_submit():
        issue = operations.save_issue(None, form.data, current_user)
        db.session.commit()
        flash(_("The issue is saved as a candidate."), "success")
        return redirect(url_for(".show", issue_id=issue.id))
    return render_template("insights/issue_edit.html", form=form, issue=None), 422 if form.is_submitted() else 200


@issues_bp.route("/<int:issue_id>/edit", methods=["GET", "POST"])
def edit(issue_id):
    issue = load_issue(issue_id)
    form = _issue_form(issue)
    if form.validate_on_submit():
        operations.save_issue(issue, form.data, current_user)
        db.session.commit()
        flash(_("The issue is saved."), "success")
        return redirect(url_for(".show", issue_id=issue.id))
    return render_template("insights/issue_edit.html", form=form, issue=issue), 422 if form.is_submitted() else 200


def _status_form(issue) -> StatusForm:
    form = StatusForm()
    form.status.choices = [SelectChoice(s.value, s.label) for s in issue.next_statuses()]
    return form


def _show(issue, status_form=None, priority_form=None, status=200):
    language = current_language().code
    return render_template(
        "insights/issue.html", issue=issue, suggestion=operations.suggest_priority(issue),
        channels=queries.channel_totals(issue.evidence), quotes=queries.quotes_for(issue.evidence, language),
        status_form=status_form or _status_form(issue), priority_form=priority_form or PriorityForm(
            data={"priority": issue.priority or "medium"}),
        action_form=ActionForm()), status


@issues_bp.get("/<int:issue_id>/")
def show(issue_id):
    return _show(load_issue(issue_id))


@issues_bp.post("/<int:issue_id>/status")
def change_status(issue_id):
    issue = load_issue(issue_id)
    form = _status_form(issue)
    if not form.validate_on_submit():
        return _show(issue, status_form=form, status=422)
    try:
        operations.change_status(issue, form.status.data)
    except IssueError as error:
        flash(str(error), "error")
        return redirect(url_for(".show", issue_id=issue.id))
    db.session.commit()
    flash(_("The status is now: %(status)s.", status=issue.status_label), "success")
    return redirect(url_for(".show", issue_id=issue.id))


@issues_bp.post("/<int:issue_id>/priority/accept")
def accept_priority(issue_id):
    issue = load_issue(issue_id)
    suggestion = operations.suggest_priority(issue)
    if suggestion is None or not ActionForm().validate_on_submit():
        abort(400)
    operations.decide_priority(issue, suggestion.priority.value, " ".join(suggestion.reasons), current_user,
                               accepted=True)
    db.session.commit()
    flash(_("The suggested priority is accepted."), "success")
    return redirect(url_for(".show", issue_id=issue.id))


@issues_bp.post("/<int:issue_id>/priority")
def set_priority(issue_id):
    issue = load_issue(issue_id)
    form = PriorityForm()
    if not form.validate_on_submit():
        return _show(issue, priority_form=form, status=422)
    operations.decide_priority(issue, form.priority.data, form.reason.data, current_user, accepted=False)
    db.session.commit()
    flash(_("The priority is saved with your reason."), "success")
    return redirect(url_for(".show", issue_id=issue.id))


@issues_bp.route("/<int:issue_id>/evidence/survey", methods=["GET", "POST"])
def add_survey_evidence(issue_id):
    issue = load_issue(issue_id)
    language = current_language().code
    surveys = queries.surveys_with_answers()
    survey = next((s for s in surveys if str(s.id) == request.args.get("survey", "")), None)
    if survey is None:
        return render_template("insights/evidence_survey.html", issue=issue, surveys=surveys, survey=None)
    form = ShareEvidenceForm()
    questions = {q.id: q for q in survey.questions}
    form.choice.choices = [SelectChoice(f"{q.id}:{o['value']}", f"{survey.number_of(q)}. "
                                        f"{localized(q.text, language)} — {localized(o['text'], language)}")
                           for q in queries.choice_questions(survey) if not q.profile_key for o in q.all_options()]
    form.group.choices = [SelectChoice("", _("All respondents"))] + [
        SelectChoice(f"{q.id}:{o['value']}", f"{localized(q.text, language)} {localized(o['text'], language)}")
        for q in queries.choice_questions(survey) if q.profile_key for o in q.all_options()]
    if form.validate_on_submit():
        question_id, option = form.choice.data.split(":", 1)
        group_question, group_value = None, None
        if form.group.data:
            group_id, group_value = form.group.data.split(":", 1)
            group_question = questions[int(group_id)]
        try:
            operations.add_survey_share(issue, survey, questions[int(question_id)], option, current_user, language,
                                        group_question, group_value, form.note.data or "")
        except IssueError as error:
            form.choice.errors.append(str(error))
        else:
            db.session.commit()
            flash(_("The evidence is added."), "success")
            return redirect(url_for(".show", issue_id=issue.id))
    return render_template("insights/evidence_survey.html", issue=issue, surveys=surveys, survey=survey,
                           form=form), 422 if form.is_submitted() else 200


@issues_bp.route("/<int:issue_id>/evidence/comments", methods=["GET", "POST"])
def add_comment_evidence(issue_id):
    issue = load_issue(issue_id)
    language = current_language().code
    form = CommentEvidenceForm()
    form.comments.choices = [SelectChoice(str(c.id), f"{c.initiative.localized('title', language)}: {c.body}")
                             for c in queries.resident_comments()]
    if form.validate_on_submit():
        try:
            operations.add_comments(issue, [int(i) for i in form.comments.data], current_user, form.note.data or "")
        except IssueError as error:
            form.comments.errors.append(str(error))
        else:
            db.session.commit()
            flash(_("The evidence is added."), "success")
            return redirect(url_for(".show", issue_id=issue.id))
    return render_template("insights/evidence_comments.html", issue=issue, form=form), \
        422 if form.is_submitted() else 200


@issues_bp.route("/<int:issue_id>/evidence/helpdesk", methods=["GET", "POST"])
def add_helpdesk_evidence(issue_id):
    from civic.helpdesk import queries as helpdesk_queries

    issue = load_issue(issue_id)
    form = HelpdeskEvidenceForm(data={"start": today() - timedelta(days=90), "end": today()}
                                if request.method == "GET" else None)
    form.topic.choices = [SelectChoice("", _("All topics"))] + [
        SelectChoice(str(t.id), t.name) for t in helpdesk_queries.all_topics()]
    if form.validate_on_submit():
        try:
            operations.add_helpdesk(issue, int(form.topic.data) if form.topic.data else None, form.start.data,
                                    form.end.data, current_user, form.note.data or "")
        except IssueError as error:
            form.topic.errors.append(str(error))
        else:
            db.session.commit()
            flash(_("The evidence is added."), "success")
            return redirect(url_for(".show", issue_id=issue.id))
    return render_template("insights/evidence_helpdesk.html", issue=issue, form=form), \
        422 if form.is_submitted() else 200


@issues_bp.post("/<int:issue_id>/evidence/<int:evidence_id>/remove")
def remove_evidence(issue_id, evidence_id):
    evidence = db.get_or_404(Evidence, evidence_id)
    if evidence.issue_id != issue_id or not ActionForm().validate_on_submit():
        abort(404 if evidence.issue_id != issue_id else 400)
    operations.remove_evidence(evidence)
    db.session.commit()
    flash(_("The evidence is removed from the issue."), "success")
    return redirect(url_for(".show", issue_id=issue_id))


# -- themes in free text -----------------------------------------------------------------------------------------

@themes_bp.get("/", endpoint="index")
def theme_sources():
    surveys = [(s, queries.text_questions(s)) for s in queries.surveys_with_answers()]
    return render_template("insights/themes_index.html", surveys=surveys)


def _text_form(documents):
    form = TextEvidenceForm()
    form.issue.choices = [SelectChoice(str(i.id), i.title) for i in queries.issues("open")]
    form.selected.choices = [SelectChoice(str(d.id), d.text) for d in documents]
    return form


def _themes_page(documents, form, source_title, action, status=200, orders=None):
    term = request.args.get("term", "").strip()
    found = themes(documents)
    behind = [d for d in documents if term in d.terms] if term else []
    form.selected.choices = [SelectChoice(str(d.id), d.text) for d in behind] or form.selected.choices
    return render_template("insights/themes.html", themes=found, documents=documents, behind=behind, term=term,
                           form=form, source_title=source_title, action=action,
                           age_bands=_present(orders, "age_band", {d.age_band for d in documents if d.age_band}),
                           districts=_present(orders, "district", {d.district for d in documents if d.district})), status


def _present(orders, key, found: set) -> list[str]:
    """The groups that occur, in the order of the profile question's options (else alphabetical)."""
    order = (orders or {}).get(key) or []
    return [label for label in order if label in found] + sorted(found - set(order))


def _survey_question(survey_id, question_id):
    survey = survey_queries.survey_or_none(survey_id)
    question = next((q for q in survey.questions if q.id == question_id), None) if survey else None
    if question is None or question not in queries.text_questions(survey):
        abort(404)
    return survey, question


@themes_bp.route("/surveys/<int:survey_id>/questions/<int:question_id>", methods=["GET", "POST"])
def survey_question(survey_id, question_id):
    survey, question = _survey_question(survey_id, question_id)
    language = current_language().code
    documents = queries.survey_documents(survey, question, language)
    form = _text_form(documents)
    title = f"{localized(survey.title, language)} — {localized(question.text, language)}"
    action = url_for(".survey_question", survey_id=survey.id, question_id=question.id,
                     term=request.args.get("term", ""))
    if form.validate_on_submit():
        issue = load_issue(int(form.issue.data))
        try:
            operations.add_survey_texts(issue, survey, question, [int(i) for i in form.selected.data], current_user,
                                        language)
        except IssueError as error:
            form.selected.errors.append(str(error))
        else:
            db.session.commit()
            flash(_("The selected answers are added as evidence."), "success")
            return redirect(url_for("issues.show", issue_id=issue.id))
    orders = {key: [localized(o["text"], language).text for o in profile.all_options()]
              for key, profile in queries.profile_questions(survey).items()}
    return _themes_page(documents, form, title, action, 422 if form.is_submitted() else 200, orders)


@themes_bp.route("/comments", methods=["GET", "POST"])
def comments():
    language = current_language().code
    documents = queries.comment_documents(language)
    form = _text_form(documents)
    action = url_for(".comments", term=request.args.get("term", ""))
    if form.validate_on_submit():
        issue = load_issue(int(form.issue.data))
        try:
            operations.add_comments(issue, [int(i) for i in form.selected.data], current_user)
        except IssueError as error:
            form.selected.errors.append(str(error))
        else:
            db.session.commit()
            flash(_("The selected answers are added as evidence."), "success")
            return redirect(url_for("issues.show", issue_id=issue.id))
    return _themes_page(documents, form, _("Comments on initiatives"), action, 422 if form.is_submitted() else 200)




@bp.app_template_global("insight_bars")
def bars(pairs) -> list[dict]:
    """Bars for the SVG bar chart from (label, number) pairs: width 0–200, the number written beside each."""
    pairs = list(pairs)
    peak = max((count for _label, count in pairs), default=0) or 1
    return [{"label": str(label), "width": round(200 * count / peak), "value": str(count)} for label, count in pairs]
