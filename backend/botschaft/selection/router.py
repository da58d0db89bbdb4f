"""The selection workbench's endpoints (core team only)."""

from __future__ import annotations

import uuid
from typing import Annotated, Literal

from fastapi import Query, Request, Response

from botschaft.calls.service import get_call
from botschaft.core.deps import SessionDep, SettingsDep, client_address
from botschaft.core.errors import error_responses
from botschaft.core.labels import export_language
from botschaft.core.routing import api_router
from botschaft.selection import confirm, replace, service
from botschaft.selection.report import report_csv
from botschaft.selection.schemas import (
    ConfirmIn,
    QuotaOut,
    QuotaProposalIn,
    ReplaceIn,
    RoundCreate,
    RoundOut,
    RoundSummary,
    RoundUpdate,
    RunOut,
)
from botschaft.tenancy.access import CoreTeam

router = api_router(
    prefix="/programs/{program_id}/calls/{call_id}/selection-rounds", tags=["selection"]
)


@router.get(
    "",
    operation_id="selection_rounds_list",
    response_model=list[RoundSummary],
    responses=error_responses(401, 403, 404),
)
def list_rounds(call_id: uuid.UUID, ctx: CoreTeam, session: SessionDep) -> list[RoundSummary]:
    return service.list_rounds(session, ctx, get_call(session, ctx, call_id))


@router.post(
    "",
    operation_id="selection_rounds_create",
    status_code=201,
    response_model=RoundOut,
    responses=error_responses(401, 403, 404, 409, 422),
)
def create_round(
    call_id: uuid.UUID, body: RoundCreate, ctx: CoreTeam, session: SessionDep
) -> RoundOut:
    """A round: cohort size, dimensions (all of the call's by default), quotas, algorithm and
    seed. The answer shows the pool's counts per dimension value beside the quotas."""
    call = get_call(session, ctx, call_id)
    return service.round_out(session, ctx, call, service.create_round(session, ctx, call, body))


@router.get(
    "/{round_id}",
    operation_id="selection_rounds_get",
    response_model=RoundOut,
    responses=error_responses(401, 403, 404),
)
def get_round(
    call_id: uuid.UUID, round_id: uuid.UUID, ctx: CoreTeam, session: SessionDep
) -> RoundOut:
    call = get_call(session, ctx, call_id)
    return service.round_out(session, ctx, call, service.get_round(session, ctx, call, round_id))


@router.patch(
    "/{round_id}",
    operation_id="selection_rounds_update",
    response_model=RoundOut,
    responses=error_responses(401, 403, 404, 409, 422),
)
def update_round(
    call_id: uuid.UUID,
    round_id: uuid.UUID,
    body: RoundUpdate,
    ctx: CoreTeam,
    session: SessionDep,
) -> RoundOut:
    """Quotas, pins, exclusions, k, algorithm, seed. A confirmed round cannot change (409)."""
    call = get_call(session, ctx, call_id)
    round_ = service.get_round(session, ctx, call, round_id)
    return service.round_out(
        session, ctx, call, service.update_round(session, ctx, call, round_, body)
    )


@router.post(
    "/{round_id}/quota-proposal",
    operation_id="selection_quota_proposal",
    response_model=list[QuotaOut],
    responses=error_responses(401, 403, 404, 422),
)
def propose_quotas(
    call_id: uuid.UUID,
    round_id: uuid.UUID,
    body: QuotaProposalIn,
    ctx: CoreTeam,
    session: SessionDep,
) -> list[QuotaOut]:
    """Quotas proportional to the pool or balanced (as equal as the pool allows), rounded so
    that each dimension stays feasible. Nothing is saved: send them back with an update."""
    call = get_call(session, ctx, call_id)
    round_ = service.get_round(session, ctx, call, round_id)
    return service.propose_quotas(session, ctx, call, round_, body.mode)


