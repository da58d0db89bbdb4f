"""The request inbox. A request counts as an outcome of its kind from the day it comes in
(models.COUNTED_AS), and what it leads to is a second outcome, its result: the inbox is the
workflow, the outcomes are the figures, so the KPIs need nothing of their own."""

from __future__ import annotations

import uuid

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from botschaft.core.errors import NotFound, Unprocessable
from botschaft.core.pagination import PageParams, paginate_rows
from botschaft.identity.models import User
from botschaft.inbox.models import (
    COUNTED_AS,
    RESULTS,
    InboundRequest,
    RequestState,
    RequestType,
)
from botschaft.inbox.schemas import InboxCounts, RequestChange, RequestIn, RequestOut, ResultIn
from botschaft.posts.models import Outcome, Post
from botschaft.posts.service import check_own_post, not_in_future, subject_member, valid_day
from botschaft.tenancy.access import ProgramContext
from botschaft.tenancy.models import ProgramMembership
from botschaft.tenancy.scope import own_rows


def readable(ctx: ProgramContext):
    """The core team sees the program's inbox, an influencer the requests they received."""
    query = (
        select(
            InboundRequest,
            User.name,
            Post.url,
            Post.published_on,
            Outcome.type,
            Outcome.occurred_on,
        )
        .join(ProgramMembership, ProgramMembership.id == InboundRequest.member_id)
        .outerjoin(User, User.id == ProgramMembership.user_id)
        .outerjoin(Post, Post.id == InboundRequest.post_id)
        .outerjoin(Outcome, Outcome.id == InboundRequest.result_id)
        .where(InboundRequest.program_id == ctx.program.id)
    )
    return own_rows(ctx, query, InboundRequest.member_id)


def _out(row) -> RequestOut:
    request, name, url, published_on, result_type, result_on = row
    return RequestOut(
        id=request.id,
        type=request.type,
        channel=request.channel,
        received_on=request.received_on,
        state=request.state,
        member_id=request.member_id,
        member_name=name or "",
        post_id=request.post_id,
        post_url=url,
        post_published_on=published_on,
        asker=request.asker,
        note=request.note,
        result_type=result_type,
        result_on=result_on,
        created_at=request.created_at,
    )


def _get(session: Session, ctx: ProgramContext, request_id: uuid.UUID) -> InboundRequest:
    found = session.scalar(
        readable(ctx).with_only_columns(InboundRequest).where(InboundRequest.id == request_id)
    )
    if found is None:
        raise NotFound("No such request.")
    return found


def _one(session: Session, ctx: ProgramContext, request_id: uuid.UUID) -> RequestOut:
    return _out(session.execute(readable(ctx).where(InboundRequest.id == request_id)).one())


def _outcome(session: Session, outcome_id: uuid.UUID | None) -> Outcome | None:
    return session.get(Outcome, outcome_id) if outcome_id else None


def create(session: Session, ctx: ProgramContext, data: RequestIn, actor: User) -> RequestOut:
    member = subject_member(session, ctx, data.member_id)
    day = valid_day(session, ctx, data.received_on, "received_on", data.outside_period, member.id)
    check_own_post(session, ctx, member.id, data.post_id)
    counted = Outcome(
        program_id=ctx.program.id,
        member_id=member.id,
        post_id=data.post_id,
        type=COUNTED_AS[data.type],
        occurred_on=day,
        created_by=actor.id,
        from_request=True,
    )
    session.add(counted)
    session.flush()
    request = InboundRequest(
        program_id=ctx.program.id,
        member_id=member.id,
        post_id=data.post_id,
        type=data.type,
        channel=data.channel,
        received_on=day,
        asker=data.asker,
        note=data.note,
        outcome_id=counted.id,
        created_by=actor.id,
    )
    session.add(request)
    session.flush()
    return _one(session, ctx, request.id)


def listing(
    session: Session,
    ctx: ProgramContext,
    params: PageParams,
    state: RequestState | None,
    kind: RequestType | None,
) -> tuple[list[RequestOut], int]:
    query = readable(ctx).order_by(InboundRequest.received_on.desc(), InboundRequest.id.desc())
    if state is not None:
        query = query.where(InboundRequest.state == state)
    if kind is not None:
        query = query.where(InboundRequest.type == kind)
    rows, total = paginate_rows(session, query, params)
    return [_out(r) for r in rows], total


