"""Finding an account by its email address (sign-in, invitations, imports)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from botschaft.identity.models import User


def normalise_email(email: str) -> str:
    return email.strip().lower()


def find_by_email(session: Session, email: str) -> User | None:
    return session.scalar(select(User).where(User.email == normalise_email(email)))
