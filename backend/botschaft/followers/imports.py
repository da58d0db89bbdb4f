"""Follower counts from a file: the follower history the platforms' analytics exports contain
or a list the core team keeps.

- A date column and a followers column: TikTok Studio's "Follower history" (CSV or XLSX,
  dates without a year such as "28 November"), a list kept by hand, a sheet saved as CSV.
- LinkedIn's creator analytics export (XLSX, sheet FOLLOWERS): its first line is "Total
  followers on 12/1/2026" with the total beside it; that total is imported. The daily "New
  followers" below it count gains, not totals, so they are not turned into counts.
- Files that only count new followers per day (Meta's "Follows" export for Instagram, the
  LinkedIn sheet without its total line) are refused with a word saying so: a total cannot be
  computed from gains without the unfollows.

Every row or none: a 422 lists the rows to fix. A row may name its platform and, for the core
team, its person by email; otherwise the form says which. Importing the same file again
changes nothing: a count is identified by (person, platform, day).
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from botschaft.core.errors import FieldError, Unprocessable
from botschaft.core.tables import parse_count, parse_day, read_rows
from botschaft.followers.models import FollowerReading
from botschaft.followers.schemas import MOST_FOLLOWERS, FollowerImportOut
from botschaft.followers.service import DROP_SHARE, own_or_named
from botschaft.identity.models import User
from botschaft.tenancy.access import ProgramContext
from botschaft.tenancy.models import Platform, ProgramMembership, ProgramRole
from botschaft.tenancy.scope import may_see

MAX_REPORTED_ERRORS = 200

# Column names as the exports and people write them (compared in lower case).
COLUMNS = {
    "day": {"date", "datum", "day", "tag", "counted on", "gezählt am", "stichtag"},
    "followers": {
        "followers", "follower", "total followers", "followers count", "follower:innen",
        "followerinnen", "abonnenten", "connections", "kontakte", "fans", "follower count",
        "anzahl follower",
    },
    "platform": {"platform", "plattform", "network", "netzwerk", "kanal"},
    "email": {"email", "e-mail", "e-mail-adresse", "mail"},
}  # fmt: skip


@dataclass
class _Row:
    number: int  # the row's number in the file (header = 1)
    member_id: uuid.UUID
    platform: Platform
    day: date
    followers: int


# Columns of files that count new followers per day, not totals.
GAINS = {"new followers", "neue follower", "primary", "follows", "gained followers"}
# LinkedIn's line above its daily gains: "Total followers on 12/1/2026" | 1234.
LINKEDIN_TOTAL = re.compile(r"^total followers on (.+?):?$", re.IGNORECASE)


def _names(row: list[object]) -> list[str]:
    return ["" if c is None else str(c).strip().lower() for c in row]


def _columns(rows: list[list[object]]) -> tuple[int, dict[str, int]]:
    """The header: the first row (of the first twenty) with a date and a followers column."""
    for i, row in enumerate(rows[:20]):
        names = _names(row)
        found = {
            field: names.index(name)
            for field, words in COLUMNS.items()
            for name in names
            if name in words
        }
        if "day" in found and "followers" in found:
            return i, found
    if any(name in GAINS for row in rows[:20] for name in _names(row)):
        raise Unprocessable.for_field(
            "file",
            "This file counts new followers per day, not the total. Export the follower "
            "history with totals, or enter today's total by hand.",
            "gains_only",
        )
    raise Unprocessable.for_field(
        "file",
        "No date column and followers column were found (e.g. 'Date' and 'Followers').",
        "no_followers_column",
    )


def _linkedin_total(rows: list[list[object]]) -> list[list[object]] | None:
    """LinkedIn's export as a table of one count (its total on the export day), or None when
    the file is not laid out that way."""
    for row in rows[:5]:
        cells = [c for c in row if c not in (None, "")]
        found = LINKEDIN_TOTAL.match(str(cells[0]).strip()) if len(cells) >= 2 else None
        if found:
            return [["date", "followers"], [found.group(1).strip(), cells[1]]]
    return None


def import_counts(
    session: Session,
    ctx: ProgramContext,
    filename: str,
    data: bytes,
    *,
    platform: Platform | None,
    member_id: uuid.UUID | None,
    confirm_drop: bool,
    dry_run: bool,
) -> FollowerImportOut:
    rows = read_rows(filename, data, sheet="FOLLOWERS")
    linkedin = _linkedin_total(rows)
    if linkedin is not None:
        rows, platform = linkedin, Platform.linkedin
    header, index = _columns(rows)
    if "platform" not in index and platform is None:
        raise Unprocessable.for_field(
            "platform", "Choose the platform: the file has no platform column.", "missing"
        )
    default_member = None if "email" in index else own_or_named(session, ctx, member_id)
    people = _people_by_email(session, ctx) if "email" in index else {}
    errors: list[FieldError] = []

    def error(number: int, name: str, message: str, kind: str = "invalid") -> None:
        if len(errors) < MAX_REPORTED_ERRORS:
            errors.append(FieldError(field=f"rows[{number}].{name}", message=message, type=kind))

    parsed: dict[tuple[uuid.UUID, Platform, date], _Row] = {}
    today = ctx.program.today()
    for offset, raw in enumerate(rows[header + 1 :]):
        number = header + offset + 2
        cell = {f: (raw[i] if i < len(raw) else None) for f, i in index.items()}
        if all(v in (None, "") for v in cell.values()):
            continue
        row = _row(ctx, cell, number, error, today, platform, default_member, people)
        if row is None:
            continue
        key = (row.member_id, row.platform, row.day)
        if key in parsed:
            error(
                number, "day", f"A second count for this day (row {parsed[key].number}).", "twice"
            )
            continue
        parsed[key] = row
    found = list(parsed.values())
    stored = _stored(session, found)
    if not confirm_drop:
        for row in _drops(found, stored):
            error(
                row.number, "followers", "Less than a tenth of the count before.", "followers_drop"
            )
    if errors:
        raise Unprocessable(
            f"{len(errors)} row(s) cannot be imported; nothing was changed.",
            errors=errors,
            code="import_rejected",
        )
    return _save(session, ctx, found, stored, dry_run)


def _row(ctx, cell, number, error, today, platform, default_member, people) -> _Row | None:
    try:
        day = parse_day(cell["day"], today)
    except ValueError:
        day = None
    if day is None:
        error(number, "day", "Not a date.", "not_a_date")
        return None
    if day > today:
        error(number, "day", "A count cannot be from the future.", "future")
        return None
    try:
        followers = parse_count(cell["followers"], MOST_FOLLOWERS)
    except ValueError:
        followers = None
    if followers is None:
        error(
            number,
            "followers",
            f"Expected a whole number from 0 to {MOST_FOLLOWERS:,}.",
            "not_a_count",
        )
        return None
    named = str(cell.get("platform") or "").strip().lower()
    on = platform
    if named:
        try:
            on = Platform(named)
        except ValueError:
            error(number, "platform", f"Unknown platform {named!r}.", "unknown_platform")
            return None
    if on is None:
        error(number, "platform", "Say the platform.", "missing")
        return None
    if ctx.program.platforms and on.value not in ctx.program.platforms:
        error(number, "platform", "The program does not use this platform.", "not_in_program")
        return None
    member = default_member
    if member is None:
        email = str(cell.get("email") or "").strip().lower()
        member = people.get(email)
        if member is None or not may_see(ctx, member):
            error(number, "email", "Not an influencer of this program.", "not_member")
            return None
    return _Row(number, member, on, day, followers)


def _people_by_email(session: Session, ctx: ProgramContext) -> dict[str, uuid.UUID]:
    found = session.execute(
        select(func.lower(User.email), ProgramMembership.id)
        .join(User, User.id == ProgramMembership.user_id)
        .where(
            ProgramMembership.program_id == ctx.program.id,
            ProgramMembership.role == ProgramRole.influencer,
        )
    )
    return dict(found.all())


def _stored(session: Session, rows: list[_Row]) -> dict[tuple, FollowerReading]:
    """The counts already stored for the file's people, by (person, platform, day): one
    statement for the drop check and the save."""
    members = {r.member_id for r in rows}
    if not members:
        return {}
    found = session.scalars(select(FollowerReading).where(FollowerReading.member_id.in_(members)))
    return {(r.member_id, Platform(r.platform), r.counted_on): r for r in found}


def _drops(rows: list[_Row], stored: dict[tuple, FollowerReading]) -> list[_Row]:
    """Rows whose count is under a tenth of the one before it (stored or in the file): more
    often a missing digit than a lost audience."""
    merged: dict[tuple, dict[date, int]] = {}
    for (member_id, on, day), reading in stored.items():
        merged.setdefault((member_id, on), {})[day] = reading.followers
    for row in rows:
        merged.setdefault((row.member_id, row.platform), {})[row.day] = row.followers
    dropped = []
    by_key = {(r.member_id, r.platform, r.day): r for r in rows}
    for (member_id, on), counts in merged.items():
        before = None
        for day in sorted(counts):
            row = by_key.get((member_id, on, day))
            if row is not None and before and row.followers < before * DROP_SHARE:
                dropped.append(row)
            before = counts[day]
    return sorted(dropped, key=lambda r: r.number)


def _save(
    session: Session,
    ctx: ProgramContext,
    rows: list[_Row],
    stored: dict[tuple, FollowerReading],
    dry_run: bool,
) -> FollowerImportOut:
    added = changed = 0
    for row in rows:
        reading = stored.get((row.member_id, row.platform, row.day))
        if reading is None:
            added += 1
            if not dry_run:
                session.add(
                    FollowerReading(
                        program_id=ctx.program.id,
                        member_id=row.member_id,
                        platform=row.platform,
                        counted_on=row.day,
                        followers=row.followers,
                        recorded_by=ctx.user.id,
                    )
                )
        elif reading.followers != row.followers:
            changed += 1
            if not dry_run:
                reading.followers = row.followers
                reading.recorded_by = ctx.user.id
    session.flush()
    days = [r.day for r in rows]
    return FollowerImportOut(
        rows=len(rows),
        added=added,
        changed=changed,
        unchanged=len(rows) - added - changed,
        people=len({r.member_id for r in rows}),
        first_day=min(days, default=None),
        last_day=max(days, default=None),
        dry_run=dry_run,
    )
