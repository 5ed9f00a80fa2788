"""Users, passwords and API tokens.

Passwords are hashed with Werkzeug's scrypt; tokens are 256 random bits shown once and kept
only as SHA-256 (a token is not guessable, so a fast hash loses nothing and costs nothing per call).
"""

from __future__ import annotations

import hashlib
import re
import secrets
from dataclasses import dataclass
from functools import lru_cache

from flask import current_app
from sqlalchemy import select
from werkzeug.security import check_password_hash, generate_password_hash

from cms.extensions import db
from cms.models import ApiToken, Role, User
from cms.models.types import utcnow
from cms.services.errors import Conflict, ValidationFailed

USERNAME_RE = re.compile(r"^[a-z0-9][a-z0-9_.-]{1,63}$")
TOKEN_PREFIX = "cms_"
MIN_PASSWORD_LENGTH = 10



def _hash_password(password: str) -> str:
    """Scrypt by default; the test configuration picks a cheaper method so the suite stays fast."""
    return generate_password_hash(password, method=current_app.config.get("PASSWORD_HASH_METHOD", "scrypt"))


@lru_cache(maxsize=4)
def _dummy_hash(method: str) -> str:
    """Checked against when the user does not exist, so both failures cost the same time."""
    return generate_password_hash("not-a-real-password", method=method)


@dataclass(frozen=True)
class IssuedToken:
    """A freshly made token: `secret` is shown to its holder once and never stored."""

    secret: str
    token: ApiToken


def generate_password() -> str:
    """A random password for a new account, printed once by the CLI."""
    return secrets.token_urlsafe(12)


def create_user(username: str, role: Role | str, password: str) -> User:
    """Add a user with a hashed password; names are case-insensitive and unique."""
    username = username.strip().lower()
    if not USERNAME_RE.match(username):
        raise ValidationFailed("Usernames are 2-64 letters, digits, dots, dashes or underscores.",
                               fields={"username": "invalid"})
    try:
        role = Role(role)
    except ValueError:
        raise ValidationFailed(f"Role must be one of {', '.join(Role)}.", fields={"role": "invalid"}) from None
    if len(password) < MIN_PASSWORD_LENGTH:
        raise ValidationFailed(f"Passwords need at least {MIN_PASSWORD_LENGTH} characters.",
                               fields={"password": "too short"})
    if db.session.scalar(select(User.id).where(User.username == username)) is not None:
        raise Conflict(f"A user named {username!r} already exists.")
    user = User(username=username, role=role, password_hash=_hash_password(password))
    db.session.add(user)
    db.session.commit()
    return user


def authenticate(username: str, password: str) -> User | None:
    """The active user with these credentials, or None; unknown names and bad passwords look alike."""
    user = db.session.scalar(select(User).where(User.username == username.strip().lower()))
    if user is None:
        check_password_hash(_dummy_hash(current_app.config.get("PASSWORD_HASH_METHOD", "scrypt")), password)
        return None
    if not check_password_hash(user.password_hash, password) or not user.active:
        return None
    return user


def hash_token(secret: str) -> str:
    """The stored form of a token."""
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def issue_token(user: User, label: str = "") -> IssuedToken:
    """Make a new bearer token for `user`; the caller shows `secret` once."""
    secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken(user_id=user.id, token_hash=hash_token(secret), label=label[:100])
    db.session.add(token)
    db.session.commit()
    return IssuedToken(secret=secret, token=token)


def find_token(secret: str) -> ApiToken | None:
    """The live token matching a presented secret, or None if unknown or revoked."""
    if not secret.startswith(TOKEN_PREFIX) or len(secret) > 200:
        return None
    token = db.session.scalar(select(ApiToken).where(ApiToken.token_hash == hash_token(secret)))
    if token is None or token.revoked_at is not None or not token.user.active:
        return None
    return token


def revoke_token(token: ApiToken) -> None:
    """Stop a token from working, keeping its row as a record."""
    token.revoked_at = utcnow()
    db.session.commit()


def get_user(user_id: int) -> User | None:
    """Load a user by id (Flask-Login's session loader)."""
    return db.session.get(User, user_id)
