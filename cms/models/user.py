"""Users, their roles, and the API tokens they hold (stored only as hashes)."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from flask_login import UserMixin
from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from cms.extensions import db
from cms.models.types import UTCDateTime, utcnow


class Role(StrEnum):
    """What a person may do: admins everything, editors articles and statistics, moderators comments."""

    ADMIN = "admin"
    EDITOR = "editor"
    MODERATOR = "moderator"


class User(UserMixin, db.Model):
    """A member of staff who logs in to the UI or calls the API with a token."""

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    role: Mapped[Role] = mapped_column(String(16))
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    tokens: Mapped[list[ApiToken]] = relationship(back_populates="user")

    @property
    def is_active(self) -> bool:  # type: ignore[override]
        """Flask-Login refuses inactive users."""
        return self.active

    def has_role(self, *roles: Role) -> bool:
        """Admins pass every role check; others must hold one of `roles`."""
        return self.role == Role.ADMIN or self.role in roles

    def __repr__(self) -> str:
        return f"<User {self.username} ({self.role})>"


class ApiToken(db.Model):
    """A bearer token: only its SHA-256 is kept, so a leaked database yields no usable token."""

    __tablename__ = "api_tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    label: Mapped[str] = mapped_column(String(100), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_used_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    user: Mapped[User] = relationship(back_populates="tokens")
