import pytest

from civic import create_app
from civic.config import Config, ConfigError, TestConfig


def test_every_page_carries_the_security_headers(client):
    for url in ("/", "/account/signin", "/no-such-page", "/healthz"):
        headers = client.get(url).headers
        csp = headers["Content-Security-Policy"]
        assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
        assert "frame-ancestors 'none'" in csp
        assert "default-src 'self'" in csp
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
        assert headers["X-Frame-Options"] == "DENY"


def test_pages_have_no_inline_script_or_style(client):
    import re

    for url in ("/", "/account/signin", "/account/signup", "/settings", "/privacy"):
        html = client.get(url).get_data(as_text=True)
        assert not re.search(r"<script(?![^>]*\bsrc=)", html), url
        assert " style=" not in html and "<style" not in html, url


def test_session_cookie_is_httponly_and_samesite(browser, make_user):
    user = make_user()
    response = browser.sign_in(user.email)
    cookies = [value for key, value in response.headers.items() if key == "Set-Cookie" and "civic_session=" in value]
    assert cookies and all("HttpOnly" in c and "SameSite=Lax" in c for c in cookies)


def test_production_cookies_are_secure_and_hsts_is_sent(monkeypatch, tmp_path):
    monkeypatch.setenv("CIVIC_SECRET_KEY", "x" * 40)
    monkeypatch.setenv("CIVIC_DATABASE_URL", f"sqlite:///{tmp_path}/prod.db")
    config = Config()
    assert config.SESSION_COOKIE_SECURE and config.REMEMBER_COOKIE_SECURE
    app = create_app(config)
    response = app.test_client().get("/healthz", base_url="https://localhost")
    assert "max-age=31536000" in response.headers["Strict-Transport-Security"]


def test_production_start_without_secret_key_fails_clearly(monkeypatch):
    monkeypatch.delenv("CIVIC_SECRET_KEY", raising=False)
    monkeypatch.setenv("CIVIC_ENV", "production")
    with pytest.raises(ConfigError, match="CIVIC_SECRET_KEY is not set"):
        create_app()


def test_development_secret_key_is_generated_once_and_kept(monkeypatch, tmp_path):
    from civic.config import DevelopmentConfig

    monkeypatch.setenv("CIVIC_INSTANCE_PATH", str(tmp_path))
    monkeypatch.delenv("CIVIC_SECRET_KEY", raising=False)
    monkeypatch.setattr(DevelopmentConfig, "INSTANCE_PATH", tmp_path)
    first, second = DevelopmentConfig(), DevelopmentConfig()
    assert len(first.SECRET_KEY) > 40 and first.SECRET_KEY == second.SECRET_KEY
    assert (tmp_path / "secret_key").exists()


def test_database_url_uses_psycopg_driver():
    from civic.config import normalise_database_url

    assert normalise_database_url("postgresql://u@h/db") == "postgresql+psycopg://u@h/db"
    assert normalise_database_url("postgres://u@h/db") == "postgresql+psycopg://u@h/db"
    assert normalise_database_url("sqlite:///x.db") == "sqlite:///x.db"


def test_form_without_csrf_token_is_refused(client):
    response = client.post("/account/signin?lang=en", data={"email": "a@example.jp", "password": "whatever"})
    assert response.status_code == 400
    assert "expired" in response.get_data(as_text=True)


def test_sqlite_runs_with_foreign_keys_and_wal(app):
    from sqlalchemy import text

    from civic.extensions import db

    with app.app_context():
        if db.engine.dialect.name != "sqlite":
            pytest.skip("SQLite pragmas only")
        assert db.session.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert db.session.execute(text("PRAGMA journal_mode")).scalar() == "wal"


def test_redis_url_moves_rate_limits_to_redis(monkeypatch):
    monkeypatch.setenv("CIVIC_REDIS_URL", "redis://127.0.0.1:6379/0")
    config = TestConfig()
    assert config.REDIS_URL == "redis://127.0.0.1:6379/0"
    monkeypatch.setenv("CIVIC_SECRET_KEY", "x" * 40)
    assert Config().RATELIMIT_STORAGE_URI == "redis://127.0.0.1:6379/0"
