from __future__ import annotations

from typing import Annotated

from pydantic import StringConstraints

from botschaft.core.schemas import InputModel, OutputModel
from botschaft.core.text import Password, Text


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
