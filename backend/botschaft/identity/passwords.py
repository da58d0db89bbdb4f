"""Password rules (NIST SP 800-63B style): length over complexity, no well-known passwords."""

from __future__ import annotations

import re

from zxcvbn import zxcvbn

from botschaft.core.errors import Unprocessable

# zxcvbn (Dropbox's estimator) knows the passwords of public leak lists, names, keyboard
# patterns, dates and l33t variants; below "safely unguessable" (3 of 4) is refused.
MIN_STRENGTH = 3


def check_password(
    password: str, *, email: str, name: str, min_length: int, field: str = "password"
) -> None:
    lowered = password.lower()
    problems = []
    if len(password) < min_length:
        problems.append(f"Use at least {min_length} characters.")
    elif len(password) > 256:
        problems.append("Use at most 256 characters.")
    elif _strength(password, email, name) < MIN_STRENGTH:
        problems.append("This password is too easy to guess (common or built from a pattern).")
    local_part = email.split("@")[0].lower()
    if len(local_part) >= 4 and local_part in lowered:
        problems.append("The password must not contain your email address.")
    if problems:
        raise Unprocessable.for_field(field, " ".join(problems), "weak_password")


def _strength(password: str, email: str, name: str) -> int:
    personal = [w for w in re.split(r"[^\w]+", f"{email} {name}".lower()) if len(w) >= 3]
    # zxcvbn's cost grows with length; the first 64 characters decide anyway.
    return zxcvbn(password[:64], user_inputs=personal)["score"]
