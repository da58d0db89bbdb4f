"""LEXIMIN (and MAXIMIN as its first stage) by column generation over type-count panels.

Follows Flanigan, Gölz, Gupta, Hennig and Procaccia (Nature 596, 2021): the dual LP gives
weights per type; the pricing ILP finds the panel that most violates the dual; once no panel
improves, the types whose dual weight is positive are fixed at the current minimum and the
next level is maximised. Probabilities are per type (people of one type are interchangeable).

For big pools (hundreds of types) plain column generation tails off: each level here stops
when the restricted LP is within LEVEL_TOL of the best Lagrangian (dual) bound, prices at
smoothed duals and adds several panels per LP solve (see bench/selection in docs/benchmarks.md).
"""

from __future__ import annotations

import time

import highspy
import numpy as np

from .grouping import Types
from .panels import INF, PanelSolver, Timeout, cover, new_highs, set_limit

EPS = 1e-7
EPS_FIX = 1e-6
# A level stops when the restricted LP's z is within LEVEL_TOL of the best dual bound.
LEVEL_TOL = 1e-6
# From this many unfixed types on, the LP re-solves dominate: smooth the duals and take a few
# extra columns per LP solve. Below it, plain column generation is quicker (cheap LPs, and
# smoothing costs a few extra pricing ILPs at the end of every level).
BIG = 200
ALPHA = 0.8  # weight of the stability centre when smoothing
CHAIN = 2  # extra pricing ILPs per LP solve on big levels
CHAIN_ETA = 1.0


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


class PrimalRMP:
    """The restricted master LP in primal form: max z over panel weights, one column per panel.

    Adding a panel adds a column, so the basis keeps n + 1 rows however many panels there are
    and primal simplex restarts from the previous optimum (the dual form grew a row per panel
    and its re-solves dominated the run time on big pools).
    """

    def __init__(self, types: Types, fixed: dict[int, float], unfixed: np.ndarray, time_limit):
        n = len(types.counts)
        self.n, self.counts, self.fixed = n, types.counts, fixed
        self.unfixed = unfixed
        h = new_highs(time_limit)
        h.setOptionValue("simplex_strategy", 4)  # primal simplex: warm after adding columns
        h.changeObjectiveSense(highspy.ObjSense.kMaximize)
        lo = np.zeros(n + 1)
        for t, f in fixed.items():
            lo[t] = f - EPS_FIX
        lo[n] = 1.0
        up = np.full(n + 1, INF)
        up[n] = 1.0
        # rows 0..n-1: sum_j a_jt w_j - [t unfixed] z >= lo_t ; row n: sum_j w_j = 1
        for t in range(n):
            h.addRow(lo[t], up[t], 0, np.array([], dtype=np.int32), np.array([]))
        h.addRow(1.0, 1.0, 0, np.array([], dtype=np.int32), np.array([]))
        h.addVar(-INF, INF)  # z
        h.changeColCost(0, 1.0)
        for t in unfixed:
            h.changeCoeff(int(t), 0, -1.0)
        self.h = h

    def add(self, x: np.ndarray) -> None:
        nz = np.flatnonzero(x)
        rows = np.append(nz, self.n).astype(np.int32)
        vals = np.append(x[nz] / self.counts[nz], 1.0)
        self.h.addCol(0.0, 0.0, 1.0, len(rows), rows, vals)

    def solve(self, time_limit: float):
        h = self.h
        set_limit(h, time_limit)
        h.run()
        if h.getModelStatus() != highspy.HighsModelStatus.kOptimal:
            raise Timeout(str(h.getModelStatus()))
        z = float(h.getInfo().objective_function_value)
        dual = np.array(h.getSolution().row_dual)
        y = dual[: self.n]
        if len(self.unfixed) and y[self.unfixed].sum() < 0:
            y = -y
        y = np.clip(y, 0, None)
        fixed_part = sum((f - EPS_FIX) * y[t] for t, f in self.fixed.items())
        return y, z + fixed_part, z


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
        # Cover every selectable type first: otherwise the first level spends one iteration per
        # uncovered type at z = 0. Types no panel can take are fixed at 0 right away.
        covered = cover(solver, first[0], add, remaining)
        for t in np.flatnonzero(~covered):
            fixed[int(t)] = 0.0
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
            unfixed = np.array([t for t in range(n) if t not in fixed], dtype=np.int32)
            cost = np.zeros(n)
            for t, f in fixed.items():
                cost[t] = -(f - EPS_FIX)
            rmp = PrimalRMP(types, fixed, unfixed, remaining())
            for x in panels:
                rmp.add(x)

            def bound(y: np.ndarray, cost=cost) -> tuple[float, np.ndarray]:
                # Any y >= 0 with sum_unfixed y = 1 bounds this level's optimum from above
                # (Lagrangian bound): max_P a_P·y - sum_fixed (f_t - eps) y_t.
                res = solver.best(y / types.counts, remaining())
                assert res is not None
                return res[1] + float(cost @ y), res[0]

            # Stability centre (Wentges smoothing): the dual point with the best bound so far,
            # started at weights proportional to type size, whose bound is the average
            # probability left to the unfixed types (tight when they can all be equal).
            big = len(unfixed) >= BIG
            center = np.zeros(n)
            center[unfixed] = types.counts[unfixed] / types.counts[unfixed].sum()
            best_bound = INF
            if big:
                best_bound, x = bound(center)
                if add(x):
                    rmp.add(x)
            alpha = ALPHA if big else 0.0
            while True:
                y, yhat, z = rmp.solve(remaining())
                if best_bound - z <= LEVEL_TOL:
                    break
                # Price between the centre and the restricted dual: damps the oscillation of
                # column generation's duals (its long tail on big pools).
                sep = alpha * center + (1 - alpha) * y
                added = False
                for i in range(1 + (CHAIN if big else 0)):
                    if i:
                        # More columns per LP solve, the LP re-solves being the slow part: a
                        # short multiplicative-weights chain damping the types the last panel
                        # took, keeping the panels that still improve the restricted LP.
                        sep = sep * np.exp(-CHAIN_ETA * x / types.counts)
                        sep /= sep[unfixed].sum()
                    value, x = bound(sep)
                    if value < best_bound:
                        best_bound, center = value, sep
                    if float(x / types.counts @ y) > yhat + EPS and add(x):
                        rmp.add(x)
                        added = True
                    if best_bound - z <= LEVEL_TOL:
                        break
                if not added:
                    if alpha == 0.0:
                        break  # no improving panel at the restricted dual: exact optimum
                    # Mis-pricing: the centre moved towards y; after a few, price at y itself.
                    alpha = alpha - 0.25 if alpha > 0.25 else 0.0
            z = min(max(z, 0.0), 1.0)
            # Types tied to z. An exact dual (y at the end of plain column generation) ties
            # its support. A dual point with bound z + g lets a type of weight y_t exceed z by
            # at most g / y_t, so of the centre only clearly weighted types are fixed now; the
            # others are left to the next level (which then finds them at about z again).
            gap = max(best_bound - z, 0.0)
            tied = center > max(EPS, gap * 1e3)
            if gap <= EPS:
                tied |= y > EPS
            newly = [int(t) for t in unfixed if tied[t]]
            if not newly:
                newly = [int(t) for t in unfixed if y[t] >= y[unfixed].max() - EPS]
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
