"""Fresh databases for the resilience commands: a SQLite file under bench/data/, or a PostgreSQL database whose
name starts with civic_bench (created and dropped here; the PostgreSQL server itself is never touched)."""
from __future__ import annotations

import os
import subprocess
from datetime import datetime, timedelta, timezone

from bench.servers import DATA, app_env, flask

POSTGRES = os.environ.get("BENCH_POSTGRES", "postgresql://postgres@127.0.0.1:5432")


def psql(sql: str) -> None:
    env = {**os.environ, "PGOPTIONS": "-c client_min_messages=warning"}
    subprocess.run(["psql", POSTGRES + "/postgres", "-qc", sql], check=True, stdout=subprocess.DEVNULL, env=env)


def fresh_database(kind: str, name: str) -> str:
    """A migrated, empty database; returns its URL."""
    if kind == "sqlite":
        DATA.mkdir(parents=True, exist_ok=True)
        path = DATA / f"{name}.db"
        for suffix in ("", "-wal", "-shm"):
            path.with_name(path.name + suffix).unlink(missing_ok=True)
        url = f"sqlite:///{path}"
    else:
        assert name.startswith("civic_bench"), name
        psql(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        psql(f"CREATE DATABASE {name}")
        url = f"{POSTGRES}/{name}"
    flask(["db", "upgrade"], app_env(url))
    return url


def drop_database(kind: str, name: str) -> None:
    if kind == "postgresql":
        psql(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def app_for(url: str):
    """The app in this process, on that database (for setting up data and checking results)."""
    os.environ.update({k: v for k, v in app_env(url).items() if k.startswith("CIVIC_")})
    from civic import create_app

    return create_app()


def add_slots(app, capacities: list[int], days_ahead: int = 3) -> tuple[int, list[int]]:
    """A topic, a location and one future slot per capacity; returns (topic_id, slot ids)."""
    from civic.extensions import db
    from civic.helpdesk.models import Location, Slot, Topic

    with app.app_context():
        topic = Topic(key="resilience", name_ja="スマートフォンの基本", name_en="Smartphone basics")
        location = Location(name_ja="北公民館", name_en="North Hall", address="ひかり市北町1")
        db.session.add_all([topic, location])
        db.session.flush()
        start = (datetime.now(timezone.utc) + timedelta(days=days_ahead)).replace(minute=0, second=0, microsecond=0)
        slots = [Slot(location_id=location.id, starts_at=start + timedelta(hours=n), capacity=capacity, booked=0,
                      ends_at=start + timedelta(hours=n, minutes=45)) for n, capacity in enumerate(capacities)]
        db.session.add_all(slots)
        db.session.commit()
        result = topic.id, [slot.id for slot in slots]
        db.engine.dispose()
        return result
