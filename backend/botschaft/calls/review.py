"""The core team's view of a call's applications: table, distribution, reviews, tags, status."""

from __future__ import annotations

import uuid
from collections import Counter
from typing import Any, Literal

from sqlalchemy import Select, case, delete, func, or_, select, update
from sqlalchemy.orm import Session

from botschaft.audit import service as audit
from botschaft.calls.models import (
    Application,
    ApplicationReview,
    ApplicationStatus,
    ApplicationTag,
    Call,
    Question,
    QuestionType,
)
from botschaft.calls.schemas import (
    ApplicationDetail,
    ApplicationRow,
    ApplicationStatusChange,
    DimensionDistribution,
    DistributionOut,
    ReviewIn,
    ReviewOut,
    ValueCount,
)
from botschaft.calls.service import readable_applications
from botschaft.core.errors import NotFound, Unprocessable
from botschaft.core.pagination import PageParams, paginate_rows
from botschaft.identity.models import User
from botschaft.tenancy.access import ProgramContext

Sort = Literal["submitted_at", "-submitted_at", "name", "-name", "status", "-votes"]


def dimensions(call: Call) -> list[Question]:
    return [q for q in call.questions if q.is_dimension]


def _answer_filter(question: Question, value: str):
    """SQL for "answer to `question` is `value`", with the value given as text."""
    element = Application.answers[question.key]
    if question.type == QuestionType.yes_no:
        if value not in ("true", "false"):
            raise Unprocessable.for_field("filter", f"{question.key}: use true or false.")
        return element.as_boolean() == (value == "true")
    if question.type == QuestionType.scale:
        if not value.lstrip("-").isdigit():
            raise Unprocessable.for_field("filter", f"{question.key}: use a number.")
        return element.as_integer() == int(value)
    return element.as_string() == value


def parse_filters(call: Call, filters: list[str]) -> list[Any]:
    by_key = {q.key: q for q in dimensions(call)}
    clauses = []
    for item in filters:
        key, sep, value = item.partition(":")
        if not sep or key not in by_key:
            raise Unprocessable.for_field(
                "filter", f"{item!r}: use dimension:value with one of {sorted(by_key)}."
            )
        clauses.append(_answer_filter(by_key[key], value))
    return clauses


def _votes():
    return (
        select(
            ApplicationReview.application_id.label("application_id"),
            func.sum(case((ApplicationReview.vote.is_(True), 1), else_=0)).label("votes_for"),
            func.sum(case((ApplicationReview.vote.is_(False), 1), else_=0)).label("votes_against"),
            func.sum(case((ApplicationReview.comment != "", 1), else_=0)).label("comments"),
        )
        .group_by(ApplicationReview.application_id)
        .subquery()
    )


def _table_query(
    ctx: ProgramContext,
    call: Call,
    *,
    q: str | None,
    statuses: list[ApplicationStatus],
    filters: list[str],
    tag: str | None,
    sort: Sort,
) -> Select:
    votes = _votes()
    mine = (
        select(ApplicationReview.vote)
        .where(
            ApplicationReview.application_id == Application.id,
            ApplicationReview.reviewer_id == ctx.user.id,
        )
        .scalar_subquery()
    )
    votes_for = func.coalesce(votes.c.votes_for, 0)
    statement = (
        readable_applications(ctx)
        .add_columns(
            votes_for,
            func.coalesce(votes.c.votes_against, 0),
            func.coalesce(votes.c.comments, 0),
            mine,
        )
        .outerjoin(votes, votes.c.application_id == Application.id)
        .where(Application.call_id == call.id, *parse_filters(call, filters))
    )
    if statuses:
        statement = statement.where(Application.status.in_(statuses))
    if q:
        pattern = f"%{q.lower()}%"
        statement = statement.where(
            or_(func.lower(Application.name).like(pattern), Application.email.like(pattern))
        )
    if tag:
        statement = statement.where(
            select(ApplicationTag.tag)
            .where(ApplicationTag.application_id == Application.id, ApplicationTag.tag == tag)
            .exists()
        )
    order = {
        "submitted_at": [Application.submitted_at],
        "-submitted_at": [Application.submitted_at.desc()],
        "name": [func.lower(Application.name)],
        "-name": [func.lower(Application.name).desc()],
        "status": [Application.status],
        "-votes": [votes_for.desc()],
    }[sort]
    return statement.order_by(*order, Application.id)


