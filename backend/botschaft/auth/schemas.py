from __future__ import annotations

from datetime import datetime
from typing import Annotated

from pydantic import StringConstraints

from botschaft.auth.models import TokenPurpose
from botschaft.core.schemas import InputModel, OutputModel
from botschaft.core.text import Email, Password, Text


class LoginIn(InputModel):
    # Not EmailStr: a malformed address must get the same answer as a wrong password.
    email: Annotated[Text, StringConstraints(min_length=1, max_length=254)]
    password: Annotated[
        Password, StringConstraints(min_length=1, max_length=256, strip_whitespace=False)
    ]


class OidcConfigOut(OutputModel):
    enabled: bool
    label: str


class AuthConfigOut(OutputModel):
    password_login: bool
    oidc: OidcConfigOut


# Invitation and password-reset links. The token is posted in the body, never put in a URL
# the server sees (access logs, Referer).
LinkToken = Annotated[Text, StringConstraints(min_length=16, max_length=128, pattern=r"^[\w-]+$")]


class PasswordLinkIn(InputModel):
    token: LinkToken


class PasswordLinkOut(OutputModel):
    purpose: TokenPurpose
    email: str
    name: str
    # The invitation of an organisation with single sign-on: sign in there, no password.
    sso: bool
    expires_at: datetime
    # The password rules the page shows (identity/passwords.py checks them again).
    min_password_length: int


class PasswordSetIn(InputModel):
    token: LinkToken
    password: Annotated[
        Password, StringConstraints(min_length=1, max_length=256, strip_whitespace=False)
    ]


class PasswordResetIn(InputModel):
    email: Email


class AcceptedOut(OutputModel):
    detail: str
