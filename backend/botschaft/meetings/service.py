"""Meetings: audience, series, RSVP, attendance, iCalendar and the private calendar feed."""

from __future__ import annotations

import hashlib
import secrets
import uuid
from datetime import datetime, timedelta
from functools import cache
from zoneinfo import ZoneInfo

from dateutil.rrule import rrulestr
from sqlalchemy import Select, bindparam, select
from sqlalchemy.orm import Session

from botschaft.core.database import utcnow
from botschaft.core.errors import Conflict, FieldError, NotFound, Unprocessable
from botschaft.identity.models import User
from botschaft.learning.models import Module
from botschaft.meetings import ics, notify
from botschaft.meetings.models import (
    AudienceKind,
    CalendarFeed,
    Meeting,
    MeetingInvitation,
    MeetingSeries,
    MeetingStatus,
    Rsvp,
)
from botschaft.meetings.schemas import (
    AttendanceIn,
    Audience,
    InvitationOut,
    MeetingCreate,
    MeetingOut,
    MeetingUpdate,
    RsvpIn,
    RsvpLinkOut,
    Scope,
)
from botschaft.teams.models import Team, TeamMember
from botschaft.tenancy.access import ProgramContext
from botschaft.tenancy.models import (
    Cohort,
    MembershipStatus,
    Program,
    ProgramMembership,
    ProgramRole,
)
from botschaft.tenancy.scope import own_only, scope_values

MAX_OCCURRENCES = 100
HORIZON = timedelta(days=366)


def digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


# --- audience --------------------------------------------------------------------------------


def _audience_members(session: Session, ctx: ProgramContext, audience: Audience) -> list:
    pid = ctx.program.id
    influencers = select(ProgramMembership.id).where(
        ProgramMembership.program_id == pid,
        ProgramMembership.role == ProgramRole.influencer,
        ProgramMembership.is_person,
    )
    if audience.kind == AudienceKind.program:
        return list(session.scalars(influencers.where(ProgramMembership.status == "active")))
    if audience.kind == AudienceKind.cohort:
        cohort = audience.cohort_id and session.get(Cohort, audience.cohort_id)
        if not cohort or cohort.program_id != pid:
            raise Unprocessable.for_field("audience.cohort_id", "No such cohort in this program.")
        # A re-call cohort invites its alumni too; otherwise paused and alumni are left out.
        statement = influencers.where(ProgramMembership.cohort_id == cohort.id)
        if cohort.kind != "recall":
            statement = statement.where(ProgramMembership.status == MembershipStatus.active)
        return list(session.scalars(statement))
    if audience.kind == AudienceKind.team:
        team = audience.team_id and session.get(Team, audience.team_id)
        if not team or team.program_id != pid:
            raise Unprocessable.for_field("audience.team_id", "No such team in this program.")
        return list(
            session.scalars(
                influencers.join(TeamMember, TeamMember.member_id == ProgramMembership.id).where(
                    TeamMember.team_id == team.id
                )
            )
        )
    wanted = set(audience.member_ids)
    if not wanted:
        raise Unprocessable.for_field("audience.member_ids", "Choose at least one person.")
    found = set(
        session.scalars(
            select(ProgramMembership.id).where(
                ProgramMembership.id.in_(wanted),
                ProgramMembership.program_id == pid,
                ProgramMembership.is_person,
            )
        )
    )
    if wanted - found:
        raise Unprocessable.for_field(
            "audience.member_ids", "Only members of this program can be invited.", "not_member"
        )
    return sorted(wanted)


# --- recurrence ------------------------------------------------------------------------------


def expand(rule: str, start_local: datetime, tz: str) -> list[datetime]:
    """Occurrence starts (aware, program time zone) of an RRULE; wall-clock time is kept
    across daylight-saving changes. Raises Unprocessable naming `recurrence`."""
    text = rule.strip()
    if text.upper().startswith("RRULE:"):
        text = text[6:]
    if not text or "\n" in text or "DTSTART" in text.upper() or "FREQ=" not in text.upper():
        raise Unprocessable.for_field(
            "recurrence", "Not a valid RRULE (e.g. FREQ=WEEKLY;INTERVAL=2;BYDAY=TU).", "rrule"
        )
    naive = start_local.replace(tzinfo=None)
    try:
        parsed = rrulestr(text, dtstart=naive)
    except (ValueError, TypeError) as error:
        raise Unprocessable.for_field(
            "recurrence", f"Not a valid RRULE: {error}", "rrule"
        ) from error
    zone = ZoneInfo(tz)
    until = naive + HORIZON
    starts = []
    for occurrence in parsed:
        if occurrence > until or len(starts) >= MAX_OCCURRENCES:
            break
        starts.append(occurrence.replace(tzinfo=zone))
    if not starts:
        raise Unprocessable.for_field("recurrence", "The rule produces no meeting.", "rrule")
    return starts


