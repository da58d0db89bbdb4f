"""LEXIMIN against a brute force: every feasible panel enumerated, the leximin computed with all
of them as columns (no column generation), one person's chance raised at a time."""

from __future__ import annotations

import itertools

import highspy
import numpy as np
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from botschaft.selection.engine import Instance, Person, Quota, run
from botschaft.selection.engine.grouping import build_types

TOL = 1e-7


def feasible_panels(types) -> list[np.ndarray]:
    """Every type composition within the counts, pins and quotas that fills k seats."""
    ranges = [range(int(lo), int(c) + 1) for lo, c in zip(types.lower, types.counts, strict=True)]
    out = []
    for x in itertools.product(*ranges):
        if sum(x) != types.k:
            continue
        if all(lo <= sum(x[i] for i in idx) <= hi for _, _, lo, hi, idx in types.rows):
            out.append(np.array(x, dtype=float))
    return out


def _lp(panels, types, floors: dict[int, float], objective: int | None):
    """max z (or a type's chance) over distributions on `panels`, with every type's chance
    x_t / count_t at least its floor, the unfixed ones (objective None) at least z."""
    h = highspy.Highs()
    h.setOptionValue("output_flag", False)
    m, n = len(panels), len(types.counts)
    h.addVars(m + 1, np.zeros(m + 1), np.concatenate([np.full(m, 1.0), [1.0]]))
    h.addRow(1.0, 1.0, m, np.arange(m, dtype=np.int32), np.ones(m))
    for t in range(n):
        chance = np.array([p[t] / types.counts[t] for p in panels])
        if t in floors:
            h.addRow(floors[t] - TOL, highspy.kHighsInf, m, np.arange(m, dtype=np.int32), chance)
        elif objective is None:  # chance_t - z >= 0
            cols = np.arange(m + 1, dtype=np.int32)
            h.addRow(0.0, highspy.kHighsInf, m + 1, cols, np.append(chance, -1.0))
    cost = np.zeros(m + 1)
    if objective is None:
        cost[m] = 1.0
    else:
        cost[:m] = [p[objective] / types.counts[objective] for p in panels]
    h.changeColsCost(m + 1, np.arange(m + 1, dtype=np.int32), cost)
    h.changeObjectiveSense(highspy.ObjSense.kMaximize)
    h.run()
    assert h.getModelStatus() == highspy.HighsModelStatus.kOptimal
    return h.getInfo().objective_function_value


def brute_leximin(types) -> list[float]:
    """Each type's chance under the exact leximin: raise the lowest level, fix the types that
    cannot go above it (each one's own maximum, the others kept at their floors), repeat."""
    panels = feasible_panels(types)
    fixed: dict[int, float] = {}
    n = len(types.counts)
    while len(fixed) < n:
        z = _lp(panels, types, fixed, None)
        floors = {**fixed, **{t: z for t in range(n) if t not in fixed}}
        stuck = [
            t for t in range(n) if t not in fixed and _lp(panels, types, floors, t) <= z + 1e-6
        ]
        assert stuck, "a level always fixes at least one type"
        fixed.update({t: z for t in stuck})
    return [fixed[t] for t in range(n)]


@st.composite
def small_pools(draw):
    n = draw(st.integers(5, 9))
    rows = [{"g": draw(st.sampled_from("ab")), "a": draw(st.sampled_from("xyz"))} for _ in range(n)]
    k = draw(st.integers(2, min(4, n - 1)))
    quotas = []
    for dim, values in (("g", "ab"), ("a", "xyz")):
        for v in values:
            count = sum(r[dim] == v for r in rows)
            low = draw(st.integers(0, min(count, k)))
            high = draw(st.integers(low, k))
            quotas.append(Quota(dim, v, low, high))
    people = tuple(Person(f"p{i}", r) for i, r in enumerate(rows))
    return Instance(people, k, tuple(quotas))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(small_pools())
def test_leximin_equals_the_brute_force_leximin_over_all_panels(instance):
    types = build_types(instance)
    assume(feasible_panels(types))  # quotas that cannot be met: no leximin to compare
    result = run(instance, time_limit=20)
    assert result.status == "optimal", result.explanation
    exact = brute_leximin(types)
    expected = sorted(exact[t] for t, members in enumerate(types.members) for _ in members)
    got = sorted(result.probabilities[p.id] for p in instance.people)
    assert np.allclose(got, expected, atol=1e-6), (got, expected)
