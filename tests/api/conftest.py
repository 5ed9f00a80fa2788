"""API test helpers: a published article and a draft to aim calls at."""

from __future__ import annotations

from typing import Any

import pytest

from cms.models import Role
from tests import factories


@pytest.fixture()
def published(make_user: Any) -> Any:
    """A published article with two revisions (the second live)."""
    return factories.article(make_user(Role.EDITOR), title="Sleep basics", revisions=2, publish=True)


@pytest.fixture()
def draft(make_user: Any) -> Any:
    """A draft article nobody outside the staff may see."""
    return factories.article(make_user(Role.EDITOR), title="Unfinished", revisions=2)
