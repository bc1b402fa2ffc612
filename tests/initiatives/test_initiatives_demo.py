from civic.extensions import db
from civic.initiatives.models import Comment, Initiative, Kpi, KpiValue, ProgressUpdate


def counts(app):
    with app.app_context():
        return {model.__name__: db.session.scalar(db.select(db.func.count()).select_from(model))
                for model in (Initiative, ProgressUpdate, Kpi, KpiValue, Comment)}


def test_seed_demo_creates_initiatives_once(app, runner, client):
    assert runner.invoke(args=["seed-demo"]).exit_code == 0
    first = counts(app)
    assert first["Initiative"] == 8
    assert first["ProgressUpdate"] >= 8 and first["Kpi"] >= 6 and first["KpiValue"] >= 12 and first["Comment"] >= 8
    assert runner.invoke(args=["seed-demo"]).exit_code == 0
    assert counts(app) == first
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count(Comment.id)).where(Comment.official)) >= 1
        assert db.session.scalar(db.select(db.func.count(Comment.id)).where(Comment.parent_id.is_not(None))) >= 3
        assert db.session.scalar(db.select(db.func.count(Comment.id)).where(Comment.channel != "web")) >= 1
    html = client.get("/initiatives/", query_string={"q": "見守"}).get_data(as_text=True)
    assert "高齢者見守りセンサー" in html
    assert "AIデマンド交通" in client.get("/initiatives/", query_string={"q": "交通"}).get_data(as_text=True)
    page = client.get("/initiatives/ai-demand-bus?lang=en").get_data(as_text=True)
    assert "Riders per month" in page and "Service started" in page


def test_every_demo_page_renders_in_every_language(runner, client):
    from civic.initiatives.demo import INITIATIVES

    runner.invoke(args=["seed-demo"])
    for spec in INITIATIVES:
        for lang in ("ja", "ja-easy", "en"):
            assert client.get(f"/initiatives/{spec['slug']}?lang={lang}").status_code == 200, spec["slug"]
