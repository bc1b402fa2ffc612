"""Surveys: residents answer at /surveys/, planners build and read at /planner/surveys/, help-desk staff and
planners type in paper and phone answers at /staff/surveys/."""
from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from flask import (Blueprint, abort, current_app, flash, redirect, render_template, request,
                   stream_with_context, url_for)
from flask import Response
from flask_login import current_user
from itsdangerous import BadSignature, URLSafeSerializer
from sqlalchemy.exc import IntegrityError

from civic.audit.operations import record_access
from civic.timeouts import lift_deadline
from civic.extensions import db, limiter
from civic.i18n import _, current_language
from civic.permissions import Role, guard_blueprint
from civic.site.home import HomeSection, home_section
from civic.surveys import answering, exports, operations, queries, results
from civic.surveys.forms import (AnswerForm, CrossTabForm, EntryForm, ExportForm, QuestionForm,
                                 ResultsFilterForm, SectionForm, SurveyForm, join_languages, lines_of,
                                 split_languages)
from civic.surveys.models import (CHOICE_KINDS, AlreadyAnswered, Channel, Kind, Question, Status, SurveyClosed,
                                  SurveyDraft, SurveyError, SurveyParticipant, localized)

JST = ZoneInfo("Asia/Tokyo")
COOKIE_MAX_AGE = 60 * 60 * 24 * 120

bp = Blueprint("surveys", __name__, url_prefix="/surveys")
planner_bp = Blueprint("survey_planner", __name__, url_prefix="/planner/surveys")
guard_blueprint(planner_bp, Role.planner)
staff_bp = Blueprint("survey_staff", __name__, url_prefix="/staff/surveys")
guard_blueprint(staff_bp, Role.helpdesk, Role.planner)


def today():
    return datetime.now(JST).date()


def language_code() -> str:
    return current_language().code


def load_survey(survey_id: int):
    survey = queries.survey_or_none(survey_id)
    if survey is None:
        abort(404)
    return survey


def signed_in_user():
    return current_user if current_user.is_authenticated else None


bp.add_app_template_global(localized, "localized")  # a global, so imported macros can use it too
bp.add_app_template_global(lambda status: Status(status).label, "survey_status_label")
bp.add_app_template_global(lambda kind: Kind(kind).label, "kind_label")
bp.add_app_template_global(lambda channel: Channel(channel).label, "channel_label")


@home_section
def open_surveys_section():
    surveys = queries.open_surveys(today())
    return HomeSection(template="surveys/_home.html", items=surveys) if surveys else None


# -- the survey cookie: which draft this browser holds, or that it has answered -------------------------------

def _serializer():
    return URLSafeSerializer(current_app.secret_key, salt="civic-survey")


def _cookie_name(survey) -> str:
    return f"civic_survey_{survey.id}"


def read_cookie(survey) -> dict:
    raw = request.cookies.get(_cookie_name(survey))
    if not raw:
        return {}
    try:
        value = _serializer().loads(raw)
    except BadSignature:
        return {}
    return value if isinstance(value, dict) else {}


def set_cookie(response, survey, value: dict):
    response.set_cookie(_cookie_name(survey), _serializer().dumps(value), max_age=COOKIE_MAX_AGE, httponly=True,
                        samesite="Lax", secure=current_app.config["SESSION_COOKIE_SECURE"],
                        path=url_for("surveys.show", survey_id=survey.id))
    return response


def current_draft(survey) -> SurveyDraft | None:
    token = read_cookie(survey).get("draft")
    if not token:
        return None
    draft = db.session.scalars(db.select(SurveyDraft).filter_by(token=token, survey_id=survey.id)).first()
    if draft is None:
        return None
    user = signed_in_user()
    if draft.user_id is not None and (user is None or draft.user_id != user.id):
        return None
    return draft


def visible_sections(survey, answers: dict) -> list:
    """The pages that have at least one question to show, given the answers so far."""
    questions = survey.ordered_questions()
    shown = answering.visible_answers(questions, answers)
    return [section for section in survey.sections
            if any(q.is_shown(shown) for q in questions if q.section_id == section.id)]


