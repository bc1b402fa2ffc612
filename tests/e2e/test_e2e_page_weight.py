"""Every resident page stays under 60 KB transferred, with the stylesheet already cached."""
import json

import pytest

from tests.e2e.conftest import ARTIFACTS

BUDGET_BYTES = 60 * 1024
RESIDENT_PAGES = ["/", "/account/signup", "/account/signin", "/account/password-reset", "/settings", "/privacy",
                  "/accessibility", "/initiatives/", "/initiatives/ai-demand-bus", "/helpdesk/", "/helpdesk/manage",
                  "/surveys/", "/api/"]


def transferred_bytes(page, path: str) -> tuple[int, list]:
    responses = []
    page.on("requestfinished", lambda request: responses.append(request))
    page.goto(path)
    page.wait_for_load_state("networkidle")
    total, items = 0, []
    for request in responses:
        sizes = request.sizes()
        size = sizes["responseBodySize"] + sizes["responseHeadersSize"]
        total += size
        items.append((request.url, size))
    return total, items


@pytest.mark.parametrize("language", ["ja", "ja-easy", "en"])
def test_resident_pages_stay_under_the_byte_budget(new_page, language):
    page = new_page("375x667", True, language)
    page.goto("/")  # primes the cache with the stylesheet
    page.wait_for_load_state("networkidle")
    report = {}
    for path in RESIDENT_PAGES:
        total, items = transferred_bytes(page, path)
        report[path] = {"bytes": total, "requests": items}
        assert total < BUDGET_BYTES, f"{path} ({language}) transferred {total} bytes: {items}"
    out = ARTIFACTS / "page-weight" / f"{language}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(report, indent=1))
