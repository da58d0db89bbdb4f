"""KPIs, aggregated in the database (GROUP BY), never by looping over rows in Python.

Privacy (DESIGN.md): HR leadership gets aggregates only, and no figure computed from fewer
people than the program's minimum: `_hr_program_kpis` applies the rule of kpis/privacy.py.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import cache
from zoneinfo import ZoneInfo

from sqlalchemy import (
    Select,
    String,
    bindparam,
    case,
    cast,
    distinct,
    func,
    literal,
    select,
    union_all,
)
from sqlalchemy.orm import Session

from botschaft.core import dialect as sql
from botschaft.core.errors import Unprocessable
from botschaft.core.months import month_end
from botschaft.core.pagination import PageParams, paginate_rows
from botschaft.identity.models import User
from botschaft.kpis import privacy
from botschaft.kpis.brought import brought
from botschaft.kpis.cache import FigureCache
from botschaft.kpis.facts import (
    listed_params,
    people_who_posted,
    period_params,
    person_facts,
    program_breakdowns,
    program_facts,
)
from botschaft.kpis.filters import (
    NO_FILTER,
    NONE,
    KpiFilter,
    Shape,
    applied,
    choices,
    cohorts_in_period,
    facts_dimension,
    in_group,
    outcome_in,
    period_values,
    selects,
    teams_in_period,
)
from botschaft.kpis.followers import (
    FollowerFigures,
    follower_figures,
    follower_figures_and_before,
    per_person,
)
from botschaft.kpis.privacy import OTHER
from botschaft.kpis.questions import top_questions
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
from botschaft.posts.rollup import summed
from botschaft.posts.service import engagement_rate, post_out, program_today
from botschaft.teams.models import Team
from botschaft.tenancy.access import ProgramContext
from botschaft.tenancy.models import Cohort, Program, ProgramMembership, ProgramRole

SORTS = {"posts", "engagements", "last_post_on", "name", "outcomes"}


def resolve_period(program: Program, start: date | None, end: date | None) -> tuple[date, date]:
    end = end or program_today(program)
    start = start or program.starts_on or (end - timedelta(days=180))
    if start > end:
        raise Unprocessable.for_field("from", "The period must not end before it starts.", "period")
    if (end - start).days > 3660:
        raise Unprocessable.for_field("from", "The period can be at most ten years.", "period")
    return start, end


def previous_period(start: date, end: date) -> tuple[date, date]:
    """The period the figures are compared with: for whole months the same number of whole
    months before (March against February, a year against the year before, as HR leadership's
    view does), else the same number of days directly before."""
    prev_end = start - timedelta(days=1)
    if start.day == 1 and end == month_end(end):
        count = (end.year - start.year) * 12 + end.month - start.month + 1
        return privacy.months_before(start, count), prev_end
    return prev_end - (end - start), prev_end


def _months(start: date, end: date) -> list[str]:
    months, year, month = [], start.year, start.month
    while (year, month) <= (end.year, end.month):
        months.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def _period(program: Program, start: date, end: date, flt: KpiFilter = NO_FILTER) -> dict:
    """The bound parameters of the statements on the facts (kpis/facts.py) for a period and
    filter."""
    days = {"period_from": start, "period_to": end}
    return period_params(program.id, start, end, program_today(program)) | days | flt.params


@cache
def _facts(dialect: str, dimension: str, shape: Shape, listed: bool = False):
    """The program's facts of a dimension, or under a filter the filtered people's (the
    program rollups hold no people)."""
    if not shape:
        return program_facts(dialect, dimension, listed=listed)
    return person_facts(dialect, facts_dimension(dimension, shape), listed=listed, shape=shape)


def _engaged(facts):
    return facts.c.likes + facts.c.comments + facts.c.shares


def _influencers(program_id):  # a value or a parameter
    return (ProgramMembership.program_id == program_id) & (
        ProgramMembership.role == ProgramRole.influencer
    )


@cache
def _influencer_count_statement(shape: Shape) -> Select:
    return (
        select(func.count())
        .select_from(ProgramMembership)
        .where(_influencers(bindparam("program_id")), in_group(ProgramMembership.id, shape))
    )


def _influencer_count(
    session: Session, program: Program, start: date, end: date, flt: KpiFilter = NO_FILTER
) -> int:
    """The program's influencers, those in the filter's cohort and team on some day of the
    period (a platform filter keeps everyone: the participation rate is then the share who
    posted on it)."""
    values = period_values(program.id, start, end, flt)
    return session.scalar(_influencer_count_statement(flt.shape), values) or 0


@cache
def _outcome_count_statement(shape: Shape) -> Select:
    return select(func.count(Outcome.id)).where(
        Outcome.program_id == bindparam("program_id"),
        Outcome.occurred_on.between(bindparam("period_from"), bindparam("period_to")),
        outcome_in(shape),
    )


def _outcome_count(
    session: Session, program: Program, start: date, end: date, flt: KpiFilter
) -> int:
    values = period_values(program.id, start, end, flt)
    return session.scalar(_outcome_count_statement(flt.shape), values) or 0


@cache
def _outcomes_by_type_statement(shape: Shape) -> Select:
    start = bindparam("period_from")
    return (
        select(
            Outcome.type,
            func.count(Outcome.id).filter(Outcome.occurred_on >= start),
            func.count(Outcome.id).filter(Outcome.occurred_on < start),
        )
        .where(
            Outcome.program_id == bindparam("program_id"),
            Outcome.occurred_on.between(bindparam("before_from"), bindparam("period_to")),
            outcome_in(shape),
        )
        .group_by(Outcome.type)
    )


def _outcomes_by_type(
    session: Session, program: Program, start: date, end: date, prev_start: date, flt: KpiFilter
) -> tuple[dict[str, int], int]:
    """Outcomes per type in the period, and all of the previous period (which ends the day
    before `start`), in one statement."""
    values = period_values(program.id, start, end, flt) | {"before_from": prev_start}
    rows = session.execute(_outcomes_by_type_statement(flt.shape), values).all()
    return {str(t): now for t, now, _ in rows if now}, sum(before for _, _, before in rows)


def _totals(
    session: Session,
    program: Program,
    start: date,
    end: date,
    influencers: int,
    active: int | None = None,
    flt: KpiFilter = NO_FILTER,
    outcomes: int | None = None,
    sums: tuple[int, ...] | None = None,
    follow: FollowerFigures | None = None,
) -> Totals:
    """Totals of one period; `influencers` (the program's, for the participation rate) is the
    same for every period, so callers count it once, and `active` (people who posted),
    `outcomes`, the `sums` of SUMMED (from the monthly series) and the follower figures may
    be known already."""
    dialect, period = sql.name(session), _period(program, start, end, flt)
    if sums is None:
        sums = tuple(session.execute(_totals_statement(dialect, shape=flt.shape), period).one())
    posts, impressions, likes, comments, shares, engaged_with_impressions = sums
    if active is None:
        active = session.scalar(_active_statement(dialect, flt.shape), period) or 0
    if outcomes is None:
        outcomes = _outcome_count(session, program, start, end, flt)
    if follow is None:
        follow = follower_figures(session, period, flt.shape)
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
        followers=follow.followers if follow.people else None,
        follower_growth=follow.growth if follow.people else None,
        earned_media_value=earned_media_value(program, impressions, likes + comments + shares),
    )


@cache
def _totals_statement(dialect: str, listed: bool = False, shape: Shape = NONE) -> Select:
    facts = _facts(dialect, "all", shape, listed)
    return select(*(summed(facts.c[c]) for c in SUMMED))


@cache
def _active_statement(dialect: str, shape: Shape = NONE) -> Select:
    people = people_who_posted(dialect, facts_dimension("all", shape), shape=shape)
    return select(func.count(distinct(people.c.member_id)))


def earned_media_value(program: Program, impressions: int, engagements: int) -> float | None:
    """The program's own rates, written out in FORMULAS; None unless it set at least one."""
    per_mille, per_engagement = program.emv_per_thousand_impressions, program.emv_per_engagement
    if per_mille is None and per_engagement is None:
        return None
    value = impressions / 1000 * (per_mille or 0) + engagements * (per_engagement or 0)
    return round(value, 2)


@cache
def _monthly_statement(dialect: str, listed: bool = False, shape: Shape = NONE) -> Select:
    """Per month: the sums of SUMMED, in its order."""
    facts = _facts(dialect, "all", shape, listed)
    return select(facts.c.month, *(summed(facts.c[c]) for c in SUMMED)).group_by(facts.c.month)


def _month_row(month: str, sums) -> MonthRow:
    """A month of the series from its sums of SUMMED (zeros for a month without posts)."""
    posts, impressions, likes, comments, shares, _ = sums or (0,) * len(SUMMED)
    return MonthRow(
        month=month,
        posts=posts,
        likes=likes,
        comments=comments,
        shares=shares,
        impressions=impressions,
        engagements=likes + comments + shares,
    )


_ENGAGED = [SUMMED.index(c) for c in ("likes", "comments", "shares")]


@dataclass
class _Sums:
    """A period's sums of SUMMED per month ("2025-01"), and per platform and per format the
    rows (key, posts, engagements), with the people who posted under a platform filter."""

    months: dict[str, tuple[int, ...]]
    per_key: dict[str, list[tuple]]


def _sums(session: Session, program: Program, start: date, end: date, flt: KpiFilter) -> _Sums:
    """The monthly series and the breakdowns by platform and format: without a filter from
    one statement over the program's facts (kpis/facts.py, program_breakdowns), under one
    from a statement each."""
    dialect, period = sql.name(session), _period(program, start, end, flt)
    if flt.shape:
        months = session.execute(_monthly_statement(dialect, shape=flt.shape), period)
        per_key = {
            d: list(session.execute(_by_dimension_statement(dialect, d, shape=flt.shape), period))
            for d in ("platform", "format")
        }
        return _Sums({f"{r[0]:%Y-%m}": tuple(r[1:]) for r in months}, per_key)
    found = _Sums({}, {})
    keyed: dict[str, dict[str, tuple[int, int]]] = {"platform": {}, "format": {}}
    for dimension, month, key, *sums in session.execute(_breakdowns_statement(dialect), period):
        if dimension == "all":
            found.months[f"{month:%Y-%m}"] = tuple(sums)
        else:
            posts, engagements = keyed[dimension].get(key, (0, 0))
            engaged = sum(sums[n] for n in _ENGAGED)
            keyed[dimension][key] = (posts + sums[0], engagements + engaged)
    found.per_key = {d: [(k, *v) for k, v in rows.items()] for d, rows in keyed.items()}
    return found


@cache
def _breakdowns_statement(dialect: str) -> Select:
    facts = program_breakdowns(dialect)
    keys = (facts.c.dimension, facts.c.month, facts.c.key)
    return select(*keys, *(summed(facts.c[c]) for c in SUMMED)).group_by(*keys)


def _monthly(sums: _Sums, start: date, end: date) -> tuple[list[MonthRow], tuple[int, ...]]:
    """The months of the period, and the period's sums of SUMMED (the months added up: the
    totals need no statement of their own)."""
    rows = sums.months.values()
    total = tuple(sum(r[n] for r in rows) for n in range(len(SUMMED)))
    return [_month_row(m, sums.months.get(m)) for m in _months(start, end)], total


def _by_dimension(sums: _Sums, dimension: str, people: dict[str, int]) -> list[GroupRow]:
    """Posts and engagements per platform or format, with the people `_by_person` counted
    (or, read from the posts under a platform filter, counted with them)."""
    groups = [
        GroupRow(
            key=str(k),
            people=counted[0] if counted else people.get(str(k), 0),
            posts=n,
            engagements=e,
        )
        for k, n, e, *counted in sums.per_key[dimension]
        if n
    ]
    return sorted(groups, key=lambda r: (-r.posts, r.key))


@cache
def _by_dimension_statement(
    dialect: str, dimension: str, listed: bool = False, shape: Shape = NONE
) -> Select:
    if shape.platform and not listed:
        return _on_platform_statement(dimension, shape)
    facts = _facts(dialect, dimension, shape, listed)
    return select(facts.c.key, summed(facts.c.posts), summed(_engaged(facts))).group_by(facts.c.key)


def _on_platform_statement(dimension: str, shape: Shape) -> Select:
    """Formats on one platform (and who posted them) are not rolled up, so under a platform
    filter the breakdowns are counted from the posts (only for the core team)."""
    key = Post.platform if dimension == "platform" else Post.format
    return (
        select(key, func.count(), summed(ENGAGEMENTS), func.count(distinct(Post.member_id)))
        .where(
            Post.program_id == bindparam("program_id"),
            Post.published_on.between(bindparam("period_from"), bindparam("period_to")),
            selects(Post.member_id, Post.published_on, Post.platform, shape),
        )
        .group_by(key)
    )


@dataclass
class _People:
    """What `_by_person` finds: the breakdowns by the authors' groups, and how many people
    posted at all and on each platform and in each format."""

    groups: dict[str, list[GroupRow]]
    per_key: dict[str, dict[str, int]]
    active: int


def _person_sums(dialect: str, facts) -> Select:
    """Each person's posts, engagements and the platforms and formats they used (bit sets)
    in the facts, with their occupational group and cohort of the period ("other" for
    none)."""
    sums = (
        select(
            facts.c.member_id,
            summed(facts.c.posts).label("posts"),
            summed(_engaged(facts)).label("engagements"),
            sql.or_of_sets(dialect, facts.c.platforms, rollup.BITS["platform"].values()).label(
                "platforms"
            ),
            sql.or_of_sets(dialect, facts.c.formats, rollup.BITS["format"].values()).label(
                "formats"
            ),
        )
        .group_by(facts.c.member_id)
        .subquery()
    )
    groups = _groups()
    return select(sums, groups.c.occupation, groups.c.cohort).join(
        groups, groups.c.member_id == sums.c.member_id
    )


def _groups():
    """(member_id, occupation, cohort) of the program's members in the period. Materialised,
    so PostgreSQL joins it to the people by hash: it cannot tell how many people posted and
    guesses a few hundred, for which it would look up each person (a tenth of a second at
    43,000)."""
    cohorts = cohorts_in_period()
    return (
        select(
            ProgramMembership.id.label("member_id"),
            func.coalesce(ProgramMembership.occupation_group, literal(OTHER)).label("occupation"),
            func.coalesce(Cohort.name, literal(OTHER)).label("cohort"),
        )
        .outerjoin(cohorts, cohorts.c.member_id == ProgramMembership.id)
        .outerjoin(Cohort, Cohort.id == cohorts.c.cohort_id)
        .where(ProgramMembership.program_id == bindparam("program_id"))
        .cte("groups")
        .prefix_with("MATERIALIZED", dialect="postgresql")
    )


@cache
def _by_person_statement(dialect: str, shape: Shape = NONE) -> Select:
    """One statement over each person's period (a CTE), grouped every way `_by_person`
    needs."""
    facts = person_facts(dialect, facts_dimension("all", shape), shape=shape)
    person = _person_sums(dialect, facts).cte("person")

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

    def sets_of(dimension: str) -> Select:
        # People per set of platforms (formats) they used, a few dozen rows that `_by_person`
        # spreads over the set's members: joining every person with every platform to count
        # its users took a fifth of the statement at 43,000 people.
        return grouped(dimension, cast(person.c[f"{dimension}s"], String))

    teams = teams_in_period()
    return union_all(
        grouped("total", literal("")),
        grouped("occupation", person.c.occupation),
        grouped("cohort", person.c.cohort),
        grouped("team", Team.name)
        .join(teams, teams.c.member_id == person.c.member_id)
        .join(Team, Team.id == teams.c.team_id),
        sets_of("platform"),
        sets_of("format"),
    )


def _by_person(
    session: Session, program: Program, start: date, end: date, flt: KpiFilter
) -> _People:
    """Posts and engagements per occupational group, cohort and team of their authors, and
    the number of people who posted, in total, per platform and per format (see
    `_by_person_statement`). Nobody's group or cohort is "other"; teams are optional and
    overlap: a post counts for every team of its author, and people in no team are not in
    that breakdown."""
    statement = _by_person_statement(sql.name(session), flt.shape)
    rows = session.execute(statement, _period(program, start, end, flt))
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
        else:  # people per set of platforms (formats) they used
            per_key = found.per_key[breakdown]
            for name in _bits_of(int(key), breakdown):
                per_key[name] = per_key.get(name, 0) + people
    for name, rows in found.groups.items():
        found.groups[name] = sorted(rows, key=lambda r: (-r.posts, r.key))
    return found


@cache
def _top_posts_statement(dialect: str, shape: Shape) -> Select:
    in_period = Post.published_on.between(bindparam("period_from"), bindparam("period_to"))
    return (
        select(Post, User.name)
        .join(ProgramMembership, ProgramMembership.id == Post.member_id)
        .join(User, User.id == ProgramMembership.user_id)
        .where(
            Post.program_id == bindparam("program_id"),
            sql.mostly_true(dialect, in_period),
            selects(Post.member_id, Post.published_on, Post.platform, shape),
        )
        .order_by(ENGAGEMENTS.desc(), Post.published_on.desc(), Post.id)
        .limit(5)
    )


def _top_posts(session: Session, program: Program, start: date, end: date, flt: KpiFilter) -> list:
    statement = _top_posts_statement(sql.name(session), flt.shape)
    values = period_values(program.id, start, end, flt)
    return [post_out(p, name) for p, name in session.execute(statement, values)]


def cached_program_kpis(
    cache: FigureCache,
    session: Session,
    ctx: ProgramContext,
    start: date | None,
    end: date | None,
    flt: KpiFilter = NO_FILTER,
) -> ProgramKpis:
    """`program_kpis`, kept until the program's data changes (kpis/cache.py). The core team
    shares one view, everyone else sees HR leadership's."""
    view = "core_team" if ctx.is_core_team else "hr"
    question = ("program", start, end, flt)
    return cache.figures(
        session, ctx, view, question, lambda: program_kpis(session, ctx, start, end, flt)
    )


def program_kpis(
    session: Session,
    ctx: ProgramContext,
    start: date | None,
    end: date | None,
    flt: KpiFilter = NO_FILTER,
) -> ProgramKpis:
    # Everyone but the core team gets the figures under the privacy rule (kpis/privacy.py).
    if not ctx.is_core_team:
        return _hr_program_kpis(session, ctx.program, start, end, flt)
    program = ctx.program
    start, end = resolve_period(program, start, end)
    prev_start, prev_end = previous_period(start, end)
    outcomes, previous_outcomes = _outcomes_by_type(session, program, start, end, prev_start, flt)
    influencers = _influencer_count(session, program, start, end, flt)
    people = _by_person(session, program, start, end, flt)
    period_sums = _sums(session, program, start, end, flt)
    monthly, sums = _monthly(period_sums, start, end)
    both = _period(program, start, end, flt) | {
        "previous_from": prev_start,
        "previous_to": prev_end,
    }
    follow, follow_before = follower_figures_and_before(session, both, flt.shape)

    def by(dimension: str) -> list[GroupRow]:
        return _by_dimension(period_sums, dimension, people.per_key[dimension])

    return ProgramKpis(
        period_from=start,
        period_to=end,
        previous_from=prev_start,
        previous_to=prev_end,
        totals=_totals(
            session,
            program,
            start,
            end,
            influencers,
            people.active,
            flt,
            sum(outcomes.values()),
            sums=sums,
            follow=follow,
        ),
        previous=_totals(
            session,
            program,
            prev_start,
            prev_end,
            influencers,
            flt=flt,
            outcomes=previous_outcomes,
            follow=follow_before,
        ),
        monthly=monthly,
        by_platform=by("platform"),
        by_format=by("format"),
        by_occupation=people.groups["occupation"],
        by_cohort=people.groups["cohort"],
        by_team=people.groups["team"],
        outcomes_by_type=outcomes,
        top_posts=_top_posts(session, program, start, end, flt),
        top_questions=top_questions(session, program, start, end, flt)[0],
        brought=brought(session, program, start, end, flt),
        min_group_size=program.min_group_size,
        filter=applied(flt),
        choices=choices(session, program),
        formulas=FORMULAS,
    )


# --- HR leadership: the rule of kpis/privacy.py ------------------------------------------


@cache
def _posters_per_month_statement(dialect: str, shape: Shape = NONE, rest: bool = False) -> Select:
    """People with posts per listed month: in the filter, or with `rest` outside it."""
    dimension = facts_dimension("all", shape)
    facts = person_facts(dialect, dimension, listed=True, shape=shape, rest=rest)
    return (
        select(facts.c.month, func.count(distinct(facts.c.member_id)))
        .where(facts.c.posts > 0)
        .group_by(facts.c.month)
    )


@cache
def _hr_people_statement(dialect: str, shape: Shape = NONE) -> Select:
    """Each person who posted in the listed months (in the filter): posts, engagements,
    platforms and formats (bit sets), occupational group and cohort."""
    facts = person_facts(dialect, facts_dimension("all", shape), listed=True, shape=shape)
    person = _person_sums(dialect, facts).subquery()  # its columns in the order read below
    return select(person).where(person.c.posts > 0)


def _bits_of(value: int, dimension: str) -> set[str]:
    return {key for key, bit in rollup.BITS[dimension].items() if value & bit}


@cache
def _teams_in_period_statement() -> Select:
    in_team = teams_in_period()
    return (
        select(in_team.c.member_id, Team.name)
        .join(Team, Team.id == in_team.c.team_id)
        .where(Team.program_id == bindparam("program_id"))
    )


def _hr_people(
    session: Session, program: Program, months: list[date], flt: KpiFilter
) -> list[privacy.Person]:
    if not months:
        return []
    # The groups of the months shown: from the first one's first day to the last one's last.
    bounds = {"period_from": months[0], "period_to": privacy.month_end(months[-1])}
    params = listed_params(program.id, months) | flt.params | bounds
    rows = session.execute(_hr_people_statement(sql.name(session), flt.shape), params).all()
    teams: dict[uuid.UUID, set[str]] = {}
    values = {"program_id": program.id} | bounds
    for member_id, name in session.execute(_teams_in_period_statement(), values):
        teams.setdefault(member_id, set()).add(name)
    any_team = bool(teams)
    people = []
    for member_id, posts, engagements, platforms, formats, occupation, cohort in rows:
        groups = {
            "platform": _bits_of(platforms, "platform"),
            "format": _bits_of(formats, "format"),
            "occupational_group": {occupation},
            "cohort": {cohort},
            # People in no team are a group too: otherwise the total minus the teams would
            # be their figures.
            "team": teams.get(member_id, {OTHER}) if any_team else set(),
        }
        people.append(privacy.Person(member_id, posts, engagements, groups))
    return people


@dataclass
class _HrCells:
    """One HR period, computed over the months that are shown."""

    monthly: list[MonthRow]
    shown: list[date]
    totals: Totals
    people: list[privacy.Person]
    outcomes: list[tuple[uuid.UUID, str, int]]  # (person, type, count) in the shown months
    empty_reason: str


def _posters_per_month(
    session: Session, program: Program, months: list[date], flt: KpiFilter, rest: bool = False
) -> dict[date, int]:
    statement = _posters_per_month_statement(sql.name(session), flt.shape, rest)
    return dict(session.execute(statement, listed_params(program.id, months) | flt.params).all())


@cache
def _hr_outcomes_statement(dialect: str, shape: Shape) -> Select:
    """Outcomes per person, type and month of the period, and whether each is in the filter
    (without one, all are)."""
    month = sql.month_start(dialect, Outcome.occurred_on)
    keys = (Outcome.member_id, Outcome.type, month, *((outcome_in(shape),) if shape else ()))
    return (
        select(*keys, func.count(Outcome.id))
        .where(
            Outcome.program_id == bindparam("program_id"),
            Outcome.occurred_on.between(bindparam("period_from"), bindparam("period_to")),
        )
        .group_by(*keys)
    )


def _hr_cells(
    session: Session,
    program: Program,
    start: date,
    end: date,
    today: date,
    influencers: int,
    flt: KpiFilter,
) -> _HrCells:
    dialect, minimum, shape = sql.name(session), program.min_group_size, flt.shape
    months = privacy.month_starts(start, end)
    posters = _posters_per_month(session, program, months, flt)
    rest = _posters_per_month(session, program, months, flt, rest=True) if shape else {}
    reasons = {
        m: privacy.month_reason(
            posters.get(m, 0), m, today, minimum, rest.get(m, 0) if shape else None
        )
        for m in months
    }
    shown = [m for m in months if reasons[m] is None]
    values = listed_params(program.id, shown) | flt.params
    monthly_rows = session.execute(_monthly_statement(dialect, True, shape), values)
    found = {f"{r[0]:%Y-%m}": r[1:] for r in monthly_rows}
    monthly = [
        privacy.hidden_month(m, reasons[m])
        if reasons[m] is not None
        else _month_row(f"{m:%Y-%m}", found.get(f"{m:%Y-%m}"))
        for m in months
    ]
    people = _hr_people(session, program, shown, flt)
    period = period_values(program.id, start, end, flt)
    outcome_rows = session.execute(_hr_outcomes_statement(dialect, shape), period).all()
    rows = [(r[0], str(r[1]), r[2], bool(r[3]) if shape else True, r[-1]) for r in outcome_rows]
    shown_set = set(shown)
    outcomes = [(mid, t, n) for mid, t, m, kept, n in rows if m in shown_set and kept]
    # People with outcomes outside the filter: the unfiltered view minus this one.
    rest_outcome_people = {mid for mid, _, m, kept, _ in rows if m in shown_set and not kept}
    posts, impressions, likes, comments, shares, engaged_known = session.execute(
        _totals_statement(dialect, True, shape), values
    ).one()
    engagements = likes + comments + shares
    active = len(people)
    follow = follower_figures(session, period, shape)
    totals = Totals(
        posts=posts,
        impressions=impressions,
        likes=likes,
        comments=comments,
        shares=shares,
        engagements=engagements,
        engagement_rate=engagement_rate(engaged_known, impressions),
        influencers=influencers,
        active_influencers=active,
        participation_rate=round(active / influencers * 100, 1) if influencers else None,
        outcomes=sum(n for _, _, n in outcomes),
        followers=follow.followers,
        follower_growth=follow.growth,
        earned_media_value=earned_media_value(program, impressions, engagements),
    )
    # Nothing shown only because the months are not over: say so rather than "too few".
    not_over = not shown and any(r == privacy.MONTH_NOT_OVER for r in reasons.values())
    empty_reason = privacy.MONTH_NOT_OVER if not_over else privacy.FEWER_THAN_MIN_GROUP
    counts = {
        "posters": active,
        "outcome_people": len({mid for mid, _, _ in outcomes}),
        "follower_people": follow.people,
    }
    totals = privacy.suppress_totals(totals, counts, minimum, empty_reason)
    # What the unfiltered view adds must come from nobody or enough people, too.
    rest = {"outcome_people": len(rest_outcome_people), "follower_people": follow.rest}
    totals = privacy.suppress_small_rest(totals, rest, minimum)
    return _HrCells(monthly, shown, totals, people, outcomes, empty_reason)


def _hr_program_kpis(
    session: Session, program: Program, start: date | None, end: date | None, flt: KpiFilter
) -> ProgramKpis:
    today = program_today(program)
    start, end = privacy.hr_period(program, start, end, today)
    start, end = resolve_period(program, start, end)
    count = len(privacy.month_starts(start, end))
    prev_start, prev_end = privacy.months_before(start, count), start - timedelta(days=1)
    influencers = _influencer_count(session, program, start, end, flt)
    cells = _hr_cells(session, program, start, end, today, influencers, flt)
    previous = _hr_cells(session, program, prev_start, prev_end, today, influencers, flt)
    minimum, dialect = program.min_group_size, sql.name(session)
    values = listed_params(program.id, cells.shown)
    breakdowns: dict[str, list[GroupRow]] = {}
    suppressed: dict[str, str] = {}
    for dimension, name in [*privacy.BREAKDOWNS.items(), ("outcome_type", privacy.OUTCOME_TYPES)]:
        if flt.shape:
            breakdowns[name], suppressed[name] = [], privacy.FILTERED
            continue
        if dimension == "outcome_type":
            # An outcome type is a group of the people with such outcomes (count in `posts`).
            by_type: dict[str, GroupRow] = {}
            members: dict[str, set[uuid.UUID]] = {}
            for mid, kind, n in cells.outcomes:
                row = by_type.setdefault(kind, GroupRow(key=kind, people=0, posts=0, engagements=0))
                row.posts += n
                members.setdefault(kind, set()).add(mid)
            rows = list(by_type.values())
        else:
            members = privacy.members_by_key(cells.people, dimension)
            if dimension in ("platform", "format") and cells.shown:
                statement = _by_dimension_statement(dialect, dimension, True)
                rows = [
                    GroupRow(key=str(k), people=0, posts=n, engagements=e)
                    for k, n, e in session.execute(statement, values)
                    if n
                ]
            else:
                rows = privacy.person_groups(cells.people, dimension)
        shown = privacy.private_breakdown(rows, members, minimum)
        if rows and not shown:
            suppressed[name] = privacy.FEWER_THAN_MIN_GROUP
        elif not cells.shown and any(m.suppressed for m in cells.monthly):
            suppressed[name] = cells.empty_reason
        breakdowns[name] = shown
    outcomes = breakdowns.pop(privacy.OUTCOME_TYPES)
    asked, hidden_because = top_questions(session, program, start, end, flt, cells.shown)
    if hidden_because:
        suppressed["top_questions"] = hidden_because
    return ProgramKpis(
        period_from=start,
        period_to=end,
        previous_from=prev_start,
        previous_to=prev_end,
        totals=cells.totals,
        previous=previous.totals,
        monthly=cells.monthly,
        **breakdowns,
        outcomes_by_type={r.key: r.posts for r in outcomes},
        # Rankings (top posts with their authors) only where the program turned them on.
        top_posts=(
            _top_posts(session, program, start, end, flt) if program.rankings_enabled else None
        ),
        top_questions=asked,
        brought=None,
        min_group_size=minimum,
        filter=applied(flt),
        choices=choices(session, program),
        restricted=True,
        suppressed=suppressed,
        formulas=FORMULAS,
    )


@cache
def _influencer_statement(dialect: str, sort: str, one_person: bool, shape: Shape = NONE) -> Select:
    """Per influencer (of the filter's cohort and team): posts (on its platform), engagements,
    last post, outcomes, check-ins attended, modules done, followers at the period's end and
    gained in it (on its platform). Parameters: the facts' (`_period`), the meetings'
    starts_from and starts_before, and member_id when `one_person`."""
    program_id = bindparam("program_id")
    facts = person_facts(dialect, facts_dimension("all", shape), one_person, shape=shape)
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
            outcome_in(shape),
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
    followers = per_person(shape, one_person)
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
            followers.c.followers,
            followers.c.follower_growth,
        )
        .join(User, User.id == ProgramMembership.user_id)
        .outerjoin(posts, posts.c.member_id == ProgramMembership.id)
        .outerjoin(outcomes, outcomes.c.member_id == ProgramMembership.id)
        .outerjoin(attendance, attendance.c.member_id == ProgramMembership.id)
        .outerjoin(done, done.c.member_id == ProgramMembership.id)
        .outerjoin(followers, followers.c.member_id == ProgramMembership.id)
        .where(*_listed(shape, one_person))
        .order_by(
            order.nulls_last() if sort == "last_post_on" else order, User.name, ProgramMembership.id
        )
    )
    return query