# --- output ----------------------------------------------------------------------------------


def _counts(session: Session, meeting_ids: list) -> dict:
    counts: dict = {mid: {r.value: 0 for r in Rsvp} | {"attended": 0} for mid in meeting_ids}
    for inv in session.scalars(
        select(MeetingInvitation).where(MeetingInvitation.meeting_id.in_(meeting_ids))
    ):
        counts[inv.meeting_id][inv.rsvp.value] += 1
        counts[inv.meeting_id]["attended"] += 1 if inv.attended else 0
    return counts


def _out(meeting: Meeting, *, rule: str | None = None, rsvp=None, counts=None) -> MeetingOut:
    out = MeetingOut.model_validate(meeting)
    out.recurrence = rule
    out.my_rsvp = rsvp
    out.counts = counts or {}
    return out


def _series_rules(session: Session, meetings: list[Meeting]) -> dict:
    ids = {m.series_id for m in meetings if m.series_id}
    if not ids:
        return {}
    return {
        s.id: s for s in session.scalars(select(MeetingSeries).where(MeetingSeries.id.in_(ids)))
    }


@cache
def _my_answers() -> Select:
    return select(MeetingInvitation.meeting_id, MeetingInvitation.rsvp).where(
        MeetingInvitation.member_id == bindparam("member"),
        MeetingInvitation.meeting_id.in_(bindparam("meetings", expanding=True)),
    )


def outs(session: Session, ctx: ProgramContext, meetings: list[Meeting]) -> list[MeetingOut]:
    rules = _series_rules(session, meetings)
    if own_only(ctx):
        values = {"member": ctx.membership.id, "meetings": [m.id for m in meetings]}
        mine = dict(session.execute(_my_answers(), values).all())
        return [
            _out(m, rule=rules[m.series_id].rrule if m.series_id else None, rsvp=mine.get(m.id))
            for m in meetings
        ]
    counts = _counts(session, [m.id for m in meetings])
    return [
        _out(m, rule=rules[m.series_id].rrule if m.series_id else None, counts=counts[m.id])
        for m in meetings
    ]


# --- queries ---------------------------------------------------------------------------------


def readable(ctx: ProgramContext):
    """The program's meetings the caller may see (an influencer: those they are invited to);
    every read of meetings starts here."""
    return _readable(ctx.program.id, ctx.membership.id if own_only(ctx) else None)


def _readable(program_id, own_member) -> Select:
    """`readable` for a program and, in the restricted view, a member (values or parameters)."""
    statement = select(Meeting).where(Meeting.program_id == program_id)
    if own_member is not None:
        statement = statement.join(
            MeetingInvitation,
            (MeetingInvitation.meeting_id == Meeting.id)
            & (MeetingInvitation.member_id == own_member),
        )
    return statement


@cache
def _upcoming(own: bool) -> Select:
    """Built once per view (the home page's; see auth.sessions.lookup)."""
    return (
        _readable(bindparam("program_id"), bindparam("own_member") if own else None)
        .where(Meeting.ends_at >= bindparam("now"), Meeting.status == MeetingStatus.scheduled)
        .where(Meeting.starts_at < bindparam("until"))
        .order_by(Meeting.starts_at, Meeting.id)
        .limit(bindparam("most"))
    )


def upcoming(session: Session, ctx: ProgramContext, *, days: int, most: int) -> list[Meeting]:
    """The caller's next scheduled meetings starting within `days` (an ongoing one too)."""
    now = utcnow()
    values = scope_values(ctx) | {"now": now, "until": now + timedelta(days=days), "most": most}
    return list(session.scalars(_upcoming(own_only(ctx)), values))


def get_meeting(session: Session, ctx: ProgramContext, meeting_id: uuid.UUID) -> Meeting:
    meeting = session.scalar(readable(ctx).where(Meeting.id == meeting_id))
    if meeting is None:
        raise NotFound("No such meeting.")
    return meeting


def list_meetings(
    session: Session,
    ctx: ProgramContext,
    since: datetime | None,
    until: datetime | None,
    limit: int,
) -> list[MeetingOut]:
    statement = readable(ctx)
    if since:
        statement = statement.where(Meeting.ends_at >= since)
    if until:
        statement = statement.where(Meeting.starts_at < until)
    meetings = list(session.scalars(statement.order_by(Meeting.starts_at, Meeting.id).limit(limit)))
    return outs(session, ctx, meetings)


