"""Matrix rows for an influencer's own reminder email."""

from __future__ import annotations

from tests.authz.rules import Rule
from tests.authz.world import World

MINE = frozenset({"influencer", "peer_influencer"})


def build(world: World) -> None:
    pass


def _program(w: World) -> dict:
    return {"program_id": w.program}


RULES = {
    "nudges_get": Rule(MINE, path=_program),
    "nudges_set": Rule(MINE, path=_program, body=lambda w: {"frequency": "weekly"}),
}
