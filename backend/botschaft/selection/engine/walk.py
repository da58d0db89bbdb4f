"""Seed panels for column generation on big pools: the relaxation's LEXIMIN, decomposed.

Column generation on a level of hundreds of types needs hundreds of panels in its optimum's
support and finds them a few per LP solve (correlated-1,000 balanced: 3 of about 12 levels in a
minute). The LP relaxation over the quota polytope (relaxation.py) has a LEXIMIN of its own,
computed in a few small LPs, and on the benchmark family it is the real one's or close to it.
Its point (expected seats per type) is then written as a mix of panels by a walk: find a panel
on the smallest face of the polytope holding the point (a vertex of that face from an LP, or,
if that vertex is fractional, a panel of the face from a small ILP), move the point away from
the panel until it reaches a smaller face, repeat. Each panel found meets every quota; they go
into column generation as its first columns, which still proves every level (the walk may stop
early: its time is up, or a face holds no panel because the point is not a lottery's or the
tolerances lost it). On correlated-1,000 balanced the walk took 3 s and LEXIMIN ended optimal
after 8 s, where it had stopped at its 60 s limit with three levels proven.
"""

from __future__ import annotations

import time

import highspy
import numpy as np

from .grouping import Types
from .panels import PanelSolver, set_limit
from .relaxation import relaxed_level
from .uniform import meets_quotas

TIGHT = 1e-7  # a constraint within this of its bound holds the point on its face
SLACK = 1e-6  # the fixed levels' working slack in the relaxation's LEXIMIN


def relaxed_leximin(types: Types, deadline: float) -> np.ndarray | None:
    """The relaxation's LEXIMIN, as chances per type; None if an LP fails or time is up."""
    n = len(types.counts)
    fixed: dict[int, float] = {}
    while len(fixed) < n:
        left = deadline - time.monotonic()
        if left <= 0:
            return None
        found = relaxed_level(types, fixed, SLACK, left)
        if found is None:
            return None
        z, y = found
        tied = [t for t in range(n) if t not in fixed and (y[t] > 1e-9 or z >= 1 - 1e-9)]
        if not tied:
            return None
        for t in tied:
            fixed[t] = min(max(z, 0.0), 1.0)
    return np.array([fixed[t] for t in range(n)])


class _Faces:
    """The quota polytope as two HiGHS models (LP and ILP) whose bounds are narrowed to the
    face of the current point before each solve."""

    def __init__(self, types: Types) -> None:
        n = len(types.counts)
        self.n, self.c, self.low = n, types.counts.astype(float), types.lower.astype(float)
        rows = [(types.k, types.k, np.arange(n, dtype=np.int32))]
        rows += [(lo, hi, idx.astype(np.int32)) for _, _, lo, hi, idx in types.rows]
        self.lo = np.array([r[0] for r in rows], dtype=float)
        self.hi = np.array([r[1] for r in rows], dtype=float)
        self.A = np.zeros((len(rows), n))
        for r, (_, _, idx) in enumerate(rows):
            self.A[r, idx] = 1.0
        # The pricing ILP's model (PanelSolver), once as it is and once with every seat count
        # continuous, for the face's vertex.
        self.models = [PanelSolver(types).h for _ in range(2)]
        lp, ilp = self.models
        lp.changeColsIntegrality(
            n, np.arange(n, dtype=np.int32), np.array([highspy.HighsVarType.kContinuous] * n)
        )
        # Any panel of the face will do: the first one found (0.25 s per optimal ILP on
        # many_small-500, where most vertices are fractional).
        ilp.setOptionValue("mip_max_improving_sols", 1)

    def panel(self, m: np.ndarray, cost: np.ndarray, deadline: float) -> np.ndarray | None:
        """A panel on the smallest face holding m, or None (no panel there, or no time)."""
        n, c, low = self.n, self.c, self.low
        at_lo, at_hi = m <= low + TIGHT, m >= c - TIGHT
        Am = self.A @ m
        r_lo, r_hi = Am <= self.lo + TIGHT, Am >= self.hi - TIGHT
        cols = np.arange(n, dtype=np.int32)
        rows = np.arange(len(self.lo), dtype=np.int32)
        face_lo, face_hi = np.where(at_hi, c, low), np.where(at_lo, low, c)
        lp, ilp = self.models
        for h in self.models:
            h.changeColsBounds(n, cols, face_lo, face_hi)
            h.changeRowsBounds(
                len(rows), rows, np.where(r_hi, self.hi, self.lo), np.where(r_lo, self.lo, self.hi)
            )
            h.changeColsCost(n, cols, cost)
        x = self._solve(lp, deadline)
        if x is None or np.abs(x - np.round(x)).max() < 1e-6:
            return None if x is None else np.round(x)
        # A fractional vertex: first look for a panel within one seat of it per type (the ILP
        # is smaller and almost always finds one: 383 of 384 steps on many_small-500, 20 %
        # less time for the walk), then anywhere on the face.
        near_lo = np.maximum(np.floor(x + 1e-9) - 1, face_lo)
        near_hi = np.minimum(np.ceil(x - 1e-9) + 1, face_hi)
        for lo, hi in ((near_lo, near_hi), (face_lo, face_hi)):
            ilp.changeColsBounds(n, cols, lo, hi)
            y = self._solve(ilp, deadline)
            if y is not None and np.abs(y - np.round(y)).max() < 1e-6:
                return np.round(y)
        return None

    def _solve(self, h: highspy.Highs, deadline: float) -> np.ndarray | None:
        """The model's solution (an ILP's first feasible one), or None (none, or no time)."""
        left = deadline - time.monotonic()
        if left <= 0:
            return None
        set_limit(h, left)
        h.run()
        solution = h.getSolution()
        if h.getModelStatus() != highspy.HighsModelStatus.kOptimal and not (
            h is self.models[1] and solution.value_valid
        ):
            return None
        return np.array(solution.col_value)


def walk_panels(types: Types, deadline: float, seed: int = 0) -> list[np.ndarray]:
    """Panels (each meeting every quota) from decomposing the relaxation's LEXIMIN point;
    as many as the walk found before `deadline`, possibly none."""
    p = relaxed_leximin(types, deadline)
    if p is None:
        return []
    target = p * types.counts
    faces = _Faces(types)
    rng = np.random.default_rng(seed)
    panels: list[np.ndarray] = []
    weights: list[float] = []
    rest = 1.0  # weight not yet given to a panel
    while rest > 1e-9 and time.monotonic() < deadline:
        # The point still to write (recomputed, not updated, so errors do not pile up).
        m = target - (np.array(panels).T @ np.array(weights) if panels else 0.0)
        m = np.clip(m / rest, faces.low, faces.c)
        v = faces.panel(m, rng.random(faces.n), deadline)
        if v is None or not meets_quotas(types, v):  # the second only against solver slack
            break
        d = m - v
        # The furthest step from the panel through m that stays in the polytope.
        steps = []
        for delta, now, lo, hi in (
            (d, m, faces.low, faces.c),
            (faces.A @ d, faces.A @ m, faces.lo, faces.hi),
        ):
            up, down = delta > 1e-12, delta < -1e-12
            steps += list((hi[up] - now[up]) / delta[up]) + list(
                (lo[down] - now[down]) / delta[down]
            )
        steps = [s for s in steps if s > 1e-12]
        mu = min(steps) if steps else np.inf
        panels.append(v)
        if not np.isfinite(mu):  # m is this panel
            weights.append(rest)
            break
        weights.append(rest * mu / (1 + mu))
        rest /= 1 + mu
    return panels
