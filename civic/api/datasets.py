"""The open datasets, as plain data: published initiatives with KPIs, published survey results in aggregate,
and help-desk monthly statistics.

No personal data: no names, no free text, no single responses. Every count of people below SUPPRESS_BELOW (5) is
suppressed — None here, null in JSON, "<5" in CSV and HTML — and so is any percentage or average computed from
fewer than 5 people, in cross-tabs too. KPI values are the city's own figures, not counts of respondents.
"""
from __future__ import annotations

from collections import Counter
from datetime import date

import sqlalchemy as sa
from sqlalchemy.orm import selectinload

from civic.extensions import db
from civic.initiatives.models import Initiative, Kpi, Publication
from civic.surveys import queries as survey_queries
from civic.surveys.models import Kind, Survey, localized
from civic.surveys.results import SUPPRESS_BELOW, _choice_values

CHOICE_KINDS = (Kind.single.value, Kind.multiple.value, Kind.choice_other.value)


def suppress(count: int | None) -> int | None:
    """A count of people, or None when fewer than 5 (0 included: a zero next to small cells narrows them down)."""
    if count is None or count < SUPPRESS_BELOW:
        return None
    return count


def share(count: int, base: int) -> float | None:
    if count < SUPPRESS_BELOW or base < SUPPRESS_BELOW:
        return None
    return round(100 * count / base, 1)


def _texts(obj, name: str) -> dict:
    return {"ja": getattr(obj, f"{name}_ja") or "", "ja-easy": getattr(obj, f"{name}_easy") or "",
            "en": getattr(obj, f"{name}_en") or ""}


# -- initiatives -------------------------------------------------------------------------------------------------

def initiatives() -> list[dict]:
    found = db.session.scalars(sa.select(Initiative).where(Initiative.publication == Publication.published.value)
                               .options(selectinload(Initiative.kpis).selectinload(Kpi.values))
                               .order_by(Initiative.id))
    return [{
        "id": i.slug, "title": _texts(i, "title"), "summary": _texts(i, "summary"), "category": i.category,
        "status": i.status, "districts": i.districts.split(),
        "starts_on": i.starts_on.isoformat() if i.starts_on else None,
        "ends_on": i.ends_on.isoformat() if i.ends_on else None,
        "kpis": [{"name": _texts(k, "name"), "unit": k.unit, "baseline": k.baseline, "target": k.target,
                  "direction": k.direction,
                  "values": [{"measured_on": v.measured_on.isoformat(), "value": v.value} for v in k.values]}
                 for k in i.kpis],
    } for i in found]


INITIATIVE_HEADER = ["initiative", "title_ja", "title_en", "category", "status", "districts", "kpi_ja", "kpi_en",
                     "unit", "baseline", "target", "direction", "measured_on", "value"]


def initiative_rows(data: list[dict]):
    """One row per KPI measurement (an initiative without KPIs gets one row with empty KPI columns)."""
    for item in data:
        head = [item["id"], item["title"]["ja"], item["title"]["en"], item["category"], item["status"],
                " ".join(item["districts"])]
        if not item["kpis"]:
            yield head + [""] * 8
        for kpi in item["kpis"]:
            kpi_head = head + [kpi["name"]["ja"], kpi["name"]["en"], kpi["unit"], kpi["baseline"], kpi["target"],
                               kpi["direction"]]
            if not kpi["values"]:
                yield kpi_head + ["", ""]
            for value in kpi["values"]:
                yield kpi_head + [value["measured_on"], value["value"]]


# -- surveys -----------------------------------------------------------------------------------------------------

def published_surveys() -> list[Survey]:
    return [s for s in survey_queries.surveys_with_public_results()]


def survey_summary(survey: Survey) -> dict:
    return {"id": survey.id, "title": dict(survey.title or {}),
            "closed_on": survey.closed_at.date().isoformat() if survey.closed_at else None}


