"""Password rules (NIST SP 800-63B style): length over complexity, no well-known passwords."""

from __future__ import annotations

from botschaft.core.errors import Unprocessable

# The most common passwords and patterns of public leaked-password lists, plus local favourites.
_COMMON = {
    "123456789012",
    "1234567890123",
    "password1234",
    "passwort1234",
    "qwertzuiop12",
    "qwertyuiop12",
    "abcdefghijkl",
    "111111111111",
    "000000000000",
    "iloveyou1234",
    "letmein12345",
    "welcome12345",
    "willkommen123",
    "sommer2023!!",
    "sommer2024!!",
    "sommer2025!!",
    "sommer2026!!",
    "winter2025!!",
    "winter2026!!",
    "hallo1234567",
    "password123!",
    "passwort123!",
    "administrator",
    "botschaft123",
    "botschaft1234",
    "changeme1234",
    "geheim123456",
    "admin1234567",
    "muenchen1234",
    "qwerty123456",
}


def check_password(
    password: str, *, email: str, name: str, min_length: int, field: str = "password"
) -> None:
    lowered = password.lower()
    problems = []
    if len(password) < min_length:
        problems.append(f"Use at least {min_length} characters.")
    elif len(password) > 256:
        problems.append("Use at most 256 characters.")
    if lowered in _COMMON or len(set(password)) < 4:
        problems.append("This password is too common or too simple.")
    local_part = email.split("@")[0].lower()
    if len(local_part) >= 4 and local_part in lowered:
        problems.append("The password must not contain your email address.")
    if problems:
        raise Unprocessable.for_field(field, " ".join(problems), "weak_password")