# -- residents ---------------------------------------------------------------------------------------------------

@bp.get("/")
def index():
    return render_template("surveys/index.html", surveys=queries.open_surveys(today()),
                           finished=queries.surveys_with_public_results())


@bp.get("/<int:survey_id>/")
def show(survey_id):
    survey = load_survey(survey_id)
    if survey.status == Status.draft.value:
        abort(404)
    user = signed_in_user()
    answered = bool(read_cookie(survey).get("done"))
    own_response = None
    if user is not None:
        answered = answered or db.session.get(SurveyParticipant, (survey.id, user.id)) is not None
        if not survey.anonymous and survey.requires_sign_in:
            own_response = queries.response_of(survey, user)
    return render_template("surveys/show.html", survey=survey, answered=answered, own_response=own_response,
                           is_open=survey.is_open(today()), draft=current_draft(survey), form=AnswerForm())


@bp.post("/<int:survey_id>/start")
def start(survey_id):
    survey = load_survey(survey_id)
    user = signed_in_user()
    if survey.requires_sign_in and user is None:
        return current_app.login_manager.unauthorized()
    form = AnswerForm()
    if not form.validate_on_submit():
        abort(400)
    draft = current_draft(survey)
    if draft is None:
        try:
            operations.check_can_answer(survey, user, today())
        except SurveyError as error:
            flash(str(error), "info")
            return redirect(url_for(".show", survey_id=survey.id))
        if read_cookie(survey).get("done") and user is None:
            flash(_("This browser has answered this survey already. Thank you."), "info")
            return redirect(url_for(".show", survey_id=survey.id))
        draft = operations.start_draft(survey, user)
        db.session.commit()
    response = redirect(url_for(".page", survey_id=survey.id, number=1))
    return set_cookie(response, survey, {"draft": draft.token})


@bp.post("/<int:survey_id>/revise")
def revise(survey_id):
    """A named sign-in survey: the resident reopens their submitted answers to correct them."""
    survey = load_survey(survey_id)
    user = signed_in_user()
    if user is None:
        return current_app.login_manager.unauthorized()
    response_row = queries.response_of(survey, user) if not survey.anonymous else None
    if response_row is None:
        abort(404)
    if not survey.is_open(today()):
        flash(_("This survey has closed, so answers can no longer change."), "info")
        return redirect(url_for(".show", survey_id=survey.id))
    if not AnswerForm().validate_on_submit():
        abort(400)
    draft = operations.start_draft(survey, user, response=response_row)
    db.session.commit()
    return set_cookie(redirect(url_for(".page", survey_id=survey.id, number=1)), survey, {"draft": draft.token})


def _draft_or_redirect(survey):
    if not survey.is_open(today()):
        flash(_("This survey is not open for answers."), "info")
        return None, redirect(url_for(".show", survey_id=survey.id))
    draft = current_draft(survey)
    if draft is None:
        flash(_("Please start the survey from its first page."), "info")
        return None, redirect(url_for(".show", survey_id=survey.id))
    return draft, None


