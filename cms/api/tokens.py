"""Bearer tokens: trade a username and password for a token; revoke the one in use."""

from __future__ import annotations

from flask import Response, g, jsonify
from flask_login import current_user

from cms.api import bp
from cms.api import schemas as s
from cms.api.openapi import operation
from cms.api.parsing import json_body
from cms.limits import limit_logins
from cms.services import users
from cms.services.errors import NotAuthenticated


@bp.post("/tokens")
@limit_logins
@operation("Exchange a username and password for a bearer token (shown once)", body=s.TokenRequest,
           responses={201: s.TokenCreated, 401: None, 429: None})
def create_token() -> tuple[Response, int]:
    data = json_body(s.TokenRequest)
    user = users.authenticate(data["username"], data["password"])
    if user is None:
        raise NotAuthenticated("Wrong username or password.")
    issued = users.issue_token(user, label="api")
    return jsonify({"token": issued.secret, "user": {"username": user.username, "role": user.role}}), 201


@bp.delete("/tokens/current")
@operation("Revoke the bearer token this request was made with", responses={204: None, 401: None})
def revoke_current_token() -> tuple[str, int]:
    token = g.get("api_token") if current_user.is_authenticated else None  # loading the user sets g.api_token
    if token is None:
        raise NotAuthenticated("Send the bearer token to revoke in the Authorization header.")
    users.revoke_token(token)
    return "", 204
