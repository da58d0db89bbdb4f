"""Side by side: Botschaft's engine and the Sortition Foundation's `sortition-algorithms` on the
same instances, both with HiGHS.

    pip install -e ".[bench]"     # sortition-algorithms
    python -m bench.selection.compare [--only NAME] [--time-limit 300]

`sortition-algorithms` offers MAXIMIN with HiGHS; its LEXIMIN needs the commercial Gurobi
solver, which is not installed here, so only its MAXIMIN runs. Each run gets the same quotas and
pool; per engine the table gives the lowest selection probability (what MAXIMIN and LEXIMIN
both maximise first), applicants below half of k/n, the Gini coefficient of the probabilities,
quota violations in every panel of the distribution and in drawn panels (must be 0), and wall
time measured in the same run. Botschaft's LEXIMIN and NASH are listed beside its MAXIMIN.
"""

from __future__ import annotations

import argparse
import logging
import multiprocessing
import time

import numpy as np

from botschaft.selection.engine import run
from botschaft.selection.engine.alternates import quota_violations
from botschaft.selection.engine.grouping import build_types

from .generate import generate
from .instances import load
from .run import PUBLIC, gini


def _sortition_maximin(inst, queue) -> None:
    logging.disable(logging.INFO)  # its progress messages would break the table
    from sortition_algorithms.committee_generation.maximin import find_distribution_maximin
    from sortition_algorithms.features import read_in_features
    from sortition_algorithms.people import read_in_people
    from sortition_algorithms.settings import Settings

    dims = sorted({q.dimension for q in inst.quotas})
    rows = [
        {"feature": q.dimension, "value": q.value, "min": str(q.min), "max": str(q.max)}
        for q in inst.quotas
    ]
    features, _, _ = read_in_features(["feature", "value", "min", "max"], rows, inst.k)
    settings = Settings(id_column="id", columns_to_keep=[])
    body = [{"id": p.id, **{d: p.features[d] for d in dims}} for p in inst.people]
    people, _ = read_in_people(["id", *dims], body, features, settings)
    start = time.perf_counter()
    committees, probabilities, _ = find_distribution_maximin(features, people, inst.k, [])
    seconds = time.perf_counter() - start
    queue.put(
        (seconds, [(sorted(c), float(w)) for c, w in zip(committees, probabilities, strict=True)])
    )


def sortition(inst, time_limit: float):
    """Its MAXIMIN in a child process, so that a run over the time limit can be stopped.
    Returns (seconds, [(committee, weight)]) or None."""
    queue: multiprocessing.Queue = multiprocessing.Queue()
    child = multiprocessing.Process(target=_sortition_maximin, args=(inst, queue))
    child.start()
    deadline = time.monotonic() + time_limit
    while child.is_alive() and queue.empty() and time.monotonic() < deadline:
        time.sleep(0.2)
    result = queue.get() if not queue.empty() else None
    child.kill()
    child.join()
    return result


def chances_of(inst, distribution) -> dict[str, float]:
    """Each person's selection probability from a distribution over person panels."""
    chance = dict.fromkeys((p.id for p in inst.people if p.id not in inst.excluded), 0.0)
    for panel, weight in distribution:
        for pid in panel:
            chance[pid] += weight
    return chance


def metrics(inst, chance: dict[str, float], panels) -> str:
    """min probability | below k/2n | Gini | quota violations (over `panels`)."""
    p = np.array(list(chance.values()))
    types = build_types(inst)
    violations = sum(quota_violations(types, panel) for panel in panels)
    below = int((p < inst.k / len(p) / 2).sum())
    return f"{p.min():.4f} | {below} | {gini(p):.3f} | {violations}"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--only")
    ap.add_argument("--time-limit", type=float, default=300)
    a = ap.parse_args()
    print(
        "| instance | n | k | engine | min prob | below k/2n | Gini | quota violations | seconds |"
    )
    print("| --- " * 9 + "|")
    cases = [(name, lambda name=name: load(name)) for name in PUBLIC]
    cases.append(("generated-2000-200-6d", generate))
    for name, make in cases:
        if a.only and a.only != name:
            continue
        inst = make()
        head = f"| {name} | {len(inst.people)} | {inst.k} |"
        theirs = sortition(inst, a.time_limit)
        if theirs is None:
            print(
                f"{head} sortition-algorithms maximin | no result in {a.time_limit:.0f} s | | | | |"
            )
        else:
            seconds, distribution = theirs
            chance = chances_of(inst, distribution)
            row = metrics(inst, chance, [c for c, _ in distribution])
            print(f"{head} sortition-algorithms maximin | {row} | {seconds:.2f} |")
        for algorithm in ("maximin", "leximin", "nash"):
            start = time.perf_counter()
            r = run(inst, algorithm, seed=1, time_limit=a.time_limit)
            seconds = time.perf_counter() - start
            drawn = (
                [
                    r.panel,
                    *(
                        run(inst, algorithm, seed=s, time_limit=a.time_limit).panel
                        for s in range(2, 5)
                    ),
                ]
                if seconds < 5
                else [r.panel]
            )
            status = "" if r.status == "optimal" else f" ({r.status})"
            # Our distribution is over type compositions (people of a type share a chance): the
            # engine's own per-person probabilities, and one person panel per composition.
            row = metrics(inst, r.probabilities, [*drawn, *(d for d, _ in r.distribution)])
            print(f"{head} Botschaft {algorithm}{status} | {row} | {seconds:.2f} |")


if __name__ == "__main__":
    main()
