"""Selection rounds: the pool from a call's applications, quotas, runs of the engine, and the
report that explains a run."""

from __future__ import annotations

import logging
import uuid
from collections import Counter
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from botschaft.calls.models import Application, ApplicationStatus, Call, CallStatus
from botschaft.calls.review import dimension_values, dimensions, option_labels
from botschaft.calls.service import readable_applications
from botschaft.core.errors import Conflict, NotFound, Unprocessable
from botschaft.core.settings import Settings
from botschaft.identity.models import User
from botschaft.selection import engine, replace, waves
from botschaft.selection.engine.quotas import propose
from botschaft.selection.engine.replacement import compact, profile_dimensions
from botschaft.selection.models import RoundStatus, SelectionRound, SelectionRun
from botschaft.selection.schemas import (
    Chance,
    PoolDimension,
    PoolValue,
    QuotaIn,
    QuotaOut,
    ReplacementOut,
    ReportDimension,
    ReportValue,
    RoundCreate,
    RoundOut,
    RoundSummary,
    RoundUpdate,
    RunOut,
    RunPerson,
    RunSummary,
    Seat,
)
from botschaft.selection.seating import started
from botschaft.tenancy.access import ProgramContext
from botschaft.tenancy.models import ProgramMembership

UNANSWERED = waves.UNANSWERED
log = logging.getLogger(__name__)


def readable(ctx: ProgramContext):
    """The program's selection rounds (only the core team reaches them); every read of rounds
    starts here, and runs are read through their round."""
    return select(SelectionRound).where(SelectionRound.program_id == ctx.program.id)


def get_round(
    session: Session, ctx: ProgramContext, call: Call, round_id: uuid.UUID
) -> SelectionRound:
    row = session.scalar(
        readable(ctx).where(SelectionRound.id == round_id, SelectionRound.call_id == call.id)
    )
    if row is None:
        raise NotFound("No such selection round.")
    return row


def pool(
    session: Session,
    ctx: ProgramContext,
    call: Call,
    keys: list[str],
    base_cohort_id: uuid.UUID | None = None,
) -> tuple[dict[str, dict[str, str]], frozenset[str]]:
    """Every application that was not withdrawn: its value per dimension (text); for a second
    wave also the base cohort's influencers (by membership id, the second part of the answer),
    whose own applications to this call stay out."""
    values = dimension_values(
        session,
        ctx,
        call,
        [s for s in ApplicationStatus if s != ApplicationStatus.withdrawn],
    )
    people = {
        str(application_id): {k: (dims.get(k) or UNANSWERED) for k in keys}
        for application_id, dims in values.items()
    }
    if base_cohort_id is None:
        return people, frozenset()
    existing, _, emails = waves.members(session, ctx, call, base_cohort_id, keys)
    if emails:
        already = session.scalars(
            readable_applications(ctx)
            .with_only_columns(Application.id)
            .where(Application.call_id == call.id, func.lower(Application.email).in_(emails))
        )
        for application_id in already:
            people.pop(str(application_id), None)
    return {**people, **existing}, frozenset(existing)


def round_pool(
    session: Session, ctx: ProgramContext, call: Call, round_: SelectionRound
) -> tuple[dict[str, dict[str, str]], frozenset[str]]:
    return pool(session, ctx, call, round_.dimensions, round_.base_cohort_id)


def _pool_dimensions(call: Call, keys: list[str], people: dict[str, dict[str, str]]):
    by_key = {q.key: q for q in dimensions(call)}
    out = []
    for key in keys:
        question = by_key[key]
        counts = Counter(p[key] for p in people.values())
        values = [
            PoolValue(value=v, label_de=de, label_en=en, count=counts.get(v, 0))
            for v, de, en in option_labels(question)
        ]
        if counts.get(UNANSWERED):
            values.append(
                PoolValue(
                    value=UNANSWERED,
                    label_de="ohne Angabe",
                    label_en="not answered",
                    count=counts[UNANSWERED],
                )
            )
        out.append(
            PoolDimension(
                key=key, label_de=question.label_de, label_en=question.label_en, values=values
            )
        )
    return out


