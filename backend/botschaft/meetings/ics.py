"""iCalendar (RFC 5545) output: one meeting, a series (RRULE with TZID) and a user's feed."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event, vRecur

from botschaft.meetings.models import Meeting, MeetingSeries, MeetingStatus

PRODID = "-//Botschaft//Botschaft//DE"


def _calendar(method: str | None = None, name: str | None = None) -> Calendar:
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    if method:
        cal.add("method", method)
    if name:
        cal.add("x-wr-calname", name)
    return cal


def _local(value: datetime, tz: str) -> datetime:
    return value.astimezone(ZoneInfo(tz))


def _description(meeting: Meeting) -> str:
    parts = [meeting.agenda or ""]
    if meeting.video_url:
        parts.append(meeting.video_url)
    return "\n\n".join(p for p in parts if p)


def _event(
    meeting: Meeting,
    uid: str,
    rule: MeetingSeries | None = None,
    *,
    sequence: int | None = None,
    cancelled: bool | None = None,
) -> Event:
    event = Event()
    event.add("uid", uid)
    event.add("dtstamp", meeting.updated_at or meeting.created_at)
    start, end = (rule.starts_at, rule.ends_at) if rule else (meeting.starts_at, meeting.ends_at)
    event.add("dtstart", _local(start, meeting.timezone))
    event.add("dtend", _local(end, meeting.timezone))
    event.add("summary", meeting.title)
    if meeting.agenda or meeting.video_url:
        event.add("description", _description(meeting))
    location = meeting.place or meeting.video_url
    if location:
        event.add("location", location)
    if meeting.video_url:
        event.add("url", meeting.video_url)
    event.add("sequence", meeting.sequence if sequence is None else sequence)
    if cancelled is None:
        cancelled = rule is None and meeting.status == MeetingStatus.cancelled
    event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    return event


def uid_for(meeting: Meeting) -> str:
    return f"{meeting.series_id or meeting.id}@botschaft"


def meeting_events(meetings: list[Meeting], series: dict | None = None) -> Iterable[Event]:
    """Single meetings as they are; a series as one master event carrying the RRULE (with
    cancelled occurrences as EXDATE) plus an override for each changed occurrence."""
    series = series or {}
    by_series: dict = {}
    for meeting in meetings:
        if meeting.series_id is None or meeting.series_id not in series:
            yield _event(meeting, uid_for(meeting))
        else:
            by_series.setdefault(meeting.series_id, []).append(meeting)
    for series_id, occurrences in by_series.items():
        rule: MeetingSeries = series[series_id]
        occurrences.sort(key=lambda m: m.original_starts_at or m.starts_at)
        first = occurrences[0]
        # The master's SEQUENCE must rise whenever any occurrence changes; a series whose every
        # occurrence is cancelled is cancelled as a whole.
        master = _event(
            first,
            uid_for(first),
            rule,
            sequence=max(m.sequence for m in occurrences),
            cancelled=all(m.status == MeetingStatus.cancelled for m in occurrences),
        )
        master.add("rrule", vRecur.from_ical(rule.rrule))
        cancelled = [
            _local(m.original_starts_at, rule.timezone)
            for m in occurrences
            if m.status == MeetingStatus.cancelled
        ]
        if cancelled:
            master.add("exdate", cancelled)
        yield master
        for m in occurrences:
            if m.status == MeetingStatus.cancelled or m.sequence == 0:
                continue
            override = _event(m, uid_for(m))
            override.add("recurrence-id", _local(m.original_starts_at, rule.timezone))
            yield override


def occurrence_events(meetings: list[Meeting]) -> Iterable[Event]:
    """Each meeting on its own, for an update (REQUEST) or a cancellation (CANCEL): an
    occurrence of a series keeps the series' UID and names itself by RECURRENCE-ID, so a
    calendar changes that one instance instead of adding an event."""
    for meeting in meetings:
        event = _event(meeting, uid_for(meeting))
        if meeting.series_id and meeting.original_starts_at:
            event.add("recurrence-id", _local(meeting.original_starts_at, meeting.timezone))
        yield event


def to_ics(events: Iterable[Event], method: str | None = None, name: str | None = None) -> bytes:
    cal = _calendar(method, name)
    for event in events:
        cal.add_component(event)
    cal.add_missing_timezones()
    return cal.to_ical()


def module_session_event(module, tz: str) -> Event:
    event = Event()
    event.add("uid", f"module-{module.id}@botschaft")
    event.add("dtstamp", module.updated_at)
    event.add("dtstart", _local(module.session_starts_at, tz))
    end = module.session_ends_at or module.session_starts_at
    event.add("dtend", _local(end, tz))
    event.add("summary", module.title)
    if module.session_place:
        event.add("location", module.session_place)
    event.add("status", "CONFIRMED")
    return event
