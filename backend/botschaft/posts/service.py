"""Posts, their figures and outcomes. Influencers work on their own; the core team on all."""

from __future__ import annotations

import uuid
from datetime import date
from functools import cache

from sqlalchemy import Select, bindparam, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from botschaft.core.database import utcnow
from botschaft.core.errors import Conflict, FieldError, NotFound, Unprocessable
from botschaft.core.pagination import PageParams, paginate_rows
from botschaft.identity.models import User
from botschaft.posts import rollup
from botschaft.posts.models import METRICS, Outcome, Post, PostMetricSnapshot
from botschaft.posts.schemas import (
    Figures,
    FiguresBatch,
    FiguresOut,
    OutcomeCreate,
    OutcomeOut,
    PostCreate,
    PostOut,
    PostUpdate,
)
from botschaft.posts.urls import InvalidPostUrl, identify
from botschaft.programs.history import joined_on
from botschaft.tenancy.access import ProgramContext
from botschaft.tenancy.models import Program, ProgramMembership, ProgramRole
from botschaft.tenancy.scope import may_see, own_only, own_rows, scope_values


def program_today(program: Program) -> date:
    return program.today()


def engagement_rate(engagements: int, impressions: int | None) -> float | None:
    if not impressions:
        return None
    return round(engagements / impressions * 100, 2)


def not_in_future(program: Program, day: date | None, field: str) -> date:
    today = program_today(program)
    if day is None:
        return today
    if day > today:
        raise Unprocessable.for_field(field, "The date must not be in the future.", "future_date")
    return day


def outside_period(program: Program, day: date) -> bool:
    return bool(
        (program.starts_on and day < program.starts_on)
        or (program.ends_on and day > program.ends_on)
    )


def valid_day(
    session: Session,
    ctx: ProgramContext,
    day: date | None,
    field: str,
    allow_outside: bool,
    member_id: uuid.UUID | None = None,
) -> date:
    """Today by default; never in the future; inside the program's period and not before the
    person joined (their first cohort's start) unless the core team says a date outside is
    right (a post made just before the official start)."""
    day = not_in_future(ctx.program, day, field)
    if allow_outside and ctx.is_core_team:
        return day
    if outside_period(ctx.program, day):
        program = ctx.program
        span = f"{program.starts_on or '…'} – {program.ends_on or '…'}"
        raise Unprocessable.for_field(
            field, f"The date is outside the program's period ({span}).", "outside_period"
        )
    joined = joined_on(session, ctx.program.id, member_id).get(member_id) if member_id else None
    if joined is not None and day < joined:
        raise Unprocessable.for_field(
            field, f"The date is before this person joined the program ({joined}).", "before_joined"
        )
    return day


def check_own_post(
    session: Session, ctx: ProgramContext, member_id: uuid.UUID, post_id: uuid.UUID | None
) -> None:
    """A post named with a request or question must be that person's post in this program."""
    if post_id is None:
        return
    owner = session.scalar(
        select(Post.member_id).where(Post.id == post_id, Post.program_id == ctx.program.id)
    )
    if owner != member_id:
        raise Unprocessable.for_field(
            "post_id", "The post must be one of this influencer's posts.", "unknown_post"
        )


def subject_member(
    session: Session, ctx: ProgramContext, member_id: uuid.UUID | None
) -> ProgramMembership:
    """Whose post or outcome: an influencer's own; the core team names an influencer."""
    if own_only(ctx):
        if member_id is not None and member_id != ctx.membership.id:
            raise Unprocessable.for_field("member_id", "You can only record your own.", "not_yours")
        return ctx.membership
    if member_id is None:
        raise Unprocessable.for_field("member_id", "Choose the influencer.", "missing")
    member = session.scalar(
        select(ProgramMembership).where(
            ProgramMembership.id == member_id,
            ProgramMembership.program_id == ctx.program.id,
            ProgramMembership.role == ProgramRole.influencer,
        )
    )
    if member is None:
        raise Unprocessable.for_field(
            "member_id", "No influencer of this program has this id.", "unknown_member"
        )
    return member


def _posts_with_authors(program_id) -> Select:
    """(post, author's name) for every post of the program `program_id` (a value or a
    parameter)."""
    return (
        select(Post, User.name)
        .join(ProgramMembership, ProgramMembership.id == Post.member_id)
        .join(User, User.id == ProgramMembership.user_id)
        .where(Post.program_id == program_id)
    )


