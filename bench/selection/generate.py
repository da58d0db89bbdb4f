"""Realistic generated pools: correlated dimensions, skewed values, proportional quotas."""

from __future__ import annotations

import numpy as np

from botschaft.selection.engine import Instance, Person, Quota


def generate(
    n: int = 2000, k: int = 200, dims: int = 6, values: int = 4, seed: int = 0
) -> Instance:
    rng = np.random.default_rng(seed)
    latent = rng.normal(size=n)  # a shared factor correlates the dimensions
    people_features = [{} for _ in range(n)]
    quotas = []
    for d in range(dims):
        skew = np.linspace(1.5, 0.3, values) ** (1 + d % 3)
        score = (
            latent * (0.8 if d % 2 else -0.6)
            + rng.normal(size=n)
            + np.log(skew[rng.integers(0, values, n)])
        )
        cuts = np.quantile(score, np.cumsum(skew / skew.sum())[:-1])
        vals = np.searchsorted(cuts, score)
        for i, v in enumerate(vals):
            people_features[i][f"d{d}"] = f"v{v}"
        for v in range(values):
            share = k * float((vals == v).mean())
            quotas.append(
                Quota(f"d{d}", f"v{v}", int(np.floor(share * 0.9)), int(np.ceil(share * 1.1)) + 1)
            )
    people = tuple(Person(f"g{i}", f) for i, f in enumerate(people_features))
    return Instance(people, k, tuple(quotas))


def generate_mixed(n: int = 1000, k: int = 100, dims: int = 5, seed: int = 2) -> Instance:
    """A pool whose LEXIMIN is far from uniform: quotas halfway between proportional and
    balanced (small groups over-represented), one seat of slack each way."""
    import math

    from botschaft.selection.engine.quotas import propose

    base = generate(n, k, dims, 4, seed=seed)
    names = [f"d{i}" for i in range(dims)]
    prop = {(q.dimension, q.value): q for q in propose(base.people, k, names, "proportional")}
    bal = {(q.dimension, q.value): q for q in propose(base.people, k, names, "balanced")}
    quotas = []
    for key, p in prop.items():
        b = bal[key]
        target = (p.min + p.max + b.min + b.max) / 4
        quotas.append(Quota(*key, max(0, math.floor(target) - 1), math.ceil(target) + 1))
    return Instance(base.people, k, tuple(quotas))
