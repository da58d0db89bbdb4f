"""KPIs, aggregated in the database (GROUP BY), never by looping over rows in Python.

Privacy (DESIGN.md): HR leadership gets aggregates only, and in every breakdown a group of
fewer people than the program's minimum is merged into "other".
"""

from __future__ import annotations

import operator
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import cache, reduce
from zoneinfo import ZoneInfo

from sqlalchemy import (
    Boolean,
    Select,
    bindparam,
    case,
    distinct,
    func,
    literal,
    literal_column,
    select,
    union_all,
)
from sqlalchemy.orm import Session

from botschaft.accounts.models import User
from botschaft.core.errors import Unprocessable
from botschaft.core.pagination import PageParams, paginate_rows
from botschaft.kpis.facts import period_params, person_facts, program_facts
from botschaft.kpis.schemas import (
    FORMULAS,
    GroupRow,
    InfluencerRow,
    MonthRow,
    MyKpis,
    ProgramKpis,
    Totals,
)
from botschaft.learning.models import Module, ModuleProgress, ProgressState
from botschaft.meetings.models import Meeting, MeetingInvitation, MeetingKind, MeetingStatus
from botschaft.posts import rollup
from botschaft.posts.models import ENGAGEMENTS, SUMMED, Outcome, Post
from botschaft.posts.rollup import dialect_of, summed
from botschaft.posts.service import engagement_rate, post_out, program_today
from botschaft.programs.access import ProgramContext
from botschaft.programs.models import Cohort, Program, ProgramMembership, ProgramRole
from botschaft.teams.models import Team, TeamMember

OTHER = "other"
SORTS = {"posts", "engagements", "last_post_on", "name", "outcomes"}


def resolve_period(program: Program, start: date | None, end: date | None) -> tuple[date, date]:
    end = end or program_today(program)
    start = start or program.starts_on or (end - timedelta(days=180))
    if start > end:
        raise Unprocessable.for_field("from", "The period must not end before it starts.", "period")
    if (end - start).days > 3660:
        raise Unprocessable.for_field("from", "The period can be at most ten years.", "period")
    return start, end


def _months(start: date, end: date) -> list[str]:
    months, year, month = [], start.year, start.month
    while (year, month) <= (end.year, end.month):
        months.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def _period(program: Program, start: date, end: date) -> dict:
    """The bound parameters of the statements on the facts (kpis/facts.py) for a period."""
    return period_params(program.id, start, end, program_today(program))


def _engaged(facts):
    return facts.c.likes + facts.c.comments + facts.c.shares


def _influencers(program_id: uuid.UUID):
    return (ProgramMembership.program_id == program_id) & (
        ProgramMembership.role == ProgramRole.influencer
    )


def _influencer_count(session: Session, program: Program) -> int:
    query = select(func.count()).select_from(ProgramMembership).where(_influencers(program.id))
    return session.scalar(query) or 0


def _totals(
    session: Session,
    program: Program,
    start: date,
    end: date,
    influencers: int,
    active: int | None = None,
) -> Totals:
    """Totals of one period; `influencers` (the program's, for the participation rate) is the
    same for every period, so callers count it once, and `active` (people who posted) may be
    known already."""
    dialect, period = dialect_of(session), _period(program, start, end)
    row = session.execute(_totals_statement(dialect), period).one()
    posts, impressions, likes, comments, shares, engaged_with_impressions = row
    if active is None:
        active = session.scalar(_active_statement(dialect), period) or 0
    outcomes = (
        session.scalar(
            select(func.count(Outcome.id)).where(
                Outcome.program_id == program.id, Outcome.occurred_on.between(start, end)
            )
        )
        or 0
    )
    return Totals(
        posts=posts,
        impressions=impressions,
        likes=likes,
        comments=comments,
        shares=shares,
        engagements=likes + comments + shares,
        engagement_rate=engagement_rate(engaged_with_impressions, impressions),
        influencers=influencers,
        active_influencers=active,
        participation_rate=round(active / influencers * 100, 1) if influencers else None,
        outcomes=outcomes,
        earned_media_value=earned_media_value(program, impressions, likes + comments + shares),
    )


@cache
def _totals_statement(dialect: str) -> Select:
    facts = program_facts(dialect, "all")
    return select(*(summed(facts.c[c]) for c in SUMMED))


