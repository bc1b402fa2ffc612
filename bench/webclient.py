"""A small HTTP client for the resilience commands: keeps cookies, does not follow redirects, always times out."""
from __future__ import annotations

import html
import http.cookiejar
import re
import urllib.error
import urllib.parse
import urllib.request

CSRF = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"|value="([^"]+)"[^>]*name="csrf_token"')
HIDDEN = re.compile(r'<input[^>]*name="(idempotency_key)"[^>]*value="([^"]*)"')


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Response:
    def __init__(self, status: int, headers, body: str) -> None:
        self.status, self.headers, self.body = status, headers, body

    @property
    def location(self) -> str:
        return self.headers.get("Location", "")


class WebClient:
    def __init__(self, base: str, timeout: float = 15) -> None:
        self.base, self.timeout = base, timeout
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()), NoRedirect())

    def request(self, path: str, data: dict | None = None) -> Response:
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        request = urllib.request.Request(self.base + path, data=body)
        try:
            with self.opener.open(request, timeout=self.timeout) as response:
                return Response(response.status, response.headers, response.read().decode("utf-8", "replace"))
        except urllib.error.HTTPError as error:
            return Response(error.code, error.headers, error.read().decode("utf-8", "replace"))

    def get(self, path: str) -> Response:
        return self.request(path)

    def post(self, path: str, data: dict) -> Response:
        return self.request(path, data)


def form_fields(page: str) -> dict:
    """The CSRF token and idempotency key a form page carries."""
    match = CSRF.search(page)
    if not match:
        raise ValueError("the page has no CSRF token")
    fields = {"csrf_token": html.unescape(match.group(1) or match.group(2))}
    for name, value in HIDDEN.findall(page):
        fields[name] = html.unescape(value)
    return fields


BOOKING_CODE = re.compile(r'class="helpdesk-code">([A-Z0-9]{3}) ([A-Z0-9]{3})<')


def book(client: WebClient, slot_id: int, topic_id: int, name: str, phone: str) -> tuple[str, str | None]:
    """Fill and send the booking form as a resident does. ("booked", code) / ("full", None) / ("error:<why>", None).

    A booking counts as confirmed only when the confirmation page showing its code was received.
    """
    url = f"/helpdesk/book/{slot_id}?topic={topic_id}&lang=en"
    page = client.get(url)
    if page.status == 302:
        return "full", None
    if page.status != 200:
        return f"error:form {page.status}", None
    data = {**form_fields(page.body), "name": name, "phone": phone, "email": "", "age_band": "", "purpose": "",
            "device": "", "interpreter_language": "", "consent": "y", "website": ""}
    sent = client.post(url, data)
    if sent.status == 302 and "/helpdesk/waitlist/" in sent.location:
        return "full", None
    if sent.status != 302 or "/helpdesk/booking/" not in sent.location:
        return f"error:post {sent.status}", None
    confirmation = client.get(urllib.parse.urlsplit(sent.location).path + "?lang=en")
    match = BOOKING_CODE.search(confirmation.body)
    if confirmation.status != 200 or not match:
        return f"error:confirmation {confirmation.status}", None
    return "booked", match.group(1) + match.group(2)
