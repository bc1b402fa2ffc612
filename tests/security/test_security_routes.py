"""Route inventory: every URL rule is classified (tests/security/routes.py); state-changing requests need a valid
CSRF token; non-public routes refuse anonymous people and people of the wrong role; every response carries the
security headers."""
from __future__ import annotations

import pytest
from werkzeug.routing.converters import AnyConverter

from tests.security.routes import ALLOWED, OWNER_ONLY, ROLES, ROUTES

IGNORED_METHODS = {"HEAD", "OPTIONS"}


def rules(app):
    return sorted(app.url_map.iter_rules(), key=lambda rule: (rule.rule, rule.endpoint))


def methods_of(rule) -> list[str]:
    return sorted(rule.methods - IGNORED_METHODS)


def url_of(rule, objects: dict) -> str:
    values = dict(rule.defaults or {})  # e.g. topics/new is edit_topic with topic_id=None
    for name, converter in rule._converters.items():
        values[name] = sorted(converter.items)[0] if isinstance(converter, AnyConverter) else objects[name]
    path = rule.build(values)[1]
    if path.startswith("/helpdesk/"):
        path += "?" + objects["_query"]
    return path


def is_sent_to_sign_in(response) -> bool:
    return response.status_code in (301, 302, 303) and "/account/signin" in response.headers.get("Location", "")


def request(browser, method: str, url: str, token: bool = True):
    """GET, or a POST carrying a valid CSRF token (so what refuses it is the access rule, not the token)."""
    if method == "GET":
        response = browser.get(url)
        response.close()  # static files are streamed; close them
        return response
    if token:
        return browser.post(url, {}, token_from="/settings")
    return browser.client.open(url, method=method, data={})


def test_every_rule_is_classified(app):
    unclassified, changed = [], []
    answered: dict[str, set[str]] = {}
    for rule in rules(app):  # one path can have several rules (e.g. GET and POST in two views)
        answered.setdefault(rule.rule, set()).update(methods_of(rule))
    for path, methods in answered.items():
        entry = ROUTES.get(path)
        if entry is None:
            unclassified.append(path)
        elif sorted(entry[1].split()) != sorted(methods):
            changed.append(f"{path}: table says {entry[1]}, app answers {' '.join(sorted(methods))}")
    stale = set(ROUTES) - {rule.rule for rule in rules(app)}
    assert not unclassified, "classify these routes in tests/security/routes.py: " + ", ".join(unclassified)
    assert not changed, "; ".join(changed)
    assert not stale, f"routes in the table that the app no longer has: {sorted(stale)}"
    assert {access for access, _ in ROUTES.values()} <= {"public", *ALLOWED}


def test_state_changing_requests_without_a_valid_csrf_token_are_refused(app, objects, signed_in):
    browser = signed_in("admin")  # passes every guard, so only the token is missing
    accepted = []
    for rule in sorted(rules(app), key=lambda r: r.rule == "/account/signout"):  # signing out last
        for method in methods_of(rule):
            if method == "GET":
                continue
            url = url_of(rule, objects)
            for data in ({}, {"csrf_token": "forged-token"}):
                response = browser.client.open(url, method=method, data=data)
                if response.status_code != 400:
                    accepted.append(f"{method} {url} {data or 'no token'}: {response.status_code}")
    assert not accepted, accepted


def test_non_public_routes_send_anonymous_people_to_sign_in(app, objects, browser):
    let_in = []
    for rule in rules(app):
        if ROUTES[rule.rule][0] == "public":
            continue
        for method in methods_of(rule):
            response = request(browser, method, url_of(rule, objects))
            if not (is_sent_to_sign_in(response) or response.status_code in (401, 403)):
                let_in.append(f"{method} {rule.rule}: {response.status_code}")
    assert not let_in, let_in


@pytest.mark.parametrize("role", ROLES)
def test_each_role_gets_exactly_its_routes(app, objects, signed_in, role):
    """The role × route table: a wrong role gets 403 (GET and POST); the right role is let in (GET)."""
    browser = signed_in(role)
    wrong = []
    for rule in rules(app):
        access = ROUTES[rule.rule][0]
        if access == "public" or rule.rule == "/account/signout":
            continue
        allowed = role in ALLOWED[access]
        url = url_of(rule, objects)
        for method in methods_of(rule):
            if allowed and method != "GET":
                continue  # the domains' own tests send these with real data
            response = request(browser, method, url)
            if allowed and rule.rule in OWNER_ONLY and response.status_code == 403:
                continue  # another person's comment: refused by design
            if allowed and (response.status_code in (401, 403) or is_sent_to_sign_in(response)):
                wrong.append(f"{method} {url}: refused ({response.status_code}) though {role} may use it")
            if not allowed and response.status_code != 403:
                wrong.append(f"{method} {url}: {response.status_code}, expected 403 for {role}")
    assert not wrong, wrong


def assert_security_headers(response, where: str) -> None:
    headers = response.headers
    csp = headers.get("Content-Security-Policy", "")
    assert "default-src 'self'" in csp and "frame-ancestors 'none'" in csp, where
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp, where
    assert headers.get("X-Content-Type-Options") == "nosniff", where
    assert headers.get("X-Frame-Options") == "DENY", where
    assert headers.get("Referrer-Policy") == "strict-origin-when-cross-origin", where


@pytest.mark.parametrize("role", [None, "resident", "admin"])
def test_every_response_carries_the_security_headers(app, objects, browser, signed_in, role):
    if role:
        browser = signed_in(role)
    for rule in rules(app):
        if rule.rule == "/account/signout":
            continue
        url = url_of(rule, objects)
        for method in methods_of(rule):
            response = request(browser, method, url)
            assert_security_headers(response, f"{method} {url} as {role or 'anonymous'}")
            if role and response.mimetype == "text/html":  # pages of a signed-in person are never cached
                assert response.headers.get("Cache-Control") == "no-store", f"{method} {url} as {role}"
