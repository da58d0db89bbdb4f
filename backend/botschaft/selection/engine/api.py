"""One entry point: run(instance, algorithm, seed, time_limit) -> Result."""

from __future__ import annotations

import time

import highspy

from .alternates import alternates
from .diverse import MAX_POOL, diverse
from .draw import draw, representative
from .grouping import build_types
from .infeasibility import explain, smallest_relaxation
from .leximin import leximin
from .model import Instance, InvalidInstance, Result
from .nash import nash
from .validate import validate

ALGORITHMS = ("leximin", "maximin", "nash", "diverse")
SOLVER = f"HiGHS {highspy.Highs().version()}" if hasattr(highspy.Highs(), "version") else "HiGHS"


def run(
    instance: Instance, algorithm: str = "leximin", seed: int = 0, time_limit: float = 30.0
) -> Result:
    if algorithm not in ALGORITHMS:
        raise InvalidInstance("unknown_algorithm", "algorithm", f"Unknown algorithm '{algorithm}'.")
    validate(instance)
    start = time.monotonic()
    deadline = start + time_limit
    if algorithm == "diverse":
        return _diverse(instance, seed, start, deadline)
    types = build_types(instance)
    if algorithm == "nash":
        status, panels, weights, probs = nash(types, deadline)
    else:
        levels = 1 if algorithm == "maximin" else None
        status, panels, weights, probs = leximin(types, deadline, levels=levels)

    def result(**kw) -> Result:
        base = dict(
            status=status,
            panel=(),
            alternates=(),
            probabilities={},
            distribution=[],
            algorithm=algorithm,
            seed=seed,
            solver=SOLVER,
            seconds=time.monotonic() - start,
        )
        base.update(kw)
        return Result(**base)

    if status == "infeasible" or not panels:
        if status == "infeasible":
            relax = smallest_relaxation(types, max(1.0, deadline - time.monotonic())) or ()
            return result(status="infeasible", explanation=explain(relax), relaxation=relax)
        return result(explanation="No feasible panel was found within the time limit.")
    probabilities = {pid: float(probs[t]) for t, ms in enumerate(types.members) for pid in ms}
    distribution = [
        (representative(types, x, i), float(w))
        for i, (x, w) in enumerate(zip(panels, weights, strict=True))
        if w > 1e-12
    ]
    panel = draw(types, panels, weights, seed)
    reserve = alternates(types, panel, instance.k)
    return result(
        panel=panel,
        alternates=reserve,
        probabilities=probabilities,
        distribution=distribution,
        explanation=""
        if status == "optimal"
        else "Time limit reached; the best distribution known is returned.",
    )


def _diverse(instance: Instance, seed: int, start: float, deadline: float) -> Result:
    pool = len(instance.people) - len(instance.excluded)
    if pool > MAX_POOL:
        raise InvalidInstance(
            "pool_too_large_for_diverse",
            "algorithm",
            f"'diverse' is for pools of at most {MAX_POOL}; this one has {pool}. Use 'leximin'.",
        )
    # Coverage counts every dimension of the people, not only those with quotas.
    dims = sorted(
        {d for p in instance.people for d in p.features} | {q.dimension for q in instance.quotas}
    )
    types = build_types(instance, dims)
    status, x = diverse(types, dims, max(0.5, deadline - time.monotonic()))
    base = dict(algorithm="diverse", seed=seed, solver=SOLVER, alternates=(), distribution=[])
    if x is None:
        relax = smallest_relaxation(types, max(1.0, deadline - time.monotonic())) or ()
        return Result(
            status="infeasible",
            panel=(),
            probabilities={},
            explanation=explain(relax),
            relaxation=relax,
            seconds=time.monotonic() - start,
            **base,
        )
    panel = representative(types, x)
    chosen = set(panel)
    people = [pid for ms in types.members for pid in ms]
    return Result(
        status=status,
        panel=panel,
        probabilities={pid: 1.0 if pid in chosen else 0.0 for pid in people},
        explanation=""
        if status == "optimal"
        else "Time limit reached; the best panel found is returned.",
        seconds=time.monotonic() - start,
        **{
            **base,
            "alternates": alternates(types, panel, instance.k),
            "distribution": [(panel, 1.0)],
        },
    )
