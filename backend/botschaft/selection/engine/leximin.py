"""LEXIMIN (and MAXIMIN as its first stage) by column generation over type-count panels.

Follows Flanigan, Gölz, Gupta, Hennig and Procaccia (Nature 596, 2021): the dual LP gives
weights per type; the pricing ILP finds the panel that most violates the dual; once no panel
improves, the types whose dual weight is positive are fixed at the current minimum and the
next level is maximised. Probabilities are per type (people of one type are interchangeable).
"""

from __future__ import annotations

import time

import highspy
import numpy as np

from .grouping import Types
from .panels import INF, PanelSolver, Timeout, new_highs, set_time_limit

EPS = 1e-7
# Column generation stops when no panel improves the current level by more than this (in
# selection probability): the level is then within GAP of its optimum (weak duality), far
# below what the report shows (0.1 percentage points), and the long tail of tiny improvements
# that large pools spend most of their time on is cut off.
GAP = 1e-6
SMOOTHING = 0.85
SMOOTH_FROM_TYPES = 200  # small pools converge in a few rounds; smoothing only adds pricing
EPS_FIX = 1e-6


def primal(types: Types, panels: list[np.ndarray], fixed: dict[int, float], time_limit: float):
    """Weights over panels: fixed types keep their probability, the rest maximise their minimum."""
    n = len(types.counts)
    m = len(panels)
    A = np.array(panels, dtype=float).T / types.counts[:, None]  # n x m
    for slack in (EPS_FIX, 1e-5, 1e-4, 1e-3):
        h = new_highs(time_limit)
        unfixed = [t for t in range(n) if t not in fixed]
        h.addVars(m + 1, np.zeros(m + 1), np.append(np.ones(m), 1.0 if unfixed else 0.0))
        cost = np.zeros(m + 1)
        cost[m] = 1.0
        h.changeColsCost(m + 1, np.arange(m + 1, dtype=np.int32), cost)
        h.changeObjectiveSense(highspy.ObjSense.kMaximize)
        h.addRow(1.0, 1.0, m, np.arange(m, dtype=np.int32), np.ones(m))
        for t in range(n):
            if t in fixed:
                h.addRow(fixed[t] - slack, INF, m, np.arange(m, dtype=np.int32), A[t])
            else:
                idx = np.arange(m + 1, dtype=np.int32)
                h.addRow(0.0, INF, m + 1, idx, np.append(A[t], -1.0))
        h.run()
        if h.getModelStatus() == highspy.HighsModelStatus.kOptimal:
            w = np.clip(np.array(h.getSolution().col_value[:m]), 0, None)
            w = w / w.sum()
            return w, A @ w
    raise Timeout("primal LP failed")


