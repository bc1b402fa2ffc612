"""surveys

Revision ID: 0005_surveys
Revises: 0004_initiatives
Create Date: 2026-11-22 13:21:27.821783

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0005_surveys'
down_revision = '0004_initiatives'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('surveys',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('title', sa.JSON(), nullable=False),
    sa.Column('intro', sa.JSON(), nullable=False),
    sa.Column('opens_on', sa.Date(), nullable=True),
    sa.Column('closes_on', sa.Date(), nullable=True),
    sa.Column('audience', sa.String(length=20), nullable=False),
    sa.Column('anonymous', sa.Boolean(), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('results_published', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('published_at', sa.DateTime(), nullable=True),
    sa.Column('closed_at', sa.DateTime(), nullable=True),
    sa.CheckConstraint("audience IN ('everyone', 'signed_in')", name=op.f('ck_surveys_audience_known')),
    sa.CheckConstraint("status IN ('draft', 'published', 'closed')", name=op.f('ck_surveys_status_known')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_surveys'))
    )
    op.create_table('survey_participants',
    sa.Column('survey_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['survey_id'], ['surveys.id'], name=op.f('fk_survey_participants_survey_id_surveys'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_survey_participants_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('survey_id', 'user_id', name=op.f('pk_survey_participants'))
    )
    op.create_table('survey_responses',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('survey_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=True),
    sa.Column('channel', sa.String(length=20), nullable=False),
    sa.Column('entered_by_id', sa.Integer(), nullable=True),
    sa.Column('answers', sa.JSON(), nullable=False),
    sa.Column('submitted_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=True),
    sa.CheckConstraint("channel IN ('web', 'paper', 'phone', 'interview')", name=op.f('ck_survey_responses_channel_known')),
    sa.ForeignKeyConstraint(['entered_by_id'], ['users.id'], name=op.f('fk_survey_responses_entered_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['survey_id'], ['surveys.id'], name=op.f('fk_survey_responses_survey_id_surveys'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_survey_responses_user_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_survey_responses'))
    )
    with op.batch_alter_table('survey_responses', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_survey_responses_submitted_at'), ['submitted_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_survey_responses_survey_id'), ['survey_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_survey_responses_user_id'), ['user_id'], unique=False)

    op.create_table('survey_sections',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('survey_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('title', sa.JSON(), nullable=False),
    sa.ForeignKeyConstraint(['survey_id'], ['surveys.id'], name=op.f('fk_survey_sections_survey_id_surveys'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_survey_sections'))
    )
    with op.batch_alter_table('survey_sections', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_survey_sections_survey_id'), ['survey_id'], unique=False)

    op.create_table('survey_drafts',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('token', sa.String(length=64), nullable=False),
    sa.Column('survey_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=True),
    sa.Column('response_id', sa.Integer(), nullable=True),
    sa.Column('answers', sa.JSON(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['response_id'], ['survey_responses.id'], name=op.f('fk_survey_drafts_response_id_survey_responses'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['survey_id'], ['surveys.id'], name=op.f('fk_survey_drafts_survey_id_surveys'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_survey_drafts_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_survey_drafts')),
    sa.UniqueConstraint('token', name=op.f('uq_survey_drafts_token'))
    )
    with op.batch_alter_table('survey_drafts', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_survey_drafts_survey_id'), ['survey_id'], unique=False)

    op.create_table('survey_questions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('survey_id', sa.Integer(), nullable=False),
    sa.Column('section_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('text', sa.JSON(), nullable=False),
    sa.Column('required', sa.Boolean(), nullable=False),
    sa.Column('options', sa.JSON(), nullable=False),
    sa.Column('items', sa.JSON(), nullable=False),
    sa.Column('scale_max', sa.Integer(), nullable=True),
    sa.Column('low_label', sa.JSON(), nullable=False),
    sa.Column('high_label', sa.JSON(), nullable=False),
    sa.Column('minimum', sa.Float(), nullable=True),
    sa.Column('maximum', sa.Float(), nullable=True),
    sa.Column('condition_question_id', sa.Integer(), nullable=True),
    sa.Column('condition_value', sa.String(length=40), nullable=True),
    sa.Column('profile_key', sa.String(length=20), nullable=True),
    sa.CheckConstraint("kind IN ('single', 'multiple', 'choice_other', 'rating', 'number', 'short_text', 'long_text', 'date', 'matrix')", name=op.f('ck_survey_questions_kind_known')),
    sa.ForeignKeyConstraint(['condition_question_id'], ['survey_questions.id'], name=op.f('fk_survey_questions_condition_question_id_survey_questions'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['section_id'], ['survey_sections.id'], name=op.f('fk_survey_questions_section_id_survey_sections'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['survey_id'], ['surveys.id'], name=op.f('fk_survey_questions_survey_id_surveys'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_survey_questions'))
    )
    with op.batch_alter_table('survey_questions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_survey_questions_section_id'), ['section_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_survey_questions_survey_id'), ['survey_id'], unique=False)



def downgrade():
    with op.batch_alter_table('survey_questions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_survey_questions_survey_id'))
        batch_op.drop_index(batch_op.f('ix_survey_questions_section_id'))

    op.drop_table('survey_questions')
    with op.batch_alter_table('survey_drafts', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_survey_drafts_survey_id'))

    op.drop_table('survey_drafts')
    with op.batch_alter_table('survey_sections', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_survey_sections_survey_id'))

    op.drop_table('survey_sections')
    with op.batch_alter_table('survey_responses', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_survey_responses_user_id'))
        batch_op.drop_index(batch_op.f('ix_survey_responses_survey_id'))
        batch_op.drop_index(batch_op.f('ix_survey_responses_submitted_at'))

    op.drop_table('survey_responses')
    op.drop_table('survey_participants')
    op.drop_table('surveys')
