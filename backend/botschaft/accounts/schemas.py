from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Annotated

from pydantic import Field, StringConstraints

from botschaft.auth.invitations import Access
from botschaft.core.schemas import InputModel, OutputModel
from botschaft.core.text import Email, Text
from botschaft.core.text import Password as PasswordText
from botschaft.identity.models import Locale, Role
from botschaft.tenancy.models import ProgramRole

Name = Annotated[Text, StringConstraints(min_length=1, max_length=200)]
Password = Annotated[
    PasswordText, StringConstraints(min_length=1, max_length=256, strip_whitespace=False)
]


class MyProgram(OutputModel):
    id: uuid.UUID
    name: str
    slug: str
    role: ProgramRole
    # The period, so pages can default to "the program up to today" without another request.
    starts_on: date | None = None
    ends_on: date | None = None


class MeOut(OutputModel):
    id: uuid.UUID
    email: str
    name: str
    role: Role
    locale: Locale
    programs: list[MyProgram]


class MeUpdate(InputModel):
    name: Name | None = None
    locale: Locale | None = None


class UserOut(OutputModel):
    id: uuid.UUID
    email: str
    name: str
    role: Role
    locale: Locale
    is_active: bool
    has_password: bool
    # Whether the person can get in: a password or a sign-in, an open or expired invitation.
    access: Access
    invitation_expires_at: datetime | None
    created_at: datetime
    last_login_at: datetime | None
    version: int


class UserCreate(InputModel):
    email: Email
    name: Name
    role: Role
    locale: Locale = Locale.de
    password: Password | None = Field(default=None, description="Omit for SSO-only accounts")


class UserUpdate(InputModel):
    version: int = Field(ge=1, description="The version you read; a stale one is answered 409")
    name: Name | None = None
    role: Role | None = None
    locale: Locale | None = None
    is_active: bool | None = None
    password: Password | None = None
