"""Writes for surveys: building, publishing, answering, staff entry. No request, no commit: the caller commits."""
from __future__ import annotations

import secrets

import sqlalchemy as sa

from civic.database import utcnow
from civic.extensions import db
from civic.i18n import _l
from civic.surveys import queries
from civic.surveys.models import (AlreadyAnswered, Audience, Channel, Kind, Question, Section, Survey,
                                  SurveyClosed, SurveyDraft, SurveyError, SurveyParticipant, SurveyResponse, StructureLocked)

STRUCTURE_FIELDS = ("kind", "section_id", "options", "items", "scale_max", "minimum", "maximum",
                    "condition_question_id", "condition_value", "required")

# 標準の属性質問: standard profile questions, used for cross-tabs.
PROFILE_QUESTIONS = {
    "age_band": {
        "text": {"ja": "あなたの年代を教えてください。", "ja-easy": "あなたの 年は いくつですか。",
                 "en": "What is your age group?"},
        "options": [("〜19歳", "19さい まで", "Under 20"), ("20代", "20さい〜29さい", "20s"),
                    ("30代", "30さい〜39さい", "30s"), ("40代", "40さい〜49さい", "40s"),
                    ("50代", "50さい〜59さい", "50s"), ("60代", "60さい〜69さい", "60s"),
                    ("70代", "70さい〜79さい", "70s"), ("80歳以上", "80さい より 上", "80 or over")],
    },
    "district": {
        "text": {"ja": "お住まいの地区を教えてください。", "ja-easy": "どこに 住んで いますか。",
                 "en": "Which district do you live in?"},
        "options": [("中央地区", "中央地区", "Central"), ("北地区", "北地区", "North"),
                    ("南地区", "南地区", "South"), ("東地区", "東地区", "East"), ("西地区", "西地区", "West"),
                    ("市外", "ひかり市の 外", "Outside the city")],
    },
    "smartphone": {
        "text": {"ja": "スマートフォンをふだんどのように使っていますか。",
                 "ja-easy": "スマートフォンを いつも どう 使いますか。",
                 "en": "How do you usually use a smartphone?"},
        "options": [("毎日、いろいろなことに使う", "毎日 いろいろな ことに 使う", "Every day, for many things"),
                    ("電話とメッセージくらい", "電話と メッセージだけ", "Mostly calls and messages"),
                    ("持っているがほとんど使わない", "持って いるが あまり 使わない", "I have one but rarely use it"),
                    ("持っていない", "持って いない", "I do not have one")],
    },
}


def options_from(labels) -> list[dict]:
    """[(ja, ja-easy, en), ...] -> stored options with values "1", "2", ..."""
    return [{"value": str(number), "text": {"ja": ja, "ja-easy": easy, "en": en}}
            for number, (ja, easy, en) in enumerate(labels, start=1)]


def create_survey(data: dict) -> Survey:
    """Create a draft survey with one empty section. Raises nothing."""
    survey = Survey(status="draft")
    apply_settings(survey, data)
    survey.sections = [Section(position=1, title={})]
    db.session.add(survey)
    db.session.flush()
    return survey


def apply_settings(survey: Survey, data: dict) -> None:
    """Set the survey's texts, dates, audience and anonymity. Anonymity is fixed once there are answers."""
    survey.title = data["title"]
    survey.intro = data["intro"]
    survey.opens_on = data.get("opens_on")
    survey.closes_on = data.get("closes_on")
    if queries.response_count(survey) and (survey.anonymous != data["anonymous"]
                                           or survey.audience != data["audience"]):
        raise StructureLocked(_l("Who may answer and whether answers are anonymous cannot change once there "
                                 "are answers."))
    survey.audience = data["audience"]
    survey.anonymous = data["anonymous"]


def add_section(survey: Survey, title: dict) -> Section:
    """Add a page at the end. Raises StructureLocked once answered or published."""
    survey.check_structure_editable(queries.response_count(survey))
    section = Section(survey=survey, position=len(survey.sections) + 1, title=title)
    db.session.add(section)
    db.session.flush()
    return section


