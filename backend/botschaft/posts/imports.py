"""Importing figures from CSV or XLSX: preview, then apply all rows in one transaction or none.

Rows are matched to posts by their canonical key (urls.identify), so a row naming a logged post
by another of its link forms updates that post; missing posts are created on request.
Re-importing the same file changes nothing: a reading is identified by (post, read_at), and
without a read_at column the reading is dated at the start of the import day.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime, time
from zoneinfo import ZoneInfo

from sqlalchemy import Row, bindparam, select, update
from sqlalchemy.orm import Session

from botschaft.core import dialect as sql
from botschaft.core.errors import FieldError, Unprocessable
from botschaft.core.ids import uuid7
from botschaft.core.tables import parse_count, parse_day, read_rows
from botschaft.core.text import TextError, check_text
from botschaft.identity.models import User
from botschaft.posts import rollup
from botschaft.posts.import_mappings import (
    COUNTS,
    FIELDS,
    FORMAT_WORDS,
    PRESETS,
    REQUIRED,
    suggest,
    with_suggestions,
)
from botschaft.posts.models import MAX_COUNT, Post, PostFormat, PostMetricSnapshot
from botschaft.posts.schemas import ImportPreviewOut, ImportResultOut
from botschaft.posts.service import outside_period as is_outside_period
from botschaft.posts.service import program_today
from botschaft.posts.urls import InvalidPostUrl, format_from_link, identify
from botschaft.programs.history import joined_on
from botschaft.tenancy.access import ProgramContext
from botschaft.tenancy.models import ProgramMembership, ProgramRole
from botschaft.tenancy.scope import may_see, own_only

MAX_ROWS = 200_000
MAX_REPORTED_ERRORS = 200
_XLSX_MAGIC = b"PK\x03\x04"


@dataclass
class Table:
    columns: list[str]
    rows: list[list[object]]


@dataclass
class ParsedRow:
    number: int  # the row's number in the file (header = 1)
    url: str
    normalized: str
    key: str  # the post's canonical key: rows and posts are matched by it
    platform: str
    values: dict[str, object]


@dataclass
class Plan:
    rows: list[ParsedRow] = field(default_factory=list)
    errors: list[FieldError] = field(default_factory=list)
    matched: int = 0
    unmatched: int = 0


# The sheet of LinkedIn's creator analytics workbook ("AggregateAnalytics_….xlsx": DISCOVERY,
# ENGAGEMENT, TOP POSTS, FOLLOWERS, DEMOGRAPHICS) that lists posts. An XLSX file without such a
# sheet is read from its first sheet.
TOP_POSTS = "TOP POSTS"

_PRESET_NAMES = {"linkedin": "LinkedIn", "instagram": "Instagram", "tiktok": "TikTok"}


def read_table(filename: str, data: bytes, preset: str | None = None) -> Table:
    return _with_header(read_rows(filename, data, sheet=TOP_POSTS), preset)


def _with_header(rows: list[list[object]], preset: str | None = None) -> Table:
    """Exports often start with a title block: the header is the first row, within the first
    twenty, in which a column names the post's URL. Tables side by side (LinkedIn's TOP POSTS:
    the posts with the most engagements, then those with the most impressions, each starting
    with "Post URL") become one, a row per post."""
    for i, row in enumerate(rows[:20]):
        columns = ["" if c is None else str(c).strip() for c in row]
        link = suggest(columns).get("url") or ("url" if "url" in columns else None)
        if link is None:
            continue
        starts = [n for n, c in enumerate(columns) if c.lower() == link.lower()]
        if len(starts) > 1:
            return _side_by_side(columns, rows[i + 1 :], starts)
        body = [r for r in rows[i + 1 :] if any(c not in (None, "") for c in r)]
        _check_size(body)
        return Table(columns, body)
    if preset in REQUIRED:
        raise _columns_missing(preset, [PRESETS[preset][f] for f in REQUIRED[preset]])
    raise Unprocessable.for_field(
        "file",
        "No column with the post's link (e.g. 'url' or 'Post URL') was found.",
        "no_url_column",
    )


def _check_size(body: list) -> None:
    if len(body) > MAX_ROWS:
        raise Unprocessable.for_field(
            "file", f"At most {MAX_ROWS} rows per import.", "too_many_rows"
        )


def _side_by_side(header: list[str], rows: list[list[object]], starts: list[int]) -> Table:
    """Tables next to each other, each starting with the link column, merged by link: a post
    in several takes each table's columns (the first non-empty value of a column wins); the
    posts in the order they first appear."""
    columns: list[str] = []
    merged: dict[str, dict[str, object]] = {}
    for start, stop in zip(starts, [*starts[1:], len(header)], strict=True):
        names = {n: header[n] for n in range(start, stop) if header[n]}
        columns += [c for c in names.values() if c not in columns]
        for row in rows:
            link = row[start] if start < len(row) else None
            if link in (None, ""):
                continue
            post = merged.setdefault(str(link).strip(), {})
            for n, name in names.items():
                value = row[n] if n < len(row) else None
                if post.get(name) in (None, "") and value not in (None, ""):
                    post[name] = value
    body = [[post.get(c) for c in columns] for post in merged.values()]
    _check_size(body)
    return Table(columns, body)


def _columns_missing(preset: str, missing: list[str]) -> Unprocessable:
    """The file is not the export the chosen preset reads (another platform's, another table)."""
    name = _PRESET_NAMES.get(preset, preset)
    listed = ", ".join(f"'{c}'" for c in missing)
    message = (
        f"The {name} preset reads the columns {listed}, which this file does not have. Choose "
        "the preset of the platform the file comes from, or let the columns be recognised."
    )
    return Unprocessable(
        message,
        errors=[FieldError(field="preset", message=message, type="preset_columns_missing")],
        code="preset_columns_missing",
        params={"preset": preset, "columns": missing},
    )


def resolve_mapping(
    table: Table, preset: str | None, mapping: dict[str, str] | None
) -> dict[str, str]:
    if mapping is None and preset in REQUIRED:
        wanted = [PRESETS[preset][f] for f in REQUIRED[preset]]
        missing = [c for c in wanted if c not in table.columns]
        if missing:
            raise _columns_missing(preset, missing)
    if mapping is None:
        mapping = (
            with_suggestions(
                {k: v for k, v in PRESETS[preset].items() if v in table.columns}, table.columns
            )
            if preset
            else suggest(table.columns)
        )
    unknown = [f for f in mapping if f not in FIELDS]
    if unknown:
        raise Unprocessable.for_field(
            "mapping", f"Unknown fields: {', '.join(sorted(unknown))}.", "unknown_field"
        )
    missing_columns = [c for c in mapping.values() if c not in table.columns]
    if missing_columns:
        raise Unprocessable.for_field(
            "mapping", f"Columns not in the file: {', '.join(missing_columns)}.", "unknown_column"
        )
    if "url" not in mapping:
        raise Unprocessable.for_field(
            "mapping", "Map a column to the post's link (url).", "missing"
        )
    return mapping


def _format(value: object) -> PostFormat | None:
    if value is None or str(value).strip() == "":
        return None
    word = str(value).strip().lower()
    if word in FORMAT_WORDS:
        return PostFormat(FORMAT_WORDS[word])
    raise ValueError(word)


def _moment(value: object, zone: ZoneInfo) -> datetime | None:
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=zone)
    try:
        parsed = datetime.fromisoformat(str(value).strip())
        return parsed if parsed.tzinfo else parsed.replace(tzinfo=zone)
    except ValueError:
        day = parse_day(value)
        return datetime.combine(day, time(), zone) if day else None


