"""A large seeded database for benchmarks, written with bulk inserts (seconds, not minutes).

One generator per domain, run in order; a domain added later (surveys) appends its own to GENERATORS.
Each generator gets the app (inside an app context), a Scale and a dict `ctx` that earlier generators fill
(user ids, ...). Usage: `python -m bench.seed --scale large` with CIVIC_DATABASE_URL pointing at an empty,
migrated database.
"""
from __future__ import annotations

import argparse
import secrets
import string
import time
from dataclasses import dataclass
from datetime import date, datetime, time as dtime, timedelta, timezone

import sqlalchemy as sa

from civic.extensions import db

CHUNK = 2000


@dataclass(frozen=True)
class Scale:
    users: int
    initiatives: int
    comments: int  # in all; half of them on the one "busy" initiative
    bookings: int  # all in full slots of capacity 4 (past and future)
    responses: int  # to the demo survey (14 questions of every type)


SCALES = {
    "small": Scale(users=5, initiatives=3, comments=5, bookings=8, responses=5),
    "medium": Scale(users=40, initiatives=60, comments=400, bookings=240, responses=400),  # the query-count test
    "large": Scale(users=500, initiatives=60, comments=20_000, bookings=5_000, responses=100_000),
}

BUSY_SLUG = "bench-busy"  # the initiative with many comments


def bulk(table: sa.Table, rows: list[dict]) -> None:
    for start in range(0, len(rows), CHUNK):
        db.session.execute(table.insert(), rows[start:start + CHUNK])


def seed_accounts(app, scale: Scale, ctx: dict) -> None:
    from werkzeug.security import generate_password_hash

    from civic.accounts.models import User

    password_hash = generate_password_hash("bench-password-2026", method="pbkdf2:sha256:1000")
    now = datetime.now(timezone.utc)
    rows = [{"email": f"bench{n}@example.jp", "display_name": f"住民 {n}", "password_hash": password_hash,
             "role": "resident", "active": True, "created_at": now, "failed_sign_ins": 0}
            for n in range(scale.users)]
    bulk(User.__table__, rows)
    ctx["user_ids"] = db.session.scalars(sa.select(User.id).order_by(User.id)).all()


def seed_initiatives(app, scale: Scale, ctx: dict) -> None:
    from civic.initiatives import operations
    from civic.initiatives.models import Comment, Initiative, Publication

    slugs = [BUSY_SLUG] + [f"bench-{n}" for n in range(1, scale.initiatives)]
    for number, slug in enumerate(slugs):
        initiative = operations.save_initiative(None, {
            "slug": slug, "category": "mobility", "status": "trial", "districts": ["north"],
            "title_ja": f"ベンチマーク施策 {number}", "summary_ja": "オンライン申請を広げる取り組みです。" * 3,
            "body_ja": "本文です。" * 40, "department_ja": "デジタル推進課"})
        operations.set_publication(initiative, Publication.published)
    db.session.flush()
    ids = dict(db.session.execute(sa.select(Initiative.slug, Initiative.id)).all())
    users = ctx["user_ids"]
    now = datetime.now(timezone.utc)
    busy = scale.comments // 2
    rows = []
    for n in range(scale.comments):
        slug = BUSY_SLUG if n < busy else slugs[n % len(slugs)]
        author = users[n % len(users)]
        rows.append({"initiative_id": ids[slug], "author_id": author, "author_name": f"住民 {author}",
                     "channel": "web", "official": False, "body": f"コメント {n}: バスの時刻をアプリで見たいです。",
                     "state": "visible", "hidden_reason": "", "helpful_count": n % 5, "open_report_count": 0,
                     "created_at": now - timedelta(minutes=scale.comments - n)})
    bulk(Comment.__table__, rows)
    ctx["busy_slug"] = BUSY_SLUG


def _code(n: int) -> str:
    alphabet = string.ascii_uppercase + string.digits
    out = ""
    for _ in range(6):
        n, r = divmod(n, len(alphabet))
        out += alphabet[r]
    return out