def rename_section(section: Section, title: dict) -> None:
    """Change a page's title (wording: allowed at any time). Raises nothing."""
    section.title = title
    db.session.flush()


def delete_section(section: Section) -> None:
    """Remove an empty page. Raises StructureLocked once answered or published, SurveyError when the page
    still has questions or is the only one."""
    survey = section.survey
    survey.check_structure_editable(queries.response_count(survey))
    if section.questions or len(survey.sections) == 1:
        raise SurveyError(_l("Only an empty page can be deleted, and a survey keeps at least one page."))
    survey.sections.remove(section)
    db.session.delete(section)
    for position, remaining in enumerate(survey.sections, start=1):
        remaining.position = position
    db.session.flush()


def _next_position(survey: Survey, section_id: int) -> int:
    return 1 + max((q.position for q in survey.questions if q.section_id == section_id), default=0)


def add_question(survey: Survey, data: dict) -> Question:
    """Add a question at the end of its section. Raises StructureLocked once answered or published."""
    survey.check_structure_editable(queries.response_count(survey))
    question = Question(survey=survey, position=_next_position(survey, data["section_id"]), **data)
    db.session.add(question)
    db.session.flush()
    return question


def update_question(question: Question, data: dict) -> None:
    """Change a question. Wording can always change; anything else raises StructureLocked once answered or
    published (the answers would stop matching)."""
    survey = question.survey
    structural = any(getattr(question, name) != data[name] for name in STRUCTURE_FIELDS if name in data)
    if structural:
        survey.check_structure_editable(queries.response_count(survey))
    for name, value in data.items():
        setattr(question, name, value)
    db.session.flush()


def update_wording(question: Question, text: dict, option_texts: list[dict], item_texts: list[dict],
                   low_label: dict, high_label: dict) -> None:
    """Correct the wording of a question and its choices, keeping every stored value. Raises SurveyError when
    the number of choices or items changed (that would be a structural change)."""
    if len(option_texts) != len(question.options) or len(item_texts) != len(question.items):
        question.survey.check_structure_editable(queries.response_count(question.survey))
    question.text = text
    question.options = [{**option, "text": label} for option, label in zip(question.options, option_texts)]
    question.items = [{**item, "text": label} for item, label in zip(question.items, item_texts)]
    question.low_label = low_label
    question.high_label = high_label
    db.session.flush()


def move_question(question: Question, direction: int) -> None:
    """Swap a question with its neighbour in the same section. Raises StructureLocked once answered."""
    survey = question.survey
    survey.check_structure_editable(queries.response_count(survey))
    siblings = sorted((q for q in survey.questions if q.section_id == question.section_id),
                      key=lambda q: q.position)
    index = siblings.index(question)
    other = index + direction
    if 0 <= other < len(siblings):
        siblings[index], siblings[other] = siblings[other], siblings[index]
        for position, sibling in enumerate(siblings, start=1):
            sibling.position = position
    db.session.flush()


def delete_question(question: Question) -> None:
    """Remove a question (and any condition pointing at it). Raises StructureLocked once answered."""
    survey = question.survey
    survey.check_structure_editable(queries.response_count(survey))
    for other in survey.questions:
        if other.condition_question_id == question.id:
            other.condition_question_id = None
            other.condition_value = None
    survey.questions.remove(question)
    db.session.delete(question)
    db.session.flush()


def add_profile_questions(survey: Survey) -> Section:
    """Add the standard profile questions (age band, district, smartphone use) on a page of their own.
    Raises StructureLocked once answered, SurveyError when they are there already."""
    survey.check_structure_editable(queries.response_count(survey))
    if any(q.profile_key for q in survey.questions):
        raise SurveyError(_l("The standard profile questions are in this survey already."))
    section = Section(survey=survey, position=len(survey.sections) + 1,
                      title={"ja": "あなたについて", "ja-easy": "あなたの こと", "en": "About you"})
    db.session.add(section)
    for position, (key, spec) in enumerate(PROFILE_QUESTIONS.items(), start=1):
        db.session.add(Question(survey=survey, section=section, position=position, kind=Kind.single.value,
                                text=spec["text"], options=options_from(spec["options"]), required=False,
                                profile_key=key))
    db.session.flush()
    return section