@bp.route("/<int:survey_id>/page/<int:number>", methods=["GET", "POST"])
def page(survey_id, number):
    survey = load_survey(survey_id)
    draft, refusal = _draft_or_redirect(survey)
    if refusal:
        return refusal
    sections = visible_sections(survey, draft.answers or {})
    if not 1 <= number <= len(sections):
        return redirect(url_for(".review", survey_id=survey.id))
    section = sections[number - 1]
    questions = [q for q in survey.ordered_questions() if q.section_id == section.id]
    form = AnswerForm()
    shown = answering.shown_from_answers(draft.answers or {})
    errors = {}
    if request.method == "POST":
        if not form.validate_on_submit():
            abort(400)
        answers, typed, errors = answering.read_answers(questions, request.form, draft.answers or {})
        operations.save_draft_answers(draft, questions, answers)
        db.session.commit()
        shown.update(typed)
        going_back = request.form.get("action") == "back"
        if going_back:
            return redirect(url_for(".page", survey_id=survey.id, number=max(1, number - 1)))
        if not errors:
            sections = visible_sections(survey, draft.answers or {})
            following = sections.index(section) + 2 if section in sections else number + 1
            if following > len(sections):
                return redirect(url_for(".review", survey_id=survey.id))
            return redirect(url_for(".page", survey_id=survey.id, number=following))
    earlier = answering.visible_answers(survey.ordered_questions(), draft.answers or {})
    visible = [q for q in questions if q.is_shown(earlier)]
    return render_template("surveys/page.html", survey=survey, section=section, questions=visible,
                           number=number, total=len(sections), shown=shown, errors=errors, form=form,
                           correcting=draft.response_id is not None), 422 if errors else 200


@bp.get("/<int:survey_id>/review")
def review(survey_id):
    survey = load_survey(survey_id)
    draft, refusal = _draft_or_redirect(survey)
    if refusal:
        return refusal
    questions = survey.ordered_questions()
    answers = answering.visible_answers(questions, draft.answers or {})
    sections = visible_sections(survey, answers)
    page_of = {section.id: number for number, section in enumerate(sections, start=1)}
    rows = [(question, answering.display_answer(question, answers.get(str(question.id)), language_code()),
             page_of.get(question.section_id, 1))
            for question in questions if question.is_shown(answers)]
    missing = [question for question, text, _page in rows if question.required and not text]
    return render_template("surveys/review.html", survey=survey, rows=rows, missing=missing, form=AnswerForm(),
                           total=len(sections), correcting=draft.response_id is not None)


@bp.post("/<int:survey_id>/submit")
@limiter.limit(lambda: current_app.config["RATELIMIT_SURVEY_SUBMIT"],
               exempt_when=lambda: current_user.is_authenticated)
def submit(survey_id):
    survey = load_survey(survey_id)
    draft, refusal = _draft_or_redirect(survey)
    if refusal:
        return refusal
    if not AnswerForm().validate_on_submit():
        abort(400)
    user = signed_in_user()
    correcting = draft.response_id is not None
    try:
        operations.submit_draft(survey, draft, user, today())
        db.session.commit()
    except (SurveyClosed, AlreadyAnswered, IntegrityError) as error:  # IntegrityError: sent twice at once
        db.session.rollback()
        flash(_("You have answered this survey already. Thank you.") if isinstance(error, IntegrityError)
              else str(error), "info")
        return redirect(url_for(".show", survey_id=survey.id))
    except SurveyError as error:
        db.session.rollback()
        flash(str(error), "error")
        return redirect(url_for(".review", survey_id=survey.id))
    flash(_("Your corrected answers are saved.") if correcting else _("Your answers have been sent."), "success")
    return set_cookie(redirect(url_for(".thanks", survey_id=survey.id)), survey, {"done": 1})


@bp.get("/<int:survey_id>/thanks")
def thanks(survey_id):
    survey = load_survey(survey_id)
    return render_template("surveys/thanks.html", survey=survey)


@bp.get("/<int:survey_id>/results")
def public_results(survey_id):
    survey = load_survey(survey_id)
    if not survey.results_published:
        abort(404)
    tables = results.tabulate(survey, language_code(), public=True)
    return render_template("surveys/public_results.html", survey=survey, results=tables,
                           chart_rows=results.chart_rows, suppress_below=results.SUPPRESS_BELOW)


# -- planners: building ------------------------------------------------------------------------------------------

@planner_bp.get("/")
def planner_index():
    return render_template("surveys/planner/index.html", surveys=queries.all_surveys(),
                           counts=queries.response_counts())


@planner_bp.route("/new", methods=["GET", "POST"])
def new_survey():
    form = SurveyForm()
    if form.validate_on_submit():
        survey = operations.create_survey(form.settings())
        db.session.commit()
        flash(_("The survey is created as a draft. Now add its questions."), "success")
        return redirect(url_for(".builder", survey_id=survey.id))
    return render_template("surveys/planner/settings.html", form=form, survey=None), 422 if form.errors else 200


