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

from .grouping import Types

# Swaps must gain more than this (relative to the largest weight) to be taken.
GAIN_TOL = 1e-9


class SwapSearch:
    """Best-improvement 1-swap local search: one seat moves from type a to type b when every
    quota row stays within its bounds and b's weight exceeds a's."""

    def __init__(self, types: Types) -> None:
        self.types = types
        n = len(types.counts)
        self.M = np.zeros((len(types.rows), n))
        for r, (_, _, _, _, idx) in enumerate(types.rows):
            self.M[r, idx] = 1.0
        self.lo = np.array([row[2] for row in types.rows], dtype=float)
        self.hi = np.array([row[3] for row in types.rows], dtype=float)

    def improve(self, x: np.ndarray, w: np.ndarray, max_steps: int) -> np.ndarray:
        """A local optimum of w·x reached from the feasible panel x by improving swaps."""
        M, counts, lower = self.M, self.types.counts, self.types.lower
        x = x.astype(float).copy()
        load = M @ x
        tol = GAIN_TOL * max(float(np.abs(w).max()), 1e-12)
        for _ in range(max_steps):
            out = np.flatnonzero(x > lower)  # a seat can leave these types
            into = np.flatnonzero(x < counts)  # and join these
            if not len(out) or not len(into):
                break
            gain = w[into][None, :] - w[out][:, None]
            if gain.max() <= tol:
                break
            # Rows a swap would break: a leaves a row at its minimum that b is not in, or b
            # joins a row at its maximum that a is not in.
            Mo, Mi = M[:, out], M[:, into]
            at_min = (load - 1 < self.lo - 1e-9)[:, None]
            at_max = (load + 1 > self.hi + 1e-9)[:, None]
            broken = (Mo * at_min).T @ (1 - Mi) + (1 - Mo).T @ (Mi * at_max)
            gain[broken > 0] = -np.inf
            i, j = np.unravel_index(int(np.argmax(gain)), gain.shape)
            if gain[i, j] <= tol:
                break
            a, b = out[i], into[j]
            x[a] -= 1
            x[b] += 1
            load += M[:, b] - M[:, a]
        return x
