from __future__ import annotations

import uuid

from fastapi import Response

from botschaft.core.deps import SessionDep
from botschaft.core.errors import error_responses
from botschaft.core.routing import api_router
from botschaft.followers import service
from botschaft.followers.schemas import MyFollowers, ProfileIn, ProfileOut, ReadingIn, ReadingOut
from botschaft.programs.access import CoreTeamOrInfluencer, Influencer

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
