"""One entry point: run(instance, algorithm, seed, time_limit) -> Result."""

from __future__ import annotations

import logging
import time

import highspy

from .alternates import alternates
from .diverse import MAX_POOL, diverse
from .draw import draw, representative
from .grouping import build_types
from .infeasibility import explain, smallest_relaxation
from .leximin import leximin
from .model import Instance, InvalidInstance, Relaxation, Result
from .nash import nash
from .panels import SolverError, Timeout
from .validate import validate

log = logging.getLogger(__name__)

ALGORITHMS = ("leximin", "maximin", "nash", "diverse")
SOLVER = f"HiGHS {highspy.Highs().version()}" if hasattr(highspy.Highs(), "version") else "HiGHS"


def run(
    instance: Instance, algorithm: str = "leximin", seed: int = 0, time_limit: float = 30.0
) -> Result:
    """Raises InvalidInstance for input that is wrong on its own; everything else, a time limit
    or a solver failure included, ends in a Result whose status says how the run ended:
    optimal, time_limit, infeasible or failed."""
    if algorithm not in ALGORITHMS:
        raise InvalidInstance("unknown_algorithm", "algorithm", f"Unknown algorithm '{algorithm}'.")
    validate(instance)
    start = time.monotonic()
    deadline = start + time_limit
    if algorithm == "diverse":
        pool = len(instance.people) - len(instance.excluded)
        if pool > MAX_POOL:
            raise InvalidInstance(
                "pool_too_large_for_diverse",
                "algorithm",
                f"'diverse' is for pools of at most {MAX_POOL}; this one has {pool}. "
                "Use 'leximin'.",
            )
    try:
        if algorithm == "diverse":
            return _diverse(instance, seed, start, deadline)
        return _lottery(instance, algorithm, seed, start, deadline)
    except Exception as error:  # noqa: BLE001 - the promise: a result with a status, never a crash
        log.exception("selection engine failed (%s, %d people)", algorithm, len(instance.people))
        return Result(
            status="failed",
            panel=(),
            alternates=(),
            probabilities={},
            distribution=[],
            algorithm=algorithm,
            seed=seed,
            solver=SOLVER,
            seconds=time.monotonic() - start,
            explanation=f"The solver failed ({type(error).__name__}: {error}); no panel.",
        )


def _infeasible_explanation(relax: tuple[Relaxation, ...] | None) -> str:
    if relax is None:
        return (
            "The quotas cannot all be met together; the smallest relaxation was not found "
            "within the time limit."
        )
    return explain(relax)


def _lottery(instance: Instance, algorithm: str, seed: int, start: float, deadline: float):
    types = build_types(instance)
    if algorithm == "nash":
        out = nash(types, deadline)
    else:
        out = leximin(types, deadline, levels=1 if algorithm == "maximin" else None)

    def result(**kw) -> Result:
        base = dict(
            status=out.status,
            panel=(),
            alternates=(),
            probabilities={},
            distribution=[],
            algorithm=algorithm,
            seed=seed,
            solver=SOLVER,
            seconds=time.monotonic() - start,
            explanation=out.message,
        )
        base.update(kw)
        return Result(**base)

    if out.status == "infeasible":
        relax = smallest_relaxation(types, max(1.0, deadline - time.monotonic()))
        return result(explanation=_infeasible_explanation(relax), relaxation=relax or ())
    if not out.panels:
        return result()
    probabilities = {pid: float(out.probs[t]) for t, ms in enumerate(types.members) for pid in ms}
    # The weights are clean (none below 1e-12, summing to 1): the probabilities are the
    # distribution's own, so every panel listed here is one the draw can pick.
    distribution = [
        (representative(types, x, i), float(w))
        for i, (x, w) in enumerate(zip(out.panels, out.weights, strict=True))
        if w > 0
    ]
    panel = draw(types, out.panels, out.weights, seed)
    return result(
        panel=panel,
        alternates=alternates(types, panel, instance.k),
        probabilities=probabilities,
        distribution=distribution,
    )


def _diverse(instance: Instance, seed: int, start: float, deadline: float) -> Result:
    # Coverage counts every dimension of the people, not only those with quotas.
    dims = sorted(
        {d for p in instance.people for d in p.features} | {q.dimension for q in instance.quotas}
    )
    types = build_types(instance, dims)
    base = dict(algorithm="diverse", seed=seed, solver=SOLVER, alternates=(), distribution=[])
    try:
        status, x = diverse(types, dims, max(0.5, deadline - time.monotonic()))
    except (Timeout, SolverError) as error:
        failed = isinstance(error, SolverError)
        return Result(
            status="failed" if failed else "time_limit",
            panel=(),
            probabilities={},
            explanation=f"The solver failed ({error}); no panel."
            if failed
            else "No feasible panel was found within the time limit.",
            seconds=time.monotonic() - start,
            **base,
        )
    if x is None:
        relax = smallest_relaxation(types, max(1.0, deadline - time.monotonic()))
        return Result(
            status="infeasible",
            panel=(),
            probabilities={},
            explanation=_infeasible_explanation(relax),
            relaxation=relax or (),
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
