"""Matrix rows for the monthly report: its subscription and the report as PDF."""

from __future__ import annotations

from tests.authz.rules import Rule
from tests.authz.world import World

READERS = frozenset({"core_team", "hr_viewer"})


def build(world: World) -> None:
    pass


def _program(w: World) -> dict:
    return {"program_id": w.program}


RULES = {
    "report_subscription_get": Rule(READERS, path=_program),
    "report_subscription_set": Rule(READERS, path=_program),
    "report_subscription_delete": Rule(READERS, path=_program),
    "kpis_report_pdf": Rule(READERS, path=_program),
}
