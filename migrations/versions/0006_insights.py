"""insights

Revision ID: 0006_insights
Revises: 0005_surveys
Create Date: 2026-11-22 14:09:08.405634

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0006_insights'
down_revision = '0005_surveys'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('insight_issues',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('category', sa.String(length=20), nullable=False),
    sa.Column('districts', sa.String(length=200), nullable=False),
    sa.Column('groups', sa.String(length=200), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('priority', sa.String(length=10), nullable=True),
    sa.Column('priority_reason', sa.Text(), nullable=False),
    sa.Column('priority_accepted', sa.Boolean(), nullable=False),
    sa.Column('priority_set_by_id', sa.Integer(), nullable=True),
    sa.Column('priority_set_at', sa.DateTime(), nullable=True),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint("priority IS NULL OR priority IN ('high', 'medium', 'low')", name=op.f('ck_insight_issues_priority_known')),
    sa.CheckConstraint("status IN ('candidate', 'reviewing', 'in_progress', 'resolved', 'declined')", name=op.f('ck_insight_issues_status_known')),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_insight_issues_created_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['priority_set_by_id'], ['users.id'], name=op.f('fk_insight_issues_priority_set_by_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_insight_issues'))
    )
    op.create_table('insight_issue_initiatives',
    sa.Column('issue_id', sa.Integer(), nullable=False),
    sa.Column('initiative_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['initiative_id'], ['initiatives.id'], name=op.f('fk_insight_issue_initiatives_initiative_id_initiatives'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['issue_id'], ['insight_issues.id'], name=op.f('fk_insight_issue_initiatives_issue_id_insight_issues'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('issue_id', 'initiative_id', name=op.f('pk_insight_issue_initiatives'))
    )
    op.create_table('insight_kpi_sources',
    sa.Column('kpi_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=40), nullable=False),
    sa.Column('survey_id', sa.Integer(), nullable=True),
    sa.CheckConstraint("kind IN ('helpdesk_sessions', 'helpdesk_residents_70_plus', 'helpdesk_resolved_percent', 'survey_responses')", name=op.f('ck_insight_kpi_sources_kind_known')),
    sa.ForeignKeyConstraint(['kpi_id'], ['kpis.id'], name=op.f('fk_insight_kpi_sources_kpi_id_kpis'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['survey_id'], ['surveys.id'], name=op.f('fk_insight_kpi_sources_survey_id_surveys'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('kpi_id', name=op.f('pk_insight_kpi_sources'))
    )
    op.create_table('insight_evidence',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('issue_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('summary', sa.String(length=300), nullable=False),
    sa.Column('survey_id', sa.Integer(), nullable=True),
    sa.Column('question_id', sa.Integer(), nullable=True),
    sa.Column('source_ids', sa.JSON(), nullable=False),
    sa.Column('figures', sa.JSON(), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('added_by_id', sa.Integer(), nullable=True),
    sa.Column('added_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint("kind IN ('survey_share', 'survey_texts', 'comments', 'helpdesk')", name=op.f('ck_insight_evidence_kind_known')),
    sa.ForeignKeyConstraint(['added_by_id'], ['users.id'], name=op.f('fk_insight_evidence_added_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['issue_id'], ['insight_issues.id'], name=op.f('fk_insight_evidence_issue_id_insight_issues'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['question_id'], ['survey_questions.id'], name=op.f('fk_insight_evidence_question_id_survey_questions'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['survey_id'], ['surveys.id'], name=op.f('fk_insight_evidence_survey_id_surveys'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_insight_evidence'))
    )
    with op.batch_alter_table('insight_evidence', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_insight_evidence_issue_id'), ['issue_id'], unique=False)



def downgrade():
    with op.batch_alter_table('insight_evidence', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_insight_evidence_issue_id'))

    op.drop_table('insight_evidence')
    op.drop_table('insight_kpi_sources')
    op.drop_table('insight_issue_initiatives')
    op.drop_table('insight_issues')
