"""One entry point: run(instance, algorithm, seed, time_limit) -> Result."""

from __future__ import annotations

import time

import highspy

from .alternates import alternates
from .draw import draw, representative
from .grouping import build_types
from .infeasibility import explain, smallest_relaxation
from .leximin import leximin
from .model import Instance, InvalidInstance, Result
from .validate import validate

ALGORITHMS = ("leximin", "maximin")
SOLVER = f"HiGHS {highspy.Highs().version()}" if hasattr(highspy.Highs(), "version") else "HiGHS"


def run(
    instance: Instance, algorithm: str = "leximin", seed: int = 0, time_limit: float = 30.0
) -> Result:
    if algorithm not in ALGORITHMS:
        raise InvalidInstance("unknown_algorithm", "algorithm", f"Unknown algorithm '{algorithm}'.")
    validate(instance)
    start = time.monotonic()
    deadline = start + time_limit
    types = build_types(instance)
    status, panels, weights, probs = leximin(
        types, deadline, levels=1 if algorithm == "maximin" else None
    )

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