def _summary(run: SelectionRun) -> RunSummary:
    probabilities = list(run.probabilities.values())
    return RunSummary(
        id=run.id,
        created_at=run.created_at,
        status=run.status,
        algorithm=run.algorithm,
        seed=run.seed,
        k=run.k,
        selected=len(run.panel),
        min_probability=min(probabilities) if probabilities else None,
        seconds=run.seconds,
    )


def _runs(session: Session, round_: SelectionRound) -> list[SelectionRun]:
    return list(
        session.scalars(
            select(SelectionRun)
            .where(SelectionRun.round_id == round_.id)
            .order_by(SelectionRun.created_at.desc())
        )
    )


def round_out(
    session: Session, ctx: ProgramContext, call: Call, round_: SelectionRound
) -> RoundOut:
    people, existing = round_pool(session, ctx, call, round_)
    return RoundOut(
        id=round_.id,
        call_id=round_.call_id,
        name=round_.name,
        k=round_.k,
        dimensions=round_.dimensions,
        quotas=[QuotaOut(**q) for q in round_.quotas],
        pinned=[uuid.UUID(i) for i in round_.pinned],
        excluded=[uuid.UUID(i) for i in round_.excluded],
        algorithm=round_.algorithm,
        seed=round_.seed,
        status=round_.status,
        version=round_.version,
        confirmed_run_id=round_.confirmed_run_id,
        confirmed_at=round_.confirmed_at,
        cohort_id=round_.cohort_id,
        base_cohort_id=round_.base_cohort_id,
        existing_members=len(existing),
        pool_size=len(people),
        pool=_pool_dimensions(call, round_.dimensions, people),
        runs=[_summary(r) for r in _runs(session, round_)],
        **_confirmed_cohort(session, ctx, call, round_),
    )


def _confirmed_cohort(
    session: Session, ctx: ProgramContext, call: Call, round_: SelectionRound
) -> dict[str, Any]:
    """A confirmed round's cohort as it is now, its replacements, and whether it can still
    change."""
    run = session.get(SelectionRun, round_.confirmed_run_id) if round_.confirmed_run_id else None
    if run is None or round_.status != RoundStatus.confirmed:
        return {"seats": [], "seats_report": [], "replacements": [], "locked": None}
    done = replace.replacements(session, round_)
    current = replace.seats(run, done)
    names, _ = _names(session, ctx, call, run)
    took = {r.replacement: r.withdrawn for r in done}
    rank = {pid: i + 1 for i, pid in enumerate(run.alternates)}
    excluded, wave = set(run.excluded), set(run.pinned) - set(round_.pinned)
    available = [pid for pid in run.pool if pid not in excluded]
    return {
        "seats": [
            Seat(
                application_id=uuid.UUID(pid),
                name=names.get(pid, "—"),
                dimensions=run.pool[pid],
                replaces=uuid.UUID(took[pid]) if pid in took else None,
            )
            for pid in current
            if pid in names and pid not in wave  # a second wave's existing influencers
        ],
        "seats_report": quota_report(call, run, available, set(current)),
        "replacements": [
            ReplacementOut(
                id=r.id,
                created_at=r.created_at,
                withdrawn=uuid.UUID(r.withdrawn),
                withdrawn_name=names.get(r.withdrawn, "—"),
                replacement=uuid.UUID(r.replacement),
                replacement_name=names.get(r.replacement, "—"),
                method=r.method,
                seed=r.seed,
                draw=r.draw,
                chances=sorted(
                    (
                        Chance(
                            application_id=uuid.UUID(pid),
                            name=names.get(pid, "—"),
                            probability=p,
                            alternate_rank=rank.get(pid),
                            dimensions=run.pool.get(pid, {}),
                        )
                        for pid, p in r.chances.items()
                    ),
                    key=lambda c: (-c.probability, c.alternate_rank or 10**6, c.name.lower()),
                ),
                relaxation=r.relaxation,
            )
            for r in done
        ],
        "locked": started(session, ctx, round_),
    }