def readable(ctx: ProgramContext):
    """The program's posts with their authors' names, as the caller may see them (an
    influencer: their own); every read of posts starts here."""
    query = _posts_with_authors(ctx.program.id)
    return own_rows(ctx, query, Post.member_id)


def _outcome_counts(session: Session, post_ids: list[uuid.UUID]) -> dict[uuid.UUID, int]:
    if not post_ids:
        return {}
    return dict(session.execute(_outcomes_per_post(), {"posts": post_ids}).all())


@cache
def _outcomes_per_post() -> Select:
    return (
        select(Outcome.post_id, func.count())
        .where(Outcome.post_id.in_(bindparam("posts", expanding=True)))
        .group_by(Outcome.post_id)
    )


def _post_out_counted(session: Session, post: Post, name: str) -> PostOut:
    return post_out(post, name, _outcome_counts(session, [post.id]).get(post.id, 0))


def post_out(post: Post, member_name: str, outcomes: int = 0) -> PostOut:
    engagements = post.likes + post.comments + post.shares
    return PostOut(
        id=post.id,
        member_id=post.member_id,
        member_name=member_name,
        url=post.url,
        normalized_url=post.normalized_url,
        post_key=post.post_key,
        platform=post.platform,
        published_on=post.published_on,
        format=post.format,
        hashtags=post.hashtags,
        uses_program_hashtag=post.uses_program_hashtag,
        topic=post.topic,
        note=post.note,
        impressions=post.impressions,
        likes=post.likes,
        comments=post.comments,
        shares=post.shares,
        clicks=post.clicks,
        saves=post.saves,
        figures_read_at=post.figures_read_at,
        engagements=engagements,
        engagement_rate=engagement_rate(engagements, post.impressions),
        outcomes=outcomes,
        version=post.version,
        created_at=post.created_at,
    )


def _get(session: Session, ctx: ProgramContext, post_id: uuid.UUID) -> tuple[Post, str]:
    row = session.execute(readable(ctx).where(Post.id == post_id)).first()
    if row is None:
        raise NotFound("No such post.")
    return row[0], row[1]


def get_post(session: Session, ctx: ProgramContext, post_id: uuid.UUID) -> PostOut:
    post, name = _get(session, ctx, post_id)
    return _post_out_counted(session, post, name)


def _chosen_posts(query: Select, own: bool, by_member: bool, by_platform: bool) -> Select:
    """The list's filters (parameters own_member, member_id, platform) on a posts query."""
    if own:
        query = query.where(Post.member_id == bindparam("own_member"))
    if by_member:
        query = query.where(Post.member_id == bindparam("member_id"))
    if by_platform:
        query = query.where(Post.platform == bindparam("platform"))
    return query


@cache
def _listed_posts(own: bool, by_member: bool, by_platform: bool) -> Select:
    """The posts list, built once per kind of question (parameters: tenancy.scope.scope_values,
    and member_id and platform where asked): see auth.sessions.lookup."""
    query = _posts_with_authors(bindparam("program_id"))
    query = _chosen_posts(query, own, by_member, by_platform)
    return query.order_by(Post.published_on.desc(), Post.id.desc())


@cache
def _counted_posts(own: bool, by_member: bool, by_platform: bool) -> Select:
    """The same posts without their authors' names, to count (the join to users for every
    post of the program was a third of the list's statement on PostgreSQL): a membership
    with a user has a name, one without is an erased person's placeholder, not listed."""
    query = (
        select(Post.id)
        .join(ProgramMembership, ProgramMembership.id == Post.member_id)
        .where(Post.program_id == bindparam("program_id"), ProgramMembership.user_id.is_not(None))
    )
    return _chosen_posts(query, own, by_member, by_platform)


def list_posts(
    session: Session,
    ctx: ProgramContext,
    params: PageParams,
    *,
    member_id: uuid.UUID | None = None,
    platform: str | None = None,
) -> tuple[list[PostOut], int]:
    query = _listed_posts(own_only(ctx), member_id is not None, platform is not None)
    values = scope_values(ctx) | {"member_id": member_id, "platform": platform}
    counted = _counted_posts(own_only(ctx), member_id is not None, platform is not None)
    rows, total = paginate_rows(session, query, params, values, rows_of=counted)
    counts = _outcome_counts(session, [post.id for post, _ in rows])
    return [post_out(post, name, counts.get(post.id, 0)) for post, name in rows], total


