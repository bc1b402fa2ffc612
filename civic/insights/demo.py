"""Demo local issues (地域課題) with evidence from the seeded survey answers, comments and help-desk records, and
KPIs fed automatically from the help desk and the survey. Idempotent: an issue whose title exists is left alone."""
from __future__ import annotations

from datetime import timedelta

import sqlalchemy as sa

from civic.extensions import db
from civic.helpdesk.operations import tokyo_today
from civic.initiatives.models import Comment, Initiative, Kpi
from civic.insights import operations
from civic.insights.models import IssueError, KpiSource, LocalIssue
from civic.insights.queries import survey_documents
from civic.surveys.demo import TITLE as SURVEY_TITLE
from civic.surveys.models import Survey

KPI_SOURCES = [
    ("online-applications", {"name_ja": "スマホ相談で支援した70歳以上の住民（月）", "name_easy": "スマホ相談で 手伝った 70さい 以上の 人（1か月）",
                             "name_en": "Residents aged 70+ helped at the smartphone desk (per month)", "unit": "人",
                             "baseline": 0, "target": 40, "direction": "up"}, "helpdesk_residents_70_plus", False),
    ("online-applications", {"name_ja": "スマホ相談の実施件数（月）", "name_easy": "スマホ相談の 数（1か月）",
                             "name_en": "Help-desk sessions held (per month)", "unit": "件",
                             "baseline": 0, "target": 60, "direction": "up"}, "helpdesk_sessions", False),
    ("digital-procedures", {"name_ja": "デジタル活用アンケートの回答数", "name_easy": "アンケートに 答えた 人の 数",
                            "name_en": "Responses to the digital services survey", "unit": "件",
                            "baseline": 0, "target": 500, "direction": "up"}, "survey_responses", True),
]


def seed_demo(demo) -> None:
    from flask_babel import force_locale

    with force_locale("ja"):  # evidence summaries are written in the planners' language
        _seed(demo)


def _seed(demo) -> None:
    planner = demo.users.get("planner")
    survey = db.session.scalar(sa.select(Survey).where(Survey.title["ja"].as_string() == SURVEY_TITLE))
    _seed_kpis(survey)
    if db.session.scalar(sa.select(sa.func.count(LocalIssue.id))):
        return
    initiatives = {i.slug: i for i in db.session.scalars(sa.select(Initiative))}
    today = tokyo_today()

    elderly = operations.save_issue(None, {
        "title": "高齢者がオンライン手続きを使いこなせない",
        "description": "70代以上の回答者の多くが市のホームページを見ておらず、オンライン手続きの使いやすさの評価も低い。"
                       "スマホ相談窓口では未解決のまま終わる相談もある。",
        "category": "digital_access", "districts": ["mountain", "north"], "groups": ["age_75_plus", "age_65_plus"],
        "initiatives": [str(initiatives[s].id) for s in ("online-applications", "digital-procedures")
                        if s in initiatives]}, planner)
    transport = operations.save_issue(None, {
        "title": "山間地区の通院・買い物の移動手段",
        "description": "乗合交通の運行日（土曜日）や予約方法について要望が寄せられている。",
        "category": "mobility", "districts": ["mountain", "west"], "groups": ["age_75_plus"],
        "initiatives": [str(initiatives["ai-demand-bus"].id)] if "ai-demand-bus" in initiatives else []}, planner)
    paper = operations.save_issue(None, {
        "title": "紙の申請や対面窓口を残してほしいという声",
        "description": "デジタル化を進める一方で、紙や窓口での手続きを望む声がある。",
        "category": "procedures", "districts": [], "groups": ["age_65_plus"], "initiatives": []}, planner)

    if survey is not None:
        questions = {q.text.get("ja"): q for q in survey.questions}
        profile = {q.profile_key: q for q in survey.questions if q.profile_key}
        site = questions.get("市のホームページをどのくらい見ますか。")
        opinion = questions.get("市のデジタル化についてご意見をお聞かせください。")
        if site is not None and "age_band" in profile:
            for band in ("7", "8"):  # 70代, 80歳以上
                operations.add_survey_share(elderly, survey, site, "4", planner, "ja", profile["age_band"], band)
        if opinion is not None:
            documents = survey_documents(survey, opinion, "ja")
            for issue, words in ((elderly, ("高齢者", "窓口")), (paper, ("紙",))):
                ids = [d.id for d in documents if any(w in d.text for w in words)]
                if ids:
                    operations.add_survey_texts(issue, survey, opinion, ids, planner, "ja")
    try:
        operations.add_helpdesk(elderly, None, today - timedelta(days=60), today, planner,
                                "未解決の相談はフォローアップ対象。")
    except IssueError:
        pass  # no help-desk records seeded
    bus_comments = [c.id for c in db.session.scalars(sa.select(Comment).join(Comment.initiative).where(
        Initiative.slug == "ai-demand-bus", Comment.official.is_(False)))]
    if bus_comments:
        operations.add_comments(transport, bus_comments, planner)
    watch_comments = [c.id for c in db.session.scalars(sa.select(Comment).where(Comment.channel == "meeting"))]
    if watch_comments:
        operations.add_comments(elderly, watch_comments, planner)
    for issue in (elderly, transport):
        suggestion = operations.suggest_priority(issue)
        if suggestion is not None:
            operations.decide_priority(issue, suggestion.priority.value, " ".join(suggestion.reasons), planner,
                                       accepted=True)
    elderly.move_to("reviewing")
    demo.echo("insights: 3 local issues with evidence")


def _seed_kpis(survey) -> None:
    for slug, spec, kind, needs_survey in KPI_SOURCES:
        initiative = db.session.scalar(sa.select(Initiative).where(Initiative.slug == slug))
        if initiative is None or (needs_survey and survey is None):
            continue
        kpi = db.session.scalar(sa.select(Kpi).where(Kpi.initiative_id == initiative.id,
                                                     Kpi.name_ja == spec["name_ja"]))
        if kpi is None:
            kpi = Kpi(initiative_id=initiative.id, position=len(initiative.kpis) + 1, **spec)
            db.session.add(kpi)
            db.session.flush()
        if db.session.get(KpiSource, kpi.id) is None:
            operations.set_kpi_source(kpi, kind, survey.id if needs_survey else None)
    # The city's date, as the update-kpis command and the dashboard use it (UTC is still yesterday before 9:00).
    operations.update_kpis(tokyo_today())