def seed_helpdesk(app, scale: Scale, ctx: dict) -> None:
    from civic.helpdesk.models import Booking, Location, Slot, Topic

    db.session.execute(Topic.__table__.insert(), [
        {"key": "bench_smartphone", "name_ja": "スマートフォンの基本", "name_en": "Smartphone basics",
         "bring_ja": "スマートフォン", "position": 0, "active": True}])
    db.session.execute(Location.__table__.insert(), [
        {"kind": "in_person", "name_ja": "ベンチ公民館", "name_en": "Bench Hall", "address": "ひかり市1-1",
         "position": 0, "active": True}])
    topic_id = db.session.scalar(sa.select(Topic.id).where(Topic.key == "bench_smartphone"))
    location_id = db.session.scalar(sa.select(Location.id).where(Location.name_ja == "ベンチ公民館"))
    capacity = 4
    slot_count = max(scale.bookings // capacity, 1)
    # A quarter of the slots are in the next four weeks (the "when" page lists them), the rest in the past.
    future = max(slot_count // 4, 1)
    today = datetime.now(timezone.utc).replace(hour=0, minute=0, second=0, microsecond=0)
    starts = []
    for n in range(slot_count):
        day = n // 8
        hour = 1 + n % 8  # 10:00-17:00 Japan time
        if n < future:
            base = today + timedelta(days=1 + day % 27)
            starts.append(base + timedelta(hours=hour, minutes=15 * (day // 27)))
        else:
            starts.append(today - timedelta(days=1 + (n - future) // 8, hours=-hour))
    slot_rows = [{"location_id": location_id, "starts_at": s, "ends_at": s + timedelta(minutes=45),
                  "capacity": capacity, "booked": 0, "open": True} for s in starts]
    bulk(Slot.__table__, slot_rows)
    slot_ids = db.session.scalars(sa.select(Slot.id).where(Slot.location_id == location_id).order_by(Slot.id)).all()
    now = datetime.now(timezone.utc)
    rows = []
    booked: dict[int, int] = {}
    for n in range(scale.bookings):
        slot_id = slot_ids[n % len(slot_ids)]
        if booked.get(slot_id, 0) >= capacity:
            continue
        booked[slot_id] = booked.get(slot_id, 0) + 1
        rows.append({"code": _code(n + 7_000_000), "manage_token": secrets.token_urlsafe(32), "slot_id": slot_id,
                     "topic_id": topic_id, "status": "booked", "channel": "web", "name": f"予約者 {n}",
                     "phone": f"090{n:08d}", "email": f"booker{n}@example.jp", "language": "ja",
                     "needs_wheelchair": False, "needs_hearing": False, "needs_large_print": False,
                     "created_at": now})
    bulk(Booking.__table__, rows)
    db.session.execute(Slot.__table__.update().where(Slot.id == sa.bindparam("sid")).values(booked=sa.bindparam("n")),
                       [{"sid": s, "n": c} for s, c in booked.items()])
    ctx["location_id"], ctx["topic_id"] = location_id, topic_id


def seed_surveys(app, scale: Scale, ctx: dict) -> None:
    """The demo survey, with `scale.responses` responses drawn from its 300 varied demo answers."""
    import random

    from civic.demo import DemoContext
    from civic.surveys import demo
    from civic.surveys.models import Survey, SurveyResponse

    demo.seed_demo(DemoContext(echo=lambda *args: None))
    db.session.flush()
    survey = db.session.scalars(sa.select(Survey)).one()
    samples = [row.answers for row in db.session.scalars(sa.select(SurveyResponse))]
    db.session.execute(sa.delete(SurveyResponse))
    rng = random.Random(5)
    now = datetime.now(timezone.utc)
    rows = ({"survey_id": survey.id, "channel": rng.choice(["web", "web", "web", "paper", "phone", "interview"]),
             "answers": rng.choice(samples), "submitted_at": now - timedelta(minutes=number)}
            for number in range(scale.responses))
    batch = []
    for row in rows:
        batch.append(row)
        if len(batch) == CHUNK:
            db.session.execute(SurveyResponse.__table__.insert(), batch)
            batch = []
    if batch:
        db.session.execute(SurveyResponse.__table__.insert(), batch)
    ctx["survey_id"] = survey.id


GENERATORS = [seed_accounts, seed_initiatives, seed_helpdesk, seed_surveys]


def seed(app, scale: Scale) -> dict:
    ctx: dict = {}
    with app.app_context():
        for generator in GENERATORS:
            started = time.monotonic()
            generator(app, scale, ctx)
            db.session.commit()
            print(f"  {generator.__name__}: {time.monotonic() - started:.1f} s", flush=True)
    return ctx


def main() -> None:
    from civic import create_app

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scale", choices=SCALES, default="large")
    args = parser.parse_args()
    seed(create_app(), SCALES[args.scale])


if __name__ == "__main__":
    main()