def _uses_program_hashtag(program: Program, hashtags: list[str]) -> bool:
    mine = {tag.lower() for tag in program.hashtags}
    return any(tag.lower() in mine for tag in hashtags)


def create_post(session: Session, ctx: ProgramContext, data: PostCreate, actor: User) -> PostOut:
    try:
        link = identify(data.url)
    except InvalidPostUrl as error:
        raise Unprocessable.for_field("url", str(error), "invalid_url") from error
    member = subject_member(session, ctx, data.member_id)
    published_on = valid_day(
        session, ctx, data.published_on, "published_on", data.outside_period, member.id
    )
    _refuse_duplicate(session, ctx, link.key)
    post = Post(
        program_id=ctx.program.id,
        member_id=member.id,
        url=data.url.strip(),
        normalized_url=link.normalized_url,
        post_key=link.key,
        platform=link.platform,
        published_on=published_on,
        format=data.format,
        hashtags=data.hashtags,
        uses_program_hashtag=_uses_program_hashtag(ctx.program, data.hashtags),
        topic=data.topic,
        note=data.note,
        created_by=actor.id,
    )
    try:
        with session.begin_nested():
            session.add(post)
    except IntegrityError:  # the same post logged at the same moment by someone else
        _refuse_duplicate(session, ctx, link.key)
        raise
    rollup.touch(session, [post])
    if member.user_id == actor.id:
        name = actor.name
    else:
        name = session.scalar(select(User.name).where(User.id == member.user_id)) or ""
    return post_out(post, name)


@cache
def _post_by_key() -> Select:
    return _posts_with_authors(bindparam("program_id")).where(
        Post.post_key == bindparam("post_key")
    )


def _refuse_duplicate(session: Session, ctx: ProgramContext, key: str) -> None:
    """409 with the post already logged under this key, whichever link form it was logged by."""
    values = {"program_id": ctx.program.id, "post_key": key}
    row = session.execute(_post_by_key(), values).first()
    if row is None:
        return
    existing, name = row
    visible = may_see(ctx, existing.member_id)
    raise Conflict(
        "This post has already been logged.",
        code="duplicate_post",
        errors=[
            FieldError(field="url", message="This post has already been logged.", type="duplicate")
        ],
        # Another influencer's post is not shown to an influencer, only that it exists.
        existing=post_out(existing, name).model_dump(mode="json") if visible else None,
    )


def update_post(
    session: Session, ctx: ProgramContext, post_id: uuid.UUID, data: PostUpdate
) -> PostOut:
    post, name = _get(session, ctx, post_id)
    if post.version != data.version:
        raise Conflict("Someone changed this post in the meantime.", code="version_conflict")
    if data.published_on is not None:
        post.published_on = valid_day(
            session, ctx, data.published_on, "published_on", data.outside_period, post.member_id
        )
    if data.format is not None:
        post.format = data.format
    if data.hashtags is not None:
        post.hashtags = data.hashtags
        post.uses_program_hashtag = _uses_program_hashtag(ctx.program, data.hashtags)
    for field in ("topic", "note"):
        if field in data.model_fields_set:
            setattr(post, field, getattr(data, field))
    rollup.touch(session, [post])
    return _post_out_counted(session, post, name)


def delete_post(session: Session, ctx: ProgramContext, post_id: uuid.UUID) -> None:
    post, _ = _get(session, ctx, post_id)
    session.delete(post)
    rollup.touch(session, [post])


def record_figures(
    session: Session, ctx: ProgramContext, post_id: uuid.UUID, data: Figures, actor: User
) -> PostOut:
    post, name = _get(session, ctx, post_id)
    _record(session, post, data, actor, "read_at")
    rollup.touch(session, [post])
    return _post_out_counted(session, post, name)


