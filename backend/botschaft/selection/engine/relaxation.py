"""A level's bound from the LP relaxation of the panels: no pricing needed.

Every lottery's expected seats per type lie in the quota polytope (seats per type between its
lower bound and its size, k in all, each quota's seats within its bounds), because every panel
does. So the largest z that a point of that polytope gives every unfixed type (the fixed ones
held at their levels) bounds the level from above, and an optimal dual of that small LP (one
column per type, a row per quota) is a dual point whose Lagrangian bound is usually the same
value: a good stability centre. On the benchmark's balanced pools the relaxation's first level
equals the proven MAXIMIN (0.074124 on independent-2,000), so a level can end as soon as the
restricted LP reaches it, instead of waiting for pricing ILPs to bring their bound down.
"""

from __future__ import annotations

import highspy
import numpy as np

from .grouping import Types
from .panels import INF, new_highs


def relaxed_level(
    types: Types, fixed: dict[int, float], slack: float, time_limit: float
) -> tuple[float, np.ndarray] | None:
    """The relaxation's largest z for the unfixed types (fixed types at least their level
    minus `slack`, as in the restricted LP) and its duals over the types' rows (non-negative,
    scaled to sum to 1 over the unfixed types, as the restricted LP's); None if HiGHS has no
    optimum in time."""
    n = len(types.counts)
    c = types.counts
    h = new_highs(time_limit)
    h.changeObjectiveSense(highspy.ObjSense.kMaximize)
    h.addVars(n, types.lower.astype(float), c.astype(float))  # seats per type
    h.addVar(-INF, INF)  # z
    h.changeColCost(n, 1.0)
    everyone = np.arange(n, dtype=np.int32)
    h.addRow(types.k, types.k, n, everyone, np.ones(n))
    for _, _, lo, hi, idx in types.rows:
        h.addRow(lo, hi, len(idx), idx, np.ones(len(idx)))
    first = h.getNumRow()
    # Type rows: x_t / c_t - z >= 0 (unfixed), x_t / c_t >= level - slack (fixed).
    open_ = np.array([t not in fixed for t in range(n)])
    lower = np.array([fixed.get(t, 0.0) - slack if t in fixed else 0.0 for t in range(n)])
    starts = np.arange(n, dtype=np.int32) * 2
    index = np.column_stack([everyone, np.full(n, n, dtype=np.int32)]).ravel()
    value = np.column_stack([1.0 / c, np.where(open_, -1.0, 0.0)]).ravel()
    h.addRows(n, lower, np.full(n, INF), 2 * n, starts, index, value)
    h.run()
    if h.getModelStatus() != highspy.HighsModelStatus.kOptimal:
        return None
    solution = h.getSolution()
    y = np.abs(np.array(solution.row_dual[first:]))
    if y[open_].sum() <= 0:
        return None
    return float(solution.col_value[n]), y / y[open_].sum()
