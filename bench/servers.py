"""Start and stop gunicorn for the benchmark and resilience commands (localhost only, bounded waits)."""
from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
DATA = ROOT / "bench" / "data"
# The README's production advice: 4 workers, 120 s timeout.
GUNICORN_ARGS = ["--workers", "4", "--timeout", "120"]


def app_env(database_url: str, **extra: str) -> dict:
    env = dict(os.environ)
    env.update({"CIVIC_ENV": "development", "CIVIC_INSTANCE_PATH": str(DATA / "instance"),
                "CIVIC_DATABASE_URL": database_url, "CIVIC_SECRET_KEY": "bench-secret-key-not-for-production",
                "CIVIC_RATELIMIT_ENABLED": "false"})
    env.update(extra)
    return env


def flask(args: list[str], env: dict) -> None:
    subprocess.run([str(BIN / "flask"), "--app", "civic", *args], env=env, cwd=ROOT, check=True,
                   stdout=subprocess.DEVNULL)


def wait_for_port(port: int, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with socket.socket() as s:
            s.settimeout(0.5)
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.2)
    raise RuntimeError(f"nothing answers on 127.0.0.1:{port} after {timeout} s")


def start_gunicorn(app_spec: str, port: int, env: dict, log: Path | None = None) -> subprocess.Popen:
    """gunicorn in its own process group, so it (master and workers) can be stopped or killed as one."""
    DATA.mkdir(parents=True, exist_ok=True)
    out = open(log or DATA / f"gunicorn-{port}.log", "ab")
    process = subprocess.Popen([str(BIN / "gunicorn"), app_spec, *GUNICORN_ARGS, "--bind", f"127.0.0.1:{port}",
                                "--control-socket", str(DATA / f"gunicorn-{port}.ctl")],
                               env=env, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    wait_for_port(port)
    time.sleep(1.0)  # let every worker boot, so the first measurements are not of imports
    return process


def stop(process: subprocess.Popen, sig: int = signal.SIGTERM) -> None:
    """Signal the whole process group (master and workers) and wait at most 30 s."""
    if process.poll() is not None:
        return
    try:
        os.killpg(process.pid, sig)
    except ProcessLookupError:
        return
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)
