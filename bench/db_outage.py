"""Database outage (PostgreSQL): the app runs under gunicorn through a TCP proxy in front of PostgreSQL; the proxy
is cut, pages must answer the friendly 503 (and /healthz "unavailable") within a bounded time, and once the proxy is
restored every page must recover without restarting gunicorn. The real PostgreSQL server is never stopped.

    python -m bench.db_outage [--modes refuse blackhole] [--bound 15]
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from concurrent.futures import ThreadPoolExecutor

from bench.databases import POSTGRES, drop_database, fresh_database
from bench.servers import ROOT, app_env, start_gunicorn, stop
from bench.tcpproxy import Proxy
from bench.webclient import WebClient

APP_PORT, PROXY_PORT = 5220, 5221
NAME = "civic_bench_outage"
PAGES = ["/?lang=en", "/initiatives/?lang=en", "/helpdesk/?lang=en", "/healthz"]
FRIENDLY = "The service is temporarily unavailable"
REQUESTS_PER_PAGE = 8  # several per page, so every worker meets the outage


def probe(web: WebClient, path: str) -> tuple[int, float, str]:
    started = time.monotonic()
    try:
        response = web.get(path)
        status, body = response.status, response.body
    except OSError as error:  # timeout or connection dropped: no answer at all
        status, body = 0, str(error)
    return status, time.monotonic() - started, body


def answered_unavailable(path: str, status: int, body: str) -> bool:
    if status != 503:
        return False
    if path == "/healthz":
        return json.loads(body).get("status") == "unavailable"
    return FRIENDLY in body


def outage(proxy: Proxy, mode: str, bound: float) -> bool:
    web = WebClient(f"http://127.0.0.1:{APP_PORT}", timeout=bound + 30)
    for path in PAGES * REQUESTS_PER_PAGE:  # every worker has pooled connections before the cut
        status, _, _ = probe(web, path)
        if status != 200:
            print(f"  before the cut, {path} answered {status}")
            return False
    proxy.set_mode(mode)
    cut_at = time.monotonic()
    worst, wrong = 0.0, []
    with ThreadPoolExecutor(max_workers=8) as pool:  # 8 residents at once, so a hang shows without waiting 8 times
        answers = list(pool.map(lambda path: (path, *probe(WebClient(web.base, web.timeout), path)),
                                PAGES * REQUESTS_PER_PAGE))
    for path, status, seconds, body in answers:
        worst = max(worst, seconds)
        if not answered_unavailable(path, status, body) or seconds > bound:
            wrong.append(f"{path} {status} in {seconds:.1f} s")
    print(f"  {mode}: {len(PAGES) * REQUESTS_PER_PAGE} requests during the outage, slowest answer {worst:.1f} s "
          f"(bound {bound:.0f} s); not a friendly 503 in time: {len(wrong)}"
          + (f" e.g. {', '.join(wrong[:4])}" if wrong else ""), flush=True)
    proxy.set_mode("up")
    restored_at = time.monotonic()
    recovered = None
    while time.monotonic() - restored_at < 60:
        results = [probe(web, path)[0] for path in PAGES * REQUESTS_PER_PAGE]
        if all(status == 200 for status in results):
            recovered = time.monotonic() - restored_at
            break
        time.sleep(0.5)
    print(f"  {mode}: after restoring the database, every page answered 200 "
          + (f"within {recovered:.1f} s, without restarting gunicorn" if recovered is not None
             else "-- NOT within 60 s"), f"(outage lasted {restored_at - cut_at:.1f} s)", flush=True)
    return not wrong and recovered is not None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--modes", nargs="+", default=["refuse", "blackhole"], choices=["refuse", "blackhole"])
    parser.add_argument("--bound", type=float, default=15.0, help="seconds any request may take during the outage")
    args = parser.parse_args()
    fresh_database("postgresql", NAME)
    host, port = POSTGRES.rsplit("@", 1)[1].split(":")
    proxy = Proxy(PROXY_PORT, (host, int(port)))
    url = POSTGRES.replace(f"{host}:{port}", f"127.0.0.1:{PROXY_PORT}") + f"/{NAME}"
    env = app_env(url, CIVIC_DATABASE_CONNECT_TIMEOUT="3", CIVIC_DATABASE_STATEMENT_TIMEOUT_MS="5000",
                  CIVIC_REQUEST_TIMEOUT="8")
    server = start_gunicorn("civic:create_app()", APP_PORT, env, log=ROOT / "bench" / "data" / "db_outage.log")
    results = {}
    try:
        for mode in args.modes:
            results[mode] = outage(proxy, mode, args.bound)
    finally:
        stop(server)
        proxy.close()
        drop_database("postgresql", NAME)
    for mode, good in results.items():
        print(f"database outage ({mode}): {'friendly 503 in time, recovered without restart' if good else 'FAILED'}")
    return 0 if all(results.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