@cache
def _active_statement(dialect: str) -> Select:
    facts = person_facts(dialect)
    return select(func.count(distinct(facts.c.member_id)))


def earned_media_value(program: Program, impressions: int, engagements: int) -> float | None:
    """The program's own rates, written out in FORMULAS; None unless it set at least one."""
    per_mille, per_engagement = program.emv_per_thousand_impressions, program.emv_per_engagement
    if per_mille is None and per_engagement is None:
        return None
    value = impressions / 1000 * (per_mille or 0) + engagements * (per_engagement or 0)
    return round(value, 2)


@cache
def _monthly_statement(dialect: str) -> Select:
    facts = program_facts(dialect, "all")
    return select(
        facts.c.month,
        summed(facts.c.posts),
        summed(facts.c.likes),
        summed(facts.c.comments),
        summed(facts.c.shares),
        summed(facts.c.impressions),
    ).group_by(facts.c.month)


def _monthly(session: Session, program: Program, start: date, end: date) -> list[MonthRow]:
    statement = _monthly_statement(dialect_of(session))
    rows = session.execute(statement, _period(program, start, end)).all()
    found = {f"{r[0]:%Y-%m}": r for r in rows}
    out = []
    for m in _months(start, end):
        _, posts, likes, comments, shares, impressions = found.get(m, (m, 0, 0, 0, 0, 0))
        out.append(
            MonthRow(
                month=m,
                posts=posts,
                likes=likes,
                comments=comments,
                shares=shares,
                impressions=impressions,
                engagements=likes + comments + shares,
            )
        )
    return out


def _by_dimension(
    session: Session,
    program: Program,
    start: date,
    end: date,
    dimension: str,
    people: dict[str, int],
) -> list[GroupRow]:
    """Posts and engagements per platform or format, with the people `_by_person` counted."""
    statement = _by_dimension_statement(dialect_of(session), dimension)
    rows = session.execute(statement, _period(program, start, end)).all()
    groups = [
        GroupRow(key=str(k), people=people.get(str(k), 0), posts=n, engagements=e)
        for k, n, e in rows
        if n
    ]
    return sorted(groups, key=lambda r: (-r.posts, r.key))


@cache
def _by_dimension_statement(dialect: str, dimension: str) -> Select:
    facts = program_facts(dialect, dimension)
    return select(facts.c.key, summed(facts.c.posts), summed(_engaged(facts))).group_by(facts.c.key)


@dataclass
class _People:
    """What `_by_person` finds: the breakdowns by the authors' groups, and how many people
    posted at all and on each platform and in each format."""

    groups: dict[str, list[GroupRow]]
    per_key: dict[str, dict[str, int]]
    active: int


def _or_of_bits(column, bits: dict[str, int]):
    """The union of the rows' bit sets (neither database has a portable bitwise-OR aggregate):
    each bit's maximum, added up."""
    return reduce(operator.add, (func.max(column.op("&")(bit)) for bit in bits.values()))


def _bits_table(dimension: str):
    rows = [
        select(literal(key).label("key"), literal(bit).label("bit"))
        for key, bit in rollup.BITS[dimension].items()
    ]
    return union_all(*rows).subquery()


@cache
def _by_person_statement(dialect: str) -> Select:
    """One statement over each person's period (a CTE), grouped every way `_by_person`
    needs."""
    facts = person_facts(dialect)
    person = (
        select(
            facts.c.member_id,
            summed(facts.c.posts).label("posts"),
            summed(_engaged(facts)).label("engagements"),
            _or_of_bits(facts.c.platforms, rollup.BITS["platform"]).label("platforms"),
            _or_of_bits(facts.c.formats, rollup.BITS["format"]).label("formats"),
        )
        .group_by(facts.c.member_id)
        .cte("person")
    )

    def grouped(name: str, key) -> Select:
        return (
            select(
                literal(name).label("breakdown"),
                key.label("key"),
                func.count().label("people"),
                summed(person.c.posts).label("posts"),
                summed(person.c.engagements).label("engagements"),
            )
            .select_from(person)
            .group_by(key)
        )

    def users_of(dimension: str) -> Select:
        bits = _bits_table(dimension)
        return grouped(dimension, bits.c.key).join(
            bits, person.c[f"{dimension}s"].op("&")(bits.c.bit) != 0
        )

    membership = ProgramMembership.id == person.c.member_id
    occupation_group = func.coalesce(ProgramMembership.occupation_group, literal(OTHER))
    return union_all(
        grouped("total", literal("")),
        grouped("occupation", occupation_group).join(ProgramMembership, membership),
        grouped("cohort", func.coalesce(Cohort.name, literal(OTHER)))
        .join(ProgramMembership, membership)
        .outerjoin(Cohort, Cohort.id == ProgramMembership.cohort_id),
        grouped("team", Team.name)
        .join(TeamMember, TeamMember.member_id == person.c.member_id)
        .join(Team, Team.id == TeamMember.team_id),
        users_of("platform"),
        users_of("format"),
    )


