"""One-click quota proposals: proportional to the pool, or balanced (as equal as the pool allows).

Rounding keeps each dimension feasible on its own: min = floor(target), max = ceil(target), so
the minimums sum to at most k and the maximums to at least k, and no minimum exceeds the pool.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable

from .model import Person, Quota


def _targets(weights: dict[str, float], low: Counter, high: Counter, k: int) -> dict[str, float]:
    """Shares t_v = clamp(L * w_v, low_v, high_v) summing to k (L by bisection). With weight 1
    it is water-filling (equal shares, values with too few people take all they have); with
    the pool's counts, proportional shares. `low` keeps seats for pinned people."""

    def at(level: float) -> dict[str, float]:
        return {v: min(high[v], max(low[v], level * w)) for v, w in weights.items()}

    lo, hi = 0.0, float(k) / min(weights.values())
    for _ in range(100):
        mid = (lo + hi) / 2
        lo, hi = (mid, hi) if sum(at(mid).values()) < k else (lo, mid)
    return at(hi)


def _targets_balanced(counts: dict[str, int], k: int) -> dict[str, float]:
    """Water-filling shares of k over the values' counts (the benchmark's generator uses it)."""
    return _targets(dict.fromkeys(counts, 1.0), Counter(), Counter(counts), k)


def propose(
    people: Iterable[Person],
    k: int,
    dimensions: Iterable[str],
    mode: str = "proportional",
    pinned: frozenset[str] = frozenset(),
) -> list[Quota]:
    """Quotas per dimension value; pinned people (a second wave's cohort) are always within."""
    if mode not in ("proportional", "balanced"):
        raise ValueError(mode)
    people = list(people)
    quotas: list[Quota] = []
    for dim in dimensions:
        counts = Counter(p.features.get(dim) for p in people if p.features.get(dim))
        pins = Counter(p.features.get(dim) for p in people if p.id in pinned)
        weights = {v: 1.0 if mode == "balanced" else float(c) for v, c in counts.items()}
        targets = _targets(weights, pins, counts, min(k, sum(counts.values())))
        for v in sorted(targets):
            t = targets[v]
            quotas.append(
                Quota(
                    dim,
                    v,
                    min(counts[v], math.floor(t + 1e-9)),
                    min(counts[v], math.ceil(t - 1e-9)),
                )
            )
    return quotas
