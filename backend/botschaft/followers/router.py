from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import Form, Response, UploadFile

from botschaft.core.deps import SessionDep, SettingsDep
from botschaft.core.errors import error_responses
from botschaft.core.routing import api_router
from botschaft.core.tables import read_upload
from botschaft.followers import imports, service
from botschaft.followers.schemas import (
    FollowerImportOut,
    MyFollowers,
    ProfileIn,
    ProfileOut,
    ReadingIn,
    ReadingOut,
)
from botschaft.tenancy.access import CoreTeamOrInfluencer, Influencer
from botschaft.tenancy.models import Platform

router = api_router(prefix="/programs/{program_id}/followers", tags=["followers"])


@router.get(
    "/me",
    operation_id="followers_mine",
    response_model=MyFollowers,
    responses=error_responses(401, 403, 404),
)
def my_followers(ctx: Influencer, session: SessionDep) -> MyFollowers:
    """The caller's follower counts: per platform the latest, the first and the growth."""
    return service.mine(session, ctx)


@router.post(
    "",
    operation_id="followers_record",
    status_code=201,
    response_model=ReadingOut,
    responses=error_responses(401, 403, 404, 409, 422),
)
def record(body: ReadingIn, ctx: CoreTeamOrInfluencer, session: SessionDep) -> ReadingOut:
    """A follower count on one platform and day (today by default); a second count the same
    day replaces the first. Influencers record their own, the core team anyone's. A count
    under a tenth of the one before is refused (409 `followers_drop`) unless confirmed."""
    return service.record(session, ctx, body)


@router.delete(
    "/{reading_id}",
    operation_id="followers_delete",
    status_code=204,
    responses=error_responses(401, 403, 404),
)
def delete(reading_id: uuid.UUID, ctx: CoreTeamOrInfluencer, session: SessionDep) -> Response:
    """Deletes a follower count (an influencer only their own)."""
    service.delete(session, ctx, reading_id)
    return Response(status_code=204)


@router.put(
    "/profiles",
    operation_id="followers_profile_set",
    response_model=list[ProfileOut],
    responses=error_responses(401, 403, 404, 422),
)
def set_profile(
    body: ProfileIn, ctx: CoreTeamOrInfluencer, session: SessionDep
) -> list[ProfileOut]:
    """Sets the link to a person's account on a platform (no link: removes it); answers all
    their links. Influencers set their own, the core team anyone's."""
    return service.set_profile(session, ctx, body)


@router.post(
    "/import",
    operation_id="followers_import",
    response_model=FollowerImportOut,
    responses=error_responses(401, 403, 404, 413, 422),
)
def import_counts(
    file: UploadFile,
    ctx: CoreTeamOrInfluencer,
    session: SessionDep,
    settings: SettingsDep,
    platform: Annotated[
        Platform | None, Form(description="The platform, unless the file has a column for it")
    ] = None,
    member_id: Annotated[
        uuid.UUID | None,
        Form(description="Core team: whose counts, unless the file has an email column"),
    ] = None,
    confirm_drop: Annotated[
        bool, Form(description="Keep counts under a tenth of the one before")
    ] = False,
    dry_run: Annotated[bool, Form(description="Only check the file; store nothing")] = False,
) -> FollowerImportOut:
    """Follower counts from a CSV or XLSX file with a date and a followers column (a
    platform's follower history): every row or none (a 422 lists the rows to fix)."""
    return imports.import_counts(
        session,
        ctx,
        file.filename or "",
        read_upload(file, settings.max_upload_bytes),
        platform=platform,
        member_id=member_id,
        confirm_drop=confirm_drop,
        dry_run=dry_run,
    )
