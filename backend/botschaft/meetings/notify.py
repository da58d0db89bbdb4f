"""Invitation, cancellation and reminder emails (with the iCalendar attachment)."""

from __future__ import annotations

import secrets
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from botschaft.identity.models import User
from botschaft.meetings import (
    emails,  # noqa: F401 (registers the templates)
    ics,
)
from botschaft.meetings.models import Meeting, MeetingInvitation, MeetingSeries, MeetingStatus, Rsvp
from botschaft.notifications.schemas import Attachment
from botschaft.notifications.service import send_email
from botschaft.tenancy.models import ProgramMembership


def _when(meeting: Meeting, locale: str) -> str:
    start = meeting.starts_at.astimezone(ZoneInfo(meeting.timezone))
    end = meeting.ends_at.astimezone(ZoneInfo(meeting.timezone))
    if locale == "de":
        return f"{start:%d.%m.%Y, %H:%M}–{end:%H:%M} Uhr"
    return f"{start:%Y-%m-%d %H:%M}–{end:%H:%M} ({meeting.timezone})"


def _where(meeting: Meeting) -> str:
    return meeting.place or meeting.video_url or "—"


def _people(session: Session, meeting: Meeting):
    return session.execute(
        select(MeetingInvitation, User)
        .join(ProgramMembership, ProgramMembership.id == MeetingInvitation.member_id)
        .join(User, User.id == ProgramMembership.user_id)
        .where(MeetingInvitation.meeting_id == meeting.id)
    ).all()


def invite(session: Session, occurrences: list[Meeting], public_url: str) -> int:
    """One email per person: the meeting (or the whole series) as .ics, RSVP links for the
    first occurrence. The link token is stored as a digest only."""
    from botschaft.meetings.service import digest

    first = occurrences[0]
    series = {}
    if first.series_id:
        series = {first.series_id: session.get(MeetingSeries, first.series_id)}
    attachment = Attachment(
        "einladung.ics",
        "text/calendar; method=PUBLISH",
        ics.to_ics(ics.meeting_events(occurrences, series), method="PUBLISH"),
    )
    # The SPA's page asks before it answers (mail scanners open links).
    base = f"{public_url.rstrip('/')}/rsvp/"
    sent = 0
    for invitation, user in _people(session, first):
        token = secrets.token_urlsafe(24)
        invitation.token_digest = digest(token)
        locale = user.locale.value
        send_email(
            session,
            to=user.email,
            template="meetings.invitation",
            locale=locale,
            context={
                "name": user.name,
                "title": first.title,
                "when": _when(first, locale),
                "where": _where(first),
                "agenda": first.agenda,
                **{r: f"{base}{token}?response={r}" for r in ("yes", "maybe", "no")},
            },
            attachments=[attachment],
        )
        sent += 1
    session.flush()
    return sent


def _changes_by_person(session: Session, meetings: list[Meeting]) -> dict:
    """{user id: (user, [meetings of the list they are invited to])}: only invitees hear."""
    people: dict = {}
    for meeting in meetings:
        for invitation, user in _people(session, meeting):
            people.setdefault(user.id, (user, invitation, []))[2].append(meeting)
    return people


def updated(session: Session, meetings: list[Meeting]) -> None:
    """An updated invitation (METHOD:REQUEST, same UID, higher SEQUENCE) to every invitee,
    one email per person for all changed occurrences."""
    for user, _invitation, theirs in _changes_by_person(session, meetings).values():
        first, locale = theirs[0], user.locale.value
        send_email(
            session,
            to=user.email,
            template="meetings.updated",
            locale=locale,
            context={
                "name": user.name,
                "title": first.title,
                "when": _when(first, locale),
                "where": _where(first),
                "agenda": first.agenda,
                "more": _more(len(theirs) - 1, locale),
            },
            attachments=[
                Attachment(
                    "einladung.ics",
                    "text/calendar; method=REQUEST",
                    ics.to_ics(ics.occurrence_events(theirs), method="REQUEST"),
                )
            ],
        )


def cancelled(session: Session, meetings: list[Meeting]) -> None:
    """METHOD:CANCEL with the same UID (and RECURRENCE-ID for occurrences) to every invitee
    who had not declined."""
    for user, invitation, theirs in _changes_by_person(session, meetings).values():
        if invitation.rsvp == Rsvp.no and len(theirs) == 1:
            continue
        first, locale = theirs[0], user.locale.value
        send_email(
            session,
            to=user.email,
            template="meetings.cancelled",
            locale=locale,
            context={
                "name": user.name,
                "title": first.title,
                "when": _when(first, locale),
                "more": _more(len(theirs) - 1, locale),
            },
            attachments=[
                Attachment(
                    "absage.ics",
                    "text/calendar; method=CANCEL",
                    ics.to_ics(ics.occurrence_events(theirs), method="CANCEL"),
                )
            ],
        )


def _more(count: int, locale: str) -> str:
    if count <= 0:
        return ""
    if locale == "de":
        return f"\n\nDas gilt auch für die {count} folgenden Termine der Reihe."
    return f"\n\nThis also applies to the {count} following meetings of the series."


def send_reminders(session: Session, now: datetime, minutes: int) -> int:
    """Remind everyone who has not declined, `minutes` before the start, once."""
    if minutes <= 0:
        return 0
    rows = session.execute(
        select(MeetingInvitation, Meeting, User)
        .join(Meeting, Meeting.id == MeetingInvitation.meeting_id)
        .join(ProgramMembership, ProgramMembership.id == MeetingInvitation.member_id)
        .join(User, User.id == ProgramMembership.user_id)
        .where(
            Meeting.status == MeetingStatus.scheduled,
            Meeting.starts_at > now,
            Meeting.starts_at <= now + timedelta(minutes=minutes),
            MeetingInvitation.reminded_at.is_(None),
            MeetingInvitation.rsvp != Rsvp.no,
        )
    ).all()
    for invitation, meeting, user in rows:
        locale = user.locale.value
        send_email(
            session,
            to=user.email,
            template="meetings.reminder",
            locale=locale,
            context={
                "name": user.name,
                "title": meeting.title,
                "when": _when(meeting, locale),
                "where": _where(meeting),
            },
        )
        invitation.reminded_at = now
    session.flush()
    return len(rows)
