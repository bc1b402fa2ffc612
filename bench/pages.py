"""The resident pages that the benchmark loads and whose SQL query counts must not grow with the data.

Each entry: (label, function of the seed context -> URL).
"""
from __future__ import annotations

RESIDENT_PAGES = [
    ("home", lambda ctx: "/"),
    ("initiative list", lambda ctx: "/initiatives/"),
    ("initiative with many comments", lambda ctx: f"/initiatives/{ctx['busy_slug']}"),
    ("help-desk slot list", lambda ctx: f"/helpdesk/when?topic={ctx['topic_id']}&location={ctx['location_id']}"),
    ("survey list", lambda ctx: "/surveys/"),
    ("survey page", lambda ctx: f"/surveys/{ctx['survey_id']}/"),
]


def count_queries(app, client, url: str) -> tuple[int, int]:
    """(SQL statements run, HTTP status) for one request, counted with SQLAlchemy's before_cursor_execute."""
    import sqlalchemy as sa

    from civic.extensions import db

    with app.app_context():
        engine = db.engine
    statements: list[str] = []

    def listener(conn, cursor, statement, *args):
        statements.append(statement)

    sa.event.listen(engine, "before_cursor_execute", listener)
    try:
        response = client.get(url)
    finally:
        sa.event.remove(engine, "before_cursor_execute", listener)
    return len(statements), response.status_code
