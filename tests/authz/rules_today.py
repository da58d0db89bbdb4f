"""Matrix row for the core team's Today page."""

from __future__ import annotations

from tests.authz.rules import Rule
from tests.authz.world import World


def build(world: World) -> None:
    pass


RULES = {
    "today_get": Rule(frozenset({"core_team"}), path=lambda w: {"program_id": w.program}),
}
