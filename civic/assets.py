"""Static files under content-hashed URLs (/static/civic.3f2a9c1b.css), cached for a year by browsers.

The hash changes whenever the file does, so a new release is never hidden behind an old cached copy.
"""
from __future__ import annotations

import hashlib
import re
from functools import lru_cache
from pathlib import Path

from flask import Flask, abort, send_from_directory, url_for

HASHED_NAME = re.compile(r"^(?P<stem>.+)\.(?P<digest>[0-9a-f]{10})(?P<suffix>\.[a-z0-9]+)$")


def init_app(app: Flask) -> None:
    static_folder = Path(app.static_folder)

    @lru_cache(maxsize=256)
    def digest_of(filename: str, mtime: float) -> str:
        return hashlib.sha256((static_folder / filename).read_bytes()).hexdigest()[:10]

    def asset_url(filename: str) -> str:
        path = static_folder / filename
        stem, dot, suffix = filename.rpartition(".")
        hashed = f"{stem}.{digest_of(filename, path.stat().st_mtime)}.{suffix}"
        return url_for("asset", filename=hashed)

    @app.get("/assets/<path:filename>")
    def asset(filename):
        match = HASHED_NAME.match(filename)
        if not match:
            abort(404)
        original = match["stem"] + match["suffix"]
        path = static_folder / original
        if not path.is_file() or digest_of(original, path.stat().st_mtime) != match["digest"]:
            abort(404)
        response = send_from_directory(static_folder, original, max_age=60 * 60 * 24 * 365)
        response.headers["Cache-Control"] = "public, max-age=31536000, immutable"
        return response

    app.jinja_env.globals["asset_url"] = asset_url