def parse(ctx: ProgramContext, table: Table, mapping: dict[str, str]) -> Plan:
    plan = Plan()
    index = {f: table.columns.index(c) for f, c in mapping.items()}
    zone = ZoneInfo(ctx.program.timezone)
    today = program_today(ctx.program)

    def error(number: int, name: str, message: str) -> None:
        if len(plan.errors) < MAX_REPORTED_ERRORS:
            plan.errors.append(
                FieldError(field=f"rows[{number}].{name}", message=message, type="invalid")
            )

    for offset, raw in enumerate(table.rows):
        number = offset + 2
        cell = {f: (raw[i] if i < len(raw) else None) for f, i in index.items()}
        url = "" if cell.get("url") is None else str(cell["url"]).strip()
        try:
            link = identify(url)
        except InvalidPostUrl as problem:
            error(number, "url", str(problem) if url else "The link is missing.")
            continue
        values: dict[str, object] = {}
        ok = True
        for name in COUNTS:
            if name in cell:
                try:
                    values[name] = parse_count(cell[name], MAX_COUNT)
                except (TypeError, ValueError):
                    error(number, name, f"Expected a whole number from 0 to {MAX_COUNT:,}.")
                    ok = False
        try:
            published = parse_day(cell.get("published_on"), today)
            if published and published > today:
                error(number, "published_on", "The date must not be in the future.")
                ok = False
            values["published_on"] = published
        except ValueError:
            error(number, "published_on", "Expected a date such as 2026-03-31 or 31.03.2026.")
            ok = False
        try:
            values["read_at"] = _moment(cell.get("read_at"), zone)
        except ValueError:
            error(number, "read_at", "Expected a date and time.")
            ok = False
        try:
            email = check_text(str(cell.get("member_email") or "").strip().lower())
        except TextError as problem:
            error(number, "member_email", problem.message)
            continue
        values["member_email"] = email or None
        try:
            values["format"] = _format(cell.get("format"))
        except ValueError:
            error(
                number,
                "format",
                "Unknown format: use text, image, video, carousel, live or article.",
            )
            ok = False
        if ok:
            plan.rows.append(
                ParsedRow(number, url, link.normalized_url, link.key, link.platform, values)
            )
    return plan