def publish_survey(survey: Survey) -> None:
    """Open the survey for answers. Raises SurveyError when it is not a draft or has no questions."""
    survey.publish()


def close_survey(survey: Survey) -> None:
    """Stop taking answers. Raises SurveyError unless open."""
    survey.close()
    db.session.execute(sa.delete(SurveyDraft).where(SurveyDraft.survey_id == survey.id))


def publish_results(survey: Survey) -> None:
    """Show the aggregate results to residents. Raises SurveyError unless closed."""
    survey.publish_results()


# -- answering -------------------------------------------------------------------------------------------------

def check_can_answer(survey: Survey, user, today) -> None:
    """Raises SurveyClosed when not open, AlreadyAnswered when this account has answered already."""
    if not survey.is_open(today):
        raise SurveyClosed(_l("This survey is not open for answers."))
    if user is not None and db.session.get(SurveyParticipant, (survey.id, user.id)):
        raise AlreadyAnswered(_l("You have answered this survey already. Thank you."))


def start_draft(survey: Survey, user, response: SurveyResponse | None = None) -> SurveyDraft:
    """A new draft (for a correction: holding the submitted answers). Raises nothing."""
    draft = SurveyDraft(token=secrets.token_urlsafe(32), survey_id=survey.id, user_id=user.id if user else None,
                        response_id=response.id if response else None,
                        answers=dict(response.answers) if response else {})
    db.session.add(draft)
    db.session.flush()
    return draft


def save_draft_answers(draft: SurveyDraft, page_questions: list[Question], answers: dict) -> None:
    """Replace the draft's answers to this page's questions with `answers` (valid ones only)."""
    keys = {str(q.id) for q in page_questions}
    kept = {key: value for key, value in (draft.answers or {}).items() if key not in keys}
    kept.update(answers)
    draft.answers = kept  # a new dict, so the JSON column is written
    draft.updated_at = utcnow()
    db.session.flush()


def submit_draft(survey: Survey, draft: SurveyDraft, user, today) -> SurveyResponse:
    """Turn a draft into a response (or update the response it corrects) and delete the draft.

    Anonymous sign-in surveys record only that the person answered, in SurveyParticipant, never on the
    response. Raises SurveyClosed, AlreadyAnswered, SurveyError (a required answer is missing)."""
    from civic.surveys.answering import visible_answers

    if not survey.is_open(today):
        raise SurveyClosed(_l("This survey is not open for answers."))
    questions = survey.ordered_questions()
    answers = visible_answers(questions, draft.answers or {})
    missing = [q for q in questions if q.required and q.is_shown(answers) and str(q.id) not in answers]
    if missing:
        raise SurveyError(_l("Some required questions have no answer yet."))
    if draft.response_id:
        response = db.session.get(SurveyResponse, draft.response_id)
        if response is None or user is None or response.user_id != user.id:
            raise SurveyError("the draft does not belong to this person")
        response.answers = answers
        response.updated_at = utcnow()
    else:
        if user is not None:
            if db.session.get(SurveyParticipant, (survey.id, user.id)):
                raise AlreadyAnswered(_l("You have answered this survey already. Thank you."))
            db.session.add(SurveyParticipant(survey_id=survey.id, user_id=user.id))
        named = user is not None and not survey.anonymous and survey.audience == Audience.signed_in.value
        response = SurveyResponse(survey_id=survey.id, user_id=user.id if named else None,
                                  channel=Channel.web.value, answers=answers)
        db.session.add(response)
    db.session.delete(draft)
    db.session.flush()
    return response


def record_staff_response(survey: Survey, answers: dict, channel: str, staff) -> SurveyResponse:
    """A response from a paper form or a phone call, typed in by staff. Raises SurveyError when the survey is
    still a draft."""
    from civic.surveys.answering import visible_answers

    if survey.status != "published":
        raise SurveyError(_l("Answers can be entered only while the survey is open."))
    response = SurveyResponse(survey_id=survey.id, channel=Channel(channel).value, entered_by_id=staff.id,
                              answers=visible_answers(survey.ordered_questions(), answers))
    db.session.add(response)
    db.session.flush()
    return response
