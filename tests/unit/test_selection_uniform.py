"""Everyone at k/n by a design (engine/uniform.py) instead of column generation."""

from __future__ import annotations

import math
import time

import numpy as np
import pytest
from bench.selection import family
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from botschaft.selection.engine import InvalidInstance, run
from botschaft.selection.engine.grouping import build_types
from botschaft.selection.engine.uniform import possible, uniform_design
from botschaft.selection.engine.validate import validate
from tests.unit.test_selection_engine import (
    _brute_leximin,
    _check_distribution,
    assert_brute_force,
    make,
)


def _check_design(types, panels) -> None:
    """Every panel has k seats within the type sizes and meets every quota; with the panels
    equally likely, every type's chance is k/n (the sum of its seats over the panels is its
    size times the share of panels it would get at k/n)."""
    n = types.counts.sum()
    for x in panels:
        assert x.sum() == types.k and (x >= 0).all() and (x <= types.counts).all()
        for dim, value, lo, hi, idx in types.rows:
            assert lo <= x[idx].sum() <= hi, (dim, value)
    seats = np.sum(panels, axis=0)
    assert np.allclose(seats / len(panels) / types.counts, types.k / n, atol=1e-12)


@pytest.mark.parametrize("n", [72, 150, 500])
@pytest.mark.parametrize("shape", family.SHAPES)
def test_proportional_pools_of_the_grid_get_a_design(shape, n):
    """Proportional quotas on every shape of the benchmark family, both bands: a design is
    found at once (72: n/k = 4.5, panels of two groups; 150: 7.5; 500: 10, a partition)."""
    for band in ("tight", "loose"):
        types = build_types(
            family.instance(family.Spec(shape, n, "proportional", band, 1)).instance
        )
        panels = uniform_design(types, time.monotonic() + 10)
        assert panels is not None, band
        w = types.k // math.gcd(int(types.counts.sum()), types.k)
        assert len(panels) == int(types.counts.sum()) * w // types.k
        _check_design(types, panels)


def test_balanced_quotas_rule_the_design_out():
    """Balanced quotas ask small groups for more than their share: k/n for everyone cannot
    meet them on average, so no search is made."""
    inst = family.instance(family.Spec("independent", 150, "balanced", "tight", 0)).instance
    types = build_types(inst)
    assert not possible(types)
    assert uniform_design(types, time.monotonic() + 10) is None


def test_pinned_people_rule_the_design_out():
    rows = [{"g": "fm"[i % 2]} for i in range(12)]
    inst = make(rows, 4, [("g", "f", 2, 2), ("g", "m", 2, 2)], pinned=("p0",))
    assert not possible(build_types(inst))


def test_the_2000_person_grid_pool_is_exact_and_immediate():
    """many_small-2,000 proportional (1,863 types): column generation stopped at its 60 s
    limit with 0.0989 for someone; the design gives everyone exactly 0.1 at once."""
    inst = family.instance(family.Spec("many_small", 2000, "proportional", "tight", 0)).instance
    r = run(inst, seed=2, time_limit=60)
    assert r.status == "optimal" and r.explanation == ""
    assert r.seconds < 10
    assert max(abs(p - 0.1) for p in r.probabilities.values()) < 1e-12
    _check_distribution(inst, r)
    assert run(inst, "maximin", seed=2, time_limit=60).probabilities == r.probabilities


@st.composite
def proportional_instances(draw):
    """Tiny pools whose quotas hold each value's share of k (rounded down and up, sometimes
    widened by one seat): k/n for everyone meets them on average, a design may or may not
    exist."""
    n = draw(st.integers(6, 12))
    k = draw(st.integers(2, min(6, n - 1)))
    rows = [{"g": draw(st.sampled_from("ab")), "a": draw(st.sampled_from("xyz"))} for _ in range(n)]
    quotas = []
    for dim in ("g", "a"):
        for v in sorted({r[dim] for r in rows}):
            share = k * sum(r[dim] == v for r in rows) / n
            lo = max(0, math.floor(share) - draw(st.integers(0, 1)))
            hi = min(k, math.ceil(share) + draw(st.integers(0, 1)))
            quotas.append((dim, v, lo, hi))
    inst = make(rows, k, quotas)
    try:
        validate(inst)
    except InvalidInstance:
        assume(False)
    return inst


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(proportional_instances())
def test_leximin_with_a_design_equals_brute_force(inst):
    """Where a design is found its panels meet the quotas and give k/n to everyone, which is
    the LEXIMIN over all panels; where none is found, column generation gives that LEXIMIN."""
    expected = _brute_leximin(inst)
    types = build_types(inst)
    panels = uniform_design(types, time.monotonic() + 5)
    if panels is not None:
        _check_design(types, panels)
        assert expected is not None
    assert_brute_force(inst, run(inst, time_limit=20), expected)


def test_without_a_design_column_generation_still_finds_k_over_n(monkeypatch):
    """A search that finds no design (here: made to fail) costs only its time: column
    generation runs as before and reaches k/n on a pool where it can."""
    from botschaft.selection.engine.uniform import Design

    monkeypatch.setattr(Design, "search", lambda self, deadline: False)
    inst = family.instance(family.Spec("independent", 72, "proportional", "tight", 0)).instance
    r = run(inst, time_limit=20)
    assert r.status == "optimal"
    assert max(abs(p - 16 / 72) for p in r.probabilities.values()) < 1e-9
    assert len(r.distribution) > 2  # not the design's panels: those were never made
    _check_distribution(inst, r)
