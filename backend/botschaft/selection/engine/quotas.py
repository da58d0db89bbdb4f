"""One-click quota proposals: proportional to the pool, or balanced (as equal as the pool allows).

Rounding keeps each dimension feasible on its own: min = floor(target), max = ceil(target), so
the minimums sum to at most k and the maximums to at least k, and no minimum exceeds the pool.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable

from .model import Person, Quota


def _targets_balanced(counts: dict[str, int], k: int) -> dict[str, float]:
    # Water-filling: equal shares, values with too few people take all they have.
    out: dict[str, float] = {}
    left, open_ = float(k), sorted(counts, key=lambda v: counts[v])
    while open_:
        share = left / len(open_)
        v = open_[0]
        if counts[v] <= share:
            out[v] = counts[v]
            left -= counts[v]
            open_.pop(0)
        else:
            for v in open_:
                out[v] = share
            break
    return out


def propose(
    people: Iterable[Person], k: int, dimensions: Iterable[str], mode: str = "proportional"
) -> list[Quota]:
    people = list(people)
    quotas: list[Quota] = []
    for dim in dimensions:
        counts = Counter(p.features.get(dim) for p in people if p.features.get(dim))
        n = sum(counts.values())
        if mode == "proportional":
            targets = {v: k * c / n for v, c in counts.items()}
        elif mode == "balanced":
            targets = _targets_balanced(dict(counts), k)
        else:
            raise ValueError(mode)
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