def leximin(types: Types, deadline: float, levels: int | None = None):
    """Returns (status, panels, weights, type probabilities)."""
    n = len(types.counts)
    solver = PanelSolver(types)

    def remaining() -> float:
        r = deadline - time.monotonic()
        if r <= 0:
            raise Timeout("time limit")
        return r

    fixed: dict[int, float] = {
        t: 1.0 for t in range(n) if types.lower[t] == types.counts[t] and types.lower[t] > 0
    }
    panels: list[np.ndarray] = []
    seen: set[bytes] = set()

    def add(x: np.ndarray) -> bool:
        key = x.astype(np.int64).tobytes()
        if key in seen:
            return False
        seen.add(key)
        panels.append(x)
        return True

    # Seed columns: with few types, a panel per type favouring it (helps warm-up; skipped otherwise).
    try:
        first = solver.best(np.zeros(n), remaining())
        if first is None:
            return "infeasible", [], np.array([]), np.zeros(n)
        add(first[0])
        for t in range(n if n <= 8 else 0):
            if t in fixed:
                continue
            w = np.full(n, 1e-3)
            w[t] = 1.0
            res = solver.best(w / types.counts, remaining())
            if res is not None:
                add(res[0])
        level = 0
        while len(fixed) < n and (levels is None or level < levels):
            level += 1
            # Dual: min yhat - sum_fixed f_t y_t ; panels: a_P·y - yhat <= 0 ; sum_unfixed y = 1.
            h = new_highs(remaining())
            h.addVars(n + 1, np.zeros(n + 1), np.append(np.full(n, INF), INF))
            h.changeColBounds(n, -INF, INF)
            cost = np.zeros(n + 1)
            for t, f in fixed.items():
                cost[t] = -(f - EPS_FIX)
            cost[n] = 1.0
            h.changeColsCost(n + 1, np.arange(n + 1, dtype=np.int32), cost)
            unfixed = np.array([t for t in range(n) if t not in fixed], dtype=np.int32)
            h.addRow(1.0, 1.0, len(unfixed), unfixed, np.ones(len(unfixed)))
            all_idx = np.arange(n + 1, dtype=np.int32)
            for x in panels:
                h.addRow(-INF, 0.0, n + 1, all_idx, np.append(x / types.counts, -1.0))
            fixed_weight = -cost[:n]  # f_t - EPS_FIX on fixed types, 0 elsewhere

            def bound(duals: np.ndarray, panel: np.ndarray, fixed_weight=fixed_weight) -> float:
                # Weak duality: no distribution lifts this level above the best panel's value.
                return float(panel / types.counts @ duals - fixed_weight @ duals)

            # Dual smoothing (Wentges): price at a point between the best dual seen and the
            # current one; the duals of these degenerate LPs jump around, and pricing at the
            # smoothed point finds useful panels in far fewer rounds on large pools.
            center, best = None, INF
            while True:
                set_time_limit(h, remaining())
                h.run()
                if h.getModelStatus() != highspy.HighsModelStatus.kOptimal:
                    raise Timeout(str(h.getModelStatus()))
                sol = np.array(h.getSolution().col_value)
                y, yhat = np.clip(sol[:n], 0, None), sol[n]
                z = float(h.getInfo().objective_function_value)
                if center is not None and n >= SMOOTH_FROM_TYPES and best - z > GAP:
                    smooth = SMOOTHING * center + (1 - SMOOTHING) * y
                    x, _ = solver.best(smooth / types.counts, remaining())
                    if (b := bound(smooth, x)) < best:
                        center, best = smooth, b
                    if x / types.counts @ y > yhat + GAP and add(x):
                        h.addRow(-INF, 0.0, n + 1, all_idx, np.append(x / types.counts, -1.0))
                        continue
                res = solver.best(y / types.counts, remaining())
                assert res is not None
                x, value = res
                if (b := bound(y, x)) < best:
                    center, best = y, b
                if value <= yhat + GAP or best - z <= GAP or not add(x):
                    break
                h.addRow(-INF, 0.0, n + 1, all_idx, np.append(x / types.counts, -1.0))
            z = float(h.getInfo().objective_function_value)
            z = min(max(z, 0.0), 1.0)
            newly = [int(t) for t in unfixed if y[t] > EPS]
            # Probabilities sum to k: when every unfixed person can get z and that uses up the
            # seats, nobody can rise without someone falling, so all of them are done at once
            # (the common case of "everyone k/n", which otherwise costs one level per type).
            seats = sum(f * types.counts[t] for t, f in fixed.items())
            if not newly or seats + z * types.counts[unfixed].sum() >= types.k - 1e-6 * types.k:
                newly = [int(t) for t in unfixed]
            for t in newly:
                fixed[t] = z
        if levels is not None and len(fixed) < n:
            w, probs = primal(types, panels, fixed, remaining())
            return "optimal", panels, w, probs
        w, probs = primal(types, panels, fixed, remaining())
        return "optimal", panels, w, probs
    except Timeout:
        if not panels:
            return "time_limit", [], np.array([]), np.zeros(n)
        w, probs = primal(types, panels, {t: f for t, f in fixed.items() if f == 1.0}, 5.0)
        return "time_limit", panels, w, probs