def _listed(shape: Shape, one_person: bool) -> list:
    """Who the influencer table lists: the program's influencers (in the filter's cohort and
    team), or the one of the parameter member_id."""
    listed = [
        ProgramMembership.program_id == bindparam("program_id"),
        ProgramMembership.role == ProgramRole.influencer,
        in_group(ProgramMembership.id, shape),
    ]
    if one_person:
        listed.append(ProgramMembership.id == bindparam("member_id"))
    return listed


@cache
def _listed_statement(shape: Shape) -> Select:
    """The table's rows without their figures: what its total counts."""
    return (
        select(ProgramMembership.id)
        .join(User, User.id == ProgramMembership.user_id)
        .where(*_listed(shape, one_person=False))
    )


def influencer_rows(
    session: Session,
    program: Program,
    start: date,
    end: date,
    params: PageParams | None,
    *,
    sort: str = "posts",
    member_id: uuid.UUID | None = None,
    flt: KpiFilter = NO_FILTER,
) -> tuple[list[InfluencerRow], int]:
    zone = ZoneInfo(program.timezone)
    values = _period(program, start, end, flt) | {
        "starts_from": datetime.combine(start, time(), zone),
        "starts_before": datetime.combine(end + timedelta(days=1), time(), zone),
        "member_id": member_id,
    }
    one_person = member_id is not None
    query = _influencer_statement(sql.name(session), sort, one_person, flt.shape)
    rows, total = paginate_rows(session, query, params, values, _listed_statement(flt.shape))
    months = _months(start, end)
    sparks = _monthly_per_member(session, program, start, end, [r[0] for r in rows], flt)
    out = []
    for row in rows:
        mid, name, occupation, status, n, engaged, impressions, known, last, outc = row[:10]
        attended, recorded, modules_done, modules_total_, follow, growth = row[10:]
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
                followers=follow,
                follower_growth=growth,
            )
        )
    return out, total


