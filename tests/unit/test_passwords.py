"""Password rules: length, guessability (zxcvbn: leak lists, keyboard walks, names), identity."""

from __future__ import annotations

import pytest

from botschaft.accounts.passwords import check_password
from botschaft.core.errors import AppError

EMAIL, NAME = "katrin.vogt@musterstadt.example", "Katrin Vogt"


@pytest.mark.parametrize(
    "password",
    [
        "short",  # too short
        "password1234",  # leak lists
        "qwertzuiop12",  # German keyboard walk
        "aaaaaaaaaaaaaaaa",  # repetition
        "123456789012",  # sequence
        "katrin.vogt-1",  # the email address
        "x" * 300,  # too long
    ],
)
def test_guessable_or_personal_passwords_are_refused(password):
    with pytest.raises(AppError) as refused:
        check_password(password, email=EMAIL, name=NAME, min_length=12)
    assert refused.value.errors[0].field == "password"


@pytest.mark.parametrize(
    "password", ["a-long-and-unusual-passphrase", "Xq7!pLm2#rTz", "Botschaft-Demo-2026"]
)
def test_strong_passwords_pass(password):
    check_password(password, email=EMAIL, name=NAME, min_length=12)
