"""Everyone at k/n, when the quotas allow it: a design instead of column generation.

The panels have k seats, so the chances sum to k and the lowest is at most k/n; a lottery
that gives everyone exactly k/n is therefore the LEXIMIN (and MAXIMIN, and NASH) optimum.
Column generation finds it slowly on big pools: the LP's optimum needs about one panel per
type in its support, and at 2,000 people of 1,863 types it did not get there in a minute.

A design gets there directly. People are split into m = n/g groups of g = gcd(n, k), placed on
a circle; panel j is the w = k/g consecutive groups from group j on. Each group is on w of the
m panels, so with every panel equally likely each person's chance is w/m = k/n exactly. (When
k divides n, w = 1 and the panels partition the pool.) What remains is to place the people so
that every panel meets every quota: a local search that swaps two people's groups while the
total quota violation of the panels falls (ties and, now and then, a worse swap are taken, so
it does not stop on a plateau). It is tried only where the uniform chance can meet the quotas
on average (k × share within each quota) and for a bounded time; where it finds no design,
column generation runs as before.
"""

from __future__ import annotations

import math
import time

import numpy as np

from .grouping import Types, quota_rows

# Groups per panel (w = k/g) at most: the search's cost per swap grows with w.
MAX_SPAN = 8
NOISE = 0.02  # share of swaps taken at random when no swap improves (leaves local optima)


def possible(types: Types) -> bool:
    """Whether everyone at k/n can meet the quotas on average: each quota row's expected seats
    k × (its people / n) within its bounds, nobody pinned (a pinned person's chance is 1)."""
    n = float(types.counts.sum())
    if types.lower.any() or n <= types.k:
        return False
    for _, _, lo, hi, idx in types.rows:
        expected = types.k * float(types.counts[idx].sum()) / n
        if not lo - 1e-9 <= expected <= hi + 1e-9:
            return False
    return True


class Design:
    """People in m groups on a circle; panel j is groups j, j+1, …, j+w-1 (mod m)."""

    def __init__(self, types: Types, rng: np.random.Generator) -> None:
        counts = types.counts.astype(int)
        n, k = int(counts.sum()), types.k
        g = math.gcd(n, k)
        self.m, self.w = n // g, k // g
        self.types, self.rng = types, rng
        self.ptype = np.repeat(np.arange(len(counts)), counts)
        row, self.lo, self.hi = quota_rows(types)
        dims, R = row.shape[0], len(types.rows)
        self.prow = row[:, self.ptype].T  # person x dimension -> quota row
        # Start: people sorted by their values, dealt round the circle, so the first
        # dimensions are spread evenly before the search starts.
        order = np.lexsort(self.prow.T[::-1] if dims else [np.arange(n)])
        self.group = np.empty(n, dtype=np.int64)
        self.group[order] = np.arange(n) % self.m
        gl = np.zeros((self.m, R + 1))
        np.add.at(gl, (np.repeat(self.group, dims), self.prow.ravel()), 1.0)
        self.group_load = gl

    def windows(self) -> np.ndarray:
        """Seats per panel and quota row (panel j: the w groups from j on)."""
        out = self.group_load.copy()
        for o in range(1, self.w):
            out += np.roll(self.group_load, -o, axis=0)
        return out

    def _costs(self, load: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        def viol(x):
            return np.maximum(self.lo - x, 0.0) + np.maximum(x - self.hi, 0.0)

        now = viol(load)
        return now, viol(load - 1) - now, viol(load + 1) - now  # violation, one less, one more

    def _deltas(self, p: int, dec: np.ndarray, inc: np.ndarray) -> np.ndarray:
        """Change of the total violation if p and each other person swapped groups."""
        gp, rp = self.group[p], self.prow[p]
        rq, gq = self.prow, self.group
        differ = rq != rp[None, :]  # people x dims: rows that change
        delta = np.zeros(len(gq))
        for o in range(self.w):
            # Panel gp - o holds p; it loses p, gains q unless q's group is in it too.
            j = (gp - o) % self.m
            lose = (gq - j) % self.m >= self.w
            part = (dec[j, rp][None, :] + inc[j][rq]) * differ
            delta += np.where(lose, part.sum(1), 0.0)
            # Panel gq - o holds q; it loses q, gains p unless p's group is in it too.
            jq = (gq - o) % self.m
            gain = (gp - jq) % self.m >= self.w
            part = (inc[jq[:, None], rp[None, :]] + dec[jq[:, None], rq]) * differ
            delta += np.where(gain, part.sum(1), 0.0)
        delta[gq == gp] = np.inf
        return delta

    def _swap(self, p: int, q: int) -> None:
        gp, gq = self.group[p], self.group[q]
        for person, old, new in ((p, gp, gq), (q, gq, gp)):
            np.subtract.at(self.group_load[old], self.prow[person], 1.0)
            np.add.at(self.group_load[new], self.prow[person], 1.0)
            self.group[person] = new

    def search(self, deadline: float) -> bool:
        """Swaps until every panel meets every quota (True) or the time is up (False)."""
        rng = self.rng
        while time.monotonic() < deadline:
            load = self.windows()
            viol, dec, inc = self._costs(load)
            cells = np.argwhere(viol > 0)
            if not len(cells):
                return True
            j, r = cells[rng.integers(len(cells))]
            in_panel = (self.group - j) % self.m < self.w
            has_row = (self.prow == r).any(1)
            # Too many of row r in panel j: move one of them out; too few: bring one in.
            pick = in_panel & has_row if load[j, r] > self.hi[r] else ~in_panel & has_row
            candidates = np.flatnonzero(pick)
            if not len(candidates):
                return False  # cannot happen when `possible` holds; nothing to search
            p = int(candidates[rng.integers(len(candidates))])
            delta = self._deltas(p, dec, inc)
            best = float(delta.min())
            if best > 0 and rng.random() >= NOISE:
                continue
            ties = (
                np.flatnonzero(delta <= best + 1e-9)
                if best <= 0
                else np.flatnonzero(np.isfinite(delta))
            )
            self._swap(p, int(ties[rng.integers(len(ties))]))
        return False

    def panels(self) -> list[np.ndarray]:
        n_types = len(self.types.counts)
        per_group = np.zeros((self.m, n_types))
        np.add.at(per_group, (self.group, self.ptype), 1.0)
        out = per_group.copy()
        for o in range(1, self.w):
            out += np.roll(per_group, -o, axis=0)
        return list(out)


def meets_quotas(types: Types, x: np.ndarray) -> bool:
    if x.sum() != types.k or (x > types.counts).any() or (x < types.lower).any():
        return False
    return all(lo <= x[idx].sum() <= hi for _, _, lo, hi, idx in types.rows)


def uniform_design(types: Types, deadline: float, seed: int = 0) -> list[np.ndarray] | None:
    """Panels of a design that gives everyone k/n (each panel equally likely), or None when
    the quotas rule it out on average or the search finds none before `deadline`."""
    if not possible(types):
        return None
    n = int(types.counts.sum())
    if types.k // math.gcd(n, types.k) > MAX_SPAN:
        return None
    design = Design(types, np.random.default_rng(seed))
    if not design.search(deadline):
        return None
    panels = design.panels()
    return panels if all(meets_quotas(types, x) for x in panels) else None