def record_many(
    session: Session, ctx: ProgramContext, data: FiguresBatch, actor: User
) -> list[PostOut]:
    """Every item or none: a post that is not the caller's, or a wrong reading, names its item."""
    if len({i.post_id for i in data.items}) != len(data.items):
        raise Unprocessable.for_field("items", "Each post once.", "duplicate")
    out = []
    for index, item in enumerate(data.items):
        try:
            post, name = _get(session, ctx, item.post_id)
        except NotFound as error:
            raise Unprocessable.for_field(
                f"items[{index}].post_id", "No such post of yours.", "unknown_post"
            ) from error
        _record(session, post, item, actor, f"items[{index}].read_at")
        out.append((post, name))
    rollup.touch(session, [post for post, _ in out])
    return [_post_out_counted(session, post, name) for post, name in out]


def _record(session: Session, post: Post, data: Figures, actor: User, field: str) -> None:
    read_at = data.read_at or utcnow()
    if read_at > utcnow():
        raise Unprocessable.for_field(field, "The time must not be in the future.", "future_date")
    values = {m: getattr(data, m) for m in METRICS}
    existing = session.scalar(
        select(PostMetricSnapshot).where(
            PostMetricSnapshot.post_id == post.id, PostMetricSnapshot.read_at == read_at
        )
    )
    if existing is None:
        session.add(
            PostMetricSnapshot(post_id=post.id, read_at=read_at, recorded_by=actor.id, **values)
        )
    else:  # the same reading again (a repeated import): no second snapshot
        for metric, value in values.items():
            setattr(existing, metric, value)
    if post.figures_read_at is None or read_at >= post.figures_read_at:
        for metric, value in values.items():
            setattr(post, metric, value)
        post.figures_read_at = read_at


def figures_history(session: Session, ctx: ProgramContext, post_id: uuid.UUID) -> list[FiguresOut]:
    post, _ = _get(session, ctx, post_id)
    rows = session.scalars(
        select(PostMetricSnapshot)
        .where(PostMetricSnapshot.post_id == post.id)
        .order_by(PostMetricSnapshot.read_at)
    )
    return [FiguresOut.model_validate(r) for r in rows]


def readable_outcomes(ctx: ProgramContext):
    """The program's outcomes as the caller may see them (an influencer: their own)."""
    query = (
        select(Outcome, User.name)
        .join(ProgramMembership, ProgramMembership.id == Outcome.member_id)
        .join(User, User.id == ProgramMembership.user_id)
        .where(Outcome.program_id == ctx.program.id)
    )
    return own_rows(ctx, query, Outcome.member_id)


def _outcome_out(outcome: Outcome, name: str) -> OutcomeOut:
    return OutcomeOut(
        id=outcome.id,
        type=outcome.type,
        occurred_on=outcome.occurred_on,
        member_id=outcome.member_id,
        member_name=name,
        post_id=outcome.post_id,
        note=outcome.note,
        created_at=outcome.created_at,
    )


def create_outcome(
    session: Session, ctx: ProgramContext, data: OutcomeCreate, actor: User
) -> OutcomeOut:
    member = subject_member(session, ctx, data.member_id)
    occurred_on = valid_day(
        session, ctx, data.occurred_on, "occurred_on", data.outside_period, member.id
    )
    check_own_post(session, ctx, member.id, data.post_id)
    outcome = Outcome(
        program_id=ctx.program.id,
        member_id=member.id,
        post_id=data.post_id,
        type=data.type,
        occurred_on=occurred_on,
        note=data.note,
        created_by=actor.id,
    )
    session.add(outcome)
    session.flush()
    name = session.scalar(select(User.name).where(User.id == member.user_id)) or ""
    return _outcome_out(outcome, name)


def list_outcomes(
    session: Session, ctx: ProgramContext, params: PageParams, post_id: uuid.UUID | None = None
) -> tuple[list[OutcomeOut], int]:
    query = readable_outcomes(ctx).order_by(Outcome.occurred_on.desc(), Outcome.id.desc())
    if post_id is not None:
        query = query.where(Outcome.post_id == post_id)
    rows, total = paginate_rows(session, query, params)
    return [_outcome_out(o, name) for o, name in rows], total


def delete_outcome(session: Session, ctx: ProgramContext, outcome_id: uuid.UUID) -> None:
    row = session.execute(readable_outcomes(ctx).where(Outcome.id == outcome_id)).first()
    if row is None:
        raise NotFound("No such outcome.")
    if row[0].from_request:
        raise Conflict(
            "This outcome belongs to a request: change or delete the request in the inbox.",
            code="from_request",
        )
    session.delete(row[0])
    session.flush()