# --- writes ----------------------------------------------------------------------------------


def _conflict(field: str, message: str, code: str) -> Conflict:
    return Conflict(
        message, errors=[FieldError(field=field, message=message, type=code)], code=code
    )


def create_meeting(
    session: Session, ctx: ProgramContext, data: MeetingCreate, public_url: str
) -> list[Meeting]:
    """Validates everything first, then writes the meeting (or every occurrence of a series)
    with one invitation per person in the audience, and queues the invitation emails."""
    if data.ends_at <= data.starts_at:
        raise Unprocessable.for_field(
            "ends_at", "The end must be after the start.", "end_before_start"
        )
    if data.ends_at - data.starts_at > timedelta(days=7):
        raise Unprocessable.for_field("ends_at", "A meeting lasts at most a week.", "too_long")
    members = _audience_members(session, ctx, data.audience)
    tz = ctx.program.timezone
    zone = ZoneInfo(tz)
    duration = data.ends_at - data.starts_at
    starts = [data.starts_at]
    series = None
    if data.recurrence:
        starts = expand(data.recurrence, data.starts_at.astimezone(zone), tz)
        rule = data.recurrence.strip()
        rule = rule[6:] if rule.upper().startswith("RRULE:") else rule
        series = MeetingSeries(
            program_id=ctx.program.id,
            rrule=rule.upper(),
            timezone=tz,
            starts_at=data.starts_at,
            ends_at=data.ends_at,
        )
        session.add(series)
        session.flush()
    fields = data.model_dump(exclude={"audience", "recurrence", "starts_at", "ends_at"})
    created = []
    for start in starts:
        meeting = Meeting(
            program_id=ctx.program.id,
            series_id=series.id if series else None,
            original_starts_at=start if series else None,
            starts_at=start,
            ends_at=start + duration,
            timezone=tz,
            audience=data.audience.kind,
            cohort_id=data.audience.cohort_id if data.audience.kind == "cohort" else None,
            team_id=data.audience.team_id if data.audience.kind == "team" else None,
            **fields,
        )
        session.add(meeting)
        created.append(meeting)
    session.flush()
    for meeting in created:
        session.add_all(MeetingInvitation(meeting_id=meeting.id, member_id=m) for m in members)
    session.flush()
    notify.invite(session, created, public_url)
    return created


CALENDAR_FIELDS = ("title", "agenda", "place", "video_url", "starts_at", "ends_at")
NOT_NULL = {"title", "agenda", "notes", "follow_ups", "starts_at", "ends_at"}


def _targets(session: Session, meeting: Meeting, scope: Scope) -> list[Meeting]:
    """The meeting, or with `following` also the later scheduled occurrences of its series."""
    if scope == Scope.this or meeting.series_id is None:
        return [meeting]
    later = session.scalars(
        select(Meeting)
        .where(
            Meeting.series_id == meeting.series_id,
            Meeting.program_id == meeting.program_id,
            Meeting.original_starts_at > meeting.original_starts_at,
            Meeting.status == MeetingStatus.scheduled,
        )
        .order_by(Meeting.original_starts_at)
    )
    return [meeting, *later]


def update_meeting(
    session: Session, ctx: ProgramContext, meeting_id: uuid.UUID, data: MeetingUpdate
) -> Meeting:
    """Checks everything before writing; a change calendars see raises SEQUENCE and sends the
    invitees an updated invitation (same UID). With `following`, the later occurrences of the
    series shift by the same amount and take the same title, agenda, place and link."""
    meeting = get_meeting(session, ctx, meeting_id)
    if data.version != meeting.version:
        raise Conflict("Someone else changed this meeting; reload.", code="version_conflict")
    changes = {
        field: value
        for field, value in data.model_dump(
            exclude_unset=True, exclude={"version", "scope"}
        ).items()
        if not (value is None and field in NOT_NULL)
    }
    calendar = {f: v for f, v in changes.items() if f in CALENDAR_FIELDS}
    if calendar and meeting.status == MeetingStatus.cancelled:
        raise _conflict("status", "This meeting was cancelled; it cannot be changed.", "cancelled")
    starts = changes.get("starts_at", meeting.starts_at)
    ends = changes.get("ends_at", meeting.ends_at)
    if ends <= starts:
        raise Unprocessable.for_field(
            "ends_at", "The end must be after the start.", "end_before_start"
        )
    if ends - starts > timedelta(days=7):
        raise Unprocessable.for_field("ends_at", "A meeting lasts at most a week.", "too_long")
    if starts != meeting.starts_at and starts < utcnow():
        raise Unprocessable.for_field(
            "starts_at", "A meeting cannot be moved into the past.", "in_past"
        )
    shift, duration = starts - meeting.starts_at, ends - starts
    others = {f: v for f, v in calendar.items() if f not in ("starts_at", "ends_at")}
    changed = []
    for target in _targets(session, meeting, data.scope):
        before = [getattr(target, f) for f in CALENDAR_FIELDS]
        for field, value in (changes if target is meeting else others).items():
            setattr(target, field, value)
        if target is not meeting:
            target.starts_at = target.starts_at + shift
            target.ends_at = target.starts_at + duration
        if before != [getattr(target, f) for f in CALENDAR_FIELDS]:
            target.sequence += 1
            changed.append(target)
    session.flush()
    if changed:
        notify.updated(session, changed)
    return meeting


