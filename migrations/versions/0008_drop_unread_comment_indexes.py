"""Comments: drop the two indexes no query reads, which every intake and every screening wrote

- `ix_comments_thread_id` (thread_id alone): every thread query also names the article and the
  status, and `ix_comments_article_thread` (article_id, status, thread_id, id) answers it.
- `ix_comments_claim` (claim): the pipeline now finds its claimed comments by id (it knows the
  ids it picked), so a claim token is never looked up by itself.

Each index is written on every insert, and on PostgreSQL on every update that cannot stay on its
page (a claim, a finish), so two fewer cost intake and the pipeline less on both databases.

Revision ID: 0008_drop_unread_comment_indexes
Revises: 0007_intake_duplicates_index
Create Date: 2026-11-25

"""
from alembic import op


# revision identifiers, used by Alembic.
revision = '0008_drop_unread_comment_indexes'
down_revision = '0007_intake_duplicates_index'
branch_labels = None
depends_on = None


def upgrade():
    op.drop_index('ix_comments_thread_id', table_name='comments')
    op.drop_index('ix_comments_claim', table_name='comments')


def downgrade():
    op.create_index('ix_comments_claim', 'comments', ['claim'])
    op.create_index('ix_comments_thread_id', 'comments', ['thread_id'])
