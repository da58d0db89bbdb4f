"""A seat handed on after someone withdraws: the replacement is drawn from the run's own lottery
conditioned on the people who stay, so the cohort keeps every quota and each candidate's chance
is the one the lottery gave them.

The lottery is kept by profile (the values of the quotas' dimensions; people of one profile
are interchangeable for the quotas). Conditioned on the remaining cohort C, a panel P of the
distribution is still possible when P holds C and one seat more: that seat's profile gets P's
weight. When no stored panel is possible any more (a run stored before distributions were kept,
or every candidate of those profiles is gone), any profile that keeps every quota may take the
seat, each available person with the same chance. Within the drawn profile the best-ranked
alternate is asked first (they were told their rank), else one person is drawn uniformly.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

from .grouping import build_types
from .infeasibility import smallest_relaxation
from .model import Instance, Person, Quota, Relaxation

Profile = tuple[str, ...]


def profile_dimensions(quotas: Sequence[Quota]) -> list[str]:
    return sorted({q.dimension for q in quotas})


def compact(
    distribution: Sequence[tuple[Sequence[str], float]],
    pool: Mapping[str, Mapping[str, str]],
    dims: list[str],
) -> dict:
    """A distribution of person panels as profile counts: small enough to keep with the run
    (a 2,000-person pool has far fewer profiles than people)."""
    profiles: dict[Profile, int] = {}
    panels = []
    for panel, weight in distribution:
        counts = Counter(_profile(pool[pid], dims) for pid in panel)
        row = [[profiles.setdefault(p, len(profiles)), n] for p, n in sorted(counts.items())]
        panels.append([weight, row])
    return {"dimensions": dims, "profiles": [list(p) for p in profiles], "panels": panels}


def _profile(features: Mapping[str, str], dims: list[str]) -> Profile:
    return tuple(features.get(d) or "" for d in dims)


@dataclass
class Draw:
    person: str
    # distribution: from the run's lottery; quotas: any profile keeping the quotas (no stored
    # panel fits any more); relaxed: like quotas, with the smallest relaxation applied
    method: str
    chances: dict[str, float]
    relaxation: tuple[Relaxation, ...] = ()


@dataclass
class NoReplacement:
    """No available person keeps every quota: the quotas that stand in the way and the smallest
    relaxation that lets someone take the seat (None when none exists at all)."""

    relaxation: tuple[Relaxation, ...] | None
    blocking: list[Quota] = field(default_factory=list)


def draw_replacement(
    pool: Mapping[str, Mapping[str, str]],
    quotas: Sequence[Quota],
    cohort: Sequence[str],
    available: Sequence[str],
    alternates: Sequence[str],
    stored: dict | None,
    seed: int,
    draw: int,
    relax: bool = False,
) -> Draw | NoReplacement:
    """`cohort`: who stays; `available`: who may take the seat; `draw`: the round's n-th
    replacement, so a second draw with the same seed is a different, repeatable one."""
    dims = profile_dimensions(quotas)
    by_profile: dict[Profile, list[str]] = {}
    for pid in sorted(available):
        by_profile.setdefault(_profile(pool[pid], dims), []).append(pid)
    staying = Counter(_profile(pool[pid], dims) for pid in cohort)
    method, relaxation = "distribution", ()
    weights = _conditioned(stored, dims, staying, by_profile)
    if not weights:
        method = "quotas"
        weights = _keeping(quotas, dims, staying, by_profile)
    if not weights:
        found = _relaxation(pool, quotas, cohort, available)
        if not relax or not found:
            return NoReplacement(found, _blocking(quotas, found))
        method, relaxation = "relaxed", found
        weights = _keeping(_relaxed(quotas, found), dims, staying, by_profile)
        if not weights:  # the relaxation is exact: someone fits it
            return NoReplacement(found, _blocking(quotas, found))
    rank = {pid: i for i, pid in enumerate(alternates)}
    chances: dict[str, float] = {}
    for profile, weight in weights.items():
        people = _first_asked(by_profile[profile], rank)
        for pid in people:
            chances[pid] = weight / len(people)
    rng = np.random.default_rng([seed, draw])
    order = sorted(weights)
    p = np.array([weights[o] for o in order])
    profile = order[int(rng.choice(len(order), p=p / p.sum()))]
    people = _first_asked(by_profile[profile], rank)
    person = people[int(rng.integers(len(people)))]
    return Draw(person, method, chances, relaxation)


def _first_asked(people: list[str], rank: Mapping[str, int]) -> list[str]:
    """The best-ranked alternate of a profile, or everyone in it when none is on the list."""
    ranked = [pid for pid in people if pid in rank]
    return [min(ranked, key=rank.__getitem__)] if ranked else people


def _conditioned(
    stored: dict | None,
    dims: list[str],
    staying: Counter,
    by_profile: Mapping[Profile, list[str]],
) -> dict[Profile, float]:
    if not stored or stored.get("dimensions") != dims:
        return {}
    profiles = [tuple(p) for p in stored["profiles"]]
    weights: dict[Profile, float] = {}
    for weight, row in stored["panels"]:
        extra = Counter({profiles[i]: n for i, n in row})
        extra.subtract(staying)
        if any(n < 0 for n in extra.values()):
            continue  # the panel lacks someone who stays
        seat = [p for p, n in extra.items() if n > 0]
        if len(seat) == 1 and extra[seat[0]] == 1 and by_profile.get(seat[0]):
            weights[seat[0]] = weights.get(seat[0], 0.0) + float(weight)
    total = sum(weights.values())
    return {p: w / total for p, w in weights.items() if w > 0} if total > 0 else {}


def _keeping(
    quotas: Sequence[Quota],
    dims: list[str],
    staying: Counter,
    by_profile: Mapping[Profile, list[str]],
) -> dict[Profile, float]:
    """Profiles whose person completes the cohort within every quota, weighted by how many
    can be drawn (every such person equally likely)."""
    fits = {p: len(ps) for p, ps in by_profile.items() if ps and _meets(quotas, dims, staying, p)}
    total = sum(fits.values())
    return {p: n / total for p, n in fits.items()}


def _meets(quotas: Sequence[Quota], dims: list[str], staying: Counter, seat: Profile) -> bool:
    for q in quotas:
        i = dims.index(q.dimension)
        n = sum(c for p, c in staying.items() if p[i] == q.value) + (seat[i] == q.value)
        if not q.min <= n <= q.max:
            return False
    return True


def _relaxation(
    pool: Mapping[str, Mapping[str, str]],
    quotas: Sequence[Quota],
    cohort: Sequence[str],
    available: Sequence[str],
) -> tuple[Relaxation, ...] | None:
    """The smallest change to the quotas with which one available person completes the cohort:
    the engine's relaxation on the pool of stayers (pinned) and candidates, one seat more."""
    people = [*cohort, *available]
    if not available:
        return None
    instance = Instance(
        people=tuple(Person(id=pid, features=pool[pid]) for pid in people),
        k=len(cohort) + 1,
        quotas=tuple(quotas),
        pinned=frozenset(cohort),
    )
    found = smallest_relaxation(build_types(instance), 10.0)
    return found or None


def _relaxed(quotas: Sequence[Quota], relaxation: tuple[Relaxation, ...]) -> list[Quota]:
    new = {(r.dimension, r.value): r for r in relaxation}
    return [
        Quota(q.dimension, q.value, new[key].new_min, new[key].new_max)
        if (key := (q.dimension, q.value)) in new
        else q
        for q in quotas
    ]


def _blocking(quotas: Sequence[Quota], relaxation: tuple[Relaxation, ...] | None) -> list[Quota]:
    if not relaxation:
        return []
    changed = {(r.dimension, r.value) for r in relaxation}
    return [q for q in quotas if (q.dimension, q.value) in changed]
