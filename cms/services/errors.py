"""Errors that services raise; the API and the pages turn each into a status and a message."""

from __future__ import annotations

from typing import Any


class ServiceError(Exception):
    """Base of every expected failure of a service call; `code` is the API's error code."""

    status = 400
    code = "bad_request"

    def __init__(self, message: str, *, fields: dict[str, Any] | None = None, **extra: Any) -> None:
        super().__init__(message)
        self.message = message
        self.fields = fields or {}
        self.extra = extra


class ValidationFailed(ServiceError):
    """Input that is well-formed but not acceptable (empty title, taken slug, ...)."""

    status = 400
    code = "validation_error"


class NotAuthenticated(ServiceError):
    """No valid credentials were given."""

    status = 401
    code = "unauthorized"


class PermissionDenied(ServiceError):
    """The actor's role does not allow this action."""

    status = 403
    code = "forbidden"


class NotFound(ServiceError):
    """The thing asked for does not exist, or is not visible to this caller."""

    status = 404
    code = "not_found"


class Conflict(ServiceError):
    """The action is not allowed from the object's current state, or collides with another."""

    status = 409
    code = "conflict"


class StaleRevision(ServiceError):
    """A save was based on a revision that is no longer the latest."""

    status = 412
    code = "precondition_failed"

    def __init__(self, message: str, *, latest: int, **extra: Any) -> None:
        super().__init__(message, **extra)
        self.latest = latest


class PreconditionRequired(ServiceError):
    """A save did not say which revision it was based on."""

    status = 428
    code = "precondition_required"


class Moved(ServiceError):
    """An article was asked for by a slug it used to have."""

    status = 301
    code = "moved_permanently"

    def __init__(self, message: str, *, slug: str) -> None:
        super().__init__(message)
        self.slug = slug