@planner_bp.route("/<int:survey_id>/settings", methods=["GET", "POST"])
def edit_settings(survey_id):
    survey = load_survey(survey_id)
    form = SurveyForm()
    if request.method == "GET":
        form.fill_from(survey)
    if form.validate_on_submit():
        try:
            operations.apply_settings(survey, form.settings())
        except SurveyError as error:
            db.session.rollback()
            flash(str(error), "error")
            return render_template("surveys/planner/settings.html", form=form, survey=survey), 422
        db.session.commit()
        flash(_("The survey settings are saved."), "success")
        return redirect(url_for(".builder", survey_id=survey.id))
    return render_template("surveys/planner/settings.html", form=form, survey=survey), 422 if form.errors else 200


@planner_bp.get("/<int:survey_id>/")
def builder(survey_id):
    survey = load_survey(survey_id)
    count = queries.response_count(survey)
    try:
        survey.check_structure_editable(count)
        locked = None
    except SurveyError as error:
        locked = str(error)
    return render_template("surveys/planner/builder.html", survey=survey, count=count, locked=locked,
                           section_form=SectionForm(), action_form=AnswerForm())


def _question_form(survey, question=None) -> QuestionForm:
    form = QuestionForm()
    form.section_id.choices = [
        (section.id, f"{number}. {localized(section.title, language_code()) or _('Page %(number)d', number=number)}")
        for number, section in enumerate(survey.sections, start=1)]
    from wtforms.fields.choices import SelectChoice

    form.section_id.choices = [SelectChoice(value, label) for value, label in form.section_id.choices]
    conditions = [SelectChoice("", _("Always show"))]
    section_order = {section.id: section.position for section in survey.sections}
    for number, candidate in enumerate(survey.ordered_questions(), start=1):
        if candidate.kind not in CHOICE_KINDS or (question is not None and candidate.id == question.id):
            continue
        if question is not None and section_order[candidate.section_id] >= section_order[question.section_id]:
            continue
        for option in candidate.all_options():
            conditions.append(SelectChoice(
                f"{candidate.id}:{option['value']}",
                _("Q%(number)d is answered \"%(choice)s\"", number=number,
                  choice=localized(option["text"], language_code()))))
    form.condition.choices = conditions
    return form


def _condition_is_earlier(survey, form) -> bool:
    data = form.structure()
    if not data["condition_question_id"]:
        return True
    target = next((q for q in survey.questions if q.id == data["condition_question_id"]), None)
    order = {section.id: section.position for section in survey.sections}
    return target is not None and order[target.section_id] < order.get(data["section_id"], 0)


@planner_bp.route("/<int:survey_id>/questions/new", methods=["GET", "POST"])
def new_question(survey_id):
    survey = load_survey(survey_id)
    form = _question_form(survey)
    if request.method == "GET" and request.args.get("section", type=int):
        form.section_id.data = request.args.get("section", type=int)
    if form.validate_on_submit():
        if not _condition_is_earlier(survey, form):
            form.condition.errors = [_("The condition must use a question on an earlier page.")]
        else:
            try:
                operations.add_question(survey, {"text": form.texts(), **form.structure()})
            except SurveyError as error:
                db.session.rollback()
                flash(str(error), "error")
                return redirect(url_for(".builder", survey_id=survey.id))
            db.session.commit()
            flash(_("The question is added."), "success")
            return redirect(url_for(".builder", survey_id=survey.id))
    return render_template("surveys/planner/question.html", survey=survey, form=form, question=None,
                           locked=None), 422 if form.errors else 200


