"""Helpers the tests share: a Browser that fills forms as a person does, and the TOTP codes of test users.

Kept out of conftest.py so there is exactly one copy of the registry, however a test imports it.
"""
from __future__ import annotations

import re

DEFAULT_PASSWORD = "correct horse battery"
# email -> TOTP secret of users the factory enrolled; the Browser answers the second step with it.
TOTP_SECRETS: dict[str, str] = {}
_last_totp_step: dict[str, int] = {}


def totp_code_for(email: str) -> str:
    """A valid code not used before for this account (the server refuses a replayed code)."""
    import pyotp
    import time as _time

    totp = pyotp.TOTP(TOTP_SECRETS[email])
    current = int(_time.time() // totp.interval)
    # The current step or the next (the server accepts one step either side); never the previous one, which a
    # step boundary passing during the request would make too old.
    step = max(current, _last_totp_step.get(email, current - 1) + 1)
    if step > current + 1:  # two sign-ins of one account within one step: wait for the next
        _time.sleep(totp.interval - _time.time() % totp.interval + 0.1)
        return totp_code_for(email)
    _last_totp_step[email] = step
    return totp.generate_otp(step)


CSRF_INPUT = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"|value="([^"]+)"[^>]*name="csrf_token"')


def csrf_token_from(html: str) -> str:
    match = CSRF_INPUT.search(html)
    assert match, "the page has no CSRF token"
    return match.group(1) or match.group(2)


class Browser:
    """Drives the test client the way a person does: open the page, fill the form it shows, send it."""

    def __init__(self, client) -> None:
        self.client = client

    def get(self, url, **kwargs):
        return self.client.get(url, **kwargs)

    def submit(self, page_url: str, data: dict, action: str | None = None, **kwargs):
        page = self.client.get(page_url)
        assert page.status_code == 200, f"{page_url} answered {page.status_code}"
        data = {"csrf_token": csrf_token_from(page.get_data(as_text=True)), **data}
        return self.client.post(action or page_url, data=data, **kwargs)

    def post(self, url: str, data: dict | None = None, token_from: str = "/", **kwargs):
        """A POST with a valid token taken from another page (for buttons that live on a list page)."""
        page = self.client.get(token_from)
        data = {"csrf_token": csrf_token_from(page.get_data(as_text=True)), **(data or {})}
        return self.client.post(url, data=data, **kwargs)

    def sign_in(self, email: str, password: str = DEFAULT_PASSWORD):
        """Password, then (for accounts with a second factor) a current TOTP code, as a person would."""
        response = self.submit("/account/signin", {"email": email, "password": password})
        assert response.status_code == 302, "sign-in failed"
        if response.headers["Location"].endswith("/account/signin/code"):
            response = self.submit("/account/signin/code", {"code": totp_code_for(email.lower())})
            assert response.status_code == 302, "second factor refused"
        return response

    def sign_out(self):
        return self.post("/account/signout")
