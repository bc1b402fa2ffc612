"""Demo help desk: three places and a phone line, the curriculum topics, four weeks of slots, some bookings."""
from __future__ import annotations

import secrets
from datetime import datetime, time, timedelta, timezone

import sqlalchemy as sa

from civic.extensions import db
from civic.helpdesk import operations
from civic.helpdesk.models import (Booking, BookingStatus, Channel, Location, Schedule, Slot, SupportRecord,
                                   Topic)

# National digital-skills curriculum (デジタル活用支援 講座), with what to bring for each topic.
TOPICS = [
    ("phone_basics", "スマホの基本操作", "スマホの きほん", "Smartphone basics", "", "", ""),
    ("calls_camera", "電話・カメラの使い方", "でんわと カメラ", "Calls and the camera", "", "", ""),
    ("internet", "インターネットの使い方", "インターネット", "Using the internet", "", "", ""),
    ("line", "LINE・メッセージ", "LINE（ライン）", "LINE and messaging", "", "", ""),
    ("my_number", "マイナンバーカード", "マイナンバーカード", "My Number card",
     "マイナンバーカード\n暗証番号（4桁の数字と英数字6〜16桁）", "マイナンバーカード\nあんしょうばんごう",
     "Your My Number card\nIts PINs (4 digits, and the 6–16 character one)"),
    ("mynaportal", "マイナポータル", "マイナポータル", "Mynaportal",
     "マイナンバーカード\n暗証番号（4桁の数字）", "マイナンバーカード\nあんしょうばんごう（4けたの すうじ）",
     "Your My Number card\nIts 4-digit PIN"),
    ("online_application", "オンライン申請", "インターネットで もうしこみ", "Online applications",
     "申請に必要な書類（通知はがきなど）", "もうしこみに つかう かみ（はがき など）",
     "The papers for the application (e.g. the notice you received)"),
    ("etax", "e-Tax（確定申告）", "e-Tax（ぜいきんの しんこく）", "e-Tax (tax return)",
     "マイナンバーカード\n源泉徴収票・領収書", "マイナンバーカード\nぜいきんの かみ",
     "Your My Number card\nWithholding slips and receipts"),
    ("cashless", "キャッシュレス決済", "おさいふアプリ", "Cashless payment", "", "", ""),
    ("online_medical", "オンライン診療・予約", "びょういんの よやく", "Online medical booking",
     "健康保険証またはマイナ保険証", "ほけんしょう", "Your health insurance card"),
    ("security", "セキュリティ・詐欺対策", "あんぜんに つかう", "Security and scams", "", "", ""),
]

LOCATIONS = [
    dict(kind="in_person", name_ja="市役所本庁舎 1階 デジタル相談コーナー", name_ja_easy="しやくしょ 1かい デジタル そうだん",
         name_en="City Hall, 1F Digital Help Corner", address="ひかり市中央1-1-1",
         access_ja="ひかり駅 東口から徒歩5分。市役所駐車場あり（2時間無料）。",
         access_ja_easy="ひかりえき から あるいて 5ふん。", access_en="5 minutes' walk from Hikari Station, east exit.",
         barrier_free_ja="車いす対応トイレ、エレベーターあり。筆談ボードあり。",
         barrier_free_ja_easy="くるまいすで はいれる トイレ と エレベーター が あります。",
         barrier_free_en="Wheelchair-accessible toilet and lift. Writing boards for hearing support.", position=1),
    dict(kind="in_person", name_ja="北公民館", name_ja_easy="きた こうみんかん", name_en="North Community Centre",
         address="ひかり市北町3-2", access_ja="市バス「北公民館前」下車すぐ。",
         access_en="Bus stop “Kita Kominkan-mae”, right in front.",
         barrier_free_ja="1階の和室を使います。入口にスロープあり。", position=2),
    dict(kind="in_person", name_ja="南図書館", name_ja_easy="みなみ としょかん", name_en="South Library",
         address="ひかり市南町5-10", access_ja="南駅から徒歩8分。",
         access_en="8 minutes' walk from Minami Station.",
         barrier_free_ja="2階の研修室（エレベーターあり）。", barrier_free_en="2F seminar room, with a lift.",
         position=3),
    dict(kind="phone", name_ja="電話相談", name_ja_easy="でんわで そうだん", name_en="Help by phone",
         access_ja="予約の時間に、相談員からお電話します。", access_ja_easy="よやくの じかんに でんわ します。",
         access_en="Our staff call you at the booked time.", position=4),
]