def survey_results(survey: Survey) -> dict:
    """Counts per choice for every choice and rating question, overall and by age band and district (from the
    profile questions), each cell suppressed below 5. Free text, numbers and dates are left out."""
    survey = survey_queries.survey_or_none(survey.id)
    questions = [q for q in survey.ordered_questions()
                 if q.kind in CHOICE_KINDS or q.kind == Kind.rating.value]
    profiles = [q for q in survey.ordered_questions() if q.profile_key in ("age_band", "district")]
    total = 0
    answered = Counter()
    counts = Counter()  # (question id, value)
    group_base = Counter()  # (question id, profile id, group value)
    group_counts = Counter()  # (question id, value, profile id, group value)
    for row in survey_queries.iter_responses(survey):
        total += 1
        answers = row.answers or {}
        groups = {p.id: _choice_values(p, answers.get(str(p.id))) for p in profiles}
        for question in questions:
            given = answers.get(str(question.id))
            if given is None:
                continue
            values = [str(given)] if question.kind == Kind.rating.value else _choice_values(question, given)
            answered[question.id] += 1
            for value in values:
                counts[(question.id, value)] += 1
            for profile in profiles:
                if profile.id == question.id:
                    continue
                for group in groups[profile.id]:
                    group_base[(question.id, profile.id, group)] += 1
                    for value in values:
                        group_counts[(question.id, value, profile.id, group)] += 1
    result = {**survey_summary(survey), "respondents": suppress(total), "questions": []}
    for question in questions:
        if question.kind == Kind.rating.value:
            options = [{"value": str(p), "text": {"ja": str(p), "ja-easy": str(p), "en": str(p)}}
                       for p in question.scale()]
        else:
            options = question.all_options()
        base = answered[question.id]
        item = {"number": survey.number_of(question), "text": dict(question.text or {}), "kind": question.kind,
                "answered": suppress(base),
                "choices": [{"value": o["value"], "text": dict(o["text"]),
                             "count": suppress(counts[(question.id, o["value"])]),
                             "percent": share(counts[(question.id, o["value"])], base)} for o in options],
                "by_group": []}
        for profile in profiles:
            if profile.id == question.id:
                continue
            for group in profile.all_options():
                group_total = group_base[(question.id, profile.id, group["value"])]
                item["by_group"].append({
                    "group": profile.profile_key, "group_value": group["value"], "group_text": dict(group["text"]),
                    "answered": suppress(group_total),
                    "choices": [{"value": o["value"],
                                 "count": suppress(group_counts[(question.id, o["value"], profile.id,
                                                                 group["value"])]),
                                 "percent": share(group_counts[(question.id, o["value"], profile.id, group["value"])],
                                                  group_total)} for o in options]})
        result["questions"].append(item)
    return result


SURVEY_HEADER = ["survey", "question_number", "question_ja", "question_en", "group", "group_ja", "group_en",
                 "choice", "choice_ja", "choice_en", "count", "percent", "answered"]


def survey_rows(data: dict):
    """One row per choice, overall (group "all") then per age band and district; suppressed cells read "<5"."""
    for question in data["questions"]:
        head = [data["id"], question["number"], question["text"].get("ja", ""), question["text"].get("en", "")]
        texts = {c["value"]: c["text"] for c in question["choices"]}
        for choice in question["choices"]:
            yield head + ["all", "", "", choice["value"], choice["text"].get("ja", ""), choice["text"].get("en", ""),
                          csv_count(choice["count"]), csv_percent(choice["percent"]), csv_count(question["answered"])]
        for group in question["by_group"]:
            for choice in group["choices"]:
                text = texts[choice["value"]]
                yield head + [f"{group['group']}={group['group_value']}", group["group_text"].get("ja", ""),
                              group["group_text"].get("en", ""), choice["value"], text.get("ja", ""),
                              text.get("en", ""), csv_count(choice["count"]), csv_percent(choice["percent"]),
                              csv_count(group["answered"])]


def csv_count(value) -> str:
    return "<5" if value is None else str(value)


def csv_percent(value) -> str:
    return "<5" if value is None else f"{value:.1f}"


# -- help desk ---------------------------------------------------------------------------------------------------

def helpdesk_months(today: date, count: int = 12) -> list[dict]:
    """Per month (Japan time): sessions booked, residents helped (came), problems resolved, by age band and topic;
    every count below 5 suppressed."""
    from civic.helpdesk import queries as helpdesk_queries
    from civic.helpdesk.models import AGE_BANDS, Booking, BookingStatus, Slot, SupportRecord

    months = []
    year, month = today.year, today.month
    for _ in range(count):
        months.append((year, month))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    result = []
    for year, month in reversed(months):
        start, end = helpdesk_queries.month_bounds(year, month)
        rows = db.session.execute(
            sa.select(Booking.status, Booking.age_band, Booking.topic_id, SupportRecord.resolved)
            .join(Booking.slot).outerjoin(Booking.support_record)
            .where(Slot.starts_at >= start, Slot.starts_at < end,
                   Booking.status != BookingStatus.cancelled.value)).all()
        came = [r for r in rows if r.status == BookingStatus.attended.value]
        ages = Counter(r.age_band for r in came)
        topics = Counter(r.topic_id for r in rows)
        result.append({
            "month": f"{year}-{month:02d}", "sessions_booked": suppress(len(rows)),
            "residents_helped": suppress(len(came)),
            "resolved": suppress(sum(1 for r in came if r.resolved)),
            "by_age_band": [{"age_band": key, "text": {"en": str(label)}, "residents_helped": suppress(ages[key])}
                            for key, label in AGE_BANDS.items()],
            "by_topic": [{"topic": topic.key, "text": {"ja": topic.name_ja, "en": topic.name_en or ""},
                          "sessions_booked": suppress(topics[topic.id])}
                         for topic in helpdesk_queries.all_topics()],
        })
    return result


HELPDESK_HEADER = ["month", "measure", "group", "count"]


def helpdesk_rows(data: list[dict]):
    for month in data:
        for measure in ("sessions_booked", "residents_helped", "resolved"):
            yield [month["month"], measure, "all", csv_count(month[measure])]
        for age in month["by_age_band"]:
            yield [month["month"], "residents_helped", f"age_band={age['age_band']}",
                   csv_count(age["residents_helped"])]
        for topic in month["by_topic"]:
            yield [month["month"], "sessions_booked", f"topic={topic['topic']}", csv_count(topic["sessions_booked"])]


def survey_localized_title(survey: Survey, language: str) -> str:
    return localized(survey.title, language).text
