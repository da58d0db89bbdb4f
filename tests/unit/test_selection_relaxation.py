"""The LP relaxation's bound on a level (engine/relaxation.py)."""

from __future__ import annotations

import numpy as np
import pytest
from bench.selection import family
from hypothesis import HealthCheck, given, settings

from botschaft.selection.engine import run
from botschaft.selection.engine.grouping import build_types
from botschaft.selection.engine.relaxation import relaxed_level
from tests.unit.test_selection_engine import (
    _brute_leximin,
    assert_brute_force,
    make,
    tiny_instances,
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(tiny_instances())
def test_the_relaxation_bounds_the_lowest_chance_from_above(inst):
    """No lottery gives everyone more than the relaxation's first level (brute force over all
    panels); its duals are a dual point of the restricted LP's kind (non-negative, sum 1)."""
    expected = _brute_leximin(inst)
    types = build_types(inst)
    relaxed = relaxed_level(types, {}, 0.0, 10)
    if expected is None:
        return  # no panel meets the quotas; the relaxation may still have points
    assert relaxed is not None
    z, y = relaxed
    assert z >= expected[0] - 1e-7
    assert (y >= 0).all() and abs(y.sum() - 1) < 1e-9


def test_held_levels_lower_the_bound_of_the_next():
    """With the lowest level's types held at it, the next level's bound is above it and at
    most what is left: the seats not taken by the held types, spread over the others."""
    inst = family.instance(family.Spec("independent", 150, "balanced", "tight", 0)).instance
    types = build_types(inst)
    z1, y1 = relaxed_level(types, {}, 0.0, 10)
    held = {int(t): z1 for t in np.flatnonzero(y1 > 1e-9)}
    z2, y2 = relaxed_level(types, held, 1e-6, 10)
    others = [t for t in range(len(types.counts)) if t not in held]
    seats_left = types.k - sum(z1 * types.counts[t] for t in held)
    assert z1 < z2 <= seats_left / types.counts[others].sum() + 1e-9
    assert abs(y2[others].sum() - 1) < 1e-9


@pytest.mark.parametrize("shape", family.SHAPES)
def test_on_the_family_the_bound_is_the_maximin(shape):
    """What makes the bound worth its LP: on the benchmark family's balanced pools it equals
    the proven MAXIMIN, so a level can end as soon as the restricted LP reaches it."""
    inst = family.instance(family.Spec(shape, 150, "balanced", "tight", 0)).instance
    z, _ = relaxed_level(build_types(inst), {}, 0.0, 10)
    maximin = run(inst, "maximin", time_limit=30)
    assert maximin.status == "optimal"
    assert abs(z - min(maximin.probabilities.values())) < 1e-6


def test_the_walk_gives_panels_that_meet_every_quota():
    """The decomposition of the relaxation's LEXIMIN (walk.py) on a balanced pool of the
    family: panels, each of k seats within the type sizes and every quota; on this pool the
    walk ends with the relaxation's LEXIMIN fully written as their mix."""
    import time

    from botschaft.selection.engine.walk import relaxed_leximin, walk_panels

    inst = family.instance(family.Spec("correlated", 150, "balanced", "tight", 0)).instance
    types = build_types(inst)
    panels = walk_panels(types, time.monotonic() + 20)
    assert len(panels) > 10
    for x in panels:
        assert x.sum() == types.k and (x >= 0).all() and (x <= types.counts).all()
        for _, _, lo, hi, idx in types.rows:
            assert lo <= x[idx].sum() <= hi
    p = relaxed_leximin(types, time.monotonic() + 10)
    maximin = run(inst, "maximin", time_limit=30)
    assert abs(p.min() - min(maximin.probabilities.values())) < 1e-6


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(tiny_instances())
def test_leximin_seeded_by_the_walk_equals_brute_force(inst):
    """With the walk's panels as the first columns (forced on for small pools), LEXIMIN is
    still the brute force's: the seeds only change where column generation starts."""
    from botschaft.selection.engine import leximin as lx

    expected = _brute_leximin(inst)
    old = lx.WALK_TYPES
    lx.WALK_TYPES = 1
    try:
        r = run(inst, time_limit=20)
    finally:
        lx.WALK_TYPES = old
    assert_brute_force(inst, r, expected)


def test_a_level_ended_by_the_relaxation_fixes_only_the_proven_ties():
    """Found by the brute-force property: the relaxation's bound ended level 1 (1/3, the x
    people's one seat) while the restricted LP's dual, not proven, also weighted the (z, a)
    type, which was then fixed at 1/3 too; its LEXIMIN chance is 0.4."""
    rows = [("a", "x")] * 2 + [("a", "y")] * 2 + [("a", "z")] * 2 + [("b", "x")]
    rows += [("a", "z")] * 2 + [("b", "z")]
    quotas = [("g", "a", 0, 3), ("g", "b", 0, 1), ("a", "x", 0, 1), ("a", "y", 0, 0)]
    quotas += [("a", "z", 0, 2)]
    inst = make([{"g": g, "a": a} for g, a in rows], 3, quotas)
    r = run(inst, time_limit=20)
    assert (
        sorted(round(p, 9) for p in r.probabilities.values())
        == [0.0] * 2 + [round(1 / 3, 9)] * 3 + [0.4] * 5
    )
    assert_brute_force(inst, r, _brute_leximin(inst))
