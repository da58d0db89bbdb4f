"""Passwords (Argon2id) and random tokens."""

from __future__ import annotations

import hashlib
import os
import secrets
import threading

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

# OWASP Password Storage Cheat Sheet, Argon2id: m=19 MiB, t=2, p=1 (about 20 ms here). One
# lane per hash keeps concurrent sign-ins from oversubscribing the cores; older hashes are
# upgraded at the next sign-in (needs_rehash).
_hasher = PasswordHasher(time_cost=2, memory_cost=19456, parallelism=1)
# Verifying against this when the account does not exist keeps timing uniform.
_DUMMY_HASH = _hasher.hash("botschaft-timing-equaliser")
# At most one Argon2 computation per core at a time: each needs 19 MiB, and a burst of
# sign-ins would otherwise take that once per request thread (40) while going no faster.
_SLOTS = threading.BoundedSemaphore(os.cpu_count() or 2)


def hash_password(password: str) -> str:
    with _SLOTS:
        return _hasher.hash(password)


def verify_password(password_hash: str | None, password: str) -> bool:
    try:
        with _SLOTS:
            ok = _hasher.verify(password_hash or _DUMMY_HASH, password)
        return ok and password_hash is not None
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(password_hash: str) -> bool:
    return _hasher.check_needs_rehash(password_hash)


def new_token() -> str:
    return secrets.token_urlsafe(32)


def token_digest(token: str) -> str:
    """Only digests of session tokens are stored, so a database leak yields no sessions."""
    return hashlib.sha256(token.encode()).hexdigest()