# location index, weekday, start, capacity
SCHEDULES = [(0, d, t, 2) for d in range(5) for t in (time(10), time(11), time(14), time(15))] + \
    [(1, d, t, 1) for d in (1, 3) for t in (time(10), time(13, 30))] + \
    [(2, 5, t, 2) for t in (time(10), time(11))] + \
    [(3, d, time(16), 1) for d in (0, 2, 4)]

RESIDENTS = [("ひかり 花子", "090-1111-2222", "hanako.hikari@example.jp", "70s", "android"),
             ("北村 一郎", "080-3333-4444", None, "80_plus", "iphone"),
             ("南 さくら", None, "sakura@example.jp", "60s", "iphone"),
             ("Nguyen Van An", "070-5555-6666", "an@example.jp", "under_40", "android")]


def seed_demo(demo) -> None:
    if db.session.scalar(sa.select(sa.func.count(Location.id))):
        return
    topics = [Topic(key=k, name_ja=ja, name_ja_easy=easy, name_en=en, bring_ja=bja or None,
                    bring_ja_easy=beasy or None, bring_en=ben or None, position=i)
              for i, (k, ja, easy, en, bja, beasy, ben) in enumerate(TOPICS, start=1)]
    locations = [Location(**data) for data in LOCATIONS]
    db.session.add_all(topics + locations)
    db.session.flush()
    today = operations.tokyo_today()
    staff = demo.users.get("helpdesk")
    schedules = [Schedule(location_id=locations[li].id, weekday=wd, start_time=t, duration_minutes=45, capacity=c,
                          valid_from=today - timedelta(days=14), staff_id=staff.id if staff else None)
                 for li, wd, t, c in SCHEDULES]
    db.session.add_all(schedules)
    db.session.flush()
    created = sum(operations.generate_slots(s, today + timedelta(weeks=4), today=today) for s in schedules)
    created += sum(operations.generate_slots(s, today - timedelta(days=1), today=today - timedelta(days=14))
                   for s in schedules)

    now = datetime.now(timezone.utc)
    slots = db.session.scalars(sa.select(Slot).order_by(Slot.starts_at)).all()
    past = [s for s in slots if s.ends_at < now]
    future = [s for s in slots if s.starts_at > now]
    bookings = 0
    for i, slot in enumerate(past[::3][:12]):
        name, phone, email, age, device = RESIDENTS[i % len(RESIDENTS)]
        came = i % 5 != 4
        slot.booked += 1
        booking = Booking(code=operations.new_code(), manage_token=secrets.token_urlsafe(32), slot_id=slot.id,
                          topic_id=topics[i % len(topics)].id, name=name, phone=operations.normalise_phone(phone),
                          email=email, age_band=age, device=device, channel=Channel.web.value,
                          status=(BookingStatus.attended if came else BookingStatus.no_show).value,
                          created_at=slot.starts_at - timedelta(days=3))
        db.session.add(booking)
        if came:
            booking.checked_in_at = slot.starts_at
            db.session.add(SupportRecord(booking=booking, resolved=i % 3 != 0, follow_up=i % 3 == 0,
                                         topics=[topics[i % len(topics)]],
                                         note="LINEの友だち追加まで完了" if i % 2 else None,
                                         recorded_by_id=staff.id if staff else None,
                                         recorded_at=slot.ends_at))
        bookings += 1
    for i, slot in enumerate(future[1::5][:10]):
        name, phone, email, age, device = RESIDENTS[i % len(RESIDENTS)]
        details = operations.BookingDetails(topic_id=topics[(i * 2) % len(topics)].id, name=name, phone=phone,
                                            email=email, age_band=age, device=device,
                                            needs_large_print=i % 4 == 1)
        operations.book_slot(slot, details, channel=Channel.phone if i % 3 == 0 else Channel.web, staff=staff)
        bookings += 1
    db.session.flush()
    demo.echo(f"help desk: {len(locations)} locations, {len(topics)} topics, {created} slots, {bookings} bookings")
