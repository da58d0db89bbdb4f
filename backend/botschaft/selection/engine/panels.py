"""The integer program over type counts: a feasible panel of maximum weight (HiGHS)."""

from __future__ import annotations

import highspy
import numpy as np

from .grouping import Types

INF = highspy.kHighsInf


class Timeout(Exception):
    """The time limit ran out before HiGHS had an answer."""


class SolverError(Exception):
    """HiGHS stopped without an answer for another reason (numerical trouble, a solver error)."""


def stopped(status: highspy.HighsModelStatus) -> Exception:
    """The exception for a solve that ended without an optimum."""
    if status == highspy.HighsModelStatus.kTimeLimit:
        return Timeout(str(status))
    return SolverError(str(status))


def new_highs(time_limit: float) -> highspy.Highs:
    h = highspy.Highs()
    h.setOptionValue("output_flag", False)
    h.setOptionValue("random_seed", 0)
    h.setOptionValue("threads", 1)
    h.setOptionValue("time_limit", max(0.01, float(time_limit)))
    return h


def set_limit(h: highspy.Highs, seconds: float) -> None:
    """Allow `seconds` more: HiGHS checks time_limit against the run time summed over every
    run() of the object, so a reused object given the time left stopped far too early."""
    h.setOptionValue("time_limit", h.getRunTime() + max(0.01, float(seconds)))


class PanelSolver:
    """Reusable max-weight panel ILP: x_t integer in [lower_t, count_t], sum x = k, quotas."""

    def __init__(self, types: Types, gap: float | None = None) -> None:
        self.types = types
        n = len(types.counts)
        self.n = n
        h = new_highs(1e6)
        if gap is not None:
            h.setOptionValue("mip_rel_gap", gap)  # HiGHS stops within 1e-4 by default
        h.addVars(n, types.lower, types.counts)
        h.changeColsIntegrality(
            n, np.arange(n, dtype=np.int32), np.array([highspy.HighsVarType.kInteger] * n)
        )
        h.addRow(types.k, types.k, n, np.arange(n, dtype=np.int32), np.ones(n))
        for _, _, lo, hi, idx in types.rows:
            h.addRow(lo, hi, len(idx), idx, np.ones(len(idx)))
        h.changeObjectiveSense(highspy.ObjSense.kMaximize)
        self.h = h
        self.bound = INF
        self.calls, self.seconds = 0, 0.0  # of the solves so far (for `mean_seconds`)

    def mean_seconds(self) -> float:
        return self.seconds / self.calls if self.calls else 0.0

    def best(
        self, weights: np.ndarray, time_limit: float, hint: np.ndarray | None = None
    ) -> tuple[np.ndarray, float] | None:
        """Panel maximising weights·x; None if infeasible. Raises Timeout or SolverError.
        `hint`, a feasible panel (the swap search's), starts the branch and bound with an
        incumbent, so HiGHS prunes from its first node on."""
        h = self.h
        set_limit(h, time_limit)
        h.changeColsCost(
            self.n, np.arange(self.n, dtype=np.int32), np.asarray(weights, dtype=float)
        )
        if hint is not None:
            h.setSolution(self.n, np.arange(self.n, dtype=np.int32), np.asarray(hint, dtype=float))
        before = h.getRunTime()
        h.run()
        self.calls += 1
        self.seconds += h.getRunTime() - before
        status = h.getModelStatus()
        # Upper bound on the true maximum (MIP gap): lets callers certify optimality gaps.
        self.bound = float(h.getInfo().mip_dual_bound)
        if status == highspy.HighsModelStatus.kInfeasible:
            return None
        if status != highspy.HighsModelStatus.kOptimal:
            sol = h.getSolution()
            if status == highspy.HighsModelStatus.kTimeLimit and sol.value_valid:
                x = np.round(np.array(sol.col_value))
                return x, float(np.dot(weights, x))
            raise stopped(status)
        x = np.round(np.array(h.getSolution().col_value))
        return x, float(np.dot(weights, x))


def cover(solver: PanelSolver, panels: list[np.ndarray], add, remaining) -> np.ndarray:
    """Seed columns until every type that can be selected at all is in some panel (`panels`,
    the ones found so far, or one the ILPs here find).

    Weights 1/c_t on the uncovered types favour panels covering many (small) types at once; if
    the best panel takes none of them, no feasible panel ever does. Returns the mask of types
    some feasible panel selects (the others have probability 0 in every distribution).
    """
    c = solver.types.counts
    covered = np.any(np.array(panels) > 0, axis=0)
    while not covered.all():
        res = solver.best(np.where(covered, 0.0, 1.0 / c), remaining())
        if res is None:
            raise SolverError("a feasible pricing problem was reported infeasible")
        x, value = res
        if value <= 1e-9 or not (x[~covered] > 0).any():
            break
        add(x)
        covered |= x > 0
    return covered
