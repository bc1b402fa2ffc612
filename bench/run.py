"""`make bench`: build a large database, serve civic and a bare Flask app with gunicorn, load both with wrk, count
SQL queries per resident page with small and large data, write bench/results.md.

Bounded: each page is loaded for DURATION seconds with 2 connections per core; the whole run takes a few minutes.
"""
from __future__ import annotations

import os
import platform
import re
import shutil
import subprocess
import sys
import time
from datetime import datetime, timezone

from bench import seed
from bench.pages import RESIDENT_PAGES, count_queries as count_page_queries
from bench.servers import DATA, ROOT, app_env, flask, start_gunicorn, stop

DURATION = int(os.environ.get("BENCH_SECONDS", "10"))
CONNECTIONS = 2 * (os.cpu_count() or 1)
APP_PORT, BARE_PORT = 5201, 5202

PAGES = RESIDENT_PAGES  # bench/pages.py: surveys add their page there


def build_database(name: str, scale: seed.Scale) -> tuple[str, dict]:
    path = DATA / f"{name}.db"
    for suffix in ("", "-wal", "-shm"):
        path.with_name(path.name + suffix).unlink(missing_ok=True)
    url = f"sqlite:///{path}"
    env = app_env(url)
    flask(["db", "upgrade"], env)
    os.environ.update({k: v for k, v in env.items() if k.startswith("CIVIC_")})
    from civic import create_app

    app = create_app()
    ctx = seed.seed(app, scale)
    with app.app_context():
        from civic.extensions import db

        db.engine.dispose()
    return url, ctx


def count_queries(url: str, ctx: dict) -> dict[str, tuple[int, int]]:
    """SQL statements and HTTP status per page, measured in-process on a warm app (second request counted)."""
    os.environ["CIVIC_DATABASE_URL"] = url
    from civic import create_app
    from civic.extensions import db

    app = create_app()
    client = app.test_client()
    counts = {}
    for label, make_url in PAGES:
        client.get(make_url(ctx))  # warm: the first request of a process loads more than later ones
        counts[label] = count_page_queries(app, client, make_url(ctx))
    with app.app_context():
        db.engine.dispose()
    return counts


RESULT = re.compile(r"RESULT requests=(\d+) duration_us=(\d+) p50=(\d+) p95=(\d+) p99=(\d+) non2xx=(\d+) "
                    r"socket_errors=(\d+)")


def load(port: int, path: str) -> dict:
    url = f"http://127.0.0.1:{port}{path}"
    output = subprocess.run(
        ["wrk", f"-t{min(CONNECTIONS, os.cpu_count() or 1)}", f"-c{CONNECTIONS}", f"-d{DURATION}s", "--timeout", "10s",
         "-s", str(ROOT / "bench" / "wrk_report.lua"), url],
        capture_output=True, text=True, timeout=DURATION + 60, check=True).stdout
    match = RESULT.search(output)
    if not match:
        raise RuntimeError(f"wrk gave no result for {url}:\n{output}")
    requests, duration, p50, p95, p99, non2xx, errors = map(int, match.groups())
    return {"rps": requests / (duration / 1e6), "p50": p50 / 1000, "p95": p95 / 1000, "p99": p99 / 1000,
            "requests": requests, "non2xx": non2xx, "errors": errors}


def main() -> int:
    if shutil.which("wrk") is None:
        print("wrk is not installed (make bench installs it with apt-get)", file=sys.stderr)
        return 2
    started = time.monotonic()
    load_before = os.getloadavg()[0]
    DATA.mkdir(parents=True, exist_ok=True)
    print("small database ...", flush=True)
    small_url, small_ctx = build_database("small", seed.SCALES["small"])
    print("large database ...", flush=True)
    large_url, large_ctx = build_database("large", seed.SCALES["large"])
    print("counting SQL queries per page ...", flush=True)
    small_counts = count_queries(small_url, small_ctx)
    large_counts = count_queries(large_url, large_ctx)

    print(f"serving civic on :{APP_PORT} and the bare app on :{BARE_PORT} ...", flush=True)
    app_server = start_gunicorn("civic:create_app()", APP_PORT, app_env(large_url))
    bare_server = start_gunicorn("bench.bare:app", BARE_PORT, app_env(large_url))
    try:
        print(f"bare Flask app ({DURATION} s) ...", flush=True)
        bare = load(BARE_PORT, "/")
        results = {}
        for label, make_url in PAGES:
            print(f"{label} ({DURATION} s) ...", flush=True)
            results[label] = load(APP_PORT, make_url(large_ctx))
    finally:
        stop(app_server)
        stop(bare_server)

    print("survey exports: 10,000 and 100,000 responses ...", flush=True)
    exports = {count: subprocess.run([sys.executable, str(ROOT / "bench" / "export_surveys.py"), "--responses",
                                      str(count)], capture_output=True, text=True, timeout=600).stdout.strip()
               for count in (10_000, 100_000)}

    scale = seed.SCALES["large"]
    lines = [
        "# Benchmark results",
        "",
        f"Written by `make bench` on {datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC; {os.cpu_count()} cores, "
        f"Python {platform.python_version()}, SQLite. gunicorn as the README advises (`--workers 4 --timeout 120`); "
        f"wrk on 127.0.0.1, {CONNECTIONS} connections, {DURATION} s per page; rate limits off for the run.",
        f"Data: {scale.initiatives} initiatives, {scale.comments:,} comments ({scale.comments // 2:,} on the busy "
        f"initiative), {scale.bookings:,} bookings, {scale.users} accounts, {scale.responses:,} survey responses.",
        "",
        "| page | requests/s | p50 ms | p95 ms | p99 ms | vs bare app | non-2xx | SQL queries (small → large data) |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
        f"| bare Flask app (fixed string) | {bare['rps']:.0f} | {bare['p50']:.1f} | {bare['p95']:.1f} | "
        f"{bare['p99']:.1f} | 100 % | {bare['non2xx']} | – |",
    ]
    grew = []
    for label, _ in PAGES:
        r = results[label]
        small, large = small_counts[label][0], large_counts[label][0]
        if small != large:
            grew.append(label)
        lines.append(f"| {label} | {r['rps']:.0f} | {r['p50']:.1f} | {r['p95']:.1f} | {r['p99']:.1f} | "
                     f"{100 * r['rps'] / bare['rps']:.1f} % | {r['non2xx']} | {small} → {large} |")
    lines += ["", "Query counts: " + ("the same for small and large data on every page."
                                      if not grew else "GREW with the data on: " + ", ".join(grew) + "."),
              f"Total run time: {time.monotonic() - started:.0f} s. Load average (1 min) before the run "
              f"{load_before:.1f}, after {os.getloadavg()[0]:.1f}: anything else running on the machine lowers the "
              "absolute figures; compare the ratios to the bare app.", "",
              "## Survey exports", "",
              "Each export streamed to a temporary file (`bench/export_surveys.py`): time without tracing, then "
              "peak Python memory with tracemalloc in a second run. Memory is flat when the peak barely changes "
              "between 10,000 and 100,000 responses.", ""]
    for count, output in exports.items():
        lines += [f"{count:,} responses:", "", "```", output, "```", ""]
    (ROOT / "bench" / "results.md").write_text("\n".join(lines))
    print("\n".join(lines))
    bad = [label for label, r in results.items() if r["non2xx"] or r["errors"]]
    if bad:
        print("pages answered errors under load: " + ", ".join(bad), file=sys.stderr)
    return 1 if bad or grew else 0


if __name__ == "__main__":
    sys.exit(main())
