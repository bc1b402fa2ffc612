"""Demo survey: 「デジタル活用に関する住民アンケート」, open, with about 300 varied answers (a fixed random seed)."""
from __future__ import annotations

import random
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import sqlalchemy as sa

from civic.extensions import db
from civic.surveys import operations
from civic.surveys.models import Kind, Section, Survey, SurveyResponse

TITLE = "デジタル活用に関する住民アンケート"
JST = ZoneInfo("Asia/Tokyo")


def _texts(ja: str, easy: str, en: str) -> dict:
    return {"ja": ja, "ja-easy": easy, "en": en}


def seed_demo(demo) -> None:
    if db.session.scalar(sa.select(Survey).where(Survey.title["ja"].as_string() == TITLE)) is not None:
        return
    today = datetime.now(JST).date()
    survey = operations.create_survey({
        "title": _texts(TITLE, "デジタルの 使い方に ついての アンケート", "Residents' survey on digital services"),
        "intro": _texts("市のデジタルサービスをより使いやすくするため、ご意見をお聞かせください。回答は統計的に処理し、"
                        "個人が特定されることはありません。",
                        "市の デジタルの サービスを よく するため、あなたの 考えを 教えて ください。"
                        "だれが 答えたか わからない ように します。",
                        "Help us make the city's digital services easier to use. Answers are analysed together; "
                        "no one can be identified."),
        "opens_on": today - timedelta(days=21), "closes_on": today + timedelta(days=30),
        "audience": "everyone", "anonymous": True,
    })
    first = survey.sections[0]
    first.title = _texts("市のサービスの使い方", "市の サービスの 使い方", "How you use city services")
    second = Section(survey=survey, position=2, title=_texts("使いやすさとご意見",
                                                              "使いやすさと あなたの 考え", "Ease of use and your views"))
    db.session.add(second)
    db.session.flush()
    opts = operations.options_from

    def add(section, kind, text, **fields):
        return operations.add_question(survey, {"section_id": section.id, "kind": kind, "text": text, **fields})

    q_site = add(first, Kind.single.value, _texts("市のホームページをどのくらい見ますか。", "市の ホームページを どのくらい 見ますか。",
                                                  "How often do you visit the city's website?"), required=True,
                 options=opts([("毎週", "毎週", "Every week"), ("毎月", "毎月", "Every month"),
                               ("年に数回", "1年に 何回か", "A few times a year"), ("見ない", "見ない", "Never")]))
    q_online = add(first, Kind.multiple.value, _texts("オンラインで利用したい手続きを選んでください（3つまで）。",
                                                       "インターネットで したい 手続きを 選んで ください（3つまで）。",
                                                       "Which procedures would you like to do online? (up to 3)"),
                   maximum=3, options=opts([
                       ("住民票の写しの請求", "住民票の 申し込み", "Certificate of residence"),
                       ("税の申告", "税金の 申告", "Tax returns"),
                       ("子育て支援の申請", "子どもの 支援の 申し込み", "Childcare support"),
                       ("粗大ごみ収集の申込み", "大きな ごみの 申し込み", "Bulky waste collection"),
                       ("公共施設の予約", "市の 施設の 予約", "Booking public facilities")]))
    q_info = add(first, Kind.choice_other.value, _texts("市の情報を主にどこで得ていますか。", "市の ニュースを どこで 知りますか。",
                                                        "Where do you mostly get city news?"),
                 options=opts([("広報紙", "市の 新聞", "The city newsletter"), ("ホームページ", "ホームページ", "The website"),
                               ("LINE", "LINE", "LINE"), ("回覧板", "回覧板", "Neighbourhood circulars")]))
    q_desk = add(first, Kind.single.value, _texts("スマホ相談窓口を利用したことがありますか。", "スマホの 相談に 来た ことが ありますか。",
                                                  "Have you used the smartphone help desk?"), required=True,
                 options=opts([("ある", "ある", "Yes"), ("ない", "ない", "No")]))
    q_ease = add(second, Kind.rating.value, _texts("市のオンライン手続きは使いやすいですか。", "市の インターネットの 手続きは 使いやすいですか。",
                                                   "How easy are the city's online procedures?"),
                 scale_max=5, low_label=_texts("使いにくい", "使いにくい", "Hard"),
                 high_label=_texts("使いやすい", "使いやすい", "Easy"))
    q_matrix = add(second, Kind.matrix.value, _texts("次の窓口・サービスの満足度を教えてください。", "次の サービスに どのくらい 満足ですか。",
                                                     "How satisfied are you with these services?"),
                   scale_max=5, low_label=_texts("不満", "よくない", "Unsatisfied"),
                   high_label=_texts("満足", "よい", "Satisfied"),
                   items=[{"value": str(n), "text": text} for n, text in enumerate([
                       _texts("市役所の窓口", "市役所の 窓口", "Counters at city hall"),
                       _texts("電話での問い合わせ", "電話での 質問", "Phone enquiries"),
                       _texts("市のホームページ", "市の ホームページ", "The city website"),
                       _texts("LINE公式アカウント", "LINEの 市の アカウント", "The city's LINE account")], start=1)])
    q_desk_rating = add(second, Kind.rating.value, _texts("スマホ相談窓口の満足度を教えてください。", "スマホの 相談は よかったですか。",
                                                          "How satisfied were you with the smartphone help desk?"),
                        scale_max=5, low_label=_texts("不満", "よくない", "Unsatisfied"),
                        high_label=_texts("満足", "よい", "Satisfied"),
                        condition_question_id=q_desk.id, condition_value="1")
    q_hours = add(second, Kind.number.value, _texts("1日にスマートフォンを使う時間は何時間くらいですか。",
                                                    "1日に スマートフォンを 何時間 使いますか。",
                                                    "About how many hours a day do you use a smartphone?"),
                  minimum=0, maximum=24)
    q_last = add(second, Kind.date.value, _texts("最後に市のオンライン手続きを使った日はいつですか。",
                                                 "最後に 市の インターネットの 手続きを 使った 日は いつですか。",
                                                 "When did you last use a city online procedure?"))
    q_app = add(second, Kind.short_text.value, _texts("あったら便利だと思う市のアプリを教えてください。",
                                                      "あったら 便利な 市の アプリを 教えて ください。",
                                                      "What city app would you find useful?"))
    q_opinion = add(second, Kind.long_text.value, _texts("市のデジタル化についてご意見をお聞かせください。",
                                                         "市の デジタルに ついて 考えを 書いて ください。",
                                                         "Any other views on the city's digital services?"))
    operations.add_profile_questions(survey)
    db.session.flush()
    profile = {q.profile_key: q for q in survey.questions if q.profile_key}
    survey.publish()

    # Varied demo answers, nothing secret: a seeded pseudo-random generator is what is wanted here.
    rng = random.Random(20261122)  # nosec B311
    staff = demo.users.get("helpdesk")
    apps = ["ごみ出しカレンダー", "子育て情報アプリ", "防災アプリ", "バスの運行情報", "図書館の予約", "=SUM(A1)",
            "施設予約アプリ", "𠮷田地区の回覧板アプリ"]
    opinions = ["窓口に行かずに手続きできると助かります。", "高齢者向けの講座を増やしてほしい。",
                "紙の申請も残してください。", "LINEでの通知が便利です😊", "マイナンバーカードの使い道がわからない。",
                "夜間や休日でも手続きできるようにしてほしい。", "-説明書を分かりやすくしてほしい"]
    now = datetime.now(JST)
    for number in range(300):
        age = rng.choices(range(1, 9), weights=[4, 8, 12, 14, 15, 17, 18, 12])[0]
        older = age >= 6
        channel = rng.choices(["web", "paper", "phone", "interview"],
                              weights=[25, 55, 15, 5] if older else [80, 12, 5, 3])[0]
        answers = {
            str(q_site.id): str(rng.choices([1, 2, 3, 4], weights=[1, 3, 4, 4] if older else [3, 4, 3, 1])[0]),
            str(q_desk.id): str(rng.choices([1, 2], weights=[4, 6] if older else [1, 9])[0]),
            str(profile["age_band"].id): str(age),
            str(profile["district"].id): str(rng.choices(range(1, 7), weights=[30, 20, 20, 15, 12, 3])[0]),
            str(profile["smartphone"].id): str(rng.choices([1, 2, 3, 4], weights=[2, 4, 2, 2] if older
                                                           else [8, 2, 1, 0.3])[0]),
        }
        if rng.random() < 0.9:
            answers[str(q_online.id)] = sorted(rng.sample([str(v) for v in range(1, 6)], rng.randint(1, 3)))
        if rng.random() < 0.9:
            choice = str(rng.choices(range(1, 5), weights=[5, 3, 2, 3] if older else [2, 4, 5, 1])[0])
            if rng.random() < 0.08:
                answers[str(q_info.id)] = {"choice": "other", "text": rng.choice(["家族から", "テレビ", "自治会"])}
            else:
                answers[str(q_info.id)] = {"choice": choice, "text": ""}
        if rng.random() < 0.85:
            answers[str(q_ease.id)] = max(1, min(5, round(rng.gauss(2.6 if older else 3.5, 1))))
        if rng.random() < 0.8:
            answers[str(q_matrix.id)] = {str(item): max(1, min(5, round(rng.gauss(3.2, 1.1)))) for item in range(1, 5)}
        if answers[str(q_desk.id)] == "1":
            answers[str(q_desk_rating.id)] = rng.choices([2, 3, 4, 5], weights=[1, 2, 5, 4])[0]
        if rng.random() < 0.8:
            answers[str(q_hours.id)] = max(0, round(rng.gauss(2 if older else 4, 1.5), 1))
        if rng.random() < 0.4:
            answers[str(q_last.id)] = (today - timedelta(days=rng.randint(1, 400))).isoformat()
        if rng.random() < 0.3:
            answers[str(q_app.id)] = rng.choice(apps)
        if rng.random() < 0.25:
            answers[str(q_opinion.id)] = rng.choice(opinions)
        submitted = now - timedelta(days=rng.uniform(0, 20), hours=rng.uniform(0, 8))
        db.session.add(SurveyResponse(survey_id=survey.id, channel=channel, answers=answers,
                                      submitted_at=submitted,
                                      entered_by_id=staff.id if staff is not None and channel != "web" else None))
    db.session.flush()
    demo.echo(f"survey: 「{TITLE}」 with 300 responses")
