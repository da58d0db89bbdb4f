"""Cheap pricing: a swap local search over panels that meet the quotas.

On big pools one exact pricing ILP takes up to half a second (many_small-500 balanced), and
column generation needs hundreds of columns. Most of them need no proof of optimality, only
a panel whose dual weight beats the restricted LP's: starting from the best panel found so far
at the current weights, exchanging one seat of one type for one of another (quotas kept) finds
such a panel in milliseconds. The exact ILP is then only needed where the search finds none
(to prove that no improving panel remains, or to bound the level).
"""

from __future__ import annotations

import numpy as np

from .grouping import Types, quota_rows

# Swaps must gain more than this (relative to the largest weight) to be taken.
GAIN_TOL = 1e-9


class SwapSearch:
    """Best-improvement 1-swap local search: one seat moves from type a to type b when every
    quota row stays within its bounds and b's weight exceeds a's."""

    def __init__(self, types: Types) -> None:
        self.types = types
        self.row, self.lo, self.hi = quota_rows(types)

    def improve(self, x: np.ndarray, w: np.ndarray, max_steps: int) -> np.ndarray:
        """A local optimum of w·x reached from the feasible panel x by improving swaps."""
        counts, lower = self.types.counts, self.types.lower
        x = x.astype(float).copy()
        load = np.bincount(self.row.ravel(), np.tile(x, len(self.row)), len(self.lo))
        tol = GAIN_TOL * max(float(np.abs(w).max()), 1e-12)
        for _ in range(max_steps):
            out = np.flatnonzero(x > lower)  # a seat can leave these types
            into = np.flatnonzero(x < counts)  # and join these
            if not len(out) or not len(into):
                break
            # Only pairs that could gain: b above the cheapest a, a below the dearest b.
            into = into[w[into] > w[out].min() + tol]
            if not len(into):
                break
            out = out[w[out] < w[into].max() - tol]
            gain = w[into][None, :] - w[out][:, None]
            # A swap breaks a dimension where a and b differ if a's row is at its minimum or
            # b's at its maximum (elementwise, no BLAS: its threads only compete on 2 cores).
            at_min = load - 1 < self.lo - 1e-9
            at_max = load + 1 > self.hi + 1e-9
            for row in self.row:
                ro, ri = row[out][:, None], row[into][None, :]
                blocked = at_min[ro] | at_max[ri]
                blocked &= ro != ri
                gain[blocked] = -np.inf
            i, j = np.unravel_index(int(np.argmax(gain)), gain.shape)
            if gain[i, j] <= tol:
                break
            a, b = out[i], into[j]
            x[a] -= 1
            x[b] += 1
            load[self.row[:, b]] += 1
            load[self.row[:, a]] -= 1
        return x
