"""Overbooking check: many residents book the last places of one slot at the same moment, through gunicorn's
several worker processes, on SQLite and on PostgreSQL. Exits 1 if the slot ever holds more than its capacity.

    python -m bench.overbooking [--clients 40] [--capacity 5] [--databases sqlite postgresql]
"""
from __future__ import annotations

import argparse
import sys
import threading
import time
from collections import Counter

import sqlalchemy as sa

from bench.databases import add_slots, app_for, drop_database, fresh_database
from bench.servers import app_env, start_gunicorn, stop
from bench.webclient import WebClient, book, form_fields

PORT = 5210


def run(kind: str, clients: int, capacity: int, rounds: int) -> bool:
    name = "overbooking" if kind == "sqlite" else "civic_bench_overbooking"
    url = fresh_database(kind, name)
    app = app_for(url)
    topic_id, slot_ids = add_slots(app, [capacity] * rounds)
    server = start_gunicorn("civic:create_app()", PORT, app_env(url))
    ok = True
    try:
        for round_number, slot_id in enumerate(slot_ids, 1):
            outcomes: Counter = Counter()
            codes: list[str] = []
            lock = threading.Lock()
            barrier = threading.Barrier(clients, timeout=60)

            def client(n: int) -> None:
                web = WebClient(f"http://127.0.0.1:{PORT}", timeout=30)
                form_page = web.get(f"/helpdesk/book/{slot_id}?topic={topic_id}&lang=en")  # warm the session
                try:
                    form_fields(form_page.body)
                finally:
                    barrier.wait()  # everybody sends at the same moment
                outcome, code = book(web, slot_id, topic_id, f"住民 {n}", f"090{round_number:02d}{n:06d}")
                with lock:
                    outcomes[outcome.split(":")[0] if outcome.startswith("error") else outcome] += 1
                    if code:
                        codes.append(code)

            threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
            started = time.monotonic()
            for t in threads:
                t.start()
            for t in threads:
                t.join(timeout=120)
            elapsed = time.monotonic() - started
            from civic.extensions import db
            from civic.helpdesk.models import Booking, Slot

            with app.app_context():
                booked = db.session.get(Slot, slot_id).booked
                rows = db.session.scalar(sa.select(sa.func.count()).select_from(Booking).where(
                    Booking.slot_id == slot_id, Booking.status != "cancelled"))
                db.engine.dispose()
            good = booked <= capacity and rows <= capacity and rows == outcomes["booked"] == booked
            ok &= good
            print(f"  {kind} round {round_number}: {clients} attempts at once, capacity {capacity}: "
                  f"{outcomes['booked']} booked, {outcomes['full']} told it was full, {outcomes['error']} errors; "
                  f"slot counter {booked}, booking rows {rows} ({elapsed:.1f} s) -> {'OK' if good else 'OVERBOOKED'}",
                  flush=True)
    finally:
        stop(server)
        drop_database(kind, name)
    return ok


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--clients", type=int, default=40)
    parser.add_argument("--capacity", type=int, default=5)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--databases", nargs="+", default=["sqlite", "postgresql"])
    args = parser.parse_args()
    results = {kind: run(kind, args.clients, args.capacity, args.rounds) for kind in args.databases}
    for kind, good in results.items():
        print(f"overbooking on {kind}: {'never more bookings than places' if good else 'FAILED'}")
    return 0 if all(results.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
