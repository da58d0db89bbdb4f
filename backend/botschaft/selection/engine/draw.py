"""Seeded draw: a type panel from the distribution, then people uniformly within each type."""

from __future__ import annotations

import numpy as np

from .grouping import Types


def draw(types: Types, panels: list[np.ndarray], weights: np.ndarray, seed: int) -> tuple[str, ...]:
    rng = np.random.default_rng(seed)
    p = np.clip(weights, 0, None)
    i = int(rng.choice(len(panels), p=p / p.sum()))
    chosen: list[str] = []
    for t, count in enumerate(panels[i]):
        members = types.members[t]
        picks = rng.choice(len(members), size=int(count), replace=False)
        chosen.extend(members[j] for j in sorted(picks))
    return tuple(sorted(chosen))


def representative(types: Types, x: np.ndarray, shift: int = 0) -> tuple[str, ...]:
    """One person panel of type composition x (people of a type are interchangeable)."""
    out: list[str] = []
    for t, count in enumerate(x):
        members = types.members[t]
        start = shift % len(members)
        rot = members[start:] + members[:start]
        out.extend(rot[: int(count)])
    return tuple(sorted(out))
