from __future__ import annotations

import uuid
from datetime import datetime
from enum import StrEnum

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from botschaft.core.database import Base, IdMixin, utcnow
from botschaft.core.enums import string_enum


class UserSession(Base):
    """A signed-in browser. The cookie holds a random token; only its digest is stored."""

    __tablename__ = "user_sessions"

    token_digest: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), index=True
    )
    csrf_token: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_seen_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(index=True)
    method: Mapped[str] = mapped_column(String(16), default="password")
    ip: Mapped[str | None] = mapped_column(String(64), default=None)
    user_agent: Mapped[str | None] = mapped_column(String(300), default=None)


class OidcState(Base):
    """Server-side store for an SSO round trip (state, nonce, PKCE verifier).

    Deleted on first use, so a replayed callback finds nothing, in any app process.
    """

    __tablename__ = "oidc_states"

    key: Mapped[str] = mapped_column(String(200), primary_key=True)
    value: Mapped[str] = mapped_column(Text)
    expires_at: Mapped[datetime] = mapped_column(index=True)


class TokenPurpose(StrEnum):
    invitation = "invitation"
    reset = "reset"


class AccountToken(IdMixin, Base):
    """A single-use link that lets its holder set the account's password (an invitation or a
    password reset). Only the SHA-256 digest of the token in the email is stored."""

    __tablename__ = "account_tokens"

    user_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), index=True
    )
    purpose: Mapped[TokenPurpose] = mapped_column(string_enum(TokenPurpose, 16))
    token_digest: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(index=True)
    used_at: Mapped[datetime | None] = mapped_column(default=None)
    # Set when a newer link of the person replaced this one, or a password was set otherwise.
    revoked_at: Mapped[datetime | None] = mapped_column(default=None)
    created_by: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), default=None
    )