@planner_bp.route("/<int:survey_id>/questions/<int:question_id>/edit", methods=["GET", "POST"])
def edit_question(survey_id, question_id):
    survey = load_survey(survey_id)
    question = next((q for q in survey.questions if q.id == question_id), None)
    if question is None:
        abort(404)
    form = _question_form(survey, question)
    try:
        survey.check_structure_editable(queries.response_count(survey))
        locked = None
    except SurveyError as error:
        locked = str(error)
    if request.method == "GET":
        form.fill_from(question)
    if locked:  # only the wording can change: the structural fields keep their stored values
        form.kind.data, form.section_id.data = question.kind, question.section_id
    if form.validate_on_submit():
        if not locked and not _condition_is_earlier(survey, form):
            form.condition.errors = [_("The condition must use a question on an earlier page.")]
        else:
            try:
                if locked:
                    operations.update_wording(question, form.texts(), lines_of(form.options.data),
                                              lines_of(form.items.data), split_languages(form.low_label.data or ""),
                                              split_languages(form.high_label.data or ""))
                else:
                    operations.update_question(question, {"text": form.texts(), **form.structure()})
            except SurveyError as error:
                db.session.rollback()
                flash(str(error), "error")
                return render_template("surveys/planner/question.html", survey=survey, form=form,
                                       question=question, locked=locked), 422
            db.session.commit()
            flash(_("The question is saved."), "success")
            return redirect(url_for(".builder", survey_id=survey.id))
    return render_template("surveys/planner/question.html", survey=survey, form=form, question=question,
                           locked=locked), 422 if form.errors else 200


def _question_of(survey, question_id) -> Question:
    question = next((q for q in survey.questions if q.id == question_id), None)
    if question is None:
        abort(404)
    return question


def _structural_action(survey_id, action, success: str):
    survey = load_survey(survey_id)
    if not AnswerForm().validate_on_submit():
        abort(400)
    try:
        action(survey)
    except SurveyError as error:
        db.session.rollback()
        flash(str(error), "error")
        return redirect(url_for(".builder", survey_id=survey.id))
    db.session.commit()
    flash(success, "success")
    return redirect(url_for(".builder", survey_id=survey.id))


@planner_bp.post("/<int:survey_id>/questions/<int:question_id>/move")
def move_question(survey_id, question_id):
    direction = -1 if request.form.get("direction") == "up" else 1
    return _structural_action(survey_id, lambda survey: operations.move_question(
        _question_of(survey, question_id), direction), _("The question is moved."))


@planner_bp.post("/<int:survey_id>/questions/<int:question_id>/delete")
def delete_question(survey_id, question_id):
    return _structural_action(survey_id, lambda survey: operations.delete_question(
        _question_of(survey, question_id)), _("The question is deleted."))


@planner_bp.post("/<int:survey_id>/sections")
def add_section(survey_id):
    survey = load_survey(survey_id)
    form = SectionForm()
    if not form.validate_on_submit():
        flash(_("Please use at most %(max)d characters.", max=300), "error")
        return redirect(url_for(".builder", survey_id=survey.id))
    return _structural_action(survey_id, lambda s: operations.add_section(
        s, split_languages(form.section_title.data or "")), _("A new page is added."))


def _section_of(survey, section_id):
    section = next((s for s in survey.sections if s.id == section_id), None)
    if section is None:
        abort(404)
    return section


@planner_bp.route("/<int:survey_id>/sections/<int:section_id>/edit", methods=["GET", "POST"])
def edit_section(survey_id, section_id):
    survey = load_survey(survey_id)
    section = _section_of(survey, section_id)
    form = SectionForm()
    if request.method == "GET":
        form.section_title.data = join_languages(section.title)
    if form.validate_on_submit():
        operations.rename_section(section, split_languages(form.section_title.data or ""))
        db.session.commit()
        flash(_("The page title is saved."), "success")
        return redirect(url_for(".builder", survey_id=survey.id))
    return render_template("surveys/planner/section.html", survey=survey, section=section, form=form,
                           action_form=AnswerForm()), 422 if form.errors else 200


