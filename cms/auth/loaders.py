"""How Flask-Login finds the caller: a session cookie for the UI, a bearer token for the API."""

from __future__ import annotations

from typing import Any

from flask import g, redirect, request, url_for
from flask_login import LoginManager

from cms.models import User
from cms.services import users


def load_session_user(user_id: str) -> User | None:
    """The user a session cookie names, if still active."""
    if not user_id.isdigit():
        return None
    user = users.get_user(int(user_id))
    return user if user is not None and user.active else None


def load_bearer_user(req: Any) -> User | None:
    """The holder of the bearer token in `Authorization`, if it is live; the token is kept on `g`."""
    auth = req.authorization
    if auth is None or auth.type != "bearer" or not auth.token:
        return None
    token = users.find_token(auth.token)
    if token is None:
        return None
    g.api_token = token
    return token.user


def unauthorized() -> Any:
    """API callers get the JSON 401; page visitors are sent to the login page."""
    if request.path.startswith("/api/"):
        from cms.services.errors import NotAuthenticated

        raise NotAuthenticated("Log in or send a bearer token to do this.")
    return redirect(url_for("auth.login", next=request.full_path.rstrip("?")))


def register(manager: LoginManager) -> None:
    """Install the loaders on the login manager."""
    manager.user_loader(load_session_user)
    manager.request_loader(load_bearer_user)
    manager.unauthorized_handler(unauthorized)
    manager.login_view = "auth.login"
    manager.session_protection = "basic"
