from __future__ import annotations

import uuid
from datetime import datetime
from enum import StrEnum

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from botschaft.core.database import Base, IdMixin, TimestampMixin, VersionedMixin, utcnow
from botschaft.core.enums import string_enum


class Role(StrEnum):
    """An account's role; it picks the navigation and what the account may administer."""

    admin = "admin"
    core_team = "core_team"
    influencer = "influencer"
    hr_viewer = "hr_viewer"


class Locale(StrEnum):
    de = "de"
    en = "en"


class User(IdMixin, TimestampMixin, VersionedMixin, Base):
    __tablename__ = "users"

    email: Mapped[str] = mapped_column(String(254), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    role: Mapped[Role] = mapped_column(string_enum(Role))
    locale: Mapped[Locale] = mapped_column(string_enum(Locale, 8), default=Locale.de)
    password_hash: Mapped[str | None] = mapped_column(String(255), default=None)
    is_active: Mapped[bool] = mapped_column(default=True)
    last_login_at: Mapped[datetime | None] = mapped_column(default=None)

    @property
    def is_admin(self) -> bool:
        return self.role == Role.admin


class UserIdentity(IdMixin, Base):
    """A single-sign-on identity (issuer + subject) linked to an account."""

    __tablename__ = "user_identities"
    __table_args__ = (UniqueConstraint("issuer", "subject"),)

    user_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), index=True
    )
    issuer: Mapped[str] = mapped_column(String(500))
    subject: Mapped[str] = mapped_column(String(255))
    email: Mapped[str | None] = mapped_column(String(254), default=None)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
