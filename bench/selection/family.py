"""A generator family of selection instances, so that no single pool can be tuned to.

An instance is fixed by (shape, pool size, quota mode, band, seed); the same seed gives the
same pool for every mode and band, so the quota settings are compared on paired pools.

Shapes (dimensions `d0`, `d1`, ...; values `v0`, `v1`, ...):

- independent: 2-4 values per dimension, mildly uneven shares, no correlation;
- correlated: 3-4 values per dimension, all strongly tied to one latent factor (rho 0.7,
  about 0.5 between two dimensions; `generate.generate`'s pool is much weaker, about 0.15);
- skewed: Zipf-like shares, 2-5 values (the largest holds about half to 85 %);
- rare: two values held by under 2 % of the pool (1.9 % and 1 %, at least one person);
- many_small: 5-7 values in every dimension, each a small share (many types);
- wide: one dimension with 8-10 values (a region, say), the others 2-3.

All shapes but independent and correlated are mildly correlated (rho 0.3 with a latent
factor), as real pools are. Sizes are pool/seats/dimensions: 72/16/4, 150/20/5, 500/50/5,
1,000/100/5 and 2,000/200/6.

Quotas per value: target t, proportional (k * share, as `quotas.propose`) or balanced (the
water-filling of `quotas.propose`), band b of 10 % (tight) or 25 % (loose):
min = floor(t * (1 - b)), max = min(count, ceil(t * (1 + b))). Each dimension is feasible on
its own (t <= count and the targets sum to k), but all of them together need not be:
balanced quotas over-represent the small groups of every dimension at once, which a skewed
pool may not allow (14 of 360 instances at 72-500 with seeds 0-4, all skewed and balanced:
11 of 15 tight, 3 of 15 loose). Rejecting those pools would keep only untypical ones, so an
infeasible quota set is repaired instead, as a practitioner would: by the engine's
`smallest_relaxation` (fewest seats moved from minima and maxima), applied to the quotas and
recorded in `Generated.relaxed`; the relaxed set is feasible by that ILP's construction (the
unit test checks every 72-person instance with `feasible`). Pools are never redrawn.
"""

from __future__ import annotations

import functools
import math
import zlib
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

import numpy as np

from botschaft.selection.engine import Instance, Person, Quota, Relaxation
from botschaft.selection.engine.grouping import build_types
from botschaft.selection.engine.infeasibility import smallest_relaxation

# The engine's own balanced targets (private there; the bands need the unrounded target).
from botschaft.selection.engine.quotas import _targets_balanced
from botschaft.selection.engine.validate import validate

SHAPES = ("independent", "correlated", "skewed", "rare", "many_small", "wide")
MODES = ("proportional", "balanced")
BANDS = {"loose": 0.25, "tight": 0.10}
SIZES = {72: (16, 4), 150: (20, 5), 500: (50, 5), 1000: (100, 5), 2000: (200, 6)}
RARE = (0.019, 0.01)  # shares of the rare shape's rare values (floored, at least one person)
RHO = 0.3  # latent correlation of the shapes other than independent and correlated
RHO_CORRELATED = 0.7


@dataclass(frozen=True)
class Spec:
    shape: str
    n: int
    mode: str
    band: str
    seed: int

    @property
    def k(self) -> int:
        return SIZES[self.n][0]

    @property
    def dims(self) -> int:
        return SIZES[self.n][1]

    @property
    def name(self) -> str:
        return f"{self.shape}-{self.n}-{self.k}-{self.dims}-{self.mode}-{self.band}-s{self.seed}"


def add_spec_arguments(parser) -> None:
    """--shape --n --mode --band --seed: one instance of the family, for a command line."""
    parser.add_argument("--shape", default="many_small", choices=SHAPES)
    parser.add_argument("--n", type=int, default=500, choices=list(SIZES))
    parser.add_argument("--mode", default="balanced", choices=MODES)
    parser.add_argument("--band", default="tight", choices=list(BANDS))
    parser.add_argument("--seed", type=int, default=0)


def spec_of(args) -> Spec:
    """The instance named by add_spec_arguments' options."""
    return Spec(args.shape, args.n, args.mode, args.band, args.seed)


@dataclass(frozen=True)
class Generated:
    spec: Spec
    instance: Instance
    targets: dict[tuple[str, str], float]
    relaxed: tuple[Relaxation, ...]  # the repair of an infeasible quota set (usually none)


def _rng(*key: int | str) -> np.random.Generator:
    # Stable across runs and Python versions (no hash randomisation of str).
    ints = [zlib.crc32(k.encode()) if isinstance(k, str) else int(k) for k in key]
    return np.random.default_rng(ints)


def _counts(n: int, shares) -> list[int]:
    """Exact value counts summing to n, at least one person each (largest remainder)."""
    shares = np.asarray(shares, float) / np.sum(shares)
    raw = shares * n
    counts = np.maximum(np.floor(raw).astype(int), 1)
    order = np.argsort(-(raw - np.floor(raw)))
    i = 0
    while counts.sum() < n:
        counts[order[i % len(order)]] += 1
        i += 1
    while counts.sum() > n:  # the minimum of one took seats: take them back from the largest
        counts[np.argmax(counts)] -= 1
    return counts.tolist()