@cache
def _monthly_per_member_statement(dialect: str, shape: Shape) -> Select:
    facts = person_facts(dialect, facts_dimension("all", shape), shape=shape)
    return (
        select(facts.c.member_id, facts.c.month, summed(facts.c.posts))
        .where(facts.c.member_id.in_(bindparam("members", expanding=True)))
        .group_by(facts.c.member_id, facts.c.month)
    )


def _monthly_per_member(
    session: Session,
    program: Program,
    start: date,
    end: date,
    member_ids: list[uuid.UUID],
    flt: KpiFilter,
) -> dict[tuple[uuid.UUID, str], int]:
    if not member_ids:
        return {}
    statement = _monthly_per_member_statement(sql.name(session), flt.shape)
    values = _period(program, start, end, flt) | {"members": member_ids}
    rows = session.execute(statement, values).all()
    return {(mid, f"{m:%Y-%m}"): n for mid, m, n in rows}


def influencer_table(
    cache: FigureCache,
    session: Session,
    ctx: ProgramContext,
    start: date | None,
    end: date | None,
    params: PageParams,
    sort: str,
    flt: KpiFilter = NO_FILTER,
) -> tuple[list[InfluencerRow], int]:
    """A page of the core team's table, kept until the program's data changes."""
    start, end = resolve_period(ctx.program, start, end)
    question = ("influencers", start, end, params, sort, flt)
    return cache.figures(
        session,
        ctx,
        "core_team",
        question,
        lambda: influencer_rows(session, ctx.program, start, end, params, sort=sort, flt=flt),
    )


