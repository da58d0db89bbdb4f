"""Matrix rows for the selection workbench: the core team of program A alone."""

from __future__ import annotations

from botschaft.calls.models import Application, CallStatus
from botschaft.selection.models import SelectionRound, SelectionRun
from tests.authz.rules import Rule
from tests.authz.rules_calls import _call
from tests.authz.world import World
from tests.support.calls import ANSWERS

CORE = frozenset({"core_team"})


def build(world: World) -> None:
    with world.db.session() as session:
        call = _call(world, CallStatus.closed, "matrix-selection-call")
        session.add(call)
        session.flush()
        people = [
            Application(
                call_id=call.id,
                name=f"P{i}",
                email=f"pool{i}@example.org",
                answers={**ANSWERS, "gender": gender},
                privacy_version=1,
                consent_version=1,
                access_digest=f"selection-{i}".ljust(64, "x"),
            )
            for i, gender in enumerate(["female", "male", "female"])
        ]
        session.add_all(people)
        session.flush()
        round_ = SelectionRound(
            program_id=world.program, call_id=call.id, name="Matrix", k=1, dimensions=["gender"]
        )
        session.add(round_)
        session.flush()
        pid = str(people[0].id)
        run = SelectionRun(
            round_id=round_.id,
            k=1,
            algorithm="leximin",
            seed=0,
            status="optimal",
            pool={str(p.id): {"gender": p.answers["gender"]} for p in people},
            panel=[pid],
            probabilities={str(p.id): 1 / 3 for p in people},
        )
        session.add(run)
        session.flush()
        world.objects.update(selection_call=call.id, round=round_.id, run=run.id, person=pid)


def _call_path(w: World) -> dict:
    return {"program_id": w.program, "call_id": w["selection_call"]}


def _round_path(w: World) -> dict:
    return {**_call_path(w), "round_id": w["round"]}


def _run_path(w: World) -> dict:
    return {**_round_path(w), "run_id": w["run"]}


RULES = {
    "selection_rounds_list": Rule(CORE, path=_call_path),
    "selection_rounds_create": Rule(CORE, path=_call_path, body=lambda w: {"name": "R", "k": 1}),
    "selection_rounds_get": Rule(CORE, path=_round_path),
    "selection_rounds_update": Rule(CORE, path=_round_path, body=lambda w: {"version": 1, "k": 2}),
    "selection_quota_proposal": Rule(
        CORE, path=_round_path, body=lambda w: {"mode": "proportional"}
    ),
    "selection_run": Rule(CORE, path=_round_path),
    "selection_run_get": Rule(CORE, path=_run_path),
    "selection_run_report": Rule(CORE, path=_run_path, query=lambda w: {"format": "csv"}),
    "selection_confirm": Rule(
        CORE, path=_round_path, body=lambda w: {"version": 1, "run_id": str(w["run"])}
    ),
    "selection_replace": Rule(
        CORE,
        path=_round_path,
        body=lambda w: {"version": 1, "application_id": str(w["person"])},
        # The matrix's round is a draft: the core team gets past access to the 422
        # round_not_confirmed (the replacement itself: test_selection_replacements.py).
        also_ok=frozenset({422}),
    ),
}