@planner_bp.post("/<int:survey_id>/sections/<int:section_id>/delete")
def delete_section(survey_id, section_id):
    return _structural_action(survey_id, lambda survey: operations.delete_section(
        _section_of(survey, section_id)), _("The page is deleted."))


@planner_bp.post("/<int:survey_id>/profile-questions")
def add_profile_questions(survey_id):
    return _structural_action(survey_id, operations.add_profile_questions,
                              _("The standard profile questions are added on a page of their own."))


@planner_bp.post("/<int:survey_id>/publish")
def publish(survey_id):
    return _structural_action(survey_id, operations.publish_survey, _("The survey is open for answers."))


@planner_bp.post("/<int:survey_id>/close")
def close(survey_id):
    return _structural_action(survey_id, operations.close_survey, _("The survey is closed."))


@planner_bp.post("/<int:survey_id>/publish-results")
def publish_results(survey_id):
    return _structural_action(survey_id, operations.publish_results,
                              _("The results are published for residents."))


# -- planners: results and exports -------------------------------------------------------------------------------

@planner_bp.get("/<int:survey_id>/results")
def results_page(survey_id):
    survey = load_survey(survey_id)
    form = ResultsFilterForm(request.args)
    form.validate()
    channel = form.channel.data or None
    tables = results.tabulate(survey, language_code(), channel=channel, search=form.q.data or "")
    # Free-text answers can hold anything a resident wrote, so reading them is recorded.
    record_access("survey.results_viewed", target_type="survey", target_id=survey.id)
    return render_template("surveys/planner/results.html", survey=survey, results=tables, form=form,
                           chart_rows=results.chart_rows, crosstab_form=_crosstab_form(survey, request.args))


def _crosstab_form(survey, args) -> CrossTabForm:
    from wtforms.fields.choices import SelectChoice

    form = CrossTabForm(args)
    numbered = list(enumerate(survey.ordered_questions(), start=1))
    form.question.choices = [SelectChoice(q.id, f"Q{n}. {localized(q.text, language_code())}")
                             for n, q in numbered if q.kind in CHOICE_KINDS]
    form.profile.choices = [SelectChoice(q.id, f"Q{n}. {localized(q.text, language_code())}")
                            for n, q in numbered if q.profile_key]
    return form


@planner_bp.get("/<int:survey_id>/crosstab")
def crosstab(survey_id):
    survey = load_survey(survey_id)
    form = _crosstab_form(survey, request.args)
    table = None
    if form.profile.choices and form.question.choices and form.validate():
        question = _question_of(survey, form.question.data)
        profile = _question_of(survey, form.profile.data)
        table = results.crosstab(survey, question, profile, language_code(), channel=form.channel.data or None)
    return render_template("surveys/planner/crosstab.html", survey=survey, form=form, table=table)


@planner_bp.get("/<int:survey_id>/export")
def export(survey_id):
    survey = load_survey(survey_id)
    return render_template("surveys/planner/export.html", survey=survey, form=ExportForm(request.args),
                           count=queries.response_count(survey))


