"""Signals worth a look on a survey's results: a choice whose share differs strongly between groups.

The rule, said to planners on the page: within age bands or within districts, the share of respondents choosing
an answer differs by SIGNAL_POINTS percentage points or more between two groups, each with at least
SIGNAL_MIN_GROUP respondents to the question. The strongest differences come first.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from civic.surveys import queries as survey_queries
from civic.surveys.models import Kind, Survey, localized
from civic.surveys.results import _choice_values

SIGNAL_POINTS = 20
SIGNAL_MIN_GROUP = 10
CHOICE_KINDS = (Kind.single.value, Kind.multiple.value, Kind.choice_other.value)


@dataclass
class GroupShare:
    label: str
    count: int
    base: int

    @property
    def percent(self) -> float:
        return 100 * self.count / self.base


@dataclass
class Signal:
    question: str
    number: int
    choice: str
    profile: str
    high: GroupShare
    low: GroupShare

    @property
    def difference(self) -> float:
        return self.high.percent - self.low.percent


def signals(survey: Survey, language: str, limit: int = 10) -> list[Signal]:
    questions = [q for q in survey.ordered_questions() if q.kind in CHOICE_KINDS and not q.profile_key]
    profiles = [q for q in survey.ordered_questions() if q.profile_key in ("age_band", "district")]
    if not questions or not profiles:
        return []
    base = Counter()  # (question, profile, group)
    chosen = Counter()  # (question, option, profile, group)
    for row in survey_queries.iter_responses(survey):
        answers = row.answers or {}
        for profile in profiles:
            for group in _choice_values(profile, answers.get(str(profile.id))):
                for question in questions:
                    given = answers.get(str(question.id))
                    if given is None:
                        continue
                    base[(question.id, profile.id, group)] += 1
                    for value in _choice_values(question, given):
                        chosen[(question.id, value, profile.id, group)] += 1
    found = []
    for question in questions:
        for option in question.all_options():
            for profile in profiles:
                shares = [GroupShare(localized(group["text"], language).text,
                                     chosen[(question.id, option["value"], profile.id, group["value"])],
                                     base[(question.id, profile.id, group["value"])])
                          for group in profile.all_options()]
                shares = [s for s in shares if s.base >= SIGNAL_MIN_GROUP]
                if len(shares) < 2:
                    continue
                high = max(shares, key=lambda s: s.percent)
                low = min(shares, key=lambda s: s.percent)
                if high.percent - low.percent >= SIGNAL_POINTS:
                    found.append(Signal(localized(question.text, language).text, survey.number_of(question),
                                        localized(option["text"], language).text,
                                        localized(profile.text, language).text, high, low))
    return sorted(found, key=lambda s: -s.difference)[:limit]
