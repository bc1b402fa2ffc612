"""helpdesk

Revision ID: 0003_helpdesk
Revises: 0002_account_security
Create Date: 2026-11-22 13:21:01.868742

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0003_helpdesk'
down_revision = '0002_account_security'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('helpdesk_locations',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('name_ja', sa.String(length=120), nullable=False),
    sa.Column('name_ja_easy', sa.String(length=120), nullable=True),
    sa.Column('name_en', sa.String(length=120), nullable=True),
    sa.Column('address', sa.String(length=200), nullable=True),
    sa.Column('access_ja', sa.Text(), nullable=True),
    sa.Column('access_ja_easy', sa.Text(), nullable=True),
    sa.Column('access_en', sa.Text(), nullable=True),
    sa.Column('barrier_free_ja', sa.Text(), nullable=True),
    sa.Column('barrier_free_ja_easy', sa.Text(), nullable=True),
    sa.Column('barrier_free_en', sa.Text(), nullable=True),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.CheckConstraint("kind IN ('in_person', 'phone', 'online')", name=op.f('ck_helpdesk_locations_kind_known')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_helpdesk_locations'))
    )
    op.create_table('helpdesk_topics',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('key', sa.String(length=40), nullable=False),
    sa.Column('name_ja', sa.String(length=120), nullable=False),
    sa.Column('name_ja_easy', sa.String(length=120), nullable=True),
    sa.Column('name_en', sa.String(length=120), nullable=True),
    sa.Column('bring_ja', sa.Text(), nullable=True),
    sa.Column('bring_ja_easy', sa.Text(), nullable=True),
    sa.Column('bring_en', sa.Text(), nullable=True),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_helpdesk_topics')),
    sa.UniqueConstraint('key', name=op.f('uq_helpdesk_topics_key'))
    )
    op.create_table('helpdesk_closures',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('location_id', sa.Integer(), nullable=True),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('reason', sa.String(length=120), nullable=False),
    sa.ForeignKeyConstraint(['location_id'], ['helpdesk_locations.id'], name=op.f('fk_helpdesk_closures_location_id_helpdesk_locations')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_helpdesk_closures'))
    )
    with op.batch_alter_table('helpdesk_closures', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_helpdesk_closures_day'), ['day'], unique=False)

    op.create_table('helpdesk_schedules',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('location_id', sa.Integer(), nullable=False),
    sa.Column('weekday', sa.Integer(), nullable=False),
    sa.Column('start_time', sa.Time(), nullable=False),
    sa.Column('duration_minutes', sa.Integer(), nullable=False),
    sa.Column('capacity', sa.Integer(), nullable=False),
    sa.Column('valid_from', sa.Date(), nullable=False),
    sa.Column('valid_until', sa.Date(), nullable=True),
    sa.Column('staff_id', sa.Integer(), nullable=True),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.CheckConstraint('capacity > 0', name=op.f('ck_helpdesk_schedules_capacity_positive')),
    sa.CheckConstraint('weekday BETWEEN 0 AND 6', name=op.f('ck_helpdesk_schedules_weekday_valid')),
    sa.ForeignKeyConstraint(['location_id'], ['helpdesk_locations.id'], name=op.f('fk_helpdesk_schedules_location_id_helpdesk_locations')),
    sa.ForeignKeyConstraint(['staff_id'], ['users.id'], name=op.f('fk_helpdesk_schedules_staff_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_helpdesk_schedules'))
    )
    op.create_table('helpdesk_slots',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('location_id', sa.Integer(), nullable=False),
    sa.Column('schedule_id', sa.Integer(), nullable=True),
    sa.Column('starts_at', sa.DateTime(), nullable=False),
    sa.Column('ends_at', sa.DateTime(), nullable=False),
    sa.Column('capacity', sa.Integer(), nullable=False),
    sa.Column('booked', sa.Integer(), nullable=False),
    sa.Column('open', sa.Boolean(), nullable=False),
    sa.Column('staff_id', sa.Integer(), nullable=True),
    sa.CheckConstraint('booked >= 0 AND booked <= capacity', name=op.f('ck_helpdesk_slots_booked_within_capacity')),
    sa.CheckConstraint('capacity >= 0', name=op.f('ck_helpdesk_slots_capacity_not_negative')),
    sa.ForeignKeyConstraint(['location_id'], ['helpdesk_locations.id'], name=op.f('fk_helpdesk_slots_location_id_helpdesk_locations')),
    sa.ForeignKeyConstraint(['schedule_id'], ['helpdesk_schedules.id'], name=op.f('fk_helpdesk_slots_schedule_id_helpdesk_schedules'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['staff_id'], ['users.id'], name=op.f('fk_helpdesk_slots_staff_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_helpdesk_slots')),
    sa.UniqueConstraint('location_id', 'starts_at', name='uq_helpdesk_slots_location_start')
    )
    with op.batch_alter_table('helpdesk_slots', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_helpdesk_slots_starts_at'), ['starts_at'], unique=False)

    op.create_table('helpdesk_bookings',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=6), nullable=False),
    sa.Column('manage_token', sa.String(length=64), nullable=False),
    sa.Column('idempotency_key', sa.String(length=64), nullable=True),
    sa.Column('slot_id', sa.Integer(), nullable=False),
    sa.Column('topic_id', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('channel', sa.String(length=20), nullable=False),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('phone', sa.String(length=30), nullable=True),
    sa.Column('email', sa.String(length=254), nullable=True),
    sa.Column('age_band', sa.String(length=20), nullable=True),
    sa.Column('purpose', sa.Text(), nullable=True),
    sa.Column('device', sa.String(length=20), nullable=True),
    sa.Column('needs_wheelchair', sa.Boolean(), nullable=False),
    sa.Column('needs_hearing', sa.Boolean(), nullable=False),
    sa.Column('needs_large_print', sa.Boolean(), nullable=False),
    sa.Column('interpreter_language', sa.String(length=60), nullable=True),
    sa.Column('language', sa.String(length=10), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('cancelled_at', sa.DateTime(), nullable=True),
    sa.Column('checked_in_at', sa.DateTime(), nullable=True),
    sa.Column('reminder_sent_at', sa.DateTime(), nullable=True),
    sa.Column('called_at', sa.DateTime(), nullable=True),
    sa.Column('purged_at', sa.DateTime(), nullable=True),
    sa.CheckConstraint("channel IN ('web', 'phone', 'walk_in')", name=op.f('ck_helpdesk_bookings_channel_known')),
    sa.CheckConstraint("status IN ('booked', 'attended', 'no_show', 'cancelled')", name=op.f('ck_helpdesk_bookings_status_known')),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_helpdesk_bookings_created_by_id_users')),
    sa.ForeignKeyConstraint(['slot_id'], ['helpdesk_slots.id'], name=op.f('fk_helpdesk_bookings_slot_id_helpdesk_slots')),
    sa.ForeignKeyConstraint(['topic_id'], ['helpdesk_topics.id'], name=op.f('fk_helpdesk_bookings_topic_id_helpdesk_topics')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_helpdesk_bookings')),
    sa.UniqueConstraint('code', name=op.f('uq_helpdesk_bookings_code')),
    sa.UniqueConstraint('idempotency_key', name=op.f('uq_helpdesk_bookings_idempotency_key')),
    sa.UniqueConstraint('manage_token', name=op.f('uq_helpdesk_bookings_manage_token'))
    )
    with op.batch_alter_table('helpdesk_bookings', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_helpdesk_bookings_email'), ['email'], unique=False)
        batch_op.create_index(batch_op.f('ix_helpdesk_bookings_phone'), ['phone'], unique=False)
        batch_op.create_index(batch_op.f('ix_helpdesk_bookings_slot_id'), ['slot_id'], unique=False)

    op.create_table('helpdesk_waitlist',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('slot_id', sa.Integer(), nullable=False),
    sa.Column('topic_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('email', sa.String(length=254), nullable=False),
    sa.Column('language', sa.String(length=10), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('offered_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['slot_id'], ['helpdesk_slots.id'], name=op.f('fk_helpdesk_waitlist_slot_id_helpdesk_slots')),
    sa.ForeignKeyConstraint(['topic_id'], ['helpdesk_topics.id'], name=op.f('fk_helpdesk_waitlist_topic_id_helpdesk_topics')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_helpdesk_waitlist'))
    )
    with op.batch_alter_table('helpdesk_waitlist', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_helpdesk_waitlist_slot_id'), ['slot_id'], unique=False)

    op.create_table('helpdesk_staff_actions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('booking_id', sa.Integer(), nullable=True),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('action', sa.String(length=40), nullable=False),
    sa.Column('detail', sa.String(length=300), nullable=False),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['booking_id'], ['helpdesk_bookings.id'], name=op.f('fk_helpdesk_staff_actions_booking_id_helpdesk_bookings')),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_helpdesk_staff_actions_user_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_helpdesk_staff_actions'))
    )
    with op.batch_alter_table('helpdesk_staff_actions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_helpdesk_staff_actions_booking_id'), ['booking_id'], unique=False)

    op.create_table('helpdesk_support_records',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('booking_id', sa.Integer(), nullable=False),
    sa.Column('resolved', sa.Boolean(), nullable=False),
    sa.Column('follow_up', sa.Boolean(), nullable=False),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('recorded_by_id', sa.Integer(), nullable=True),
    sa.Column('recorded_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['booking_id'], ['helpdesk_bookings.id'], name=op.f('fk_helpdesk_support_records_booking_id_helpdesk_bookings')),
    sa.ForeignKeyConstraint(['recorded_by_id'], ['users.id'], name=op.f('fk_helpdesk_support_records_recorded_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_helpdesk_support_records')),
    sa.UniqueConstraint('booking_id', name=op.f('uq_helpdesk_support_records_booking_id'))
    )
    op.create_table('helpdesk_support_record_topics',
    sa.Column('support_record_id', sa.Integer(), nullable=False),
    sa.Column('topic_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['support_record_id'], ['helpdesk_support_records.id'], name=op.f('fk_helpdesk_support_record_topics_support_record_id_helpdesk_support_records'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['topic_id'], ['helpdesk_topics.id'], name=op.f('fk_helpdesk_support_record_topics_topic_id_helpdesk_topics')),
    sa.PrimaryKeyConstraint('support_record_id', 'topic_id', name=op.f('pk_helpdesk_support_record_topics'))
    )


def downgrade():
    op.drop_table('helpdesk_support_record_topics')
    op.drop_table('helpdesk_support_records')
    with op.batch_alter_table('helpdesk_staff_actions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_helpdesk_staff_actions_booking_id'))

    op.drop_table('helpdesk_staff_actions')
    with op.batch_alter_table('helpdesk_waitlist', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_helpdesk_waitlist_slot_id'))

    op.drop_table('helpdesk_waitlist')
    with op.batch_alter_table('helpdesk_bookings', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_helpdesk_bookings_slot_id'))
        batch_op.drop_index(batch_op.f('ix_helpdesk_bookings_phone'))
        batch_op.drop_index(batch_op.f('ix_helpdesk_bookings_email'))

    op.drop_table('helpdesk_bookings')
    with op.batch_alter_table('helpdesk_slots', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_helpdesk_slots_starts_at'))

    op.drop_table('helpdesk_slots')
    op.drop_table('helpdesk_schedules')
    with op.batch_alter_table('helpdesk_closures', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_helpdesk_closures_day'))

    op.drop_table('helpdesk_closures')
    op.drop_table('helpdesk_topics')
    op.drop_table('helpdesk_locations')
