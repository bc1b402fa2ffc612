"""initiatives

Revision ID: 0004_initiatives
Revises: 0003_helpdesk
Create Date: 2026-11-22 13:19:29.094809

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0004_initiatives'
down_revision = '0003_helpdesk'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('initiatives',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('slug', sa.String(length=80), nullable=False),
    sa.Column('category', sa.String(length=20), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('publication', sa.String(length=20), nullable=False),
    sa.Column('districts', sa.String(length=200), nullable=False),
    sa.Column('starts_on', sa.Date(), nullable=True),
    sa.Column('ends_on', sa.Date(), nullable=True),
    sa.Column('title_ja', sa.String(length=200), nullable=False),
    sa.Column('title_easy', sa.String(length=200), nullable=False),
    sa.Column('title_en', sa.String(length=200), nullable=False),
    sa.Column('summary_ja', sa.Text(), nullable=False),
    sa.Column('summary_easy', sa.Text(), nullable=False),
    sa.Column('summary_en', sa.Text(), nullable=False),
    sa.Column('body_ja', sa.Text(), nullable=False),
    sa.Column('body_easy', sa.Text(), nullable=False),
    sa.Column('body_en', sa.Text(), nullable=False),
    sa.Column('department_ja', sa.String(length=200), nullable=False),
    sa.Column('department_easy', sa.String(length=200), nullable=False),
    sa.Column('department_en', sa.String(length=200), nullable=False),
    sa.Column('partners_ja', sa.String(length=500), nullable=False),
    sa.Column('partners_easy', sa.String(length=500), nullable=False),
    sa.Column('partners_en', sa.String(length=500), nullable=False),
    sa.Column('search_text', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('published_at', sa.DateTime(), nullable=True),
    sa.CheckConstraint("publication IN ('draft', 'published', 'archived')", name=op.f('ck_initiatives_publication_known')),
    sa.CheckConstraint("status IN ('planning', 'trial', 'rollout', 'ended')", name=op.f('ck_initiatives_status_known')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_initiatives')),
    sa.UniqueConstraint('slug', name=op.f('uq_initiatives_slug'))
    )
    with op.batch_alter_table('initiatives', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_initiatives_publication'), ['publication'], unique=False)

    op.create_table('initiative_comments',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('initiative_id', sa.Integer(), nullable=False),
    sa.Column('parent_id', sa.Integer(), nullable=True),
    sa.Column('author_id', sa.Integer(), nullable=True),
    sa.Column('author_name', sa.String(length=60), nullable=False),
    sa.Column('channel', sa.String(length=10), nullable=False),
    sa.Column('entered_by_id', sa.Integer(), nullable=True),
    sa.Column('official', sa.Boolean(), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('state', sa.String(length=10), nullable=False),
    sa.Column('hidden_reason', sa.String(length=300), nullable=False),
    sa.Column('helpful_count', sa.Integer(), nullable=False),
    sa.Column('open_report_count', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('edited_at', sa.DateTime(), nullable=True),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.CheckConstraint("channel IN ('web', 'paper', 'phone', 'meeting')", name=op.f('ck_initiative_comments_channel_known')),
    sa.CheckConstraint("state IN ('visible', 'held', 'hidden')", name=op.f('ck_initiative_comments_state_known')),
    sa.ForeignKeyConstraint(['author_id'], ['users.id'], name=op.f('fk_initiative_comments_author_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['entered_by_id'], ['users.id'], name=op.f('fk_initiative_comments_entered_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['initiative_id'], ['initiatives.id'], name=op.f('fk_initiative_comments_initiative_id_initiatives'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['parent_id'], ['initiative_comments.id'], name=op.f('fk_initiative_comments_parent_id_initiative_comments'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_initiative_comments'))
    )
    with op.batch_alter_table('initiative_comments', schema=None) as batch_op:
        batch_op.create_index('ix_initiative_comments_listing', ['initiative_id', 'parent_id', 'created_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_initiative_comments_parent_id'), ['parent_id'], unique=False)

    op.create_table('initiative_follows',
    sa.Column('initiative_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['initiative_id'], ['initiatives.id'], name=op.f('fk_initiative_follows_initiative_id_initiatives'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_initiative_follows_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('initiative_id', 'user_id', name=op.f('pk_initiative_follows'))
    )
    op.create_table('initiative_grams',
    sa.Column('initiative_id', sa.Integer(), nullable=False),
    sa.Column('gram', sa.String(length=2), nullable=False),
    sa.ForeignKeyConstraint(['initiative_id'], ['initiatives.id'], name=op.f('fk_initiative_grams_initiative_id_initiatives'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('initiative_id', 'gram', name=op.f('pk_initiative_grams'))
    )
    with op.batch_alter_table('initiative_grams', schema=None) as batch_op:
        batch_op.create_index('ix_initiative_grams_gram', ['gram', 'initiative_id'], unique=False)

    op.create_table('initiative_updates',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('initiative_id', sa.Integer(), nullable=False),
    sa.Column('author_id', sa.Integer(), nullable=True),
    sa.Column('posted_at', sa.DateTime(), nullable=False),
    sa.Column('title_ja', sa.String(length=200), nullable=False),
    sa.Column('title_easy', sa.String(length=200), nullable=False),
    sa.Column('title_en', sa.String(length=200), nullable=False),
    sa.Column('body_ja', sa.Text(), nullable=False),
    sa.Column('body_easy', sa.Text(), nullable=False),
    sa.Column('body_en', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['author_id'], ['users.id'], name=op.f('fk_initiative_updates_author_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['initiative_id'], ['initiatives.id'], name=op.f('fk_initiative_updates_initiative_id_initiatives'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_initiative_updates'))
    )
    with op.batch_alter_table('initiative_updates', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_initiative_updates_initiative_id'), ['initiative_id'], unique=False)

    op.create_table('kpis',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('initiative_id', sa.Integer(), nullable=False),
    sa.Column('name_ja', sa.String(length=200), nullable=False),
    sa.Column('name_easy', sa.String(length=200), nullable=False),
    sa.Column('name_en', sa.String(length=200), nullable=False),
    sa.Column('unit', sa.String(length=40), nullable=False),
    sa.Column('baseline', sa.Float(), nullable=False),
    sa.Column('target', sa.Float(), nullable=False),
    sa.Column('direction', sa.String(length=4), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint("direction IN ('up', 'down')", name=op.f('ck_kpis_direction_known')),
    sa.ForeignKeyConstraint(['initiative_id'], ['initiatives.id'], name=op.f('fk_kpis_initiative_id_initiatives'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_kpis'))
    )
    with op.batch_alter_table('kpis', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_kpis_initiative_id'), ['initiative_id'], unique=False)

    op.create_table('initiative_comment_helpful',
    sa.Column('comment_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['comment_id'], ['initiative_comments.id'], name=op.f('fk_initiative_comment_helpful_comment_id_initiative_comments'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_initiative_comment_helpful_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('comment_id', 'user_id', name=op.f('pk_initiative_comment_helpful'))
    )
    op.create_table('initiative_comment_reports',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('comment_id', sa.Integer(), nullable=False),
    sa.Column('reporter_key', sa.String(length=80), nullable=False),
    sa.Column('reason', sa.String(length=20), nullable=False),
    sa.Column('note', sa.String(length=500), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('resolved_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['comment_id'], ['initiative_comments.id'], name=op.f('fk_initiative_comment_reports_comment_id_initiative_comments'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_initiative_comment_reports')),
    sa.UniqueConstraint('comment_id', 'reporter_key', name='uq_initiative_comment_reports_reporter')
    )
    op.create_table('initiative_moderation_actions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('comment_id', sa.Integer(), nullable=False),
    sa.Column('action', sa.String(length=10), nullable=False),
    sa.Column('reason', sa.String(length=300), nullable=False),
    sa.Column('actor_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['actor_id'], ['users.id'], name=op.f('fk_initiative_moderation_actions_actor_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['comment_id'], ['initiative_comments.id'], name=op.f('fk_initiative_moderation_actions_comment_id_initiative_comments'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_initiative_moderation_actions'))
    )
    with op.batch_alter_table('initiative_moderation_actions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_initiative_moderation_actions_comment_id'), ['comment_id'], unique=False)

    op.create_table('kpi_values',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kpi_id', sa.Integer(), nullable=False),
    sa.Column('measured_on', sa.Date(), nullable=False),
    sa.Column('value', sa.Float(), nullable=False),
    sa.Column('source_note', sa.String(length=300), nullable=False),
    sa.Column('recorded_by_id', sa.Integer(), nullable=True),
    sa.Column('recorded_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['kpi_id'], ['kpis.id'], name=op.f('fk_kpi_values_kpi_id_kpis'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['recorded_by_id'], ['users.id'], name=op.f('fk_kpi_values_recorded_by_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_kpi_values'))
    )
    with op.batch_alter_table('kpi_values', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_kpi_values_kpi_id'), ['kpi_id'], unique=False)



def downgrade():
    with op.batch_alter_table('kpi_values', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_kpi_values_kpi_id'))

    op.drop_table('kpi_values')
    with op.batch_alter_table('initiative_moderation_actions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_initiative_moderation_actions_comment_id'))

    op.drop_table('initiative_moderation_actions')
    op.drop_table('initiative_comment_reports')
    op.drop_table('initiative_comment_helpful')
    with op.batch_alter_table('kpis', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_kpis_initiative_id'))

    op.drop_table('kpis')
    with op.batch_alter_table('initiative_updates', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_initiative_updates_initiative_id'))

    op.drop_table('initiative_updates')
    with op.batch_alter_table('initiative_grams', schema=None) as batch_op:
        batch_op.drop_index('ix_initiative_grams_gram')

    op.drop_table('initiative_grams')
    op.drop_table('initiative_follows')
    with op.batch_alter_table('initiative_comments', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_initiative_comments_parent_id'))
        batch_op.drop_index('ix_initiative_comments_listing')

    op.drop_table('initiative_comments')
    with op.batch_alter_table('initiatives', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_initiatives_publication'))

    op.drop_table('initiatives')