def _column(rng, counts: list[int], latent: np.ndarray, rho: float) -> np.ndarray:
    """Value index per person with exactly `counts`, correlated `rho` with the latent factor
    (values handed out in blocks along latent + noise, in a random order of values)."""
    score = rho * latent + math.sqrt(1 - rho**2) * rng.normal(size=len(latent))
    order = rng.permutation(len(counts))  # which value sits at which end of the scale
    blocks = np.repeat(order, [counts[j] for j in order])
    out = np.empty(len(latent), dtype=int)
    out[np.argsort(score)] = blocks
    return out


def _value_counts(shape: str, n: int, d: int, rng) -> list[int]:
    if shape == "independent":
        return _counts(n, rng.dirichlet(np.full(2 + d % 3, 8.0)))
    if shape == "correlated":
        return _counts(n, rng.dirichlet(np.full(3 + d % 2, 5.0)))
    if shape == "skewed":
        values = 2 + d % 4
        s = rng.uniform(1.2, 2.5)
        return _counts(n, (1.0 / np.arange(1, values + 1)) ** s)
    if shape == "rare":
        values = 3 + d % 2
        if d < len(RARE):
            rare = max(1, math.floor(RARE[d] * n))
            return [rare, *_counts(n - rare, rng.dirichlet(np.full(values - 1, 6.0)))]
        return _counts(n, rng.dirichlet(np.full(values, 6.0)))
    if shape == "many_small":
        return _counts(n, rng.dirichlet(np.full(5 + d % 3, 4.0)))
    if shape == "wide":
        if d == 0:
            return _counts(n, rng.dirichlet(np.full(int(rng.integers(8, 11)), 2.0)))
        return _counts(n, rng.dirichlet(np.full(2 + d % 2, 6.0)))
    raise ValueError(shape)


@functools.lru_cache(maxsize=64)
def pool(shape: str, n: int, seed: int) -> tuple[Person, ...]:
    """The pool of (shape, n, seed), shared by every quota mode and band."""
    dims = SIZES[n][1]
    rng = _rng(shape, n, seed)
    latent = rng.normal(size=n)
    rho = {"independent": 0.0, "correlated": RHO_CORRELATED}.get(shape, RHO)
    columns = [_column(rng, _value_counts(shape, n, d, rng), latent, rho) for d in range(dims)]
    return tuple(
        Person(f"p{i:04d}", {f"d{d}": f"v{columns[d][i]}" for d in range(dims)}) for i in range(n)
    )


def targets(people: Iterable[Person], k: int, mode: str) -> dict[tuple[str, str], float]:
    """Unrounded seats per (dimension, value): the targets `quotas.propose` rounds."""
    people = list(people)
    out = {}
    for dim in sorted({d for p in people for d in p.features}):
        counts = Counter(p.features[dim] for p in people)
        if mode == "proportional":
            t = {v: k * c / len(people) for v, c in counts.items()}
        elif mode == "balanced":
            t = _targets_balanced(dict(counts), k)
        else:
            raise ValueError(mode)
        out.update({(dim, v): float(x) for v, x in t.items()})
    return out


def quotas(people, k: int, mode: str, band: str) -> tuple[tuple[Quota, ...], dict]:
    people = list(people)
    b = BANDS[band]
    goal = targets(people, k, mode)
    counts = Counter((d, v) for p in people for d, v in p.features.items())
    out = tuple(
        Quota(
            dim,
            v,
            min(counts[dim, v], math.floor(t * (1 - b) + 1e-9)),
            min(counts[dim, v], math.ceil(t * (1 + b) - 1e-9)),
        )
        for (dim, v), t in sorted(goal.items())
    )
    return out, goal


def feasible(inst: Instance, time_limit: float = 60.0) -> bool:
    """Valid for the engine, and some panel meets every quota (the engine's smallest
    relaxation is empty). A check that times out counts as infeasible."""
    validate(inst)
    return smallest_relaxation(build_types(inst), time_limit) == ()


def _repair(qs: tuple[Quota, ...], relax: tuple[Relaxation, ...]) -> tuple[Quota, ...]:
    new = {(r.dimension, r.value): (r.new_min, r.new_max) for r in relax}
    return tuple(
        Quota(q.dimension, q.value, *new.get((q.dimension, q.value), (q.min, q.max))) for q in qs
    )


def instance(spec: Spec, time_limit: float = 60.0) -> Generated:
    people = pool(spec.shape, spec.n, spec.seed)
    qs, goal = quotas(people, spec.k, spec.mode, spec.band)
    inst = Instance(people, spec.k, qs)
    validate(inst)
    relax = smallest_relaxation(build_types(inst), time_limit)
    if relax is None:
        raise RuntimeError(f"{spec.name}: feasibility not decided within {time_limit} s")
    inst = Instance(people, spec.k, _repair(qs, relax))
    return Generated(spec, inst, goal, relax)


def grid(
    sizes: Iterable[int] = SIZES,
    seeds: Iterable[int] = range(3),
    shapes: Iterable[str] = SHAPES,
    modes: Iterable[str] = MODES,
    bands: Iterable[str] = BANDS,
) -> Iterator[Spec]:
    """Every combination, size by size (small ones first, so a stopped run has them all)."""
    seeds, shapes, modes, bands = list(seeds), list(shapes), list(modes), list(bands)
    for n in sizes:
        for seed in seeds:
            for shape in shapes:
                for mode in modes:
                    for band in bands:
                        yield Spec(shape, n, mode, band, seed)