@router.post(
    "/{round_id}/runs",
    operation_id="selection_run",
    status_code=201,
    response_model=RunOut,
    responses=error_responses(401, 403, 404, 409, 422),
)
def run(
    call_id: uuid.UUID,
    round_id: uuid.UUID,
    ctx: CoreTeam,
    session: SessionDep,
    settings: SettingsDep,
) -> RunOut:
    """Runs the engine on the round as it is and stores the run. Quotas that cannot be met
    together give a run with status `infeasible` and the smallest relaxation; a run that
    reaches the time limit one with status `time_limit` and the best distribution proven in
    time; a solver failure one with status `failed`. Inputs that are wrong on their own (k above
    the pool, min above max, ...) give a 422 naming the constraint."""
    call = get_call(session, ctx, call_id)
    round_ = service.get_round(session, ctx, call, round_id)
    return service.run_out(session, ctx, call, service.run(session, ctx, call, round_, settings))


@router.get(
    "/{round_id}/runs/{run_id}",
    operation_id="selection_run_get",
    response_model=RunOut,
    responses=error_responses(401, 403, 404),
)
def get_run(
    call_id: uuid.UUID,
    round_id: uuid.UUID,
    run_id: uuid.UUID,
    ctx: CoreTeam,
    session: SessionDep,
) -> RunOut:
    """A stored run with its report: pool vs target vs selected per dimension value and every
    applicant's selection probability."""
    call = get_call(session, ctx, call_id)
    round_ = service.get_round(session, ctx, call, round_id)
    return service.run_out(session, ctx, call, service.get_run(session, round_, run_id))


@router.get(
    "/{round_id}/runs/{run_id}/report",
    operation_id="selection_run_report",
    response_class=Response,
    responses={
        200: {"content": {"text/csv": {"schema": {"type": "string"}}}, "description": "CSV"},
        **error_responses(401, 403, 404, 422),
    },
)
def run_report(
    call_id: uuid.UUID,
    round_id: uuid.UUID,
    run_id: uuid.UUID,
    ctx: CoreTeam,
    session: SessionDep,
    request: Request,
    format: Annotated[Literal["csv"], Query()] = "csv",
    lang: Annotated[
        Literal["de", "en"] | None,
        Query(description="Language of the words; default: Accept-Language, else German"),
    ] = None,
) -> Response:
    call = get_call(session, ctx, call_id)
    round_ = service.get_round(session, ctx, call, round_id)
    out = service.run_out(session, ctx, call, service.get_run(session, round_, run_id))
    return report_csv(
        out,
        f"{ctx.program.slug}-auswahl-{str(run_id)[:8]}.csv",
        export_language(request, lang),
    )


@router.post(
    "/{round_id}/confirm",
    operation_id="selection_confirm",
    response_model=RoundOut,
    responses=error_responses(401, 403, 404, 409, 422),
)
def confirm_round(
    call_id: uuid.UUID,
    round_id: uuid.UUID,
    body: ConfirmIn,
    request: Request,
    ctx: CoreTeam,
    session: SessionDep,
    settings: SettingsDep,
) -> RoundOut:
    """Confirms one run: creates the cohort with the selected people as influencers (accounts
    created where needed), marks the applications selected / alternate / not selected, emails
    every applicant, and writes the audit log. A new round can replace a confirmed one until
    its cohort has started."""
    return confirm.confirm_round(
        session, ctx, call_id, round_id, body, settings, client_address(request)
    )


@router.post(
    "/{round_id}/replacements",
    operation_id="selection_replace",
    status_code=201,
    response_model=RoundOut,
    responses=error_responses(401, 403, 404, 409, 422),
)
def replace_person(
    call_id: uuid.UUID,
    round_id: uuid.UUID,
    body: ReplaceIn,
    request: Request,
    ctx: CoreTeam,
    session: SessionDep,
    settings: SettingsDep,
) -> RoundOut:
    """A selected person withdraws before the cohort starts: their application is marked
    withdrawn, their new membership removed, and a replacement drawn from the confirmed run's
    lottery conditioned on the people who stay (so every quota holds), with the round's seed and
    the draw's number; the replacement gets the welcome email. 422 `not_in_cohort`,
    `cohort_started`, `round_not_confirmed`; `no_replacement` names the quotas in the way and
    the smallest relaxation (`params`), which `accept_relaxation` accepts."""
    call = get_call(session, ctx, call_id)
    round_ = service.get_round(session, ctx, call, round_id)
    replace.replace(session, ctx, call, round_, body, settings, client_address(request))
    return service.round_out(session, ctx, call, round_)
