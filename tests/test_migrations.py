"""The schema exists only through migrations: the models and the migrated database must agree."""
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from civic.extensions import db


def test_models_and_migrations_agree(app):
    with app.app_context(), db.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        differences = compare_metadata(context, db.metadata)
    assert differences == [], f"a model changed without a migration: {differences}"


def test_migrations_have_a_single_head(app):
    from alembic.script import ScriptDirectory

    with app.app_context():
        config = app.extensions["migrate"].migrate.get_config()
    assert len(ScriptDirectory.from_config(config).get_heads()) == 1