def list_rounds(session: Session, ctx: ProgramContext, call: Call) -> list[RoundSummary]:
    rounds = session.scalars(
        readable(ctx)
        .where(SelectionRound.call_id == call.id)
        .order_by(SelectionRound.created_at.desc())
    ).all()
    counts = Counter(
        session.scalars(
            select(SelectionRun.round_id).where(SelectionRun.round_id.in_([r.id for r in rounds]))
        )
    )
    return [
        RoundSummary(
            id=r.id,
            name=r.name,
            k=r.k,
            status=r.status,
            runs=counts.get(r.id, 0),
            created_at=r.created_at,
        )
        for r in rounds
    ]


def _check_dimensions(call: Call, keys: list[str]) -> None:
    known = {q.key for q in dimensions(call)}
    unknown = [k for k in keys if k not in known]
    if unknown:
        raise Unprocessable.for_field(
            "dimensions", f"Not dimensions of this call: {unknown}.", "unknown_dimension"
        )
    if len(set(keys)) != len(keys):
        raise Unprocessable.for_field("dimensions", "Each dimension once.", "duplicate")


def _check_quotas(call: Call, keys: list[str], quotas: list[QuotaIn]) -> list[dict[str, Any]]:
    by_key = {q.key: q for q in dimensions(call)}
    seen = set()
    for i, quota in enumerate(quotas):
        field = f"quotas[{i}]"
        if quota.dimension not in keys:
            raise Unprocessable.for_field(
                f"{field}.dimension", "This dimension is not used in the round.", "unknown"
            )
        values = {v for v, _, _ in option_labels(by_key[quota.dimension])} | {UNANSWERED}
        if quota.value not in values:
            raise Unprocessable.for_field(f"{field}.value", "Not a value of this dimension.")
        if quota.min > quota.max:
            raise Unprocessable.for_field(
                f"{field}.min",
                f"Minimum {quota.min} is above maximum {quota.max}.",
                "min_above_max",
            )
        if (quota.dimension, quota.value) in seen:
            raise Unprocessable.for_field(f"{field}.value", "One quota per value.", "duplicate")
        seen.add((quota.dimension, quota.value))
    return [q.model_dump() for q in quotas]


def _check_people(people: dict[str, dict[str, str]], field: str, ids: list[uuid.UUID]) -> list[str]:
    unknown = [str(i) for i in ids if str(i) not in people]
    if unknown:
        raise Unprocessable.for_field(
            field, f"{len(unknown)} of them are not in the pool.", "unknown_applicant"
        )
    return sorted({str(i) for i in ids})


def create_round(
    session: Session, ctx: ProgramContext, call: Call, data: RoundCreate
) -> SelectionRound:
    if call.status == CallStatus.draft:
        raise Conflict("A draft call has no applications to select from.", code="call_draft")
    keys = data.dimensions if data.dimensions is not None else [q.key for q in dimensions(call)]
    _check_dimensions(call, keys)
    if data.base_cohort_id is not None:
        waves.check_cohort(session, ctx, data.base_cohort_id)
    round_ = SelectionRound(
        program_id=ctx.program.id,
        call_id=call.id,
        name=data.name,
        k=data.k,
        dimensions=keys,
        quotas=_check_quotas(call, keys, data.quotas),
        algorithm=data.algorithm,
        seed=data.seed,
        base_cohort_id=data.base_cohort_id,
    )
    session.add(round_)
    session.flush()
    return round_


def _editable(round_: SelectionRound, version: int) -> None:
    if round_.status != RoundStatus.draft:
        raise Conflict(
            "A confirmed round cannot change; start a new round instead.", code="round_confirmed"
        )
    if round_.version != version:
        raise Conflict("Someone changed this round in the meantime.", code="version_conflict")


