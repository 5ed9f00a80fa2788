"""Role checks that every service runs before it changes anything."""

from __future__ import annotations

from cms.models import Role, User
from cms.services.errors import NotAuthenticated, PermissionDenied

EDITORS = (Role.EDITOR,)
MODERATORS = (Role.MODERATOR,)


def require_role(actor: User | None, *roles: Role) -> User:
    """Return the actor if it holds one of `roles` (admins hold all); raise otherwise."""
    if actor is None or not getattr(actor, "is_authenticated", False):
        raise NotAuthenticated("Log in or send a bearer token to do this.")
    if not actor.has_role(*roles):
        wanted = " or ".join(role.value for role in roles)
        raise PermissionDenied(f"This needs the {wanted} role; you are {actor.role}.")
    return actor
