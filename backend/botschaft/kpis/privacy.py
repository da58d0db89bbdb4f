"""HR leadership's view of the KPIs: the privacy rule, in one place.

The rule (DESIGN.md, "Privacy and trust"; docs/security.md, "HR privacy rule"): HR leadership
never sees a figure computed from fewer than the program's `min_group_size` people.

- Periods are whole calendar months (a shorter period could isolate one person's post day).
- A month is shown only when it is over (a running month grows day by day, so two looks a
  day apart would differ by one day's posts) and at least `min_group_size` people posted in
  it; otherwise its figures are null with a reason code.
- Every other figure (totals, outcomes, breakdowns) is computed over the shown months only,
  so totals are the sum of the shown months and two overlapping month ranges never differ by
  a hidden month.
- Each figure carries the people it comes from: the totals of posts, engagements, rates and
  active people come from the people who posted, outcomes from the people with an outcome;
  followers from the people with a follower count; fewer than the minimum and the figure is
  null. Breakdowns (platform, format, occupational
  group, cohort, team, outcome type) merge groups of fewer people into "other", counting the
  distinct people of "other" exactly; if even everything together is too few, the breakdown
  is empty. Every person who posted is in some shown group or in none (the breakdown is
  empty), so subtracting shown groups from a total never isolates a small group.
- A view filtered by platform, cohort or team is a figure of its people too, and so is what
  it leaves out (the unfiltered view minus the filtered one): a month is shown only when at
  least the minimum posted in the filter and nobody or at least the minimum outside it
  (`REST_FEWER_THAN_MIN_GROUP`); outcomes likewise. A filtered view has no breakdowns
  (`FILTERED`): a group inside it minus the same group in the unfiltered view could be one
  person.

`describe_hr_view` reads the same constants, for the "what HR sees about me" page and the
staff-council annex.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from botschaft.core.errors import FieldError, Unprocessable
from botschaft.core.months import month_end
from botschaft.kpis.schemas import GroupRow, MonthRow, Totals
from botschaft.tenancy.models import Program

OTHER = "other"
FEWER_THAN_MIN_GROUP = "fewer_than_min_group"
MONTH_NOT_OVER = "month_not_over"
REST_FEWER_THAN_MIN_GROUP = "rest_fewer_than_min_group"
FILTERED = "filtered"
PERIOD_ERROR = "hr_period_whole_months"

WHOLE_MONTHS_ONLY = True  # HR periods: from the 1st to the last day of a month
COMPLETED_MONTHS_ONLY = True  # a month that is not over yet is hidden

# The people each total is computed from: "posters" (people with a post in the shown months),
# "outcome_people" (people with an outcome there), "follower_people" (people with a follower
# count by the period's end), None (not a figure of what people did: the
# program's size, also on its overview page). A new field of Totals must be added here.
TOTALS_BASIS: dict[str, str | None] = {
    "posts": "posters",
    "impressions": "posters",
    "likes": "posters",
    "comments": "posters",
    "shares": "posters",
    "engagements": "posters",
    "engagement_rate": "posters",
    "influencers": None,
    "active_influencers": "posters",
    "participation_rate": "posters",
    "outcomes": "outcome_people",
    "followers": "follower_people",
    "follower_growth": "follower_people",
    "earned_media_value": "posters",
}
if set(TOTALS_BASIS) != set(Totals.model_fields) - {"suppressed"}:  # pragma: no cover
    raise RuntimeError("kpis/privacy.py: say which people every figure of Totals comes from")

# The monthly series' figures (from the people who posted that month).
MONTH_FIGURES = tuple(f for f in MonthRow.model_fields if f not in ("month", "suppressed"))

# What one person adds to: each figure HR sees (totals and months) belongs to one of these
# (the vocabulary of `describe_hr_view` and the transparency page). A new figure must be added.
FIGURE_OF: dict[str, str] = {
    "posts": "posts",
    "active_influencers": "posts",
    "participation_rate": "posts",
    "impressions": "impressions",
    "likes": "engagements",
    "comments": "engagements",
    "shares": "engagements",
    "engagements": "engagements",
    "engagement_rate": "engagements",
    "earned_media_value": "engagements",
    "outcomes": "outcomes",
    "followers": "followers",
    "follower_growth": "followers",
}
if {f for f, basis in TOTALS_BASIS.items() if basis} | set(MONTH_FIGURES) != set(
    FIGURE_OF
):  # pragma: no cover
    raise RuntimeError("kpis/privacy.py: say what every figure HR sees is made of")

# The breakdowns HR sees by the groups people are in: dimension code -> field of ProgramKpis.
BREAKDOWNS: dict[str, str] = {
    "platform": "by_platform",
    "format": "by_format",
    "occupational_group": "by_occupation",
    "cohort": "by_cohort",
    "team": "by_team",
}
# Outcomes per type follow the same rule (a type is a group of the people with such outcomes).
OUTCOME_TYPES = "outcomes_by_type"


@dataclass(frozen=True)
class HrView:
    """What HR leadership sees of a program's figures, derived from the rule's constants."""

    min_group_size: int
    whole_months_only: bool
    rankings_enabled: bool
    breakdowns: tuple[str, ...]
    figures: tuple[str, ...]
    completed_months_only: bool = COMPLETED_MONTHS_ONLY
    outcomes_by_type: bool = True  # outcome types, merged like the breakdowns
    # The most asked applicant-question topics, each only from enough people (groups_shown).
    top_questions: bool = True
    suppression_reasons: tuple[str, ...] = (
        FEWER_THAN_MIN_GROUP,
        MONTH_NOT_OVER,
        REST_FEWER_THAN_MIN_GROUP,
        FILTERED,
    )


def describe_hr_view(program: Program) -> HrView:
    rates = (
        program.emv_per_thousand_impressions is not None or program.emv_per_engagement is not None
    )
    shown = [f for f in FIGURE_OF if f != "earned_media_value" or rates]
    return HrView(
        min_group_size=program.min_group_size,
        whole_months_only=WHOLE_MONTHS_ONLY,
        # When on, HR also sees the period's top posts with their authors (kpis/service.py).
        rankings_enabled=program.rankings_enabled,
        breakdowns=tuple(BREAKDOWNS),
        figures=tuple(dict.fromkeys(FIGURE_OF[f] for f in shown)),
        outcomes_by_type=True,
    )


# --- periods ---------------------------------------------------------------------------


def months_before(first: date, count: int) -> date:
    """The first day of the month `count` months before `first`'s month."""
    index = first.year * 12 + first.month - 1 - count
    return date(index // 12, index % 12 + 1, 1)


def month_starts(start: date, end: date) -> list[date]:
    months, day = [], start.replace(day=1)
    while day <= end:
        months.append(day)
        day = month_end(day) + timedelta(days=1)
    return months


def hr_period(program: Program, start: date | None, end: date | None, today: date):
    """HR's period: whole months; by default from the program's first month to the last month
    that is over (or the program's last month). A period that is not whole months is refused
    (422 `hr_period_whole_months`, naming the field), never quietly widened."""
    errors = []
    if start is not None and start.day != 1:
        errors.append(("from", "For HR leadership a period starts on the first of a month."))
    if end is not None and end != month_end(end):
        errors.append(("to", "For HR leadership a period ends on the last day of a month."))
    if errors:
        raise Unprocessable(
            errors[0][1],
            code=PERIOD_ERROR,
            errors=[FieldError(field=f, message=m, type=PERIOD_ERROR) for f, m in errors],
        )
    if end is None:
        last_over = today.replace(day=1) - timedelta(days=1)
        end = min(last_over, month_end(program.ends_on)) if program.ends_on else last_over
    if start is None:
        first = program.starts_on or (end - timedelta(days=180))
        start = first.replace(day=1)
        if start > end:  # a program in its first month: nothing is over yet
            end = month_end(start)
    return start, end


def month_reason(
    posters: int, month: date, today: date, min_people: int, rest: int | None = None
) -> str | None:
    """Why a month is not shown to HR, or None when it is; `rest` (filtered views only) is
    the number of people who posted outside the filter."""
    if COMPLETED_MONTHS_ONLY and month_end(month) >= today:
        return MONTH_NOT_OVER
    if posters < min_people:
        return FEWER_THAN_MIN_GROUP
    if rest is not None and not rest_is_safe(rest, min_people):
        return REST_FEWER_THAN_MIN_GROUP
    return None


def rest_is_safe(rest: int, min_people: int) -> bool:
    """What a filtered view leaves out may be nobody, or at least the minimum."""
    return rest == 0 or rest >= min_people


def hidden_month(month: date, reason: str) -> MonthRow:
    return MonthRow(month=f"{month:%Y-%m}", suppressed=reason, **dict.fromkeys(MONTH_FIGURES, None))


def suppress_totals(totals: Totals, people: dict[str, int], min_people: int, reason: str) -> Totals:
    """Null every total whose people (`people[basis]`) are fewer than the minimum; `reason`
    is FEWER_THAN_MIN_GROUP, or MONTH_NOT_OVER when no month of the period is over."""
    hidden = {
        name: reason
        for name, basis in TOTALS_BASIS.items()
        if basis is not None and people.get(basis, 0) < min_people
    }
    if totals.earned_media_value is None:
        hidden.pop("earned_media_value", None)  # off in this program: nothing to hide
    return totals.model_copy(update={**dict.fromkeys(hidden, None), "suppressed": hidden})


def suppress_small_rest(totals: Totals, rest: dict[str, int], min_people: int) -> Totals:
    """A filtered view: null every total whose people outside the filter (`rest[basis]`)
    are neither nobody nor at least the minimum."""
    hidden = {
        name: REST_FEWER_THAN_MIN_GROUP
        for name, basis in TOTALS_BASIS.items()
        if basis in rest
        and not rest_is_safe(rest[basis], min_people)
        and getattr(totals, name) is not None
    }
    if not hidden:
        return totals
    return totals.model_copy(
        update={**dict.fromkeys(hidden, None), "suppressed": totals.suppressed | hidden}
    )


# --- breakdowns ------------------------------------------------------------------------


@dataclass
class Person:
    """One person who posted in the shown months, with the groups they are in."""

    member_id: uuid.UUID
    posts: int
    engagements: int
    groups: dict[str, set[str]] = field(default_factory=dict)


def members_by_key(people: Iterable[Person], dimension: str) -> dict[str, set[uuid.UUID]]:
    found: dict[str, set[uuid.UUID]] = {}
    for person in people:
        for key in person.groups.get(dimension, ()):
            found.setdefault(key, set()).add(person.member_id)
    return found


def person_groups(people: Sequence[Person], dimension: str) -> list[GroupRow]:
    """Posts and engagements per group of their authors (a post counts for every group of
    its author: teams overlap)."""
    rows: dict[str, GroupRow] = {}
    for person in people:
        for key in person.groups.get(dimension, ()):
            row = rows.setdefault(key, GroupRow(key=key, people=0, posts=0, engagements=0))
            row.people += 1
            row.posts += person.posts
            row.engagements += person.engagements
    return sorted(rows.values(), key=lambda r: (-r.posts, r.key))


def merge_small_groups(
    rows: Sequence[GroupRow],
    min_people: int,
    union: Callable[[list[str]], int] | None = None,
) -> list[GroupRow]:
    """Groups of fewer than `min_people` go into "other"; if "other" is still too small, the
    next smallest groups join it, so no shown group is small enough to point at a person; when
    even everything together is too small, the breakdown stays empty. `union(keys)` counts the
    distinct people of several groups (someone in two merged teams or on two platforms counts
    once); without it the groups are taken as disjoint and their people added."""
    people_of = {r.key: r.people for r in rows}
    union = union or (lambda keys: sum(people_of[k] for k in keys))
    keep = sorted((r for r in rows if r.key != OTHER), key=lambda r: r.people)
    other = [r for r in rows if r.key == OTHER]
    small = [r for r in keep if r.people < min_people]
    keep = [r for r in keep if r.people >= min_people]
    merged = other + small

    def count() -> int:
        return union([r.key for r in merged])

    while merged and count() < min_people and keep:
        merged.append(keep.pop(0))
    result = sorted(keep, key=lambda r: -r.posts)
    # Fewer people in all of it than the threshold: nothing to show that would not point at them.
    if merged and count() >= min_people:
        result.append(
            GroupRow(
                key=OTHER,
                people=count(),
                posts=sum(r.posts for r in merged),
                engagements=sum(r.engagements for r in merged),
            )
        )
    return result


def groups_shown(people: dict[str, set[uuid.UUID]], min_people: int) -> set[str]:
    """The groups HR leadership may see on their own: those of at least the minimum group of
    people. For lists shown without a total (the most asked question topics), leaving the
    small ones out gives nothing away."""
    return {key for key, members in people.items() if len(members) >= min_people}


def private_breakdown(
    rows: Sequence[GroupRow], members: dict[str, set[uuid.UUID]], min_people: int
) -> list[GroupRow]:
    """`merge_small_groups` with the people of each group counted from `members`."""

    def union(keys: list[str]) -> int:
        return len(set().union(*(members.get(k, set()) for k in keys)))

    exact = [r.model_copy(update={"people": union([r.key])}) for r in rows]
    return merge_small_groups(exact, min_people, union)
