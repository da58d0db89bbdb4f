"""Briefings and resources. Nothing here approves or blocks posts."""

from __future__ import annotations

import uuid
from functools import cache

from sqlalchemy import Select, bindparam, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from botschaft.briefings.models import (
    Briefing,
    BriefingKind,
    BriefingRead,
    BriefingStatus,
)
from botschaft.briefings.schemas import BriefingCreate, BriefingOut, BriefingUpdate
from botschaft.core.database import utcnow
from botschaft.core.errors import Conflict, NotFound, Unprocessable
from botschaft.files import service as files
from botschaft.files.models import StoredFile
from botschaft.tenancy.access import ProgramContext
from botschaft.tenancy.scope import own_only, scope_values

IDEA_NOTE_MAX = 500  # an idea is a pointer with a note, never a ready-made text to copy


def readable(ctx: ProgramContext):
    """The program's briefings the caller may see (an influencer: published ones and their
    own ideas); every read of briefings starts here."""
    return _readable(ctx.program.id, ctx.membership.id if own_only(ctx) else None)


def _readable(program_id, own_member) -> Select:
    """`readable` for a program and, in the restricted view, a member (values or parameters)."""
    statement = select(Briefing).where(Briefing.program_id == program_id)
    if own_member is not None:
        statement = statement.where(
            or_(
                Briefing.status == BriefingStatus.published,
                Briefing.author_member_id == own_member,
            )
        )
    return statement


def get(session: Session, ctx: ProgramContext, briefing_id: uuid.UUID) -> Briefing:
    briefing = session.scalar(readable(ctx).where(Briefing.id == briefing_id))
    if briefing is None:
        raise NotFound("No such briefing.")
    return briefing


def _reads(session: Session, ctx: ProgramContext, ids: list) -> set:
    if ctx.membership is None or not ids:
        return set()
    values = {"member": ctx.membership.id, "briefings": ids}
    return set(session.scalars(_read_ones(), values))


@cache
def _read_ones() -> Select:
    return select(BriefingRead.briefing_id).where(
        BriefingRead.member_id == bindparam("member"),
        BriefingRead.briefing_id.in_(bindparam("briefings", expanding=True)),
    )


def outs(session: Session, ctx: ProgramContext, items: list[Briefing]) -> list[BriefingOut]:
    read = _reads(session, ctx, [b.id for b in items])
    return [BriefingOut.model_validate(b).model_copy(update={"read": b.id in read}) for b in items]


def list_briefings(
    session: Session,
    ctx: ProgramContext,
    kind: BriefingKind | None,
    current: bool,
    status: BriefingStatus | None = None,
) -> list[BriefingOut]:
    statement = _listed(own_only(ctx), kind is not None, status is not None, current)
    values = scope_values(ctx) | {"kind": kind, "status": status, "now": utcnow()}
    return outs(session, ctx, list(session.scalars(statement, values)))


@cache
def _listed(own: bool, by_kind: bool, by_status: bool, current: bool) -> Select:
    """The briefings list, built once per kind of question (the home page's too; see
    auth.sessions.lookup)."""
    statement = _readable(bindparam("program_id"), bindparam("own_member") if own else None)
    if by_kind:
        statement = statement.where(Briefing.kind == bindparam("kind"))
    if by_status:
        statement = statement.where(Briefing.status == bindparam("status"))
    if current:
        statement = statement.where(
            Briefing.status == BriefingStatus.published,
            or_(Briefing.expires_at.is_(None), Briefing.expires_at > bindparam("now")),
        )
    return statement.order_by(Briefing.created_at.desc(), Briefing.id)


def _check(session: Session, ctx: ProgramContext, kind, stance, body, link_url, file_id) -> None:
    if kind == BriefingKind.briefing and stance is None:
        raise Unprocessable.for_field(
            "stance", "A briefing says share, hold back or info.", "missing"
        )
    if kind != BriefingKind.briefing and stance is not None:
        raise Unprocessable.for_field("stance", "Only briefings have a stance.", "invalid")
    if kind == BriefingKind.idea:
        if link_url is None and file_id is None:
            raise Unprocessable.for_field(
                "link_url", "An idea is a link or a picture with a note.", "missing"
            )
        if len(body) > IDEA_NOTE_MAX:
            raise Unprocessable.for_field(
                "body",
                f"Keep the note short ({IDEA_NOTE_MAX} characters): an idea, not a text to copy.",
                "too_long",
            )
    if file_id is not None:
        stored = session.scalar(files.readable(ctx).where(StoredFile.id == file_id))
        if stored is None:
            raise Unprocessable.for_field("file_id", "No such file in this program.")
        if kind == BriefingKind.idea and not stored.content_type.startswith("image/"):
            raise Unprocessable.for_field("file_id", "An idea's file is a picture.", "file_type")


def create(session: Session, ctx: ProgramContext, data: BriefingCreate) -> Briefing:
    if own_only(ctx) and data.kind != BriefingKind.idea:
        raise Unprocessable.for_field(
            "kind", "Influencers can suggest ideas; the core team publishes the rest.", "invalid"
        )
    _check(session, ctx, data.kind, data.stance, data.body, data.link_url, data.file_id)
    briefing = Briefing(
        program_id=ctx.program.id,
        status=BriefingStatus.suggested if own_only(ctx) else BriefingStatus.published,
        author_member_id=ctx.membership.id if ctx.membership else None,
        **data.model_dump(),
    )
    session.add(briefing)
    session.flush()
    return briefing


def update(
    session: Session, ctx: ProgramContext, briefing_id: uuid.UUID, data: BriefingUpdate
) -> Briefing:
    briefing = get(session, ctx, briefing_id)
    if data.version != briefing.version:
        raise Conflict("Someone else changed this; reload.", code="version_conflict")
    changes = data.model_dump(exclude_unset=True, exclude={"version"})
    merged = {
        "stance": changes.get("stance", briefing.stance),
        "body": changes.get("body") if changes.get("body") is not None else briefing.body,
        "link_url": changes.get("link_url", briefing.link_url),
    }
    _check(
        session,
        ctx,
        briefing.kind,
        merged["stance"],
        merged["body"],
        merged["link_url"],
        briefing.file_id,
    )
    for field, value in changes.items():
        if value is None and field in ("title", "body", "status"):
            continue
        setattr(briefing, field, value)
    session.flush()
    return briefing


def delete(session: Session, ctx: ProgramContext, briefing_id: uuid.UUID) -> None:
    session.delete(get(session, ctx, briefing_id))
    session.flush()


def mark_read(session: Session, ctx: ProgramContext, briefing_id: uuid.UUID) -> BriefingOut:
    briefing = get(session, ctx, briefing_id)
    exists = session.get(BriefingRead, (briefing.id, ctx.membership.id))
    if exists is None:
        try:  # marked read twice at once: one row either way
            with session.begin_nested():
                session.add(BriefingRead(briefing_id=briefing.id, member_id=ctx.membership.id))
                session.flush()
        except IntegrityError:
            pass
    return outs(session, ctx, [briefing])[0]
