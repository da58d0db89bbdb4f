"""Learning journey: modules, each influencer's own progress, the core team's matrix."""

from __future__ import annotations

import uuid
from functools import cache

from sqlalchemy import Select, bindparam, func, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from botschaft.core.database import utcnow
from botschaft.core.errors import Conflict, NotFound, Unprocessable
from botschaft.identity.models import User
from botschaft.learning import emails  # noqa: F401 (registers the templates)
from botschaft.learning.models import Module, ModuleProgress, ProgressState
from botschaft.learning.schemas import (
    MatrixRow,
    ModuleCreate,
    ModuleOut,
    ModuleUpdate,
    ProgressIn,
    ProgressMatrix,
    ProgressOut,
)
from botschaft.tenancy.access import ProgramContext
from botschaft.tenancy.models import Cohort, ProgramMembership, ProgramRole
from botschaft.tenancy.scope import own_only, scope_values

# The reference case's learning journey (DESIGN.md): three modules.
TEMPLATE = [
    {
        "title": "Personal Branding",
        "topic": "personal_branding",
        "description": "Wer bin ich im Netz? Profil, Themen, Haltung und Ton.",
        "effort_minutes": 180,
    },
    {
        "title": "Content Creation",
        "topic": "content_creation",
        "description": "Ideen finden, Fotos und kurze Videos mit dem Smartphone, Texte.",
        "effort_minutes": 180,
    },
    {
        "title": "Rechtliche Grundlagen",
        "topic": "legal",
        "description": "Urheberrecht, Recht am eigenen Bild, Datenschutz, Dienstpflichten.",
        "effort_minutes": 120,
    },
]


def _module(session: Session, ctx: ProgramContext, module_id: uuid.UUID) -> Module:
    module = session.get(Module, module_id)
    if module is None or module.program_id != ctx.program.id:
        raise NotFound("No such module.")
    if own_only(ctx) and module.cohort_id not in (
        None,
        ctx.membership.cohort_id,
    ):
        raise NotFound("No such module.")
    return module


def _out(module: Module, progress: ModuleProgress | None = None) -> ModuleOut:
    out = ModuleOut.model_validate(module)
    if progress is not None:
        out.my_progress = ProgressOut.model_validate(progress)
    return out


def readable(ctx: ProgramContext):
    """The program's modules the caller may see (an influencer: the program's and their
    cohort's); every read of modules starts here."""
    own = own_only(ctx)
    return _readable(ctx.program.id, own, ctx.membership.cohort_id if own else None)


def _readable(program_id, own: bool, own_cohort) -> Select:
    """`readable` for a program and, in the restricted view, a cohort (values or parameters)."""
    statement = select(Module).where(Module.program_id == program_id)
    if own:
        statement = statement.where(or_(Module.cohort_id.is_(None), Module.cohort_id == own_cohort))
    return statement.order_by(Module.position, Module.created_at, Module.id)


@cache
def _listed(own: bool) -> Select:
    """The modules list, built once per view (the home page's too; see auth.sessions.lookup)."""
    return _readable(bindparam("program_id"), own, bindparam("own_cohort"))


@cache
def _my_progress() -> Select:
    return select(ModuleProgress).where(ModuleProgress.member_id == bindparam("own_member"))


def list_modules(session: Session, ctx: ProgramContext) -> list[ModuleOut]:
    values = scope_values(ctx)
    modules = session.scalars(_listed(own_only(ctx)), values).all()
    mine: dict[uuid.UUID, ModuleProgress] = {}
    if own_only(ctx):
        mine = {p.module_id: p for p in session.scalars(_my_progress(), values)}
        return [
            _out(m, mine.get(m.id) or ModuleProgress(state=ProgressState.not_started))
            for m in modules
        ]
    return [_out(m) for m in modules]