def _tags(session: Session, ids: list[uuid.UUID]) -> dict[uuid.UUID, list[str]]:
    out: dict[uuid.UUID, list[str]] = {i: [] for i in ids}
    for application_id, tag in session.execute(
        select(ApplicationTag.application_id, ApplicationTag.tag)
        .where(ApplicationTag.application_id.in_(ids))
        .order_by(ApplicationTag.tag)
    ):
        out[application_id].append(tag)
    return out


def _row(call: Call, row: Any, tags: list[str]) -> dict[str, Any]:
    application, votes_for, votes_against, comments, mine = row
    return {
        "id": application.id,
        "name": application.name,
        "email": application.email,
        "status": application.status,
        "submitted_at": application.submitted_at,
        "dimensions": {q.key: application.answers.get(q.key) for q in dimensions(call)},
        "tags": tags,
        "votes_for": votes_for,
        "votes_against": votes_against,
        "comments": comments,
        "my_vote": mine,
    }


def table(
    session: Session,
    ctx: ProgramContext,
    call: Call,
    params: PageParams | None,
    **criteria: Any,
) -> tuple[list[ApplicationRow], int]:
    rows, total = paginate_rows(session, _table_query(ctx, call, **criteria), params)
    tags = _tags(session, [r[0].id for r in rows])
    return [ApplicationRow(**_row(call, r, tags[r[0].id])) for r in rows], total


def rows_with_answers(session: Session, ctx: ProgramContext, call: Call, **criteria: Any):
    """Every matching application with its answers (the export)."""
    rows, _ = paginate_rows(session, _table_query(ctx, call, **criteria), None)
    tags = _tags(session, [r[0].id for r in rows])
    return [(r[0], ApplicationRow(**_row(call, r, tags[r[0].id]))) for r in rows]


def export_rows(
    session: Session, ctx: ProgramContext, call: Call, *, fmt: str, ip: str | None, **criteria: Any
):
    """The export's rows, written to the audit log (who took which applications out)."""
    rows = rows_with_answers(session, ctx, call, **criteria)
    audit.record(
        session,
        "data.exported",
        actor=ctx.user,
        program_id=call.program_id,
        ip=ip,
        target_type="call",
        target_id=call.id,
        details={"what": "applications", "format": fmt, "rows": len(rows)},
    )
    return rows


def _application(
    session: Session, ctx: ProgramContext, call: Call, application_id: uuid.UUID
) -> Application:
    application = session.scalar(
        readable_applications(ctx).where(
            Application.id == application_id, Application.call_id == call.id
        )
    )
    if application is None:
        raise NotFound("No such application.")
    return application


def detail(
    session: Session, ctx: ProgramContext, call: Call, application_id: uuid.UUID
) -> ApplicationDetail:
    statement = _table_query(
        ctx, call, q=None, statuses=[], filters=[], tag=None, sort="submitted_at"
    ).where(Application.id == application_id)
    row = session.execute(statement).first()
    if row is None:
        raise NotFound("No such application.")
    application = row[0]
    reviews = session.execute(
        select(ApplicationReview, User.name)
        .join(User, User.id == ApplicationReview.reviewer_id)
        .where(ApplicationReview.application_id == application.id)
        .order_by(ApplicationReview.updated_at)
    ).all()
    return ApplicationDetail(
        **_row(call, row, _tags(session, [application.id])[application.id]),
        locale=application.locale,
        answers=application.answers,
        privacy_version=application.privacy_version,
        consent_version=application.consent_version,
        consented_at=application.consented_at,
        updated_at=application.updated_at,
        reviews=[
            ReviewOut(
                reviewer_name=name,
                vote=r.vote,
                comment=r.comment,
                updated_at=r.updated_at,
                mine=r.reviewer_id == ctx.user.id,
            )
            for r, name in reviews
        ],
    )


