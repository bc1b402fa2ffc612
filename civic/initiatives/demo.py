"""Demo initiatives (about eight, as a mid-sized Japanese city might run), with updates, KPIs and comments.

Idempotent: an initiative whose slug exists already is left as it is.
"""
from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

from civic.extensions import db
from civic.initiatives import operations
from civic.initiatives.models import Channel, Comment, Initiative, Publication

JST = timezone(timedelta(hours=9))


def _at(day: str, hour: int = 10) -> datetime:
    return datetime.fromisoformat(day).replace(hour=hour, tzinfo=JST).astimezone(timezone.utc)


INITIATIVES = [
    {
        "slug": "elderly-watch-sensors", "category": "welfare", "status": "trial", "districts": ["mountain", "north"],
        "starts_on": date(2025, 10, 1), "ends_on": date(2027, 3, 31),
        "title_ja": "高齢者見守りセンサー",
        "title_easy": "おとしよりを 見守る センサー",
        "title_en": "Sensors that watch over older residents",
        "summary_ja": "一人暮らしの高齢者宅に電力・人感センサーを設置し、生活リズムの変化を家族や民生委員に知らせる見守りサービスの実証実験です。",
        "summary_easy": "ひとりで くらす おとしよりの 家に センサーを つけます。いつもと ちがう ときは 家族に 知らせます。",
        "summary_en": "A trial of power and motion sensors in the homes of older people living alone, alerting family and welfare volunteers when daily rhythms change.",
        "body_ja": "山間地区と北部地区の一人暮らし高齢者100世帯を対象に、電力使用量と人感センサーのデータから生活リズムを把握します。\n朝になっても電気が使われないなど、いつもと違う様子があれば、登録した家族や民生委員にメールで知らせます。\nカメラは使わず、プライバシーに配慮しています。費用は無料です。",
        "body_easy": "山の ちいきと 北の ちいきで、ひとりで くらす おとしより 100けんに センサーを つけます。\nあさに でんきを つかわない ときなどに、家族に メールが 行きます。\nカメラは つかいません。お金は かかりません。",
        "body_en": "",
        "department_ja": "福祉部 高齢福祉課", "department_easy": "ふくしぶ こうれいふくしか", "department_en": "Welfare Department, Senior Welfare Division",
        "partners_ja": "ひかり電力株式会社、ひかり市社会福祉協議会", "partners_en": "Hikari Electric Power Co., Hikari Social Welfare Council",
        "updates": [
            ("2025-10-01", "実証実験を開始しました", "対象の100世帯のうち、まず40世帯にセンサーを設置しました。",
             "Trial started", "Sensors are installed in the first 40 of 100 homes."),
            ("2026-04-15", "設置世帯が82世帯になりました", "説明会を3回開き、設置世帯が82世帯に増えました。通知の誤報を減らす調整も行いました。",
             "", ""),
        ],
        "kpis": [
            ({"name_ja": "センサー設置世帯数", "name_easy": "センサーを つけた 家の 数", "name_en": "Homes with sensors",
              "unit": "世帯", "baseline": 0, "target": 100, "direction": "up"},
             [("2025-10-31", 40, "設置記録"), ("2026-01-31", 65, "設置記録"), ("2026-04-30", 82, "設置記録")]),
            ({"name_ja": "異常時の通知までの平均時間", "name_en": "Average time until an alert", "unit": "分",
              "baseline": 180, "target": 60, "direction": "down"},
             [("2026-01-31", 120, "システムログ"), ("2026-04-30", 85, "システムログ")]),
        ],
    },
    {
        "slug": "ai-demand-bus", "category": "mobility", "status": "trial", "districts": ["mountain", "west"],
        "starts_on": date(2026, 4, 1), "ends_on": date(2027, 3, 31),
        "title_ja": "AIデマンド交通「のりあい号」",
        "title_easy": "よやくして のる バス「のりあい号」",
        "title_en": "AI on-demand bus \"Noriai-go\"",
        "summary_ja": "予約に応じてAIが最適なルートを決める乗合タクシーで、バス路線が廃止された地域の交通を確保します。",
        "summary_easy": "電話や スマホで よやくすると、のりあいの 車が むかえに 来ます。",
        "summary_en": "A shared taxi whose route is planned by AI from bookings, serving areas where bus lines were closed.",
        "body_ja": "山間地区と西部地区で、電話またはスマートフォンアプリで予約できる乗合交通を運行しています。\n運賃は1回300円、75歳以上は150円です。平日8時から18時まで運行します。\n通院や買い物など、日常の移動にご利用ください。",
        "body_easy": "山の ちいきと 西の ちいきで 走ります。\nお金は 1かい 300円です。75さい 以上の 人は 150円です。\n月曜日から 金曜日の 8時から 18時まで 走ります。",
        "body_en": "In the mountain and west districts, a shared ride can be booked by phone or smartphone app.\nFares are 300 yen per ride, 150 yen for people aged 75 and over. Weekdays 8:00 to 18:00.",
        "department_ja": "都市整備部 交通政策課", "department_en": "Urban Development Department, Transport Policy Division",
        "partners_ja": "ひかり交通株式会社、株式会社モビリティラボ", "partners_en": "Hikari Kotsu Co., Mobility Lab Inc.",
        "updates": [
            ("2026-04-01", "運行を開始しました", "山間地区・西部地区で運行を開始しました。初日は42人が利用しました。",
             "Service started", "The service started in the mountain and west districts. 42 people rode on the first day."),
            ("2026-09-10", "予約電話の受付時間を延長しました", "ご要望を受けて、予約電話の受付を7時30分からに早めました。",
             "Booking line opens earlier", "Following requests, the booking line now opens at 7:30."),
        ],
        "kpis": [
            ({"name_ja": "月間利用者数", "name_easy": "1か月に のった 人の 数", "name_en": "Riders per month", "unit": "人",
              "baseline": 0, "target": 1500, "direction": "up"},
             [("2026-04-30", 620, "運行記録"), ("2026-06-30", 910, "運行記録"), ("2026-09-30", 1180, "運行記録")]),
        ],
    },
    {
        "slug": "online-applications", "category": "government", "status": "rollout", "districts": [],
        "starts_on": date(2024, 4, 1), "ends_on": None,
        "title_ja": "オンライン申請の拡大",
        "title_easy": "インターネットで もうしこみ",
        "title_en": "More applications online",
        "summary_ja": "住民票の写しや保育園の入園申込みなど、市役所に来なくても手続きができるようにします。",
        "summary_easy": "市役所に 来なくても、スマホで もうしこみが できます。",
        "summary_en": "Residence certificates, nursery applications and more, without a trip to city hall.",
        "body_ja": "マイナンバーカードを使って、スマートフォンから24時間申請できる手続きを増やしています。\n現在、120の手続きがオンラインでできます。使い方がわからない方はデジタル相談窓口でお手伝いします。",
        "body_easy": "", "body_en": "",
        "department_ja": "総務部 デジタル推進課", "department_en": "General Affairs Department, Digital Promotion Division",
        "partners_ja": "", "partners_en": "",
        "updates": [
            ("2026-07-01", "オンラインでできる手続きが120になりました", "新たに児童手当の現況届など15の手続きを追加しました。", "", ""),
        ],
        "kpis": [
            ({"name_ja": "オンラインで申請できる手続き数", "name_en": "Procedures available online", "unit": "件",
              "baseline": 35, "target": 200, "direction": "up"},
             [("2025-03-31", 70, "デジタル推進課 集計"), ("2026-03-31", 105, "デジタル推進課 集計"),
              ("2026-07-01", 120, "デジタル推進課 集計")]),
            ({"name_ja": "オンライン申請の割合", "name_en": "Share of applications made online", "unit": "%",
              "baseline": 8, "target": 50, "direction": "up"},
             [("2026-03-31", 27.5, "申請件数の集計")]),
        ],
    },
    {
        "slug": "local-products-online", "category": "economy", "status": "rollout", "districts": ["east", "mountain"],
        "starts_on": date(2025, 6, 1), "ends_on": None,
        "title_ja": "地産品オンライン販売",
        "title_easy": "地元の 品物を ネットで 売る",
        "title_en": "Selling local products online",
        "summary_ja": "農家や小さな商店が、ひかり市の特産品をオンラインで全国に販売できるよう支援します。",
        "summary_easy": "", "summary_en": "",
        "body_ja": "市が共同の通販サイトを用意し、写真撮影や商品説明の作り方の講座を開いています。\n出店料は初年度無料です。",
        "body_easy": "", "body_en": "",
        "department_ja": "産業振興部 商工観光課", "department_en": "",
        "partners_ja": "ひかり商工会議所、JAひかり", "partners_en": "",
        "updates": [("2026-02-20", "出店者が50店になりました", "冬の特産品フェアにあわせて出店者が増えました。", "", "")],
        "kpis": [
            ({"name_ja": "出店事業者数", "name_en": "Sellers", "unit": "店", "baseline": 0, "target": 80,
              "direction": "up"}, [("2025-12-31", 31, "出店者名簿"), ("2026-02-20", 50, "出店者名簿")]),
        ],
    },
    {
        "slug": "cashless-points", "category": "economy", "status": "ended", "districts": ["central", "south"],
        "starts_on": date(2024, 11, 1), "ends_on": date(2025, 1, 31),
        "title_ja": "キャッシュレス決済ポイント還元",
        "title_easy": "キャッシュレスで はらうと ポイント",
        "title_en": "Points for cashless payments",
        "summary_ja": "市内の対象店舗でキャッシュレス決済をすると、最大20%のポイントを還元したキャンペーンです。",
        "summary_easy": "お店で カードや スマホで はらうと、ポイントが もらえました。",
        "summary_en": "A campaign that gave back up to 20% in points for cashless payments in local shops.",
        "body_ja": "3か月間のキャンペーンで、市内の商店の売上を支えました。結果の報告を掲載しています。",
        "body_easy": "", "body_en": "",
        "department_ja": "産業振興部 商工観光課", "department_en": "",
        "partners_ja": "決済事業者4社、ひかり商店街連合会", "partners_en": "",
        "updates": [("2025-03-15", "キャンペーンの結果を報告します", "期間中の対象店舗の売上は前年同期比で12%増えました。", "", "")],
        "kpis": [],
    },
    {
        "slug": "digital-procedures", "category": "government", "status": "planning", "districts": [],
        "starts_on": date(2027, 4, 1), "ends_on": None,
        "title_ja": "行政手続きのデジタル化（書かない窓口）",
        "title_easy": "書かなくて いい 窓口",
        "title_en": "Digital procedures: the no-forms counter",
        "summary_ja": "窓口で申請書を書かずに、職員との会話とマイナンバーカードの読み取りで手続きが済む「書かない窓口」を検討しています。",
        "summary_easy": "", "summary_en": "",
        "body_ja": "他の自治体の事例を調べ、市民課の窓口から導入する計画です。ご意見をお寄せください。",
        "body_easy": "", "body_en": "",
        "department_ja": "市民部 市民課", "department_en": "",
        "partners_ja": "", "partners_en": "",
        "updates": [], "kpis": [],
    },
    {
        "slug": "disaster-app", "category": "disaster", "status": "rollout", "districts": [],
        "starts_on": date(2025, 9, 1), "ends_on": None,
        "title_ja": "防災情報アプリ「ひかり防災」",
        "title_easy": "さいがいの 情報が わかる アプリ",
        "title_en": "Disaster information app \"Hikari Bosai\"",
        "summary_ja": "避難情報や避難所の開設状況、ハザードマップをスマートフォンで確認できる防災アプリです。",
        "summary_easy": "にげる ときの 情報や ひなんじょの 場所が スマホで わかります。",
        "summary_en": "Evacuation alerts, open shelters and hazard maps on your smartphone.",
        "body_ja": "日本語、やさしい日本語、英語、中国語、ベトナム語に対応しています。\n見守り登録をすると、離れて暮らす家族にも避難情報が届きます。",
        "body_easy": "日本語、やさしい 日本語、英語、中国語、ベトナム語で 使えます。",
        "body_en": "Available in Japanese, easy Japanese, English, Chinese and Vietnamese.",
        "department_ja": "危機管理課", "department_en": "Crisis Management Division",
        "partners_ja": "株式会社ぼうさいテック", "partners_en": "Bosai Tech Inc.",
        "updates": [("2026-06-01", "ダウンロード数が2万件を超えました", "梅雨入りを前に、登録の呼びかけを行いました。",
                     "Over 20,000 downloads", "Ahead of the rainy season we asked residents to register.")],
        "kpis": [
            ({"name_ja": "アプリのダウンロード数", "name_en": "App downloads", "unit": "件", "baseline": 0,
              "target": 30000, "direction": "up"},
             [("2025-12-31", 12400, "アプリストア集計"), ("2026-06-01", 20350, "アプリストア集計")]),
        ],
    },
    {
        "slug": "giga-school", "category": "education", "status": "rollout", "districts": [],
        "starts_on": date(2021, 4, 1), "ends_on": None,
        "title_ja": "GIGAスクール 1人1台端末",
        "title_easy": "学校で 1人 1だいの タブレット",
        "title_en": "GIGA School: a device for every pupil",
        "summary_ja": "市立小中学校の児童生徒に1人1台のタブレット端末を配備し、授業や家庭学習で活用しています。",
        "summary_easy": "", "summary_en": "",
        "body_ja": "2026年度は端末の更新を行います。家庭のインターネット環境がない世帯には通信機器を貸し出しています。",
        "body_easy": "", "body_en": "",
        "department_ja": "教育委員会 学校教育課", "department_en": "Board of Education",
        "partners_ja": "", "partners_en": "",
        "updates": [("2026-05-20", "端末の更新を始めました", "小学校から順に新しい端末に切り替えています。", "", "")],
        "kpis": [],
    },
]

