"""Aggregate results: counts per choice, averages, free text, answers over time, and cross-tabs.

One pass over the responses (read in batches), so the results page costs the same few queries however many
answers there are. Public results suppress every cell of fewer than SUPPRESS_BELOW respondents.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from civic.surveys import queries
from civic.surveys.models import TEXT_KINDS, Kind, Question, Survey, localized

JST = ZoneInfo("Asia/Tokyo")
SUPPRESS_BELOW = 5


@dataclass
class Row:
    label: str
    count: int
    percent: float | None = None
    suppressed: bool = False


@dataclass
class QuestionResult:
    question: Question
    number: int
    text: str
    answered: int = 0
    rows: list[Row] = field(default_factory=list)  # choices or points of the scale
    average: float | None = None
    items: list[tuple[str, list[Row], float | None, int]] = field(default_factory=list)  # matrix
    texts: list[tuple[int, str]] = field(default_factory=list)  # (response id, text)
    minimum: float | None = None
    maximum: float | None = None


@dataclass
class Results:
    total: int
    by_day: list[Row]
    questions: list[QuestionResult]


def _choice_values(question: Question, value) -> list[str]:
    if value is None:
        return []
    if question.kind == Kind.multiple.value:
        return list(value)
    if question.kind == Kind.choice_other.value:
        return [value["choice"]]
    return [value]


def tabulate(survey: Survey, language: str, channel: str | None = None, search: str = "",
             public: bool = False) -> Results:
    questions = survey.ordered_questions()
    counters = {q.id: Counter() for q in questions}
    answered = Counter()
    sums = defaultdict(float)
    extremes: dict[int, list[float]] = {}
    matrix = {q.id: defaultdict(Counter) for q in questions if q.kind == Kind.matrix.value}
    texts = defaultdict(list)
    by_day = Counter()
    total = 0
    needle = search.strip().lower()
    for row in queries.iter_responses(survey, channel):
        total += 1
        by_day[row.submitted_at.astimezone(JST).date()] += 1
        answers = row.answers or {}
        for question in questions:
            value = answers.get(str(question.id))
            if value is None:
                continue
            answered[question.id] += 1
            kind = question.kind
            if kind in (Kind.single.value, Kind.multiple.value, Kind.choice_other.value):
                counters[question.id].update(_choice_values(question, value))
                if kind == Kind.choice_other.value and value.get("text") and not public:
                    if not needle or needle in value["text"].lower():
                        texts[question.id].append((row.id, value["text"]))
            elif kind in (Kind.rating.value, Kind.number.value):
                counters[question.id][value] += 1
                sums[question.id] += value
                low_high = extremes.setdefault(question.id, [value, value])
                low_high[0], low_high[1] = min(low_high[0], value), max(low_high[1], value)
            elif kind == Kind.matrix.value:
                for item, point in value.items():
                    matrix[question.id][item][point] += 1
            elif kind in TEXT_KINDS:
                if not public and (not needle or needle in value.lower()):
                    texts[question.id].append((row.id, value))
            elif kind == Kind.date.value:
                counters[question.id][value[:7]] += 1
    day_rows = [Row(day.isoformat(), count) for day, count in sorted(by_day.items())]
    results = []
    for number, question in enumerate(questions, start=1):
        result = QuestionResult(question, number, localized(question.text, language).text,
                                answered=answered[question.id])
        counts = counters[question.id]
        base = result.answered
        if question.kind in (Kind.single.value, Kind.multiple.value, Kind.choice_other.value):
            result.rows = [_row(localized(option["text"], language).text, counts[option["value"]], base, public)
                           for option in question.all_options()]
        elif question.kind == Kind.rating.value:
            result.rows = [_row(_point_label(question, point, language), counts[point], base, public)
                           for point in question.scale()]
        elif question.kind == Kind.date.value:
            result.rows = [_row(month, counts[month], base, public) for month in sorted(counts)]
        elif question.kind == Kind.matrix.value:
            for item in question.items:
                points = matrix[question.id][item["value"]]
                n = sum(points.values())
                rows = [_row(_point_label(question, point, language), points[point], n, public)
                        for point in question.scale()]
                average = sum(p * c for p, c in points.items()) / n if n else None
                if public and n < SUPPRESS_BELOW:
                    average = None
                result.items.append((localized(item["text"], language).text, rows, average, n))
        if question.kind in (Kind.rating.value, Kind.number.value) and base:
            if not (public and base < SUPPRESS_BELOW):
                result.average = sums[question.id] / base
                if question.kind == Kind.number.value and not public:
                    result.minimum, result.maximum = extremes[question.id]
        result.texts = texts[question.id]
        results.append(result)
    return Results(total, day_rows, results)


def _point_label(question: Question, point: int, language: str) -> str:
    if point == 1 and question.low_label:
        return f"1 ({localized(question.low_label, language)})"
    if point == (question.scale_max or 5) and question.high_label:
        return f"{point} ({localized(question.high_label, language)})"
    return str(point)


def _row(label: str, count: int, base: int, public: bool) -> Row:
    if public and count < SUPPRESS_BELOW:
        return Row(label, 0, None, suppressed=True)
    return Row(label, count, (100.0 * count / base) if base else None)


@dataclass
class CrossTab:
    question: Question
    profile: Question
    columns: list[str]
    rows: list[tuple[str, list[Row]]]
    column_totals: list[int]


def crosstab(survey: Survey, question: Question, profile: Question, language: str,
             channel: str | None = None) -> CrossTab:
    """Counts of each answer to `question` within each answer to `profile`, with % of the column."""
    options = question.all_options()
    columns = profile.all_options()
    counts = Counter()
    totals = Counter()
    for row in queries.iter_responses(survey, channel):
        answers = row.answers or {}
        group = answers.get(str(profile.id))
        given = answers.get(str(question.id))
        if group is None or given is None:
            continue
        group_values = _choice_values(profile, group)
        for column in group_values:
            totals[column] += 1
            for value in _choice_values(question, given):
                counts[(value, column)] += 1
    table = []
    for option in options:
        cells = [Row("", counts[(option["value"], column["value"])],
                     100.0 * counts[(option["value"], column["value"])] / totals[column["value"]]
                     if totals[column["value"]] else None) for column in columns]
        table.append((localized(option["text"], language).text, cells))
    return CrossTab(question, profile, [localized(c["text"], language).text for c in columns], table,
                    [totals[c["value"]] for c in columns])


def chart_rows(rows: list[Row]) -> list[dict]:
    """Bars for the SVG chart: width in SVG units (0–200), the number and percentage written beside it."""
    peak = max((row.count for row in rows), default=0) or 1
    return [{"label": row.label, "width": 0 if row.suppressed else round(200 * row.count / peak),
             "value": "<5" if row.suppressed else (f"{row.count} ({row.percent:.0f}%)" if row.percent is not None
                                                   else str(row.count))}
            for row in rows]
