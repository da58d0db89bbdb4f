"""Matrix rows for invitation and password-reset links and "forgot password?"."""

from __future__ import annotations

from botschaft.identity.models import Role
from botschaft.tenancy.models import ProgramRole
from tests.authz.rules import ALL, Rule
from tests.authz.world import World
from tests.support.api import add_member, make_user

# A well-formed token that belongs to no link: every caller, signed in or not, is told so.
_UNKNOWN_TOKEN = "A" * 43


def build(world: World) -> None:
    invitee = make_user(world.db, Role.influencer, name="Invitee", password=False)
    world.objects["invitee_user"] = invitee.id
    world.objects["invitee_member"] = add_member(
        world.db, world.program, invitee, ProgramRole.influencer
    )


RULES = {
    # Public by design (the link is the key); the anonymous caller is the usual one.
    "auth_password_link_check": Rule(
        ALL, body=lambda w: {"token": _UNKNOWN_TOKEN}, ok=frozenset({404})
    ),
    "auth_password_link_redeem": Rule(
        ALL,
        body=lambda w: {"token": _UNKNOWN_TOKEN, "password": "a-long-unusual-passphrase-9"},
        ok=frozenset({404}),
    ),
    # Public and always 202, for addresses with and without an account (no enumeration).
    "auth_password_reset_request": Rule(
        ALL, body=lambda w: {"email": "nobody@example.org"}, ok=frozenset({202})
    ),
    "members_invite": Rule(
        frozenset({"core_team", "admin"}),
        path=lambda w: {"program_id": w.program, "member_id": w["invitee_member"]},
    ),
}

RULES["users_invite"] = Rule(frozenset({"admin"}), path=lambda w: {"user_id": w["invitee_user"]})
