"""Matrix rows for meetings, RSVP, attendance and the calendar feed.

The world's meeting invites "influencer" only: "peer_influencer" gets 404 for it (and so can
neither read it nor answer for someone else). The feed and the RSVP link are public by token.
"""

from __future__ import annotations

import secrets
from datetime import timedelta

from botschaft.core.database import utcnow
from botschaft.meetings.models import CalendarFeed, Meeting, MeetingInvitation
from botschaft.meetings.service import digest
from tests.authz.rules import ALL, SIGNED_IN, Rule
from tests.authz.world import World

CORE = frozenset({"core_team"})
CORE_OR_INVITED = frozenset({"core_team", "influencer"})


def build(world: World) -> None:
    start = utcnow() - timedelta(minutes=30)
    feed_token, rsvp_token = secrets.token_urlsafe(16), secrets.token_urlsafe(16)
    with world.db.session() as session:
        meeting = Meeting(
            program_id=world.program,
            kind="check_in",
            title="Check-in",
            starts_at=start,
            ends_at=start + timedelta(hours=1),
            timezone="Europe/Berlin",
            audience="people",
        )
        session.add(meeting)
        session.flush()
        session.add(
            MeetingInvitation(
                meeting_id=meeting.id,
                member_id=world.members["influencer"],
                token_digest=digest(rsvp_token),
            )
        )
        session.add(
            CalendarFeed(user_id=world.accounts["influencer"].id, token_digest=digest(feed_token))
        )
        session.flush()
        world.objects.update(meeting=meeting.id, feed_token=feed_token, rsvp_token=rsvp_token)


def _program(w: World) -> dict:
    return {"program_id": w.program}


def _meeting(w: World) -> dict:
    return {"program_id": w.program, "meeting_id": w["meeting"]}


def _new_meeting(w: World) -> dict:
    start = utcnow() + timedelta(days=3)
    return {
        "kind": "workshop",
        "title": "Workshop",
        "starts_at": start.isoformat(),
        "ends_at": (start + timedelta(hours=2)).isoformat(),
        "audience": {"kind": "program"},
    }


RULES = {
    "meetings_list": Rule(frozenset({"core_team", "influencer", "peer_influencer"}), path=_program),
    "meetings_create": Rule(CORE, path=_program, body=_new_meeting),
    "meetings_get": Rule(CORE_OR_INVITED, path=_meeting),
    "meetings_update": Rule(CORE, path=_meeting, body=lambda w: {"version": 1, "notes": "ok"}),
    "meetings_cancel": Rule(CORE, path=_meeting),
    "meetings_rsvp": Rule(
        frozenset({"influencer"}), path=_meeting, body=lambda w: {"response": "yes"}
    ),
    "meetings_invitations": Rule(CORE, path=_meeting),
    "meetings_attendance": Rule(
        CORE, path=_meeting, body=lambda w: {"attended": [str(w.members["influencer"])]}
    ),
    "meetings_ics": Rule(CORE_OR_INVITED, path=_meeting),
    "meetings_rsvp_link": Rule(ALL, path=lambda w: {"token": w["rsvp_token"]}),
    "meetings_rsvp_link_answer": Rule(
        ALL, path=lambda w: {"token": w["rsvp_token"]}, body=lambda w: {"response": "maybe"}
    ),
    "calendar_feed_create": Rule(SIGNED_IN),
    "calendar_feed_delete": Rule(SIGNED_IN),
    "calendar_feed": Rule(ALL, path=lambda w: {"token": w["feed_token"]}),
}
