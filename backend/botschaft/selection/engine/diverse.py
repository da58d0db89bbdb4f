"""DIVERSE: one deterministic panel for very small pools, where a lottery has little room.

Among the panels that meet every quota, the one that covers the most dimension values, then
the most pairs of values of two dimensions (e.g. "under 25" together with "technical
occupation"), as an integer program with HiGHS. Values are worth more than any number of
pairs, so a panel never gives up a value for pairs. Same input, same panel: the seed plays no
part.
"""

from __future__ import annotations

from itertools import combinations

import highspy
import numpy as np

from .grouping import Types
from .panels import new_highs, stopped

MAX_POOL = 300  # beyond this the pair variables grow quickly, and a lottery is the better tool


def diverse(types: Types, dimensions: list[str], time_limit: float):
    """Returns (status, type counts of the panel or None). Works on types: people of one type
    cover the same values, so the panel's composition decides the coverage."""
    n = len(types.counts)
    dims = range(len(dimensions))
    values = sorted({(d, key[d]) for key in types.keys for d in dims if key[d]})
    pairs = sorted(
        {
            ((d1, key[d1]), (d2, key[d2]))
            for key in types.keys
            for d1, d2 in combinations(dims, 2)
            if key[d1] and key[d2]
        }
    )
    h = new_highs(time_limit)
    # Columns: x_t (seats of type t), y_v (value v covered), z_p (pair p covered).
    nv, npairs = len(values), len(pairs)
    total = n + nv + npairs
    h.addVars(
        total,
        np.concatenate([types.lower, np.zeros(nv + npairs)]),
        np.concatenate([types.counts, np.ones(nv + npairs)]),
    )
    h.changeColsIntegrality(
        total, np.arange(total, dtype=np.int32), np.array([highspy.HighsVarType.kInteger] * total)
    )
    weight_value = float(npairs + 1)
    cost = np.concatenate([np.zeros(n), np.full(nv, weight_value), np.ones(npairs)])
    h.changeColsCost(total, np.arange(total, dtype=np.int32), cost)
    h.changeObjectiveSense(highspy.ObjSense.kMaximize)
    h.addRow(types.k, types.k, n, np.arange(n, dtype=np.int32), np.ones(n))
    for _, _, lo, hi, idx in types.rows:
        h.addRow(lo, hi, len(idx), idx, np.ones(len(idx)))

    def covers(col: int, having: list[int]) -> None:
        # covered <= seats of the types that have it
        idx = np.array([*having, col], dtype=np.int32)
        coef = np.array([-1.0] * len(having) + [1.0])
        h.addRow(-highspy.kHighsInf, 0.0, len(idx), idx, coef)

    for j, (d, v) in enumerate(values):
        covers(n + j, [t for t, key in enumerate(types.keys) if key[d] == v])
    for j, ((d1, v1), (d2, v2)) in enumerate(pairs):
        covers(
            n + nv + j, [t for t, key in enumerate(types.keys) if key[d1] == v1 and key[d2] == v2]
        )
    h.run()
    status = h.getModelStatus()
    if status == highspy.HighsModelStatus.kInfeasible:
        return "infeasible", None
    solution = h.getSolution()
    if status != highspy.HighsModelStatus.kOptimal:
        if status == highspy.HighsModelStatus.kTimeLimit and solution.value_valid:
            return "time_limit", np.round(np.array(solution.col_value[:n]))
        raise stopped(status)
    return "optimal", np.round(np.array(solution.col_value[:n]))
