"""The shape of one row of the authorization matrix."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from tests.authz.world import CALLERS, World

ALL = frozenset(CALLERS)
SIGNED_IN = ALL - {"anonymous"}
PROGRAM_A = frozenset({"influencer", "peer_influencer", "hr_viewer", "core_team"})


@dataclass(frozen=True)
class Rule:
    """Who may call one operation, and how to call it with real objects.

    `allowed` callers must get a 2xx/3xx answer (or one of `ok`); everyone else must be refused
    with 401 (anonymous) or 403/404 — never a success with someone else's data.
    """

    allowed: frozenset[str]
    path: Callable[[World], dict[str, Any]] = lambda w: {}
    body: Callable[[World], Any] | None = None
    query: Callable[[World], dict[str, Any]] | None = None
    # Multipart uploads: {"file": (name, bytes, content type)}.
    files: Callable[[World], dict[str, Any]] | None = None
    ok: frozenset[int] = field(default_factory=lambda: frozenset({200, 201, 204, 302, 303}))
    # Some operations answer an allowed caller with a domain error for this world's data
    # (e.g. 409 "already a member"); list those codes here when they are expected.
    also_ok: frozenset[int] = frozenset()
