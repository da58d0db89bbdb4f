"""Password rules: length, guessability (zxcvbn: leak lists, keyboard walks, names), identity."""

from __future__ import annotations

import pytest

from botschaft.core.errors import AppError
from botschaft.identity.passwords import check_password

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


def test_password_checks_run_at_most_one_per_core_at_once(monkeypatch):
    """A burst of sign-ins must not take 19 MiB per request thread (bench/memory.py)."""
    import os
    import threading
    import time

    from botschaft.core import security

    inside, peak, lock = 0, 0, threading.Lock()

    class Slow:
        def verify(self, hashed, password):
            nonlocal inside, peak
            with lock:
                inside += 1
                peak = max(peak, inside)
            time.sleep(0.02)
            with lock:
                inside -= 1
            return True

    monkeypatch.setattr(security, "_hasher", Slow())
    threads = [
        threading.Thread(target=security.verify_password, args=("h", "p")) for _ in range(24)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert 1 <= peak <= (os.cpu_count() or 2)


def test_large_blocks_go_back_to_the_system_on_glibc():
    import platform

    from botschaft.core.memory import return_large_blocks

    if platform.libc_ver()[0] == "glibc":
        assert return_large_blocks() is True