@planner_bp.get("/<int:survey_id>/export/download")
def download(survey_id):
    survey = load_survey(survey_id)
    form = ExportForm(request.args)
    if not form.validate():
        return render_template("surveys/planner/export.html", survey=survey, form=form,
                               count=queries.response_count(survey)), 422
    language, channel, kind = form.language.data, form.channel.data or None, form.format.data
    lift_deadline()  # 100,000 responses take longer than an ordinary page may
    if not (kind == "csv-cp932" and request.args.get("confirmed") != "1"):
        record_access("survey.exported", target_type="survey", target_id=survey.id,
                      detail=f"{kind}, {language}, channel {channel or 'all'}")
    if kind == "xlsx":
        handle = exports.write_xlsx(survey, language, channel)
        response = Response(_file_chunks(handle),
                            mimetype="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        response.headers["Content-Disposition"] = f"attachment; filename={exports.export_filename(survey, 'xlsx')}"
        return response
    encoding = "cp932" if kind == "csv-cp932" else "utf-8"
    if encoding == "cp932" and request.args.get("confirmed") != "1":
        return render_template("surveys/planner/cp932.html", survey=survey, form=form,
                               unencodable=[(character, f"U+{ord(character):04X}") for character
                                            in exports.cp932_unencodable(survey, language, channel)],
                               replacement=exports.CP932_REPLACEMENT)
    body = exports.stream_csv(survey, language, encoding, channel)
    return _csv_response(body, encoding, exports.export_filename(survey, "csv", "-sjis" if encoding == "cp932"
                                                                  else ""))


@planner_bp.get("/<int:survey_id>/codebook.csv")
def codebook(survey_id):
    survey = load_survey(survey_id)
    language = request.args.get("language", "ja")
    if language not in ("ja", "ja-easy", "en"):
        abort(404)
    return _csv_response(exports.stream_codebook_csv(survey, language), "utf-8",
                         exports.export_filename(survey, "csv", "-codebook"))


def _file_chunks(handle, size: int = 64 * 1024):
    """The temporary file in chunks; it is closed (and so deleted) once sent."""
    try:
        while chunk := handle.read(size):
            yield chunk
    finally:
        handle.close()


def _csv_response(body, encoding: str, filename: str) -> Response:
    response = Response(stream_with_context(body), mimetype="text/csv")
    response.headers["Content-Type"] = f"text/csv; charset={'shift_jis' if encoding == 'cp932' else 'utf-8'}"
    response.headers["Content-Disposition"] = f"attachment; filename={filename}"
    return response


# -- staff: paper and phone answers, printable questionnaires ------------------------------------------------

@staff_bp.get("/")
def staff_index():
    return render_template("surveys/staff/index.html", surveys=queries.staff_surveys(),
                           counts=queries.response_counts())


@staff_bp.route("/<int:survey_id>/entry", methods=["GET", "POST"])
def entry(survey_id):
    survey = load_survey(survey_id)
    if survey.status != Status.published.value:
        flash(_("Answers can be entered only while the survey is open."), "info")
        return redirect(url_for(".staff_index"))
    form = EntryForm()
    if request.method == "GET" and request.args.get("channel") in ("paper", "phone", "interview"):
        form.channel.data = request.args["channel"]
    questions = survey.ordered_questions()
    shown, errors = {}, {}
    if form.validate_on_submit():
        answers, shown, errors = read_entry(questions)
        if not errors:
            response_row = operations.record_staff_response(survey, answers, form.channel.data, current_user)
            db.session.commit()
            flash(_("Response %(number)d is saved. The form is ready for the next one.", number=response_row.id),
                  "success")
            return redirect(url_for(".entry", survey_id=survey.id, channel=form.channel.data))
    elif request.method == "POST":
        _answers, shown, errors = read_entry(questions)
    status = 422 if request.method == "POST" else 200
    return render_template("surveys/staff/entry.html", survey=survey, form=form, questions=questions,
                           shown=shown, errors=errors, count=queries.response_count(survey)), status


def read_entry(questions):
    """Paper answers: every question is shown (staff type what is on the paper) and none is required."""
    answers, shown, errors = {}, {}, {}
    for question in questions:
        one_answer, one_shown, one_error = answering.read_answers([_Unconditional(question)], request.form, {})
        answers.update(one_answer)
        shown.update(one_shown)
        errors.update(one_error)
    return answers, shown, errors


class _Unconditional:
    """A question seen by staff entry: never hidden and never required (paper forms come back half-filled)."""

    def __init__(self, question):
        self._question = question

    def __getattr__(self, name):
        return getattr(self._question, name)

    required = False

    def is_shown(self, answers):
        return True


@staff_bp.get("/<int:survey_id>/print")
def print_survey(survey_id):
    survey = load_survey(survey_id)
    language = request.args.get("lang") or language_code()
    return render_template("surveys/staff/print.html", survey=survey, questions=survey.ordered_questions(),
                           text_language=language if language in ("ja", "ja-easy", "en") else "ja")
