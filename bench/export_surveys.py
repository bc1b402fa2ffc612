"""Measure the survey exports on 100,000 generated responses: time and peak memory for each format.

    .venv/bin/python bench/export_surveys.py [--responses 100000] [--database-url postgresql://...]

Builds a fresh database (a temporary SQLite file unless --database-url is given) through the migrations, adds
the demo survey (14 questions of every type) and N responses drawn from its 300 demo answers, then streams each
export to a temporary file. Time is measured without tracing; peak Python memory with tracemalloc in a second
run, so the tracing does not inflate the times. Memory is flat when the peak barely changes between N/10 and N.

Measured 2026-11-22 on a shared 2-core machine, SQLite, with lxml (times are noisy there):
    10,000 responses:  csv 0.8 s, csv-cp932 1.0 s, xlsx 3.2 s; peak Python memory 3.6 / 3.5 / 3.2 MiB
    100,000 responses: csv 8.8 s, csv-cp932 6.2 s, xlsx 33.3 s; peak Python memory 3.6 / 3.6 / 3.3 MiB;
                       files 15.5 / 12.6 / 10.1 MiB; max RSS of the whole process 96 MiB (92 MiB at 10,000)
"""
from __future__ import annotations

import argparse
import os
import random
import resource
import sys
import tempfile
import time
import tracemalloc
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import sqlalchemy as sa  # noqa: E402

from civic import create_app  # noqa: E402
from civic.config import TestConfig  # noqa: E402
from civic.database import utcnow  # noqa: E402
from civic.extensions import db  # noqa: E402


def build(app, count: int) -> int:
    from flask_migrate import upgrade

    from civic.demo import DemoContext
    from civic.surveys import demo
    from civic.surveys.models import Survey, SurveyResponse

    with app.app_context():
        upgrade()
        demo.seed_demo(DemoContext(echo=lambda *a: None))
        db.session.commit()
        survey = db.session.scalars(sa.select(Survey)).one()
        samples = [row.answers for row in db.session.scalars(sa.select(SurveyResponse))]
        db.session.execute(sa.delete(SurveyResponse))
        rng = random.Random(1)
        start = utcnow()
        batch = []
        table = SurveyResponse.__table__
        for number in range(count):
            batch.append({"survey_id": survey.id, "channel": rng.choice(["web", "web", "paper", "phone"]),
                          "answers": rng.choice(samples), "submitted_at": start - timedelta(minutes=number)})
            if len(batch) == 5000:
                db.session.execute(table.insert(), batch)
                batch = []
        if batch:
            db.session.execute(table.insert(), batch)
        db.session.commit()
        return survey.id


def run_export(app, survey_id: int, kind: str) -> int:
    from civic.surveys import exports, queries

    with app.test_request_context():
        survey = queries.survey_or_none(survey_id)
        if kind == "xlsx":
            handle = exports.write_xlsx(survey, "ja")
            size = os.fstat(handle.fileno()).st_size
            handle.close()
            return size
        size = 0
        with tempfile.TemporaryFile() as out:
            for chunk in exports.stream_csv(survey, "ja", "cp932" if kind == "csv-cp932" else "utf-8"):
                out.write(chunk)
                size += len(chunk)
        return size


def measure(app, survey_id: int, kind: str) -> dict:
    started = time.perf_counter()
    size = run_export(app, survey_id, kind)
    seconds = time.perf_counter() - started
    tracemalloc.start()
    run_export(app, survey_id, kind)
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return {"kind": kind, "seconds": seconds, "peak_mib": peak / 2**20, "size_mib": size / 2**20}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--responses", type=int, default=100_000)
    parser.add_argument("--database-url", default=None)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        url = args.database_url or f"sqlite:///{folder}/bench.db"
        if url.startswith("postgres"):
            engine = sa.create_engine(url.replace("postgresql://", "postgresql+psycopg://", 1))
            with engine.begin() as connection:
                connection.execute(sa.text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
            engine.dispose()
        app = create_app(TestConfig(url, instance_path=Path(folder)))
        started = time.perf_counter()
        survey_id = build(app, args.responses)
        print(f"database: {url.split('@')[-1]}; {args.responses:,} responses generated in "
              f"{time.perf_counter() - started:.1f} s")
        for kind in ("csv", "csv-cp932", "xlsx"):
            result = measure(app, survey_id, kind)
            print(f"{result['kind']:10} {result['seconds']:7.1f} s   peak Python memory {result['peak_mib']:6.1f} MiB"
                  f"   file {result['size_mib']:6.1f} MiB")
        print(f"max resident set size of the whole process: "
              f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB")


if __name__ == "__main__":
    main()
