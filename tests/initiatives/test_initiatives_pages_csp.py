"""Every initiatives page works under the site's CSP: no inline script or style, in all three languages."""
import re

import pytest

from civic.extensions import db
from civic.initiatives.models import Initiative


@pytest.mark.parametrize("lang", ["ja", "ja-easy", "en"])
def test_pages_have_no_inline_script_or_style(signed_in, make_initiative, make_comment, make_user, read, lang):
    slug = make_initiative(title_en="Bus")
    [initiative] = read(db.select(Initiative))
    comment_id = make_comment(slug, make_user(), "意見")
    planner = signed_in("planner")
    urls = ["/initiatives/", f"/initiatives/{slug}", f"/initiatives/comments/{comment_id}/reply",
            f"/initiatives/comments/{comment_id}/report", "/planner/initiatives/", "/planner/initiatives/new",
            f"/planner/initiatives/{initiative.id}", f"/planner/initiatives/{initiative.id}/kpis/new",
            "/planner/initiatives/moderation", "/"]
    for url in urls:
        response = planner.get(f"{url}?lang={lang}")
        assert response.status_code == 200, url
        html = response.get_data(as_text=True)
        assert not re.search(r"<script(?![^>]*\bsrc=)", html), url
        assert " style=" not in html and "<style" not in html, url
