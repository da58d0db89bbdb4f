"""Matrix rows for the transparency page and the staff-council annex."""

from __future__ import annotations

from tests.authz.rules import Rule
from tests.authz.world import World


def build(world: World) -> None:
    pass


def _program(w: World) -> dict:
    return {"program_id": w.program}


RULES = {
    # Each influencer sees their own page; HR and the core team have their own views.
    "transparency_me": Rule(frozenset({"influencer", "peer_influencer"}), path=_program),
    "transparency_annex": Rule(
        frozenset({"core_team", "admin"}), path=_program, query=lambda w: {"format": "md"}
    ),
}
