"""People with identical quota-relevant features are interchangeable: group them into types."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .model import Instance


@dataclass
class Types:
    keys: list[tuple]  # (feature values..., pinned)
    members: list[list[str]]  # person ids per type, stable order
    counts: np.ndarray  # size of each type
    lower: np.ndarray  # seats a type must take (pinned types: all)
    rows: list[tuple[str, str, int, int, np.ndarray]]  # (dimension, value, min, max, type indices)
    k: int


def build_types(inst: Instance, dims: list[str] | None = None) -> Types:
    """Types over the quotas' dimensions, or over `dims` (which must include them)."""
    dims = dims if dims is not None else sorted({q.dimension for q in inst.quotas})
    groups: dict[tuple, list[str]] = {}
    for p in sorted(inst.people, key=lambda p: p.id):
        if p.id in inst.excluded:
            continue
        key = tuple(p.features.get(d) or "" for d in dims) + (p.id in inst.pinned,)
        groups.setdefault(key, []).append(p.id)
    keys = sorted(groups)
    members = [groups[k] for k in keys]
    counts = np.array([len(m) for m in members], dtype=float)
    lower = np.array(
        [len(m) if k[-1] else 0 for k, m in zip(keys, members, strict=True)], dtype=float
    )
    rows = []
    for q in sorted(inst.quotas, key=lambda q: (q.dimension, q.value)):
        i = dims.index(q.dimension)
        idx = np.array([t for t, key in enumerate(keys) if key[i] == q.value], dtype=np.int32)
        rows.append((q.dimension, q.value, q.min, q.max, idx))
    return Types(keys, members, counts, lower, rows, inst.k)


def quota_rows(types: Types) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Each type's quota row per dimension, and the rows' bounds. A type is in at most one
    quota row per dimension (its value): row[d, t], or R = len(types.rows), an extra row
    without bounds, where its value has no quota."""
    dims = sorted({row[0] for row in types.rows})
    R = len(types.rows)
    row = np.full((len(dims), len(types.counts)), R, dtype=np.int64)
    for r, (dim, _, _, _, idx) in enumerate(types.rows):
        row[dims.index(dim), idx] = r
    lo = np.array([r[2] for r in types.rows] + [-np.inf], dtype=float)
    hi = np.array([r[3] for r in types.rows] + [np.inf], dtype=float)
    return row, lo, hi
