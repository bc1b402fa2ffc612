"""SIGKILL during a write load (PostgreSQL): residents book and comment through gunicorn; the master and every
worker are killed mid-load; after a restart, every booking whose confirmation page a resident received, and every
comment the server said was posted, must be in the database, and every slot's counter must match its bookings.

    python -m bench.kill_during_writes [--seconds 4] [--cycles 2]
"""
from __future__ import annotations

import argparse
import re
import signal
import sys
import threading
import time
from collections import Counter

import sqlalchemy as sa

from bench.databases import add_slots, app_for, drop_database, fresh_database
from bench.servers import app_env, start_gunicorn, stop
from bench.webclient import WebClient, book, form_fields

PORT = 5230
NAME = "civic_bench_kill"
BOOKERS, COMMENTERS = 6, 2
PASSWORD = "kill-test-password-2026"


def prepare(url: str) -> tuple[int, list[int], str]:
    app = app_for(url)
    topic_id, slot_ids = add_slots(app, [400] * 10)
    from civic.accounts import operations as accounts
    from civic.extensions import db
    from civic.initiatives import operations
    from civic.initiatives.models import Publication
    from civic.permissions import Role

    with app.app_context():
        for n in range(COMMENTERS):
            accounts.create_user(email=f"writer{n}@example.jp", display_name=f"書き手 {n}", password=PASSWORD,
                                 role=Role.resident, language="en")
        initiative = operations.save_initiative(None, {
            "slug": "kill-test", "category": "mobility", "status": "trial", "districts": ["north"],
            "title_ja": "停止試験", "summary_ja": "概要", "body_ja": "本文", "department_ja": "デジタル推進課"})
        operations.set_publication(initiative, Publication.published)
        db.session.commit()
        db.engine.dispose()
    return topic_id, slot_ids, "kill-test"


class Load:
    def __init__(self, topic_id: int, slot_ids: list[int], slug: str, cycle: int) -> None:
        self.topic_id, self.slot_ids, self.slug, self.cycle = topic_id, slot_ids, slug, cycle
        self.stop = threading.Event()
        self.lock = threading.Lock()
        self.codes: list[str] = []
        self.comment_ids: list[int] = []
        self.failures: Counter = Counter()

    def booker(self, n: int) -> None:
        web = WebClient(f"http://127.0.0.1:{PORT}", timeout=10)
        i = 0
        while not self.stop.is_set():
            i += 1
            try:
                outcome, code = book(web, self.slot_ids[(n + i) % len(self.slot_ids)], self.topic_id,
                                     f"予約 {n}-{i}", f"080{self.cycle}{n:02d}{i:05d}")
            except (OSError, ValueError) as error:
                outcome, code = f"error:{type(error).__name__}", None
            with self.lock:
                if code:
                    self.codes.append(code)
                else:
                    self.failures[outcome] += 1
            if outcome.startswith("error"):
                time.sleep(0.1)

    def commenter(self, n: int) -> None:
        web = WebClient(f"http://127.0.0.1:{PORT}", timeout=10)
        while not self.stop.is_set():  # sign in (again, if a slow answer timed out)
            try:
                page = web.get("/account/signin?lang=en")
                signed_in = web.post("/account/signin", {**form_fields(page.body), "email": f"writer{n}@example.jp",
                                                         "password": PASSWORD})
                if signed_in.status == 302:
                    break
            except (OSError, ValueError):
                pass
            time.sleep(0.2)
        i = 0
        while not self.stop.is_set():
            i += 1
            try:
                page = web.get(f"/initiatives/{self.slug}?lang=en")
                sent = web.post(f"/initiatives/{self.slug}/comments",
                                {**form_fields(page.body), "body": f"停止試験のコメント {n}-{i}", "website": ""})
                match = re.search(r"#comment-(\d+)$", sent.location) if sent.status == 302 else None
            except (OSError, ValueError) as error:
                sent, match = type(error).__name__, None
            with self.lock:
                if match:
                    self.comment_ids.append(int(match.group(1)))
                else:
                    self.failures[f"comment:{getattr(sent, 'status', sent)}"] += 1
            if not match:
                time.sleep(0.1)


def after_restart_home():
    """The home page after the restart; the first answers of cold workers on a busy machine can be slow."""
    deadline = time.monotonic() + 90
    while True:
        try:
            return WebClient(f"http://127.0.0.1:{PORT}", timeout=30).get("/")
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(1)


def cycle(url: str, topic_id: int, slot_ids: list[int], slug: str, number: int, seconds: float) -> bool:
    server = start_gunicorn("civic:create_app()", PORT, app_env(url))
    load = Load(topic_id, slot_ids, slug, number)
    threads = [threading.Thread(target=load.booker, args=(n,)) for n in range(BOOKERS)]
    threads += [threading.Thread(target=load.commenter, args=(n,)) for n in range(COMMENTERS)]
    for t in threads:
        t.start()
    deadline = time.monotonic() + 60  # let the load get going (workers warm up), bounded
    while len(load.codes) < 10 and time.monotonic() < deadline:
        time.sleep(0.2)
    time.sleep(seconds)
    stop(server, signal.SIGKILL)  # master and workers at once, mid-request
    time.sleep(1)
    load.stop.set()
    for t in threads:
        t.join(timeout=30)
    server = start_gunicorn("civic:create_app()", PORT, app_env(url))
    try:
        home = after_restart_home()
        app = app_for(url)
        from civic.extensions import db
        from civic.helpdesk.models import Booking, Slot
        from civic.initiatives.models import Comment

        with app.app_context():
            found_codes = set(db.session.scalars(sa.select(Booking.code).where(Booking.code.in_(load.codes))))
            found_comments = set(db.session.scalars(sa.select(Comment.id).where(Comment.id.in_(load.comment_ids))))
            counted = dict(db.session.execute(
                sa.select(Booking.slot_id, sa.func.count()).where(Booking.status != "cancelled")
                .group_by(Booking.slot_id)).all())
            counters = dict(db.session.execute(sa.select(Slot.id, Slot.booked)).all())
            rows = db.session.scalar(sa.select(sa.func.count()).select_from(Booking))
            db.engine.dispose()
    finally:
        stop(server)
    lost_codes = set(load.codes) - found_codes
    lost_comments = set(load.comment_ids) - found_comments
    mismatched = {s: (counters[s], counted.get(s, 0)) for s in counters if counters[s] != counted.get(s, 0)}
    good = not lost_codes and not lost_comments and not mismatched and home.status == 200
    print(f"  cycle {number}: killed {seconds:.0f} s into a running load; confirmed bookings {len(load.codes)} "
          f"(all present: {not lost_codes}, lost {len(lost_codes)}), confirmed comments {len(load.comment_ids)} "
          f"(lost {len(lost_comments)}); requests without a confirmation {sum(load.failures.values())} {dict(load.failures)}; booking rows now {rows}; "
          f"slot counters match bookings: {not mismatched}; after restart home answered {home.status}",
          flush=True)
    return good


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=float, default=4)
    parser.add_argument("--cycles", type=int, default=2)
    args = parser.parse_args()
    url = fresh_database("postgresql", NAME)
    try:
        topic_id, slot_ids, slug = prepare(url)
        results = [cycle(url, topic_id, slot_ids, slug, n, args.seconds) for n in range(1, args.cycles + 1)]
    finally:
        drop_database("postgresql", NAME)
    good = all(results)
    print("SIGKILL during writes: " + ("no confirmed booking or comment lost" if good else "FAILED"))
    return 0 if good else 1


if __name__ == "__main__":
    sys.exit(main())
