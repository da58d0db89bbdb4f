"""Meetings, RSVP, attendance, iCalendar and the private calendar feed."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated

from fastapi import Path, Query, Response

from botschaft.auth.dependencies import CurrentUser
from botschaft.core.deps import SessionDep, SettingsDep
from botschaft.core.errors import error_responses
from botschaft.core.routing import api_router
from botschaft.core.text import Text
from botschaft.meetings import service
from botschaft.meetings.schemas import (
    AttendanceIn,
    FeedOut,
    InvitationOut,
    MeetingCreate,
    MeetingOut,
    MeetingUpdate,
    RsvpIn,
    RsvpLinkOut,
    Scope,
)
from botschaft.tenancy.access import CoreTeam, CoreTeamOrInfluencer, Influencer

Token = Annotated[Text, Path(max_length=128)]

router = api_router(prefix="/programs/{program_id}/meetings", tags=["meetings"])
calendar_router = api_router(prefix="", tags=["calendar"])

ICS = {200: {"content": {"text/calendar": {}}, "description": "iCalendar (RFC 5545)"}}


def _ics_response(body: bytes, filename: str) -> Response:
    return Response(
        body,
        media_type="text/calendar; charset=utf-8",
        headers={
            "Content-Disposition": f'attachment; filename="{filename}"',
            "Cache-Control": "private, no-store",
            "X-Content-Type-Options": "nosniff",
        },
    )


@router.get(
    "",
    operation_id="meetings_list",
    response_model=list[MeetingOut],
    responses=error_responses(401, 403, 404),
)
def list_meetings(
    ctx: CoreTeamOrInfluencer,
    session: SessionDep,
    since: datetime | None = None,
    until: datetime | None = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 200,
) -> list[MeetingOut]:
    return service.list_meetings(session, ctx, since, until, limit)


@router.post(
    "",
    operation_id="meetings_create",
    status_code=201,
    response_model=list[MeetingOut],
    responses=error_responses(401, 403, 404, 422),
)
def create_meeting(
    body: MeetingCreate, ctx: CoreTeam, session: SessionDep, settings: SettingsDep
) -> list[MeetingOut]:
    """One meeting, or every occurrence of a series (`recurrence`). Invitations go out by
    email with the .ics and RSVP links."""
    created = service.create_meeting(session, ctx, body, settings.public_url)
    return service.outs(session, ctx, created)


@router.get(
    "/{meeting_id}",
    operation_id="meetings_get",
    response_model=MeetingOut,
    responses=error_responses(401, 403, 404),
)
def get_meeting(
    meeting_id: uuid.UUID, ctx: CoreTeamOrInfluencer, session: SessionDep
) -> MeetingOut:
    return service.outs(session, ctx, [service.get_meeting(session, ctx, meeting_id)])[0]


@router.patch(
    "/{meeting_id}",
    operation_id="meetings_update",
    response_model=MeetingOut,
    responses=error_responses(401, 403, 404, 409, 422),
)
def update_meeting(
    meeting_id: uuid.UUID, body: MeetingUpdate, ctx: CoreTeam, session: SessionDep
) -> MeetingOut:
    """Title, agenda, place, link, time, notes. A change calendars see raises `sequence` and
    emails the invitees an updated invitation (same UID); `scope=following` moves the rest
    of a series too. 409 `version_conflict` or `cancelled`; 422 names the field."""
    meeting = service.update_meeting(session, ctx, meeting_id, body)
    return service.outs(session, ctx, [meeting])[0]


@router.post(
    "/{meeting_id}/cancel",
    operation_id="meetings_cancel",
    response_model=MeetingOut,
    responses=error_responses(401, 403, 404, 409, 422),
)
def cancel_meeting(
    meeting_id: uuid.UUID, ctx: CoreTeam, session: SessionDep, scope: Scope = Scope.this
) -> MeetingOut:
    """Cancels the meeting (`scope=following`: also the later occurrences of its series) and
    emails the invitees a METHOD:CANCEL. 409 `already_cancelled`."""
    meeting = service.cancel_meeting(session, ctx, meeting_id, scope)
    return service.outs(session, ctx, [meeting])[0]


@router.put(
    "/{meeting_id}/rsvp",
    operation_id="meetings_rsvp",
    response_model=MeetingOut,
    responses=error_responses(401, 403, 404, 409, 422),
)
def rsvp(meeting_id: uuid.UUID, body: RsvpIn, ctx: Influencer, session: SessionDep) -> MeetingOut:
    return service.rsvp(session, ctx, meeting_id, body)


@router.get(
    "/{meeting_id}/invitations",
    operation_id="meetings_invitations",
    response_model=list[InvitationOut],
    responses=error_responses(401, 403, 404),
)
def invitations(meeting_id: uuid.UUID, ctx: CoreTeam, session: SessionDep) -> list[InvitationOut]:
    return service.invitations(session, ctx, meeting_id)


@router.put(
    "/{meeting_id}/attendance",
    operation_id="meetings_attendance",
    response_model=list[InvitationOut],
    responses=error_responses(401, 403, 404, 409, 422),
)
def attendance(
    meeting_id: uuid.UUID, body: AttendanceIn, ctx: CoreTeam, session: SessionDep
) -> list[InvitationOut]:
    return service.take_attendance(session, ctx, meeting_id, body)


@router.get(
    "/{meeting_id}/calendar.ics",
    operation_id="meetings_ics",
    response_class=Response,
    responses={**ICS, **error_responses(401, 403, 404)},
)
def meeting_ics(meeting_id: uuid.UUID, ctx: CoreTeamOrInfluencer, session: SessionDep) -> Response:
    return _ics_response(service.meeting_ics(session, ctx, meeting_id), "meeting.ics")


@calendar_router.get(
    "/meetings/rsvp/{token}",
    operation_id="meetings_rsvp_link",
    response_model=RsvpLinkOut,
    responses=error_responses(404),
)
def rsvp_link(token: Token, session: SessionDep) -> RsvpLinkOut:
    """The meeting behind an invitation's RSVP link (no sign-in: the token is the key).
    Reading never answers: mail scanners open links, so the answer is a POST."""
    return service.rsvp_link(session, token)


@calendar_router.post(
    "/meetings/rsvp/{token}",
    operation_id="meetings_rsvp_link_answer",
    response_model=RsvpLinkOut,
    responses=error_responses(404, 409, 422),
)
def rsvp_link_answer(token: Token, body: RsvpIn, session: SessionDep) -> RsvpLinkOut:
    """Answers the invitation behind an RSVP link: yes, no or maybe."""
    return service.rsvp_link(session, token, body.response)


@calendar_router.post(
    "/calendar/feed",
    operation_id="calendar_feed_create",
    status_code=201,
    response_model=FeedOut,
    responses=error_responses(401),
)
def create_feed(user: CurrentUser, session: SessionDep, settings: SettingsDep) -> FeedOut:
    """A new private feed URL; the previous one stops working."""
    token = service.regenerate_feed(session, user)
    return FeedOut(url=f"{settings.public_url.rstrip('/')}/api/v1/calendar/{token}.ics")


@calendar_router.delete(
    "/calendar/feed",
    operation_id="calendar_feed_delete",
    status_code=204,
    responses=error_responses(401),
)
def delete_feed(user: CurrentUser, session: SessionDep) -> Response:
    service.revoke_feed(session, user)
    return Response(status_code=204)


@calendar_router.get(
    "/calendar/{token}.ics",
    operation_id="calendar_feed",
    response_class=Response,
    responses={**ICS, **error_responses(404)},
)
def feed(token: Token, session: SessionDep) -> Response:
    """A user's calendar for Outlook or any calendar app: no cookie, the token is the key."""
    return _ics_response(service.feed_ics(session, token), "botschaft.ics")