LOOKUP_CHUNK = 5000  # keys per lookup query (SQLite allows at most 32,766 parameters)

# What an import needs of a logged post: whose it is and the figures it shows.
_POST_COLUMNS = (
    Post.id,
    Post.post_key,
    Post.member_id,
    Post.published_on,
    Post.figures_read_at,
    Post.format,
) + tuple(getattr(Post, n) for n in COUNTS)


def _existing_posts(session: Session, ctx: ProgramContext, keys: list[str]) -> dict[str, Row]:
    """Plain rows, not ORM objects: building and tracking 100,000 posts in the session costs
    seconds, and the import changes them with bulk statements anyway."""
    found: dict[str, Row] = {}
    for start in range(0, len(keys), LOOKUP_CHUNK):
        query = select(*_POST_COLUMNS).where(
            Post.program_id == ctx.program.id,
            sql.one_of(session, Post.post_key, keys[start : start + LOOKUP_CHUNK]),
        )
        for post in session.execute(query):
            found[post.post_key] = post
    return found


def preview(
    session: Session, ctx: ProgramContext, table: Table, mapping: dict[str, str]
) -> tuple[Plan, dict[str, Row]]:
    plan = parse(ctx, table, mapping)
    posts = _existing_posts(session, ctx, list({r.key for r in plan.rows}))
    for row in plan.rows:
        post = posts.get(row.key)
        visible = post is not None and may_see(ctx, post.member_id)
        plan.matched += visible
        plan.unmatched += not visible
    return plan, posts


@dataclass
class ImportResult:
    rows: int
    posts_created: int
    readings_added: int
    readings_updated: int


Reading = tuple[uuid.UUID, datetime]  # (post, read_at)


