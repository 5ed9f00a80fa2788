"""Comments: indexes for the spam check's context (repeats, earlier approvals by client and by address)

Without them each pipeline batch read every approved comment twice: the client query through the
status index, and the address query (on lower(author_email)) through no index at all. The repeats
query (same text within a week) gets created_at beside content_hash, so it reads only the index.

Revision ID: 0006_spam_context_indexes
Revises: 0005_comments_version
Create Date: 2026-11-24

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0006_spam_context_indexes'
down_revision = '0005_comments_version'
branch_labels = None
depends_on = None


def upgrade():
    op.create_index('ix_comments_content_hash_created', 'comments', ['content_hash', 'created_at'])
    op.drop_index('ix_comments_content_hash', table_name='comments')
    op.create_index('ix_comments_client_status', 'comments', ['client_hash', 'status'])
    op.create_index('ix_comments_author_email_status', 'comments', [sa.text('lower(author_email)'), 'status'])


def downgrade():
    op.drop_index('ix_comments_author_email_status', table_name='comments')
    op.drop_index('ix_comments_client_status', table_name='comments')
    op.create_index('ix_comments_content_hash', 'comments', ['content_hash'])
    op.drop_index('ix_comments_content_hash_created', table_name='comments')