def _by_person(session: Session, program: Program, start: date, end: date) -> _People:
    """Posts and engagements per occupational group, cohort and team of their authors, and
    the number of people who posted, in total, per platform and per format (see
    `_by_person_statement`). Nobody's group or cohort is "other"; teams are optional and
    overlap: a post counts for every team of its author, and people in no team are not in
    that breakdown."""
    statement = _by_person_statement(dialect_of(session))
    rows = session.execute(statement, _period(program, start, end))
    found = _People(
        groups={"occupation": [], "cohort": [], "team": []},
        per_key={"platform": {}, "format": {}},
        active=0,
    )
    for breakdown, key, people, posts, engagements in rows:
        if breakdown == "total":
            found.active = people
        elif breakdown in found.groups:
            row = GroupRow(key=str(key), people=people, posts=posts, engagements=engagements)
            found.groups[breakdown].append(row)
        else:
            found.per_key[breakdown][key] = people
    for name, rows in found.groups.items():
        found.groups[name] = sorted(rows, key=lambda r: (-r.posts, r.key))
    return found


def merge_small_groups(rows: Sequence[GroupRow], min_people: int) -> list[GroupRow]:
    """Groups of fewer than `min_people` go into "other"; if "other" is still too small, the
    next smallest groups join it, so no shown group is small enough to point at a person; when
    even everything together is too small, the breakdown stays empty.
    (People are counted per group; someone in two merged groups is counted twice, which only
    makes "other" look larger, never a group smaller.)"""
    keep = sorted((r for r in rows if r.key != OTHER), key=lambda r: r.people)
    other = [r for r in rows if r.key == OTHER]
    small = [r for r in keep if r.people < min_people]
    keep = [r for r in keep if r.people >= min_people]
    merged = other + small
    while merged and sum(r.people for r in merged) < min_people and keep:
        merged.append(keep.pop(0))
    result = sorted(keep, key=lambda r: -r.posts)
    # Fewer people in all of it than the threshold: nothing to show that would not point at them.
    if merged and sum(r.people for r in merged) >= min_people:
        result.append(
            GroupRow(
                key=OTHER,
                people=sum(r.people for r in merged),
                posts=sum(r.posts for r in merged),
                engagements=sum(r.engagements for r in merged),
            )
        )
    return result


def _mostly_true(session: Session, condition):
    """SQLite's planner would use the date index for a period and sort all its posts to find
    the top five; told that most posts are in the period, it walks the engagement index and
    stops after five (PostgreSQL finds that plan on its own)."""
    if session.get_bind().dialect.name != "sqlite":
        return condition
    return func.likelihood(condition, literal_column("0.9"), type_=Boolean)