def update_round(
    session: Session, ctx: ProgramContext, call: Call, round_: SelectionRound, data: RoundUpdate
) -> SelectionRound:
    _editable(round_, data.version)
    keys = data.dimensions if data.dimensions is not None else round_.dimensions
    _check_dimensions(call, keys)
    quotas = (
        data.quotas
        if data.quotas is not None
        else [QuotaIn(**q) for q in round_.quotas if q["dimension"] in keys]
    )
    round_.dimensions = keys
    round_.quotas = _check_quotas(call, keys, quotas)
    people, _ = pool(session, ctx, call, keys, round_.base_cohort_id)
    if data.pinned is not None:
        round_.pinned = _check_people(people, "pinned", data.pinned)
    if data.excluded is not None:
        round_.excluded = _check_people(people, "excluded", data.excluded)
    for field in ("name", "k", "algorithm", "seed"):
        value = getattr(data, field)
        if value is not None:
            setattr(round_, field, value)
    session.flush()
    return round_


def propose_quotas(
    session: Session, ctx: ProgramContext, call: Call, round_: SelectionRound, mode: str
) -> list[QuotaOut]:
    people, existing = round_pool(session, ctx, call, round_)
    excluded = set(round_.excluded)
    persons = [engine.Person(id=i, features=f) for i, f in people.items() if i not in excluded]
    pinned = frozenset(round_.pinned) | existing
    return [
        QuotaOut(dimension=q.dimension, value=q.value, min=q.min, max=q.max)
        for q in propose(persons, round_.k, round_.dimensions, mode, pinned)
    ]


def run(
    session: Session, ctx: ProgramContext, call: Call, round_: SelectionRound, settings: Settings
) -> SelectionRun:
    if round_.status != RoundStatus.draft:
        raise Conflict("This round is confirmed.", code="round_confirmed")
    people, existing = round_pool(session, ctx, call, round_)
    # Pins and exclusions of people who withdrew since are dropped, not an error; a second
    # wave's existing influencers are always in.
    pinned = frozenset(i for i in round_.pinned if i in people) | existing
    excluded = frozenset(i for i in round_.excluded if i in people)
    instance = engine.Instance(
        people=tuple(engine.Person(id=i, features=f) for i, f in sorted(people.items())),
        k=round_.k,
        quotas=tuple(engine.Quota(**q) for q in round_.quotas),
        pinned=pinned,
        excluded=excluded,
    )
    # The engine raises only for input that is wrong on its own (422); a time limit, a solver
    # failure or conflicting quotas come back as a result whose status is stored with the run.
    try:
        result = engine.run(
            instance,
            algorithm=round_.algorithm,
            seed=round_.seed,
            time_limit=settings.selection_time_limit_seconds,
        )
    except engine.InvalidInstance as error:
        raise Unprocessable.for_field(error.field, error.message, error.constraint) from error
    if result.status == "failed":
        log.warning("selection run of round %s failed: %s", round_.id, result.explanation)
    stored = record_run(round_, result, people, ctx.user.id, pinned=pinned, excluded=excluded)
    session.add(stored)
    session.flush()
    return stored


def record_run(
    round_: SelectionRound,
    result: engine.Result,
    pool: dict[str, dict[str, str]],
    created_by: uuid.UUID,
    pinned=frozenset(),
    excluded=frozenset(),
) -> SelectionRun:
    """An engine result as a stored run, with the inputs it had (quotas, pins, the pool as the
    engine saw it), so its report can be rebuilt later whatever happens to the applications."""
    return SelectionRun(
        round_id=round_.id,
        created_by=created_by,
        k=round_.k,
        algorithm=result.algorithm,
        seed=result.seed,
        quotas=round_.quotas,
        pinned=sorted(pinned),
        excluded=sorted(excluded),
        pool=pool,
        status=result.status,
        panel=list(result.panel),
        alternates=list(result.alternates),
        probabilities=result.probabilities,
        panels_in_distribution=len(result.distribution),
        explanation=result.explanation,
        relaxation=[vars(r) for r in result.relaxation],
        solver=result.solver,
        seconds=result.seconds,
        distribution=compact(
            result.distribution,
            pool,
            profile_dimensions([engine.Quota(**q) for q in round_.quotas]),
        )
        if result.distribution
        else None,
    )


def get_run(session: Session, round_: SelectionRound, run_id: uuid.UUID) -> SelectionRun:
    row = session.scalar(
        select(SelectionRun).where(SelectionRun.id == run_id, SelectionRun.round_id == round_.id)
    )
    if row is None:
        raise NotFound("No such run.")
    return row