def review(
    session: Session, ctx: ProgramContext, call: Call, application_id: uuid.UUID, data: ReviewIn
) -> ApplicationDetail:
    application = _application(session, ctx, call, application_id)
    row = session.scalar(
        select(ApplicationReview).where(
            ApplicationReview.application_id == application.id,
            ApplicationReview.reviewer_id == ctx.user.id,
        )
    )
    if data.vote is None and not data.comment:
        if row is not None:
            session.delete(row)
    else:
        row = row or ApplicationReview(application_id=application.id, reviewer_id=ctx.user.id)
        row.vote, row.comment = data.vote, data.comment
        session.add(row)
    session.flush()
    return detail(session, ctx, call, application.id)


def set_tags(
    session: Session, ctx: ProgramContext, call: Call, application_id: uuid.UUID, tags: list[str]
) -> ApplicationDetail:
    application = _application(session, ctx, call, application_id)
    session.execute(delete(ApplicationTag).where(ApplicationTag.application_id == application.id))
    for tag in sorted({t.strip().lower() for t in tags if t.strip()}):
        session.add(ApplicationTag(application_id=application.id, tag=tag))
    session.flush()
    return detail(session, ctx, call, application.id)


def change_status(
    session: Session, ctx: ProgramContext, call: Call, data: ApplicationStatusChange
) -> int:
    """One status for one or many applications: all of them or none."""
    ids = set(data.ids)
    found = set(
        session.scalars(
            readable_applications(ctx)
            .with_only_columns(Application.id)
            .where(Application.call_id == call.id, Application.id.in_(ids))
        )
    )
    if found != ids:
        raise Unprocessable.for_field(
            "ids", f"{len(ids - found)} of the applications do not belong to this call.", "unknown"
        )
    session.execute(
        update(Application)
        .where(Application.id.in_(ids))
        .values(status=data.status)
        .execution_options(synchronize_session=False)
    )
    return len(ids)


def option_labels(question: Question) -> list[tuple[str, str, str]]:
    if question.type == QuestionType.yes_no:
        return [("true", "Ja", "Yes"), ("false", "Nein", "No")]
    if question.type == QuestionType.scale:
        return [
            (str(v), str(v), str(v))
            for v in range(question.scale_min or 0, (question.scale_max or 0) + 1)
        ]
    return [(o["value"], o["label_de"], o["label_en"]) for o in question.options]


def as_value(value: Any) -> str | None:
    """A dimension answer as the text the filters and the selection use."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def distribution(
    session: Session, ctx: ProgramContext, call: Call, statuses: list[ApplicationStatus]
) -> DistributionOut:
    """The pool per dimension; withdrawn applications are not in the pool unless asked for."""
    statement = (
        readable_applications(ctx)
        .with_only_columns(Application.answers)
        .where(Application.call_id == call.id)
    )
    statement = statement.where(
        Application.status.in_(statuses)
        if statuses
        else Application.status != ApplicationStatus.withdrawn
    )
    answers = list(session.scalars(statement))
    out = []
    for question in dimensions(call):
        counts = Counter(as_value(a.get(question.key)) for a in answers)
        values = [
            ValueCount(value=v, label_de=de, label_en=en, count=counts.get(v, 0))
            for v, de, en in option_labels(question)
        ]
        out.append(
            DimensionDistribution(
                key=question.key,
                label_de=question.label_de,
                label_en=question.label_en,
                values=values,
                unanswered=counts.get(None, 0),
            )
        )
    return DistributionOut(total=len(answers), dimensions=out)


def dimension_values(
    session: Session,
    ctx: ProgramContext,
    call: Call,
    statuses: list[ApplicationStatus] | None = None,
) -> dict[uuid.UUID, dict[str, str | None]]:
    """Each application's value per dimension, for the selection engine."""
    keys = [q.key for q in dimensions(call)]
    statement = (
        readable_applications(ctx)
        .with_only_columns(Application.id, Application.answers)
        .where(Application.call_id == call.id)
    )
    statement = statement.where(
        Application.status.in_(statuses)
        if statuses
        else Application.status != ApplicationStatus.withdrawn
    )
    return {
        application_id: {k: as_value(answers.get(k)) for k in keys}
        for application_id, answers in session.execute(statement)
    }