def counts(session: Session, ctx: ProgramContext) -> InboxCounts:
    visible = readable(ctx).subquery()
    rows = session.execute(
        select(visible.c.state, func.count(), func.count(visible.c.result_id)).group_by(
            visible.c.state
        )
    ).all()
    by_state = {state: n for state, n, _ in rows}
    return InboxCounts(
        new=by_state.get(RequestState.new, 0),
        answered=by_state.get(RequestState.answered, 0),
        closed=by_state.get(RequestState.closed, 0),
        with_result=sum(led for _, _, led in rows),
    )


def change(
    session: Session, ctx: ProgramContext, request_id: uuid.UUID, data: RequestChange
) -> RequestOut:
    request = _get(session, ctx, request_id)
    sent = data.model_fields_set
    for field in ("type", "channel", "received_on", "state"):
        if field in sent and getattr(data, field) is None:
            raise Unprocessable.for_field(field, "This field cannot be empty.", "missing")
    counted = _outcome(session, request.outcome_id)
    if data.received_on is not None:
        request.received_on = valid_day(
            session, ctx, data.received_on, "received_on", data.outside_period, request.member_id
        )
    if data.type is not None:
        request.type = data.type
    if data.channel is not None:
        request.channel = data.channel
    if data.state is not None:
        if data.state != RequestState.closed and request.result_id is not None:
            raise Unprocessable.for_field(
                "state", "Take the recorded result back first.", "has_result"
            )
        request.state = data.state
    if "post_id" in sent:
        check_own_post(session, ctx, request.member_id, data.post_id)
        request.post_id = data.post_id
    for field in ("asker", "note"):
        if field in sent:
            setattr(request, field, getattr(data, field))
    if counted is not None:  # the outcome it counts as follows the request
        counted.type = COUNTED_AS[request.type]
        counted.occurred_on = request.received_on
        counted.post_id = request.post_id
    result = _outcome(session, request.result_id)
    if result is not None:
        if result.occurred_on < request.received_on:
            raise Unprocessable.for_field(
                "received_on", "The request cannot come after its result.", "before_request"
            )
        result.post_id = request.post_id
    session.flush()
    return _one(session, ctx, request.id)


def record_result(
    session: Session, ctx: ProgramContext, request_id: uuid.UUID, data: ResultIn, actor: User
) -> RequestOut:
    """What the request led to: a second outcome (a hire, a talk); the request is closed."""
    request = _get(session, ctx, request_id)
    if data.type not in RESULTS:
        raise Unprocessable.for_field(
            "type", "A result is a hire, an internship, a talk or other.", "not_a_result"
        )
    # A result may come after the program ended (a hire months later), never in the future.
    day = not_in_future(ctx.program, data.occurred_on, "occurred_on")
    if day < request.received_on:
        raise Unprocessable.for_field(
            "occurred_on", "The result cannot be before the request came in.", "before_request"
        )
    result = _outcome(session, request.result_id)
    if result is None:
        result = Outcome(
            program_id=request.program_id,
            member_id=request.member_id,
            created_by=actor.id,
            from_request=True,
        )
        session.add(result)
    result.type = data.type
    result.occurred_on = day
    result.post_id = request.post_id
    result.note = data.note
    session.flush()
    request.result_id = result.id
    request.state = RequestState.closed
    session.flush()
    return _one(session, ctx, request.id)


def remove_result(session: Session, ctx: ProgramContext, request_id: uuid.UUID) -> RequestOut:
    """Takes a recorded result back (undo): the request is answered again."""
    request = _get(session, ctx, request_id)
    result = _outcome(session, request.result_id)
    request.result_id = None
    request.state = RequestState.answered
    if result is not None:
        session.delete(result)
    session.flush()
    return _one(session, ctx, request.id)


def delete(session: Session, ctx: ProgramContext, request_id: uuid.UUID) -> None:
    """A request recorded by mistake goes with the outcomes it counted as and led to."""
    request = _get(session, ctx, request_id)
    outcomes = [_outcome(session, i) for i in (request.outcome_id, request.result_id)]
    session.delete(request)
    session.flush()
    for outcome in outcomes:
        if outcome is not None:
            session.delete(outcome)
    session.flush()
