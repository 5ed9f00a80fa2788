"""Celery task code. Tasks take ids, re-read what they need, and call `cms.services`.

`workers.app` is the entry point (`celery -A workers.app worker|beat`); `schedule` is beat's
table; each other module holds one pipeline's tasks.
"""