def apply(
    session: Session,
    ctx: ProgramContext,
    table: Table,
    mapping: dict[str, str],
    *,
    create_missing: bool,
    actor: User,
    outside_period: bool = False,
) -> ImportResult:
    plan, posts = preview(session, ctx, table, mapping)
    to_create, errors = _posts_to_create(
        session,
        ctx,
        plan,
        posts,
        create_missing=create_missing,
        actor=actor,
        outside_ok=outside_period and ctx.is_core_team,
    )
    if errors:
        raise Unprocessable(
            f"{len(errors)} row(s) cannot be imported; nothing was changed.",
            errors=errors[:MAX_REPORTED_ERRORS],
            code="import_rejected",
        )
    readings = _readings(ctx, plan, posts)
    _insert_posts(session, to_create, readings)
    created = {p["id"] for p in to_create.values()}
    ids = {n: p.id for n, p in posts.items()} | {n: p["id"] for n, p in to_create.items()}
    by_post = {(ids[n], at): figures for (n, at), figures in readings.items()}
    # New posts have no readings yet: only those of existing posts need looking up.
    existing = _existing_readings(session, [key for key in by_post if key[0] not in created])
    added, updated = _save_readings(session, by_post, existing, actor)
    by_id = {p.id: p for p in posts.values()}
    changed = _refresh_latest(session, by_id, by_post) | _reformat(session, plan, posts)
    # The KPI rollups follow the posts this import created or gave new figures (bulk
    # statements bypass the ORM's flush, which would otherwise do it).
    rollup.refresh(
        session,
        [(p["member_id"], p["published_on"]) for p in to_create.values()]
        + [(by_id[pid].member_id, by_id[pid].published_on) for pid in changed],
    )
    return ImportResult(len(plan.rows), len(to_create), len(added), len(updated))


def _reformat(session: Session, plan: Plan, posts: dict[str, Row]) -> set[uuid.UUID]:
    """Logged posts whose format the file names differently take the file's format (the last
    row for a post wins); returns their ids, for the rollups."""
    wanted: dict[uuid.UUID, tuple[Row, PostFormat]] = {}
    for row in plan.rows:
        post, fmt = posts.get(row.key), row.values.get("format")
        if post is not None and fmt is not None:
            wanted[post.id] = (post, fmt)
    changed = {pid: fmt for pid, (post, fmt) in wanted.items() if post.format != fmt}
    for fmt in set(changed.values()):
        ids = [pid for pid, f in changed.items() if f == fmt]
        for start in range(0, len(ids), LOOKUP_CHUNK):
            session.execute(
                update(Post)
                .where(Post.id.in_(ids[start : start + LOOKUP_CHUNK]))
                .values(format=fmt, version=Post.version + 1)
                .execution_options(synchronize_session=False)
            )
    return set(changed)


def _posts_to_create(
    session: Session,
    ctx: ProgramContext,
    plan: Plan,
    posts: dict[str, Row],
    *,
    create_missing: bool,
    actor: User,
    outside_ok: bool = False,
) -> tuple[dict[str, dict[str, object]], list[FieldError]]:
    """Checks each row's post: the posts to create (their INSERT parameters by key)
    and the rows that cannot be imported."""
    errors = list(plan.errors)
    members = {} if own_only(ctx) else _members_by_email(session, ctx)
    joined = joined_on(session, ctx.program.id, ctx.membership.id if own_only(ctx) else None)
    today = program_today(ctx.program)
    to_create: dict[str, dict[str, object]] = {}
    for row in plan.rows:
        post = posts.get(row.key)
        if post is not None:
            if not may_see(ctx, post.member_id):
                errors.append(
                    _row_error(row, "url", "This post belongs to someone else.", "not_yours")
                )
            continue
        if row.key in to_create:  # the same post in another row, maybe by another link form
            continue
        if not create_missing:
            errors.append(_row_error(row, "url", "No logged post has this link.", "unknown_post"))
            continue
        owner = (
            ctx.membership.id if own_only(ctx) else members.get(row.values["member_email"] or "")
        )
        if owner is None:
            errors.append(
                _row_error(
                    row,
                    "member_email",
                    "Name the influencer by email to create the post.",
                    "unknown_member",
                )
            )
            continue
        day = row.values.get("published_on") or today
        if not outside_ok and is_outside_period(ctx.program, day):
            errors.append(
                _row_error(
                    row,
                    "published_on",
                    "The date is outside the program's period.",
                    "outside_period",
                )
            )
            continue
        if not outside_ok and owner in joined and day < joined[owner]:
            errors.append(
                _row_error(
                    row,
                    "published_on",
                    f"The date is before this person joined the program ({joined[owner]}).",
                    "before_joined",
                )
            )
            continue
        to_create[row.key] = {
            "id": uuid7(),
            "program_id": ctx.program.id,
            "member_id": owner,
            "url": row.url,
            "normalized_url": row.normalized,
            "post_key": row.key,
            "platform": row.platform,
            "published_on": day,
            "format": row.values.get("format")
            or PostFormat(format_from_link(row.normalized) or PostFormat.text),
            "created_by": actor.id,
            "version": 1,  # what the ORM's version counter starts with
        }
    return to_create, errors


