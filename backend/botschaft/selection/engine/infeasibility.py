"""When quotas cannot be met: the smallest relaxation (total seats added to maxima / removed
from minima) that makes them feasible, and which quotas conflict."""

from __future__ import annotations

import highspy
import numpy as np

from .grouping import Types
from .model import Relaxation
from .panels import new_highs


def smallest_relaxation(types: Types, time_limit: float) -> tuple[Relaxation, ...] | None:
    n = len(types.counts)
    r = len(types.rows)
    h = new_highs(time_limit)
    # x_t, then per quota: d_q (lower the minimum), u_q (raise the maximum)
    nv = n + 2 * r
    ub = np.concatenate(
        [types.counts, np.array([row[2] for row in types.rows], float), np.full(r, types.k)]
    )
    h.addVars(nv, np.concatenate([types.lower, np.zeros(2 * r)]), ub)
    h.changeColsIntegrality(
        nv, np.arange(nv, dtype=np.int32), np.array([highspy.HighsVarType.kInteger] * nv)
    )
    cost = np.concatenate([np.zeros(n), np.ones(2 * r)])
    h.changeColsCost(nv, np.arange(nv, dtype=np.int32), cost)
    h.addRow(types.k, types.k, n, np.arange(n, dtype=np.int32), np.ones(n))
    for q, (_, _, lo, hi, idx) in enumerate(types.rows):
        # sum x + d >= lo ; sum x - u <= hi
        cols = np.append(idx, n + q).astype(np.int32)
        h.addRow(lo, highspy.kHighsInf, len(cols), cols, np.append(np.ones(len(idx)), 1.0))
        cols = np.append(idx, n + r + q).astype(np.int32)
        h.addRow(-highspy.kHighsInf, hi, len(cols), cols, np.append(np.ones(len(idx)), -1.0))
    h.run()
    if h.getModelStatus() != highspy.HighsModelStatus.kOptimal:
        return None
    v = np.round(np.array(h.getSolution().col_value))
    out = []
    for q, (dim, value, lo, hi, _) in enumerate(types.rows):
        d, u = int(v[n + q]), int(v[n + r + q])
        if d or u:
            out.append(Relaxation(dim, value, lo, hi, lo - d, hi + u))
    return tuple(out)


def explain(relax: tuple[Relaxation, ...]) -> str:
    parts = []
    for x in relax:
        if x.new_min != x.min:
            parts.append(f"{x.dimension}={x.value}: minimum {x.min} -> {x.new_min}")
        if x.new_max != x.max:
            parts.append(f"{x.dimension}={x.value}: maximum {x.max} -> {x.new_max}")
    return "The quotas cannot all be met together. Smallest relaxation: " + "; ".join(parts) + "."