def program_kpis(
    session: Session, ctx: ProgramContext, start: date | None, end: date | None
) -> ProgramKpis:
    program = ctx.program
    start, end = resolve_period(program, start, end)
    length = end - start
    prev_end = start - timedelta(days=1)
    prev_start = prev_end - length
    hr = not ctx.is_core_team

    def private(rows: list[GroupRow]) -> list[GroupRow]:
        return merge_small_groups(rows, program.min_group_size) if hr else rows

    outcome_rows = session.execute(
        select(Outcome.type, func.count(Outcome.id))
        .where(Outcome.program_id == program.id, Outcome.occurred_on.between(start, end))
        .group_by(Outcome.type)
    ).all()
    top_posts = None
    if not hr:
        in_period = Post.published_on.between(start, end)
        top = session.execute(
            select(Post, User.name)
            .join(ProgramMembership, ProgramMembership.id == Post.member_id)
            .join(User, User.id == ProgramMembership.user_id)
            .where(Post.program_id == program.id, _mostly_true(session, in_period))
            .order_by(ENGAGEMENTS.desc(), Post.published_on.desc(), Post.id)
            .limit(5)
        ).all()
        top_posts = [post_out(p, name) for p, name in top]
    influencers = _influencer_count(session, program)
    people = _by_person(session, program, start, end)
    return ProgramKpis(
        period_from=start,
        period_to=end,
        previous_from=prev_start,
        previous_to=prev_end,
        totals=_totals(session, program, start, end, influencers, people.active),
        previous=_totals(session, program, prev_start, prev_end, influencers),
        monthly=_monthly(session, program, start, end),
        by_platform=private(
            _by_dimension(session, program, start, end, "platform", people.per_key["platform"])
        ),
        by_format=private(
            _by_dimension(session, program, start, end, "format", people.per_key["format"])
        ),
        by_occupation=private(people.groups["occupation"]),
        by_cohort=private(people.groups["cohort"]),
        by_team=private(people.groups["team"]),
        outcomes_by_type={str(t): n for t, n in outcome_rows},
        top_posts=top_posts,
        min_group_size=program.min_group_size,
        formulas=FORMULAS,
    )


@cache
def _influencer_statement(dialect: str, sort: str, one_person: bool) -> Select:
    """Per influencer: posts, engagements, last post, outcomes, check-ins attended, modules
    done. Parameters: the facts' (`_period`), period_from/to, the meetings' starts_from and
    starts_before, and member_id when `one_person`."""
    program_id = bindparam("program_id")
    facts = person_facts(dialect, one_person=one_person)
    posts = (
        select(
            facts.c.member_id,
            summed(facts.c.posts).label("posts"),
            summed(_engaged(facts)).label("engagements"),
            summed(facts.c.impressions).label("impressions"),
            summed(facts.c.engaged_known).label("engaged_known"),
            func.max(facts.c.last_post_on).label("last_post_on"),
        )
        .group_by(facts.c.member_id)
        .subquery()
    )
    outcomes = (
        select(Outcome.member_id.label("member_id"), func.count(Outcome.id).label("outcomes"))
        .where(
            Outcome.program_id == program_id,
            Outcome.occurred_on.between(bindparam("period_from"), bindparam("period_to")),
        )
        .group_by(Outcome.member_id)
        .subquery()
    )
    attendance = (
        select(
            MeetingInvitation.member_id.label("member_id"),
            func.count(case((MeetingInvitation.attended.is_(True), 1))).label("attended"),
            func.count(MeetingInvitation.attended).label("recorded"),
        )
        .join(Meeting, Meeting.id == MeetingInvitation.meeting_id)
        .where(
            Meeting.program_id == program_id,
            Meeting.kind == MeetingKind.check_in,
            Meeting.status != MeetingStatus.cancelled,
            Meeting.starts_at >= bindparam("starts_from"),
            Meeting.starts_at < bindparam("starts_before"),
        )
        .group_by(MeetingInvitation.member_id)
        .subquery()
    )
    done = (
        select(ModuleProgress.member_id.label("member_id"), func.count().label("done"))
        .where(ModuleProgress.state == ProgressState.done)
        .group_by(ModuleProgress.member_id)
        .subquery()
    )
    modules_total = (
        select(func.count(Module.id))
        .where(
            Module.program_id == program_id,
            Module.cohort_id.is_(None) | (Module.cohort_id == ProgramMembership.cohort_id),
        )
        .correlate(ProgramMembership)
        .scalar_subquery()
    )
    posts_col = func.coalesce(posts.c.posts, 0)
    order = {
        "posts": posts_col.desc(),
        "engagements": func.coalesce(posts.c.engagements, 0).desc(),
        "last_post_on": posts.c.last_post_on.desc(),
        "outcomes": func.coalesce(outcomes.c.outcomes, 0).desc(),
        "name": User.name.asc(),
    }[sort]
    query = (
        select(
            ProgramMembership.id,
            User.name,
            ProgramMembership.occupation,
            ProgramMembership.status,
            posts_col,
            func.coalesce(posts.c.engagements, 0),
            func.coalesce(posts.c.impressions, 0),
            func.coalesce(posts.c.engaged_known, 0),
            posts.c.last_post_on,
            func.coalesce(outcomes.c.outcomes, 0),
            func.coalesce(attendance.c.attended, 0),
            func.coalesce(attendance.c.recorded, 0),
            func.coalesce(done.c.done, 0),
            modules_total,
        )
        .join(User, User.id == ProgramMembership.user_id)
        .outerjoin(posts, posts.c.member_id == ProgramMembership.id)
        .outerjoin(outcomes, outcomes.c.member_id == ProgramMembership.id)
        .outerjoin(attendance, attendance.c.member_id == ProgramMembership.id)
        .outerjoin(done, done.c.member_id == ProgramMembership.id)
        .where(
            ProgramMembership.program_id == program_id,
            ProgramMembership.role == ProgramRole.influencer,
        )
        .order_by(
            order.nulls_last() if sort == "last_post_on" else order, User.name, ProgramMembership.id
        )
    )
    if one_person:
        query = query.where(ProgramMembership.id == bindparam("member_id"))
    return query