def _validate(session: Session, ctx: ProgramContext, values: dict) -> None:
    cohort_id = values.get("cohort_id")
    if cohort_id is not None:
        cohort = session.get(Cohort, cohort_id)
        if cohort is None or cohort.program_id != ctx.program.id:
            raise Unprocessable.for_field("cohort_id", "No such cohort in this program.")
    starts, ends = values.get("session_starts_at"), values.get("session_ends_at")
    if ends is not None and starts is None:
        raise Unprocessable.for_field(
            "session_starts_at", "A live session needs a start.", "missing"
        )
    if starts and ends and ends <= starts:
        raise Unprocessable.for_field(
            "session_ends_at", "The session must end after it starts.", "end_before_start"
        )


def _materials(values: dict) -> None:
    if values.get("materials") is not None:
        values["materials"] = [
            {k: str(v) for k, v in m.items() if v is not None} for m in values["materials"]
        ]


def create_module(session: Session, ctx: ProgramContext, data: ModuleCreate) -> ModuleOut:
    values = data.model_dump(exclude_none=True)
    _validate(session, ctx, values)
    _materials(values)
    if "position" not in values:
        last = session.scalar(
            select(func.max(Module.position)).where(Module.program_id == ctx.program.id)
        )
        values["position"] = 0 if last is None else last + 1
    module = Module(program_id=ctx.program.id, **values)
    session.add(module)
    session.flush()
    return _out(module)


def update_module(
    session: Session, ctx: ProgramContext, module_id: uuid.UUID, data: ModuleUpdate
) -> ModuleOut:
    module = _module(session, ctx, module_id)
    if data.version != module.version:
        raise Conflict("Someone else changed this module; reload.", code="version_conflict")
    changes = data.model_dump(exclude_unset=True, exclude={"version"})
    merged = {
        "cohort_id": changes.get("cohort_id"),
        "session_starts_at": changes.get("session_starts_at", module.session_starts_at),
        "session_ends_at": changes.get("session_ends_at", module.session_ends_at),
    }
    _validate(session, ctx, merged)
    _materials(changes)
    for field, value in changes.items():
        if value is None and field in ("title", "topic", "description", "materials", "position"):
            continue
        setattr(module, field, value)
    session.flush()
    return _out(module)


def delete_module(session: Session, ctx: ProgramContext, module_id: uuid.UUID) -> None:
    session.delete(_module(session, ctx, module_id))
    session.flush()


def from_template(session: Session, ctx: ProgramContext) -> list[ModuleOut]:
    existing = set(session.scalars(select(Module.title).where(Module.program_id == ctx.program.id)))
    last = session.scalar(
        select(func.max(Module.position)).where(Module.program_id == ctx.program.id)
    )
    position = 0 if last is None else last + 1
    created = []
    for values in TEMPLATE:
        if values["title"] in existing:
            continue
        module = Module(program_id=ctx.program.id, position=position, **values)
        position += 1
        session.add(module)
        created.append(module)
    session.flush()
    return [_out(m) for m in created]


def set_progress(
    session: Session, ctx: ProgramContext, module_id: uuid.UUID, data: ProgressIn
) -> ModuleOut:
    """An influencer's own progress; scoped by the caller's membership."""
    module = _module(session, ctx, module_id)
    member_id = ctx.membership.id
    progress = session.scalar(
        select(ModuleProgress).where(
            ModuleProgress.module_id == module.id, ModuleProgress.member_id == member_id
        )
    )
    if progress is None:
        try:  # two first answers at once (two tabs): the second one updates the first's row
            with session.begin_nested():
                progress = ModuleProgress(module_id=module.id, member_id=member_id)
                session.add(progress)
                session.flush()
        except IntegrityError:
            progress = session.scalar(
                select(ModuleProgress).where(
                    ModuleProgress.module_id == module.id, ModuleProgress.member_id == member_id
                )
            )
    now = utcnow()
    progress.state = data.state
    if data.state == ProgressState.not_started:
        progress.started_at = progress.done_at = None
    else:
        progress.started_at = progress.started_at or now
        progress.done_at = (progress.done_at or now) if data.state == ProgressState.done else None
    if "rating" in data.model_fields_set:
        progress.rating = data.rating
    if "comment" in data.model_fields_set:
        progress.comment = data.comment or None
    session.flush()
    return _out(module, progress)


