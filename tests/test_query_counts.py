"""Every resident page runs the same number of SQL queries whatever the amount of data (no N+1 queries).

The pages and the data come from the benchmark (bench/pages.py, bench/seed.py), so a page added there is checked
here too. Not timed: only statements are counted.
"""
from __future__ import annotations

import pytest

from bench import seed
from bench.pages import RESIDENT_PAGES, count_queries
from civic.extensions import db
from tests.helpers import Browser


def wipe(app) -> None:
    with app.app_context():
        db.session.remove()
        with db.engine.begin() as connection:
            for table in reversed(db.metadata.sorted_tables):
                connection.execute(table.delete())


def measure(app, make_user, scale: str) -> dict[tuple[str, str], int]:
    wipe(app)
    ctx = seed.seed(app, seed.SCALES[scale])
    resident = make_user("resident")
    anonymous, signed_in = Browser(app.test_client()), Browser(app.test_client())
    signed_in.sign_in(resident.email)
    counts = {}
    for who, browser in (("anonymous", anonymous), ("resident", signed_in)):
        for label, make_url in RESIDENT_PAGES:
            url = make_url(ctx)
            browser.get(url)  # warm
            count, status = count_queries(app, browser.client, url)
            assert status == 200, f"{label} ({who}) answered {status} with {scale} data"
            counts[(label, who)] = count
    return counts


@pytest.mark.parametrize("bigger", ["medium"])
def test_query_counts_do_not_grow_with_the_data(app, make_user, bigger):
    small = measure(app, make_user, "small")
    large = measure(app, make_user, bigger)
    grew = {page: (small[page], large[page]) for page in small if small[page] != large[page]}
    assert not grew, f"queries per page grew with the data (small, larger): {grew}"
    assert all(count > 0 for count in small.values())  # the counter sees the queries at all