def gini(values: list[float]) -> float | None:
    if not values or sum(values) == 0:
        return None
    ordered = sorted(values)
    n = len(ordered)
    weighted = sum((i + 1) * v for i, v in enumerate(ordered))
    return (2 * weighted) / (n * sum(ordered)) - (n + 1) / n


def _names(
    session: Session, ctx: ProgramContext, call: Call, run: SelectionRun
) -> tuple[dict[str, str], dict[str, str]]:
    """The names of a run's pool (applications, and a second wave's existing influencers, whose
    ids are no application's), and those of the existing influencers alone."""
    rows = session.execute(
        readable_applications(ctx)
        .with_only_columns(Application.id, Application.name)
        .where(Application.call_id == call.id)
    )
    names = {str(i): name for i, name in rows}
    ids = [uuid.UUID(i) for i in run.pool if i not in names]
    if not ids:
        return names, {}
    members = {
        str(i): name
        for i, name in session.execute(
            select(ProgramMembership.id, User.name)
            .join(User, User.id == ProgramMembership.user_id)
            .where(ProgramMembership.program_id == ctx.program.id, ProgramMembership.id.in_(ids))
        )
    }
    return names | members, members


def quota_report(
    call: Call, run: SelectionRun, available: list[str], panel: set[str]
) -> list[ReportDimension]:
    """Per dimension value: how many the pool has, the quota, and how many `panel` holds."""
    keys = list(next(iter(run.pool.values()), {}).keys())
    quota = {(q["dimension"], q["value"]): q for q in run.quotas}
    report = []
    for dimension in _pool_dimensions(call, keys, {p: run.pool[p] for p in available}):
        in_panel = Counter(run.pool[p][dimension.key] for p in panel)
        report.append(
            ReportDimension(
                key=dimension.key,
                label_de=dimension.label_de,
                label_en=dimension.label_en,
                values=[
                    ReportValue(
                        value=v.value,
                        label_de=v.label_de,
                        label_en=v.label_en,
                        pool=v.count,
                        min=quota.get((dimension.key, v.value), {}).get("min"),
                        max=quota.get((dimension.key, v.value), {}).get("max"),
                        selected=in_panel.get(v.value, 0),
                    )
                    for v in dimension.values
                ],
            )
        )
    return report


def run_out(session: Session, ctx: ProgramContext, call: Call, run: SelectionRun) -> RunOut:
    names, existing = _names(session, ctx, call, run)
    selected = set(run.panel)
    rank = {pid: i + 1 for i, pid in enumerate(run.alternates)}
    excluded = set(run.excluded)
    available = [pid for pid in run.pool if pid not in excluded]
    report = quota_report(call, run, available, selected)
    people = [
        RunPerson(
            application_id=uuid.UUID(pid),
            name=names.get(pid, "—"),
            probability=run.probabilities.get(pid, 0.0),
            outcome="selected"
            if pid in selected
            else "alternate"
            if pid in rank
            else "not_selected",
            alternate_rank=rank.get(pid),
            pinned=pid in run.pinned,
            existing_member=pid in existing,
            dimensions=run.pool[pid],
        )
        for pid in available
    ]
    people.sort(key=lambda p: (p.outcome != "selected", p.alternate_rank or 10**6, p.name.lower()))
    probabilities = [run.probabilities.get(p, 0.0) for p in available]
    fair_share = run.k / len(available) if available else 0
    return RunOut(
        **_summary(run).model_dump(),
        round_id=run.round_id,
        quotas=[QuotaOut(**q) for q in run.quotas],
        explanation=run.explanation,
        relaxation=run.relaxation,
        solver=run.solver,
        panels_in_distribution=run.panels_in_distribution,
        pool_size=len(available),
        below_half_fair_share=sum(1 for p in probabilities if p < fair_share / 2 - 1e-9)
        if run.probabilities
        else 0,
        gini=gini(probabilities) if run.probabilities else None,
        report=report,
        people=people,
    )