def cached_my_kpis(
    cache: FigureCache,
    session: Session,
    ctx: ProgramContext,
    start: date | None,
    end: date | None,
) -> MyKpis:
    """An influencer's own figures and the team's totals, kept until the program's data
    changes: the person's own row for them, the team's totals once for every influencer (after a post, two hundred people opening their
    figures need them computed once, not two hundred times)."""
    start, end = resolve_period(ctx.program, start, end)
    question = ("me", start, end)
    me = cache.figures(
        session,
        ctx,
        ("influencer", ctx.membership.id),
        question,
        lambda: my_row(session, ctx, start, end),
    )
    team = cache.figures(
        session, ctx, "team", question, lambda: team_totals(session, ctx.program, start, end)
    )
    return MyKpis(period_from=start, period_to=end, me=me, team=team, formulas=FORMULAS)


def my_row(session: Session, ctx: ProgramContext, start: date, end: date) -> InfluencerRow:
    """The caller's own figures of a period, as the core team's table shows them."""
    rows, _ = influencer_rows(session, ctx.program, start, end, None, member_id=ctx.membership.id)
    return rows[0]


def team_totals(session: Session, program: Program, start: date, end: date) -> Totals:
    """The whole program's totals of a period: what an influencer sees beside their own."""
    return _totals(session, program, start, end, _influencer_count(session, program, start, end))