def _row_error(row: ParsedRow, name: str, message: str, type_: str) -> FieldError:
    return FieldError(field=f"rows[{row.number}].{name}", message=message, type=type_)


def _readings(
    ctx: ProgramContext, plan: Plan, posts: dict[str, Row]
) -> dict[tuple[str, datetime], dict[str, object]]:
    """The figures per (post key, read_at); the last row for the same reading wins. A figure
    the file does not give (no such column, or an empty cell: LinkedIn's TOP POSTS sheet has
    impressions only) keeps a logged post's current one; a new post starts without it (likes,
    comments and shares at 0, as when logged by hand)."""
    default_read_at = datetime.combine(
        program_today(ctx.program), time(), ZoneInfo(ctx.program.timezone)
    )
    readings: dict[tuple[str, datetime], dict[str, object]] = {}
    for row in plan.rows:
        read_at = (row.values.get("read_at") or default_read_at).astimezone(UTC)
        post = posts.get(row.key)
        figures = {name: row.values.get(name) for name in COUNTS}
        for name, value in figures.items():
            if value is None and post is not None:
                figures[name] = getattr(post, name)
        for name in ("likes", "comments", "shares"):
            figures[name] = figures[name] or 0
        readings[(row.key, read_at)] = figures
    return readings


def _insert_posts(
    session: Session,
    to_create: dict[str, dict[str, object]],
    readings: dict[tuple[str, datetime], dict[str, object]],
) -> None:
    """One executemany INSERT, not ORM objects: flushing 100,000 new posts through the unit of
    work costs far more than the rows themselves. New posts start with their newest reading,
    so they need no update afterwards."""
    if not to_create:
        return
    for (key, at), figures in sorted(readings.items(), key=lambda item: item[0][1]):
        if key in to_create:
            to_create[key].update(figures, figures_read_at=at)
    session.execute(Post.__table__.insert(), list(to_create.values()))


def _members_by_email(session: Session, ctx: ProgramContext) -> dict[str, uuid.UUID]:
    rows = session.execute(
        select(User.email, ProgramMembership.id)
        .join(ProgramMembership, ProgramMembership.user_id == User.id)
        .where(
            ProgramMembership.program_id == ctx.program.id,
            ProgramMembership.role == ProgramRole.influencer,
        )
    )
    return {email.lower(): mid for email, mid in rows}


def _existing_readings(
    session: Session, keys: list[Reading]
) -> dict[Reading, tuple[uuid.UUID, dict[str, object]]]:
    """(post, read_at) -> (snapshot id, its figures), for the readings that exist already."""
    found: dict[Reading, tuple[uuid.UUID, dict[str, object]]] = {}
    post_ids = list({pid for pid, _ in keys})
    wanted = set(keys)
    for start in range(0, len(post_ids), LOOKUP_CHUNK):
        rows = session.execute(
            select(
                PostMetricSnapshot.id,
                PostMetricSnapshot.post_id,
                PostMetricSnapshot.read_at,
                *(getattr(PostMetricSnapshot, n) for n in COUNTS),
            ).where(
                sql.one_of(
                    session, PostMetricSnapshot.post_id, post_ids[start : start + LOOKUP_CHUNK]
                )
            )
        )
        for sid, pid, at, *values in rows:
            if (pid, at) in wanted:
                found[(pid, at)] = (sid, dict(zip(COUNTS, values, strict=True)))
    return found


