"""Replacements drawn from a run's lottery conditioned on the people who stay."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from botschaft.selection.engine import Instance, Person, Quota, run
from botschaft.selection.engine.replacement import (
    Draw,
    NoReplacement,
    compact,
    draw_replacement,
    profile_dimensions,
)


def keeps(quotas, pool, panel) -> bool:
    return all(
        q.min <= sum(pool[p][q.dimension] == q.value for p in panel) <= q.max for q in quotas
    )


@st.composite
def confirmed_runs(draw):
    """A pool with tight quotas (an exact count on one dimension), a LEXIMIN run and a
    withdrawal from its panel."""
    n = draw(st.integers(8, 18))
    rows = [{"g": draw(st.sampled_from("ab")), "a": draw(st.sampled_from("xyz"))} for _ in range(n)]
    pool = {f"p{i:02}": r for i, r in enumerate(rows)}
    k = draw(st.integers(2, min(6, n - 2)))
    quotas = []
    for v in "ab":
        c = sum(r["g"] == v for r in rows)
        share = min(c, round(k * c / n))
        quotas.append(Quota("g", v, share, share))
    for v in "xyz":
        c = sum(r["a"] == v for r in rows)
        quotas.append(Quota("a", v, min(c, draw(st.integers(0, 1))), k))
    assume(sum(q.min for q in quotas if q.dimension == "g") == k)
    assume(sum(q.min for q in quotas if q.dimension == "a") <= k)
    instance = Instance(
        tuple(Person(pid, f) for pid, f in pool.items()), k, tuple(quotas), frozenset()
    )
    result = run(instance, seed=draw(st.integers(0, 1000)), time_limit=20)
    assume(result.panel)
    leaving = draw(st.sampled_from(result.panel))
    return pool, quotas, result, leaving, draw(st.integers(0, 2**31 - 1))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(confirmed_runs())
def test_a_replacement_keeps_every_quota_or_no_one_could(case):
    pool, quotas, result, leaving, seed = case
    staying = [p for p in result.panel if p != leaving]
    available = [p for p in pool if p not in result.panel]
    stored = compact(result.distribution, pool, profile_dimensions(quotas))
    args = (pool, quotas, staying, available, result.alternates, stored, seed, 1)

    outcome = draw_replacement(*args)

    if isinstance(outcome, NoReplacement):
        assert not any(keeps(quotas, pool, [*staying, p]) for p in available)
        return
    assert keeps(quotas, pool, [*staying, outcome.person])
    assert outcome.person in available and outcome.chances[outcome.person] > 0
    assert abs(sum(outcome.chances.values()) - 1) < 1e-9
    assert all(keeps(quotas, pool, [*staying, p]) for p in outcome.chances)
    # The withdrawn person's own panel is in the lottery: someone like them can always be
    # drawn from it.
    like = [p for p in available if pool[p] == pool[leaving]]
    if like:
        assert outcome.method == "distribution"
    again = draw_replacement(*args)
    assert (again.person, again.chances) == (outcome.person, outcome.chances)


def test_chances_are_the_lottery_conditioned_on_who_stays():
    pool = {
        "s": {"g": "a"},  # stays
        "w": {"g": "a"},  # withdraws
        "b1": {"g": "b"},
        "b2": {"g": "b"},
        "a1": {"g": "a"},
    }
    quotas = [Quota("g", "a", 1, 2), Quota("g", "b", 0, 1)]
    # Panels {a, a} with weight 0.75 and {a, b} with 0.25 (by profile).
    stored = compact([(("s", "w"), 0.75), (("s", "b1"), 0.25)], pool, ["g"])
    outcome = draw_replacement(pool, quotas, ["s"], ["b1", "b2", "a1"], (), stored, 0, 1)
    assert isinstance(outcome, Draw) and outcome.method == "distribution"
    assert outcome.chances == pytest.approx({"a1": 0.75, "b1": 0.125, "b2": 0.125})
    # The best-ranked alternate of a profile is asked first: b2 takes the whole b share.
    ranked = draw_replacement(pool, quotas, ["s"], ["b1", "b2", "a1"], ("b2",), stored, 0, 1)
    assert ranked.chances == pytest.approx({"a1": 0.75, "b2": 0.25})
    # Different draws of one round may differ; each is repeatable.
    people = {
        draw_replacement(pool, quotas, ["s"], ["b1", "b2", "a1"], (), stored, 0, d).person
        for d in range(1, 40)
    }
    assert people == {"a1", "b1", "b2"}


def test_without_a_stored_lottery_anyone_keeping_the_quotas_is_equally_likely():
    pool = {"s": {"g": "a"}, "b1": {"g": "b"}, "b2": {"g": "b"}, "a1": {"g": "a"}}
    quotas = [Quota("g", "a", 1, 1), Quota("g", "b", 1, 1)]
    outcome = draw_replacement(pool, quotas, ["s"], ["b1", "b2", "a1"], (), None, 5, 1)
    assert outcome.method == "quotas"
    assert outcome.chances == pytest.approx({"b1": 0.5, "b2": 0.5})


def test_no_replacement_names_the_quota_and_the_smallest_relaxation():
    pool = {"s": {"g": "a"}, "w": {"g": "b"}, "a1": {"g": "a"}}
    quotas = [Quota("g", "a", 1, 1), Quota("g", "b", 1, 1)]
    outcome = draw_replacement(pool, quotas, ["s"], ["a1"], (), None, 0, 1)
    assert isinstance(outcome, NoReplacement)
    # a1 would make two of "a" and none of "b": both quotas must give way.
    changes = {(r.dimension, r.value): (r.new_min, r.new_max) for r in outcome.relaxation}
    assert changes == {("g", "a"): (1, 2), ("g", "b"): (0, 1)}
    assert {(q.dimension, q.value) for q in outcome.blocking} == set(changes)
    relaxed = draw_replacement(pool, quotas, ["s"], ["a1"], (), None, 0, 1, relax=True)
    assert relaxed.person == "a1" and relaxed.method == "relaxed"
    nobody = draw_replacement(pool, quotas, ["s"], [], (), None, 0, 1)
    assert isinstance(nobody, NoReplacement) and nobody.relaxation is None
