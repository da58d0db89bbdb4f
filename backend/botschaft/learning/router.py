"""The learning journey."""

from __future__ import annotations

import uuid

from fastapi import Response

from botschaft.core.deps import SessionDep, SettingsDep
from botschaft.core.errors import error_responses
from botschaft.core.routing import api_router
from botschaft.learning import service
from botschaft.learning.schemas import (
    ModuleCreate,
    ModuleOut,
    ModuleUpdate,
    ProgressIn,
    ProgressMatrix,
    ReminderResult,
)
from botschaft.tenancy.access import CoreTeam, CoreTeamOrInfluencer, Influencer

router = api_router(prefix="/programs/{program_id}/modules", tags=["learning"])


@router.get(
    "",
    operation_id="modules_list",
    response_model=list[ModuleOut],
    responses=error_responses(401, 403, 404),
)
def list_modules(ctx: CoreTeamOrInfluencer, session: SessionDep) -> list[ModuleOut]:
    return service.list_modules(session, ctx)


@router.post(
    "",
    operation_id="modules_create",
    status_code=201,
    response_model=ModuleOut,
    responses=error_responses(401, 403, 404, 422),
)
def create_module(body: ModuleCreate, ctx: CoreTeam, session: SessionDep) -> ModuleOut:
    return service.create_module(session, ctx, body)


@router.post(
    "/template",
    operation_id="modules_from_template",
    status_code=201,
    response_model=list[ModuleOut],
    responses=error_responses(401, 403, 404),
)
def from_template(ctx: CoreTeam, session: SessionDep) -> list[ModuleOut]:
    return service.from_template(session, ctx)


@router.get(
    "/progress",
    operation_id="modules_progress_matrix",
    response_model=ProgressMatrix,
    responses=error_responses(401, 403, 404),
)
def progress_matrix(ctx: CoreTeam, session: SessionDep) -> ProgressMatrix:
    return service.progress_matrix(session, ctx)


@router.patch(
    "/{module_id}",
    operation_id="modules_update",
    response_model=ModuleOut,
    responses=error_responses(401, 403, 404, 409, 422),
)
def update_module(
    module_id: uuid.UUID, body: ModuleUpdate, ctx: CoreTeam, session: SessionDep
) -> ModuleOut:
    return service.update_module(session, ctx, module_id, body)


@router.delete(
    "/{module_id}",
    operation_id="modules_delete",
    status_code=204,
    responses=error_responses(401, 403, 404),
)
def delete_module(module_id: uuid.UUID, ctx: CoreTeam, session: SessionDep) -> Response:
    service.delete_module(session, ctx, module_id)
    return Response(status_code=204)


@router.put(
    "/{module_id}/progress",
    operation_id="modules_progress_set",
    response_model=ModuleOut,
    responses=error_responses(401, 403, 404, 422),
)
def set_progress(
    module_id: uuid.UUID, body: ProgressIn, ctx: Influencer, session: SessionDep
) -> ModuleOut:
    return service.set_progress(session, ctx, module_id, body)


@router.post(
    "/{module_id}/remind",
    operation_id="modules_remind",
    response_model=ReminderResult,
    responses=error_responses(401, 403, 404, 409),
)
def remind(
    module_id: uuid.UUID, ctx: CoreTeam, session: SessionDep, settings: SettingsDep
) -> ReminderResult:
    return ReminderResult(reminded=service.remind(session, ctx, module_id, settings.public_url))