def progress_matrix(session: Session, ctx: ProgramContext) -> ProgressMatrix:
    modules = session.scalars(readable(ctx)).all()
    members = session.execute(
        select(ProgramMembership, User.name)
        .join(User, User.id == ProgramMembership.user_id)
        .where(
            ProgramMembership.program_id == ctx.program.id,
            ProgramMembership.role == ProgramRole.influencer,
        )
        .order_by(User.name, ProgramMembership.id)
    ).all()
    states: dict[tuple[uuid.UUID, uuid.UUID], ProgressState] = {
        (p.member_id, p.module_id): p.state
        for p in session.scalars(
            select(ModuleProgress).where(ModuleProgress.module_id.in_([m.id for m in modules]))
        )
    }
    rows = []
    for membership, name in members:
        cells = {
            str(m.id): states.get((membership.id, m.id), ProgressState.not_started)
            for m in modules
            if m.cohort_id in (None, membership.cohort_id)
        }
        rows.append(
            MatrixRow(
                member_id=membership.id,
                name=name,
                status=membership.status,
                cohort_id=membership.cohort_id,
                states=cells,
            )
        )
    return ProgressMatrix(modules=[_out(m) for m in modules], rows=rows)


def due_unfinished(
    session: Session, ctx: ProgramContext, module_id: uuid.UUID
) -> tuple[Module, list[tuple[ProgramMembership, User]]]:
    """Active influencers (of the module's cohort) who have not finished a module."""
    from botschaft.tenancy.models import MembershipStatus

    module = _module(session, ctx, module_id)
    statement = (
        select(ProgramMembership, User)
        .join(User, User.id == ProgramMembership.user_id)
        .outerjoin(
            ModuleProgress,
            (ModuleProgress.member_id == ProgramMembership.id)
            & (ModuleProgress.module_id == module.id),
        )
        .where(
            ProgramMembership.program_id == ctx.program.id,
            ProgramMembership.role == ProgramRole.influencer,
            ProgramMembership.status == MembershipStatus.active,
            or_(ModuleProgress.id.is_(None), ModuleProgress.state != ProgressState.done),
        )
    )
    if module.cohort_id is not None:
        statement = statement.where(ProgramMembership.cohort_id == module.cohort_id)
    return module, [(m, u) for m, u in session.execute(statement)]


def remind(session: Session, ctx: ProgramContext, module_id: uuid.UUID, public_url: str) -> int:
    """A friendly reminder to those who have not finished by the due date."""
    from botschaft.notifications.service import send_email

    module, people = due_unfinished(session, ctx, module_id)
    if module.due_on is None:
        raise Conflict.for_field("due_on", "This module has no due date.", "no_due_date")
    link = f"{public_url.rstrip('/')}/p/{ctx.program.slug}/learning"  # the SPA's learning page
    now = utcnow()
    for membership, user in people:
        send_email(
            session,
            to=user.email,
            template="learning.module_reminder",
            locale=user.locale.value,
            context={
                "name": user.name,
                "module_title": module.title,
                "program_name": ctx.program.name,
                "due_on": module.due_on.strftime("%d.%m.%Y")
                if user.locale.value == "de"
                else module.due_on.isoformat(),
                "link": link,
            },
        )
        progress = session.scalar(
            select(ModuleProgress).where(
                ModuleProgress.module_id == module.id,
                ModuleProgress.member_id == membership.id,
            )
        )
        if progress is None:
            progress = ModuleProgress(module_id=module.id, member_id=membership.id)
            session.add(progress)
        progress.reminded_at = now
    session.flush()
    return len(people)
