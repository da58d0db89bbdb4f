"""bench/selection/family.py and grid.py: every shape keeps its promise at 72/16/4 under both
quota modes and bands, every instance is feasible, and the grid runner writes its JSON."""

from __future__ import annotations

import importlib.util
import json
import math
from collections import Counter

import pytest
from bench.selection import family, grid

N, K = 72, 16
SPECS = list(family.grid([N], [0]))


def shares(people) -> dict[str, Counter]:
    return {d: Counter(p.features[d] for p in people) for d in people[0].features}


def cramers_v(people, a: str, b: str) -> float:
    """Association of two dimensions: 0 independent, 1 one determines the other."""
    n = len(people)
    joint = Counter((p.features[a], p.features[b]) for p in people)
    ca, cb = Counter(x for x, _ in joint.elements()), Counter(y for _, y in joint.elements())
    chi2 = sum((joint[x, y] - ca[x] * cb[y] / n) ** 2 / (ca[x] * cb[y] / n) for x in ca for y in cb)
    return math.sqrt(chi2 / n / (min(len(ca), len(cb)) - 1))


def mean_association(people) -> float:
    dims = sorted(people[0].features)
    pairs = [(a, b) for i, a in enumerate(dims) for b in dims[i + 1 :]]
    return sum(cramers_v(people, a, b) for a, b in pairs) / len(pairs)


@pytest.mark.parametrize("spec", SPECS, ids=lambda s: s.name)
def test_every_instance_is_feasible_and_within_its_band(spec):
    gen = family.instance(spec)
    inst = gen.instance
    assert (len(inst.people), inst.k) == (N, K)
    assert len(shares(inst.people)) == 4
    assert family.feasible(inst)
    counts = Counter((d, v) for p in inst.people for d, v in p.features.items())
    b = family.BANDS[spec.band]
    relaxed = {(r.dimension, r.value): r for r in gen.relaxed}
    for q in inst.quotas:
        c, t = counts[q.dimension, q.value], gen.targets[q.dimension, q.value]
        if spec.mode == "proportional":
            assert t == pytest.approx(K * c / N)
        assert 0 <= t <= c
        if (q.dimension, q.value) in relaxed:
            # A repair only widens the band.
            r = relaxed[q.dimension, q.value]
            assert (q.min, q.max) == (r.new_min, r.new_max)
            assert r.new_min <= r.min and r.new_max >= r.max
            continue
        assert t * (1 - b) - 1 < q.min <= t * (1 - b) + 1e-9
        assert q.max == c or t * (1 + b) - 1e-9 <= q.max < t * (1 + b) + 1
    if spec.mode == "balanced":
        for dim, cs in shares(inst.people).items():
            ts = {v: gen.targets[dim, v] for v in cs}
            assert sum(ts.values()) == pytest.approx(K)
            # Water-filling: every value not held back by its size gets the same share.
            open_ = [t for v, t in ts.items() if t < cs[v] - 1e-9]
            assert max(open_) - min(open_) < 1e-9


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_each_shape_has_what_it_promises(seed):
    pools = {s: family.pool(s, N, seed) for s in family.SHAPES}
    sizes = {s: [len(c) for c in shares(p).values()] for s, p in pools.items()}
    assert all(2 <= v <= 4 for v in sizes["independent"])
    assert all(v >= 5 for v in sizes["many_small"])
    assert any(8 <= v <= 10 for v in sizes["wide"])
    rare = [c for cs in shares(pools["rare"]).values() for c in cs.values() if c / N < 0.02]
    assert rare and min(rare) >= 1
    for cs in shares(pools["skewed"]).values():
        assert max(cs.values()) / N >= 0.45
    # The correlated pool's dimensions go together more than the independent pool's.
    assert mean_association(pools["correlated"]) > mean_association(pools["independent"]) + 0.1


def test_instances_are_deterministic_and_pools_shared():
    spec = family.Spec("wide", N, "balanced", "tight", 1)
    first = family.instance(spec).instance
    family.pool.cache_clear()
    assert family.instance(spec).instance == first
    other = family.instance(family.Spec("wide", N, "proportional", "loose", 1)).instance
    assert other.people == first.people and other.quotas != first.quotas


ANCHOR = importlib.util.find_spec("sortition_algorithms") is not None


def test_grid_runner_writes_every_field(tmp_path, capsys):
    out = tmp_path / "grid.json"
    args = ["--sizes", "72", "--seeds", "1", "--shapes", "rare", "--modes", "balanced"]
    grid.main([*args, "--time-limit", "20", "--anchor-time-limit", "30", "--out", str(out)])
    records = json.loads(out.read_text())["instances"]
    assert [r["id"] for r in records] == [
        "rare-72-16-4-balanced-loose-s0",
        "rare-72-16-4-balanced-tight-s0",
    ]
    for r in records:
        lx, mx, sa = r["leximin"], r["maximin"], r["sortition_maximin"]
        assert lx["status"] == mx["status"] == "optimal"
        assert lx["levels"] >= 1 and lx["columns"] >= 1 and mx["levels"] == 1
        assert lx["seconds"] > 0 and lx["cpu_seconds"] > 0
        assert lx["min_prob"] >= mx["min_prob"] - 1e-6
        if ANCHOR:
            assert sa["status"] == "optimal" and sa["seconds"] > 0
            assert r["leximin_below_anchor"] is False
        else:  # the test install has no sortition-algorithms (pip install -e ".[bench]")
            assert sa["status"] == "failed" and sa["min_prob"] is None
        assert r["types"] > 0 and r["relaxed_quotas"] >= 0
    table = capsys.readouterr().out
    assert "| 72/16/4 | 2 |" in table
    # A resumed run skips what is there; --summary only reads.
    grid.main([*args, "--out", str(out), "--resume"])
    assert len(json.loads(out.read_text())["instances"]) == 2
    grid.main(["--summary", "--out", str(out), "--by", "band"])
    assert "| 72/16/4 | tight | 1 |" in capsys.readouterr().out


def test_grid_runner_reuses_or_skips_the_anchor(tmp_path):
    """--anchor-from takes the anchor's record of the same instance and anchor time limit from
    an earlier file; --anchor-time-limit 0 skips the anchor."""
    earlier, out = tmp_path / "earlier.json", tmp_path / "grid.json"
    args = ["--sizes", "72", "--seeds", "1", "--shapes", "skewed", "--modes", "proportional"]
    args += ["--bands", "tight", "--time-limit", "20"]
    anchor = {"status": "optimal", "seconds": 1.5, "min_prob": 0.125}
    record = {"id": "skewed-72-16-4-proportional-tight-s0", "anchor_time_limit": 30.0}
    earlier.write_text(json.dumps({"instances": [record | {"sortition_maximin": anchor}]}))
    grid.main(
        [*args, "--anchor-time-limit", "30", "--anchor-from", str(earlier), "--out", str(out)]
    )
    [r] = json.loads(out.read_text())["instances"]
    assert r["sortition_maximin"] == anchor | {"reused": True}
    assert r["leximin_below_anchor"] is (r["leximin"]["min_prob"] < 0.125 - 1e-6)
    out.unlink()
    grid.main([*args, "--anchor-time-limit", "0", "--out", str(out)])
    [r] = json.loads(out.read_text())["instances"]
    assert r["sortition_maximin"]["status"] == "skipped" and r["leximin_below_anchor"] is None
