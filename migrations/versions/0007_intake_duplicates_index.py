"""Comments: intake's duplicate check gets an index no other can tie with

Intake refuses a comment when the same client sent the same text within a day (client_hash,
content_hash, created_at). PostgreSQL plans that lookup once for a prepared statement, and on a
new or fast-grown table (no statistics yet) it tied (client_hash, content_hash) with
(client_hash, status) and could keep the second: every POST then read every comment its address
had sent (one address behind a carrier's NAT sends many), and intake slowed as the table grew.

- The duplicates index now holds created_at too, so the check is answered from the index alone.
- The spam check's "approvals by this client" index becomes partial, (client_hash) WHERE status
  = 'approved': smaller, and unusable for any query that does not ask for approved comments, so
  the duplicate check cannot pick it. The pipeline names the status as a literal for it.

Revision ID: 0007_intake_duplicates_index
Revises: 0006_spam_context_indexes
Create Date: 2026-11-25

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0007_intake_duplicates_index'
down_revision = '0006_spam_context_indexes'
branch_labels = None
depends_on = None

APPROVED = sa.text("status = 'approved'")


def upgrade():
    op.drop_index('ix_comments_duplicates', table_name='comments')
    op.create_index('ix_comments_duplicates', 'comments', ['client_hash', 'content_hash', 'created_at'])
    op.drop_index('ix_comments_client_status', table_name='comments')
    op.create_index('ix_comments_client_approved', 'comments', ['client_hash'],
                    postgresql_where=APPROVED, sqlite_where=APPROVED)


def downgrade():
    op.drop_index('ix_comments_client_approved', table_name='comments')
    op.create_index('ix_comments_client_status', 'comments', ['client_hash', 'status'])
    op.drop_index('ix_comments_duplicates', table_name='comments')
    op.create_index('ix_comments_duplicates', 'comments', ['client_hash', 'content_hash'])
