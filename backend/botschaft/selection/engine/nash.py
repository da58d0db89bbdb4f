"""NASH welfare: the distribution over feasible panels that maximises the sum of the logarithms
of the selection probabilities (the product of everyone's chance), for comparison with LEXIMIN.

Frank-Wolfe with column generation (Flanigan et al. compare the same objective): the gradient of
Σ_t c_t·log π_t towards a panel x is Σ_t x_t / π_t, so the next column is the max-weight panel
with weights 1/π_t (the same pricing ILP as LEXIMIN), the step length is found by bisection on
the one-dimensional derivative, and the known panels are then re-weighted by multiplicative
updates. Starts from the LEXIMIN distribution, which also tells which
types can be selected at all (the others keep probability 0 and stay out of the objective).
"""

from __future__ import annotations

import time

import numpy as np

from .grouping import Types
from .leximin import Outcome, leximin, settle
from .panels import PanelSolver, SolverError, Timeout

GAP = 1e-3  # relative Frank-Wolfe gap: Σ log p within 0.001·n of the optimum
MAX_ITERATIONS = 2000
REWEIGHT_ITERATIONS = 30


def _step(counts: np.ndarray, pi: np.ndarray, s: np.ndarray) -> float:
    """The γ in [0, 1] maximising Σ c·log((1-γ)π + γs) (concave in γ: bisection on f')."""

    def slope(g: float) -> float:
        return float(np.sum(counts * (s - pi) / ((1 - g) * pi + g * s)))

    if slope(0.0) <= 0:
        return 0.0
    if slope(1.0 - 1e-12) >= 0:
        return 1.0
    lo, hi = 0.0, 1.0
    for _ in range(50):
        mid = (lo + hi) / 2
        if slope(mid) > 0:
            lo = mid
        else:
            hi = mid
    return lo


def _reweight(counts: np.ndarray, live: np.ndarray, panels: list, weights: np.ndarray):
    """Re-weights the known panels towards the restricted optimum (the EM / multiplicative update
    for mixture weights: w_j ← w_j · g_j / N never lowers Σ c·log π). Makes Frank-Wolfe fully
    corrective enough to converge in few columns."""
    A = np.array(panels, dtype=float).T / counts[:, None]  # types x panels: π = A @ w
    c = np.where(live, counts, 0.0)
    total = c.sum()
    for _ in range(REWEIGHT_ITERATIONS):
        pi = A @ weights
        gradient = (c / np.maximum(pi, 1e-12)) @ A
        weights = weights * gradient / total
        weights = weights / weights.sum()
    return weights, A @ weights


def nash(types: Types, deadline: float) -> Outcome:
    """Like `leximin`, never raises: a time limit or solver failure keeps the distribution so far."""
    start = leximin(types, deadline)
    if start.status in ("infeasible", "failed") or not start.panels:
        return start
    panels = list(start.panels)
    weights = np.asarray(start.weights, dtype=float)
    probs = start.probs
    counts = types.counts
    live = probs > 1e-9  # types that some feasible panel selects
    seen = {x.astype(np.int64).tobytes(): i for i, x in enumerate(panels)}
    pi = np.asarray(probs, dtype=float)
    state, message = "time_limit", "Time limit reached; the best distribution found is returned."
    try:
        solver = PanelSolver(types)
        for _ in range(MAX_ITERATIONS):
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                break
            price = np.where(live, 1.0 / np.maximum(pi, 1e-12), 0.0)
            found = solver.best(price, remaining)
            if found is None:  # cannot happen after a feasible LEXIMIN; keep what we have
                break
            x, value = found
            current = float(np.sum(np.where(live, counts, 0.0)))  # Σ_t E[x_t]/π_t over live types
            if value - current <= GAP * current:
                state, message = "optimal", ""
                break
            s = x / counts
            gamma = _step(counts[live], pi[live], s[live])
            if gamma <= 0:
                state, message = "optimal", ""
                break
            key = x.astype(np.int64).tobytes()
            weights = weights * (1 - gamma)
            if key in seen:
                weights[seen[key]] += gamma
            else:
                seen[key] = len(panels)
                panels.append(x)
                weights = np.append(weights, gamma)
            pi = (1 - gamma) * pi + gamma * s
            weights, pi = _reweight(counts, live, panels, weights)
    except Timeout:
        pass
    except SolverError as error:
        state = "failed"
        message = f"The solver failed ({error}); the distribution found until then is returned."
    weights, pi = settle(types, panels, weights)
    return Outcome(state, panels, weights, pi, start.levels, message)