def cancel_meeting(
    session: Session, ctx: ProgramContext, meeting_id: uuid.UUID, scope: Scope = Scope.this
) -> Meeting:
    """Cancels the meeting (or it and the later occurrences of its series): SEQUENCE rises
    and the invitees get a METHOD:CANCEL with the same UID, so calendars drop it."""
    meeting = get_meeting(session, ctx, meeting_id)
    if meeting.status == MeetingStatus.cancelled:
        raise _conflict("status", "This meeting is already cancelled.", "already_cancelled")
    now = utcnow()
    targets = _targets(session, meeting, scope)
    for target in targets:
        target.status = MeetingStatus.cancelled
        target.cancelled_at = now
        target.sequence += 1
    session.flush()
    notify.cancelled(session, targets)
    return meeting


def _apply_rsvp(meeting: Meeting, invitation: MeetingInvitation, response: Rsvp) -> None:
    if meeting.status == MeetingStatus.cancelled:
        raise _conflict("response", "This meeting was cancelled.", "cancelled")
    if meeting.ends_at <= utcnow():
        raise _conflict("response", "This meeting is over.", "past")
    if response == Rsvp.pending:
        raise Unprocessable.for_field("response", "Answer yes, no or maybe.", "invalid")
    invitation.rsvp = response
    invitation.responded_at = utcnow()


def rsvp(session: Session, ctx: ProgramContext, meeting_id: uuid.UUID, data: RsvpIn) -> MeetingOut:
    meeting = get_meeting(session, ctx, meeting_id)  # influencers only see their invitations
    invitation = session.scalar(
        select(MeetingInvitation).where(
            MeetingInvitation.meeting_id == meeting.id,
            MeetingInvitation.member_id == ctx.membership.id,
        )
    )
    if invitation is None:
        raise NotFound("No such meeting.")
    _apply_rsvp(meeting, invitation, data.response)
    session.flush()
    return outs(session, ctx, [meeting])[0]


def rsvp_link(session: Session, token: str, response: Rsvp | None = None) -> RsvpLinkOut:
    """The invitation behind an emailed link; answered when `response` is given."""
    row = session.execute(
        select(MeetingInvitation, Meeting, User.name)
        .join(Meeting, Meeting.id == MeetingInvitation.meeting_id)
        .join(ProgramMembership, ProgramMembership.id == MeetingInvitation.member_id)
        .join(User, User.id == ProgramMembership.user_id)
        .where(MeetingInvitation.token_digest == digest(token))
    ).first()
    if row is None:
        raise NotFound("This link is not valid.")
    invitation, meeting, name = row
    if response is not None:
        _apply_rsvp(meeting, invitation, response)
        session.flush()
    return RsvpLinkOut(
        title=meeting.title,
        kind=meeting.kind,
        starts_at=meeting.starts_at,
        ends_at=meeting.ends_at,
        timezone=meeting.timezone,
        place=meeting.place,
        video_url=meeting.video_url,
        status=meeting.status,
        name=name,
        rsvp=invitation.rsvp,
    )


def invitations(session: Session, ctx: ProgramContext, meeting_id: uuid.UUID) -> list:
    meeting = get_meeting(session, ctx, meeting_id)
    rows = session.execute(
        select(MeetingInvitation, User.name)
        .join(ProgramMembership, ProgramMembership.id == MeetingInvitation.member_id)
        .join(User, User.id == ProgramMembership.user_id)
        .where(MeetingInvitation.meeting_id == meeting.id)
        .order_by(User.name, MeetingInvitation.id)
    ).all()
    return [
        InvitationOut(member_id=i.member_id, name=name, rsvp=i.rsvp, attended=i.attended)
        for i, name in rows
    ]