COMMENTS = {
    "elderly-watch-sensors": [
        ("resident2", "母が一人暮らしなので申し込みました。カメラがないのが安心です。", [
            ("planner", "ご利用ありがとうございます。通知のメールが届かない場合は高齢福祉課までご連絡ください。"),
            ("resident", "うちも申し込みました。北部地区でも広がるといいですね。"),
        ]),
        ("resident", "電気を使わない日が多い家だと誤報が出ないか心配です。", []),
    ],
    "ai-demand-bus": [
        ("resident3", "The booking app is easy to use. Could it show the bus location too?", []),
        ("resident2", "通院に使っています。土曜日も走ってくれると助かります。\n詳しくは https://example.jp/bus/request にも書きました。", [
            ("resident", "土曜日の運行、私も希望します。"),
        ]),
    ],
    "online-applications": [
        ("resident", "保育園の申込みがスマホでできて、とても助かりました。", []),
    ],
}

ON_BEHALF = [
    ("ai-demand-bus", "山間地区 80代 女性", Channel.paper, "電話で予約できるのがありがたいです。運転手さんも親切です。"),
    ("elderly-watch-sensors", "北部地区 老人会", Channel.meeting, "説明会をもう一度開いてほしいとの声が多くありました。"),
]


def seed_demo(demo) -> None:
    users = demo.users
    planner = users["planner"]
    created = 0
    for spec in INITIATIVES:
        if db.session.scalar(db.select(Initiative.id).where(Initiative.slug == spec["slug"])) is not None:
            continue
        data = {key: value for key, value in spec.items() if key not in ("updates", "kpis")}
        initiative = operations.save_initiative(None, data)
        operations.set_publication(initiative, Publication.published)
        initiative.published_at = _at(spec["starts_on"].isoformat() if spec["starts_on"] <= date(2026, 11, 1)
                                      else "2026-10-01")
        for day, title_ja, body_ja, title_en, body_en in spec["updates"]:
            update, _followers = operations.post_update(
                initiative, planner, {"title_ja": title_ja, "body_ja": body_ja, "title_en": title_en,
                                      "body_en": body_en})
            update.posted_at = _at(day)
        latest = max([_at(day) for day, *_ in spec["updates"]], default=initiative.published_at)
        initiative.updated_at = latest
        for kpi_data, values in spec["kpis"]:
            kpi = operations.define_kpi(initiative, kpi_data)
            for day, value, note in values:
                operations.record_kpi_value(kpi, value, date.fromisoformat(day), planner, note)
        _seed_comments(initiative, users)
        created += 1
    db.session.flush()
    if created:
        demo.echo(f"demo initiatives: {created} created")


def _seed_comments(initiative: Initiative, users) -> None:
    moment = initiative.updated_at + timedelta(hours=2)
    for author_key, text, replies in COMMENTS.get(initiative.slug, []):
        top = operations.post_comment(initiative, users[author_key], text)
        top.created_at = moment
        moment += timedelta(hours=5)
        for reply_key, reply_text in replies:
            reply = operations.post_comment(initiative, users[reply_key], reply_text, parent=top)
            reply.created_at = moment
            moment += timedelta(hours=3)
    for slug, name, channel, text in ON_BEHALF:
        if slug == initiative.slug:
            comment: Comment = operations.post_comment_on_behalf(initiative, users["planner"], name, channel, text)
            comment.created_at = moment
            moment += timedelta(hours=1)
    marks = [c for c in initiative_comments(initiative) if c.author_id != users["resident2"].id][:2]
    for comment in marks:
        operations.toggle_helpful(comment, users["resident2"])


def initiative_comments(initiative: Initiative) -> list[Comment]:
    return db.session.scalars(db.select(Comment).where(Comment.initiative_id == initiative.id)
                              .order_by(Comment.id)).all()