def _save_readings(
    session: Session,
    by_post: dict[Reading, dict[str, object]],
    existing: dict[Reading, tuple[uuid.UUID, dict[str, object]]],
    actor: User,
) -> tuple[list[Reading], list[Reading]]:
    """Adds the new readings and corrects the changed ones; returns both. A reading imported
    again with the same figures is left alone (re-imports are no-ops)."""
    added = [key for key in by_post if key not in existing]
    updated = [key for key in by_post if key in existing and existing[key][1] != by_post[key]]
    snapshots = PostMetricSnapshot.__table__
    if added:
        session.execute(
            snapshots.insert(),
            [
                {"id": uuid7(), "post_id": pid, "read_at": at, "recorded_by": actor.id}
                | by_post[(pid, at)]
                for pid, at in added
            ],
        )
    if updated:
        session.execute(
            update(snapshots)
            .where(snapshots.c.id == bindparam("sid"))
            .values({n: bindparam(n) for n in COUNTS}),
            [{"sid": existing[key][0]} | by_post[key] for key in updated],
        )
    return added, updated


def _refresh_latest(
    session: Session, posts: dict[uuid.UUID, Row], readings: dict[Reading, dict[str, object]]
) -> set[uuid.UUID]:
    """Each existing post shows its newest reading (as logging figures by hand does); posts
    already showing it are left alone. Returns the posts whose figures changed."""
    newest: dict[uuid.UUID, tuple[datetime, dict[str, object]]] = {}
    for (pid, at), figures in readings.items():
        if pid in posts and (pid not in newest or at > newest[pid][0]):
            newest[pid] = (at, figures)
    params = []
    for pid, (at, figures) in newest.items():
        post = posts[pid]
        current = post.figures_read_at
        unchanged = current == at and all(getattr(post, n) == v for n, v in figures.items())
        if (current is None or at >= current) and not unchanged:
            params.append({"pid": pid, "figures_read_at": at, **figures})
    if not params:
        return set()
    table_ = Post.__table__
    session.execute(
        update(table_)
        .where(table_.c.id == bindparam("pid"))
        .values({n: bindparam(n) for n in (*COUNTS, "figures_read_at")}),
        params,
    )
    session.expire_all()  # posts loaded earlier in this session show the new figures
    return {p["pid"] for p in params}


def parse_mapping(mapping: str | None) -> dict[str, str] | None:
    """The form's mapping (JSON: field -> column), or None for the preset's."""
    if mapping is None:
        return None
    try:
        parsed = json.loads(mapping)
    except ValueError as error:
        raise Unprocessable.for_field(
            "mapping", "Send the mapping as JSON.", "invalid_json"
        ) from error
    if not isinstance(parsed, dict) or not all(isinstance(v, str) for v in parsed.values()):
        raise Unprocessable.for_field(
            "mapping", "The mapping is an object of field: column.", "invalid"
        )
    return parsed


def _read_mapped(
    filename: str, data: bytes, preset: str | None, mapping: str | None
) -> tuple[Table, dict[str, str]]:
    """The file's table and the mapping its import uses (the form's, else the preset's)."""
    table = read_table(filename, data, preset)
    return table, resolve_mapping(table, preset, parse_mapping(mapping))


def preview_file(
    session: Session,
    ctx: ProgramContext,
    filename: str,
    data: bytes,
    preset: str | None,
    mapping: str | None,
) -> ImportPreviewOut:
    """How the file's columns map and which rows match logged posts; changes nothing."""
    table, used = _read_mapped(filename, data, preset, mapping)
    plan, _ = preview(session, ctx, table, used)
    sample = [
        {f: (None if row.values.get(f) is None else str(row.values[f])) for f in used}
        | {"url": row.url}
        for row in plan.rows[:10]
    ]
    return ImportPreviewOut(
        columns=table.columns,
        mapping=used,
        ignored=[c for c in table.columns if c and c not in used.values()],
        fields=list(FIELDS),
        rows_total=len(table.rows),
        sample=sample,
        matched=plan.matched,
        unmatched=plan.unmatched,
        errors=plan.errors,
    )


def import_file(
    session: Session,
    ctx: ProgramContext,
    filename: str,
    data: bytes,
    preset: str | None,
    mapping: str | None,
    *,
    create_missing: bool,
    actor: User,
    outside_period: bool,
) -> ImportResultOut:
    """The whole import: every row or none; the same file again changes nothing."""
    table, used = _read_mapped(filename, data, preset, mapping)
    result = apply(
        session,
        ctx,
        table,
        used,
        create_missing=create_missing,
        actor=actor,
        outside_period=outside_period,
    )
    return ImportResultOut(**vars(result))
