"""The KPI dashboard at /planner/ and KPIs fed from help-desk and survey figures."""
import sqlalchemy as sa

from civic.extensions import db
from civic.initiatives.models import Kpi, KpiValue


def test_dashboard_shows_kpis_helpdesk_surveys_and_issues(seeded, signed_in):
    html = signed_in("planner").get("/planner/?lang=en").get_data(as_text=True)
    assert "スマホ相談で支援した70歳以上の住民（月）" in html and "Help desk: residents aged 70 or over helped" in html
    assert "Help desk by month" in html and "Survey responses by channel" in html
    assert "300 responses" in html
    assert "Open local issues by priority" in html
    # Links to the planner tools stay.
    for endpoint in ("/planner/issues/", "/planner/themes/", "/planner/initiatives/", "/planner/surveys/"):
        assert f'href="{endpoint}"' in html
    assert "<script" not in html.split("</header>")[-1] and "style=" not in html


def test_update_kpis_records_values_once(app, seeded, runner):
    with app.app_context():
        kpi = db.session.scalars(sa.select(Kpi).where(Kpi.name_ja == "デジタル活用アンケートの回答数")).one()
        kpi_id = kpi.id
        before = db.session.scalar(sa.select(sa.func.count(KpiValue.id)))
    assert runner.invoke(args=["update-kpis"]).exit_code == 0
    assert runner.invoke(args=["update-kpis"]).exit_code == 0
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count(KpiValue.id))) == before
        values = db.session.scalars(sa.select(KpiValue).where(KpiValue.kpi_id == kpi_id)).all()
        assert [v.value for v in values] == [300.0]


def test_planner_sets_a_kpi_source_and_updates(app, seeded, signed_in):
    browser = signed_in("planner")
    with app.app_context():
        kpi_id = db.session.scalars(sa.select(Kpi.id).where(Kpi.name_ja == "月間利用者数")).one()
    response = browser.submit(f"/planner/kpis/{kpi_id}/source", {"kind": "helpdesk_sessions", "survey": ""})
    assert response.status_code == 302
    assert browser.post("/planner/kpis/update", token_from="/planner/").status_code == 302
    with app.app_context():
        notes = {v.source_note for v in db.session.scalars(sa.select(KpiValue).where(KpiValue.kpi_id == kpi_id))}
        assert "auto:helpdesk_sessions" in notes
