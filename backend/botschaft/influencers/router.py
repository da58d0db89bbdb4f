from __future__ import annotations

import uuid

from fastapi import Request, Response

from botschaft.core.deps import SessionDep, client_address
from botschaft.core.errors import error_responses
from botschaft.core.routing import api_router
from botschaft.influencers import service
from botschaft.influencers.schemas import InfluencerProfile, NoteIn, NoteOut
from botschaft.tenancy.access import CoreTeam

router = api_router(prefix="/programs/{program_id}/influencers/{member_id}", tags=["influencers"])


@router.get(
    "",
    operation_id="influencer_get",
    response_model=InfluencerProfile,
    responses=error_responses(401, 403, 404),
)
def get_influencer(member_id: uuid.UUID, ctx: CoreTeam, session: SessionDep) -> InfluencerProfile:
    """One influencer's profile and figures over their time in the program. Core team only."""
    return service.profile(session, ctx, member_id)


@router.get(
    "/notes",
    operation_id="support_notes_list",
    response_model=list[NoteOut],
    responses=error_responses(401, 403, 404),
)
def list_notes(member_id: uuid.UUID, ctx: CoreTeam, session: SessionDep) -> list[NoteOut]:
    """The core team's private support notes about this person, newest first."""
    return service.notes(session, ctx, member_id)


@router.post(
    "/notes",
    operation_id="support_notes_create",
    status_code=201,
    response_model=NoteOut,
    responses=error_responses(401, 403, 404, 422),
)
def add_note(
    member_id: uuid.UUID, body: NoteIn, ctx: CoreTeam, session: SessionDep, request: Request
) -> NoteOut:
    return service.add_note(session, ctx, member_id, body, client_address(request))


@router.put(
    "/notes/{note_id}",
    operation_id="support_notes_update",
    response_model=NoteOut,
    responses=error_responses(401, 403, 404, 422),
)
def edit_note(
    member_id: uuid.UUID,
    note_id: uuid.UUID,
    body: NoteIn,
    ctx: CoreTeam,
    session: SessionDep,
    request: Request,
) -> NoteOut:
    """Only the author changes a note."""
    return service.edit_note(session, ctx, member_id, note_id, body, client_address(request))


@router.delete(
    "/notes/{note_id}",
    operation_id="support_notes_delete",
    status_code=204,
    responses=error_responses(401, 403, 404),
)
def delete_note(
    member_id: uuid.UUID, note_id: uuid.UUID, ctx: CoreTeam, session: SessionDep, request: Request
) -> Response:
    service.delete_note(session, ctx, member_id, note_id, client_address(request))
    return Response(status_code=204)