def influencer_rows(
    session: Session,
    program: Program,
    start: date,
    end: date,
    params: PageParams | None,
    *,
    sort: str = "posts",
    member_id: uuid.UUID | None = None,
) -> tuple[list[InfluencerRow], int]:
    zone = ZoneInfo(program.timezone)
    values = _period(program, start, end) | {
        "period_from": start,
        "period_to": end,
        "starts_from": datetime.combine(start, time(), zone),
        "starts_before": datetime.combine(end + timedelta(days=1), time(), zone),
        "member_id": member_id,
    }
    query = _influencer_statement(dialect_of(session), sort, one_person=member_id is not None)
    rows, total = paginate_rows(session, query, params, values)
    months = _months(start, end)
    sparks = _monthly_per_member(session, program, start, end, [r[0] for r in rows])
    out = []
    for row in rows:
        mid, name, occupation, status, n, engaged, impressions, known, last, outc = row[:10]
        attended, recorded, modules_done, modules_total_ = row[10:]
        out.append(
            InfluencerRow(
                member_id=mid,
                name=name,
                occupation=occupation,
                status=str(status),
                posts=n,
                posts_per_month=round(n / len(months), 2),
                target_per_month=program.target_posts_per_month,
                engagements=engaged,
                impressions=impressions,
                engagement_rate=engagement_rate(known, impressions),
                last_post_on=last,
                outcomes=outc,
                check_ins_attended=attended,
                check_ins_recorded=recorded,
                modules_done=modules_done,
                modules_total=modules_total_ or 0,
                monthly_posts=[sparks.get((mid, m), 0) for m in months],
            )
        )
    return out, total


@cache
def _monthly_per_member_statement(dialect: str) -> Select:
    facts = person_facts(dialect)
    return (
        select(facts.c.member_id, facts.c.month, summed(facts.c.posts))
        .where(facts.c.member_id.in_(bindparam("members", expanding=True)))
        .group_by(facts.c.member_id, facts.c.month)
    )


def _monthly_per_member(
    session: Session, program: Program, start: date, end: date, member_ids: list[uuid.UUID]
) -> dict[tuple[uuid.UUID, str], int]:
    if not member_ids:
        return {}
    statement = _monthly_per_member_statement(dialect_of(session))
    values = _period(program, start, end) | {"members": member_ids}
    rows = session.execute(statement, values).all()
    return {(mid, f"{m:%Y-%m}"): n for mid, m, n in rows}


def influencer_table(
    session: Session,
    ctx: ProgramContext,
    start: date | None,
    end: date | None,
    params: PageParams,
    sort: str,
) -> tuple[list[InfluencerRow], int]:
    start, end = resolve_period(ctx.program, start, end)
    return influencer_rows(session, ctx.program, start, end, params, sort=sort)


def my_kpis(session: Session, ctx: ProgramContext, start: date | None, end: date | None) -> MyKpis:
    start, end = resolve_period(ctx.program, start, end)
    rows, _ = influencer_rows(session, ctx.program, start, end, None, member_id=ctx.membership.id)
    return MyKpis(
        period_from=start,
        period_to=end,
        me=rows[0],
        team=_totals(session, ctx.program, start, end, _influencer_count(session, ctx.program)),
        formulas=FORMULAS,
    )
