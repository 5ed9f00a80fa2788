"""View decorators for role checks: 401 (or the login page) without credentials, 403 with the wrong role."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from flask_login import current_user

from cms.models import Role
from cms.services.access import require_role

F = TypeVar("F", bound=Callable[..., Any])


def role_required(*roles: Role) -> Callable[[F], F]:
    """Let the view run only for users holding one of `roles` (admins always)."""

    def decorate(view: F) -> F:
        @wraps(view)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            if not current_user.is_authenticated:
                from cms.extensions import login_manager

                return login_manager.unauthorized()
            require_role(current_user._get_current_object(), *roles)
            return view(*args, **kwargs)

        return wrapper  # type: ignore[return-value]

    return decorate
