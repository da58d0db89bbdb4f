"""Matrix rows for cohorts, the lifecycle, teams and the learning journey.

Lifecycle changes of "influencer" are theirs and the core team's: "peer_influencer" gets 404.
Module progress is always the caller's own (scoped by membership), so both influencers may
set theirs; neither can reach the other's.
"""

from __future__ import annotations

import itertools
from datetime import date

from botschaft.learning.models import Module
from botschaft.teams.models import Team
from botschaft.tenancy.models import Cohort
from tests.authz.rules import Rule
from tests.authz.world import World

_n = itertools.count()
CORE = frozenset({"core_team"})
CORE_OR_ADMIN = frozenset({"core_team", "admin"})
CORE_OR_INFLUENCERS = frozenset({"core_team", "influencer", "peer_influencer"})
INFLUENCERS = frozenset({"influencer", "peer_influencer"})


def build(world: World) -> None:
    with world.db.session() as session:
        cohort = Cohort(program_id=world.program, name="Pilot")
        team = Team(program_id=world.program, name="Multiplikatoren")
        module = Module(
            program_id=world.program, title="Personal Branding", due_on=date(2026, 1, 1)
        )
        session.add_all([cohort, team, module])
        session.flush()
        world.objects.update(cohort=cohort.id, team=team.id, module=module.id)


def _program(w: World) -> dict:
    return {"program_id": w.program}


def _cohort(w: World) -> dict:
    return {"program_id": w.program, "cohort_id": w["cohort"]}


def _team(w: World) -> dict:
    return {"program_id": w.program, "team_id": w["team"]}


def _module(w: World) -> dict:
    return {"program_id": w.program, "module_id": w["module"]}


def _influencer(w: World) -> dict:
    return {"program_id": w.program, "member_id": w.members["influencer"]}


RULES = {
    "cohorts_list": Rule(CORE_OR_ADMIN, path=_program),
    "cohorts_create": Rule(
        CORE_OR_ADMIN, path=_program, body=lambda w: {"name": f"Welle {next(_n)}"}
    ),
    "cohorts_update": Rule(CORE_OR_ADMIN, path=_cohort, body=lambda w: {"version": 1}),
    "cohorts_delete": Rule(CORE_OR_ADMIN, path=_cohort),
    "cohorts_assign_member": Rule(
        CORE_OR_ADMIN, path=_influencer, body=lambda w: {"cohort_id": str(w["cohort"])}
    ),
    "cohorts_member_status": Rule(
        frozenset({"core_team", "influencer"}),
        path=_influencer,
        body=lambda w: {"status": "paused"},
    ),
    "teams_list": Rule(CORE_OR_ADMIN, path=_program),
    "teams_create": Rule(CORE_OR_ADMIN, path=_program, body=lambda w: {"name": f"T{next(_n)}"}),
    "teams_update": Rule(CORE_OR_ADMIN, path=_team, body=lambda w: {"version": 1}),
    "teams_delete": Rule(CORE_OR_ADMIN, path=_team),
    "teams_set_members": Rule(
        CORE_OR_ADMIN,
        path=_team,
        body=lambda w: {"member_ids": [str(w.members["influencer"])]},
    ),
    "modules_list": Rule(CORE_OR_INFLUENCERS, path=_program),
    "modules_create": Rule(CORE, path=_program, body=lambda w: {"title": "Recht"}),
    "modules_from_template": Rule(CORE, path=_program),
    "modules_progress_matrix": Rule(CORE, path=_program),
    "modules_update": Rule(CORE, path=_module, body=lambda w: {"version": 1}),
    "modules_delete": Rule(CORE, path=_module),
    "modules_progress_set": Rule(INFLUENCERS, path=_module, body=lambda w: {"state": "done"}),
    "modules_remind": Rule(CORE, path=_module),
}
