"""Matrix rows for accounts, auth, programs, members, audit log and health."""

from __future__ import annotations

import itertools

from tests.authz.rules import ALL, SIGNED_IN, Rule
from tests.authz.world import World

_n = itertools.count()


def build(world: World) -> None:
    pass


def _new_email(_: World) -> str:
    return f"matrix-{next(_n)}@example.org"


RULES = {
    "healthz": Rule(ALL),
    "readyz": Rule(ALL),
    "auth_config": Rule(ALL),
    # Wrong credentials on purpose: the endpoint is public, the answer is a 401 for everyone.
    "auth_login": Rule(
        ALL,
        body=lambda w: {"email": "nobody@example.org", "password": "wrong"},
        ok=frozenset({401}),
    ),
    "auth_logout": Rule(SIGNED_IN),
    "auth_oidc_login": Rule(ALL),
    "auth_oidc_callback": Rule(ALL),
    "me_get": Rule(SIGNED_IN),
    "me_data_export": Rule(SIGNED_IN),
    "me_update": Rule(SIGNED_IN, body=lambda w: {"locale": "en"}),
    "users_list": Rule(frozenset({"admin"})),
    "users_create": Rule(
        frozenset({"admin"}),
        body=lambda w: {"email": _new_email(w), "name": "N", "role": "influencer"},
    ),
    "users_get": Rule(
        frozenset({"admin"}), path=lambda w: {"user_id": w.accounts["influencer"].id}
    ),
    "users_update": Rule(
        frozenset({"admin"}),
        path=lambda w: {"user_id": w.accounts["influencer"].id},
        body=lambda w: {"name": "Renamed", "version": 1},
    ),
    "audit_events_list": Rule(frozenset({"admin"})),
    "audit_events_export": Rule(frozenset({"admin"})),
    "jobs_list": Rule(frozenset({"admin"})),
    "emails_list": Rule(frozenset({"admin"})),
    "programs_list": Rule(SIGNED_IN),
    "programs_create": Rule(
        frozenset({"admin"}), body=lambda w: {"name": "New", "slug": f"new-{next(_n)}"}
    ),
    "programs_get": Rule(
        frozenset({"influencer", "peer_influencer", "hr_viewer", "core_team", "admin"}),
        path=lambda w: {"program_id": w.program},
    ),
    "programs_update": Rule(
        frozenset({"core_team", "admin"}),
        path=lambda w: {"program_id": w.program},
        body=lambda w: {"name": "Renamed", "version": 1},
    ),
    "members_list": Rule(
        frozenset({"core_team", "admin"}), path=lambda w: {"program_id": w.program}
    ),
    "members_add": Rule(
        frozenset({"core_team", "admin"}),
        path=lambda w: {"program_id": w.program},
        body=lambda w: {"email": _new_email(w), "name": "New Member", "role": "influencer"},
    ),
    "members_update": Rule(
        frozenset({"core_team", "admin"}),
        path=lambda w: {"program_id": w.program, "member_id": w.members["peer_influencer"]},
        body=lambda w: {"occupation": "Gärtnerin"},
    ),
    "members_remove": Rule(
        frozenset({"core_team", "admin"}),
        path=lambda w: {"program_id": w.program, "member_id": w.members["peer_influencer"]},
    ),
}