def take_attendance(
    session: Session, ctx: ProgramContext, meeting_id: uuid.UUID, data: AttendanceIn
) -> list:
    meeting = get_meeting(session, ctx, meeting_id)
    if meeting.status == MeetingStatus.cancelled:
        raise Conflict("This meeting was cancelled.")
    if meeting.starts_at > utcnow() + timedelta(hours=1):
        raise Conflict("Attendance is taken during or after the meeting.", code="not_started")
    invited = {
        i.member_id: i
        for i in session.scalars(
            select(MeetingInvitation).where(MeetingInvitation.meeting_id == meeting.id)
        )
    }
    present = set(data.attended)
    if present - invited.keys():
        raise Unprocessable.for_field(
            "attended", "Only invited people can be marked present.", "not_invited"
        )
    for member_id, invitation in invited.items():
        invitation.attended = member_id in present
    session.flush()
    return invitations(session, ctx, meeting_id)


# --- iCalendar -------------------------------------------------------------------------------


def meeting_ics(session: Session, ctx: ProgramContext, meeting_id: uuid.UUID) -> bytes:
    """One meeting; for an occurrence of a series, the whole series (RRULE with TZID)."""
    meeting = get_meeting(session, ctx, meeting_id)
    if meeting.series_id is None:
        return ics.to_ics(ics.meeting_events([meeting]), method="PUBLISH")
    occurrences = list(session.scalars(readable(ctx).where(Meeting.series_id == meeting.series_id)))
    return ics.to_ics(
        ics.meeting_events(occurrences, _series_rules(session, occurrences)), method="PUBLISH"
    )


def series_ics(session: Session, meetings: list[Meeting]) -> bytes:
    return ics.to_ics(ics.meeting_events(meetings, _series_rules(session, meetings)))


def regenerate_feed(session: Session, user: User) -> str:
    token = secrets.token_urlsafe(32)
    feed = session.scalar(select(CalendarFeed).where(CalendarFeed.user_id == user.id))
    if feed is None:
        session.add(CalendarFeed(user_id=user.id, token_digest=digest(token)))
    else:
        feed.token_digest = digest(token)
        feed.created_at = utcnow()
    session.flush()
    return token


def revoke_feed(session: Session, user: User) -> None:
    feed = session.scalar(select(CalendarFeed).where(CalendarFeed.user_id == user.id))
    if feed is not None:
        session.delete(feed)
        session.flush()


def feed_ics(session: Session, token: str) -> bytes:
    """Everything on the user's calendar: meetings they are invited to, meetings of programs
    they run (core team), and live sessions of their modules. Past 90 days onwards."""
    feed = session.scalar(select(CalendarFeed).where(CalendarFeed.token_digest == digest(token)))
    if feed is None:
        raise NotFound("No such calendar.")
    since = utcnow() - timedelta(days=90)
    memberships = list(
        session.scalars(
            select(ProgramMembership).where(
                ProgramMembership.user_id == feed.user_id,
                ProgramMembership.role.in_([ProgramRole.influencer, ProgramRole.core_team]),
            )
        )
    )
    core = [m.program_id for m in memberships if m.role == ProgramRole.core_team]
    mine = [m.id for m in memberships if m.role == ProgramRole.influencer]
    meetings = list(
        session.scalars(
            select(Meeting).where(Meeting.program_id.in_(core), Meeting.ends_at >= since)
        )
    )
    meetings += list(
        session.scalars(
            select(Meeting)
            .join(MeetingInvitation, MeetingInvitation.meeting_id == Meeting.id)
            .where(MeetingInvitation.member_id.in_(mine), Meeting.ends_at >= since)
        )
    )
    unique = list({m.id: m for m in meetings}.values())
    events = list(ics.meeting_events(unique, _series_rules(session, unique)))
    for membership in memberships:
        program = session.get(Program, membership.program_id)
        statement = select(Module).where(
            Module.program_id == membership.program_id,
            Module.session_starts_at.is_not(None),
            Module.session_starts_at >= since,
        )
        if membership.role == ProgramRole.influencer:
            statement = statement.where(
                (Module.cohort_id.is_(None)) | (Module.cohort_id == membership.cohort_id)
            )
        events += [
            ics.module_session_event(m, program.timezone) for m in session.scalars(statement)
        ]
    return ics.to_ics(events, name="Botschaft")
