"""Side by side: Botschaft's engine and the Sortition Foundation's `sortition-algorithms` on the
same instances, both with HiGHS.

    pip install -e ".[bench]"     # sortition-algorithms
    python -m bench.selection.compare [--only NAME] [--time-limit 300]

`sortition-algorithms` offers MAXIMIN with HiGHS; its LEXIMIN needs the commercial Gurobi
solver, which is not installed here, so only its MAXIMIN runs. Each run gets the same quotas and
pool; the table gives time and the lowest selection probability (the quantity MAXIMIN and
LEXIMIN both maximise first), and Botschaft's LEXIMIN and NASH beside them.
"""

from __future__ import annotations

import argparse
import logging
import multiprocessing
import time

import numpy as np

from botschaft.selection.engine import run

from .instances import load
from .run import PUBLIC


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
    chance = dict.fromkeys((p.id for p in inst.people), 0.0)
    for committee, weight in zip(committees, probabilities, strict=True):
        for pid in committee:
            chance[pid] += weight
    queue.put((seconds, min(chance.values())))


def sortition(inst, time_limit: float) -> tuple[float, float] | None:
    """Its MAXIMIN in a child process, so that a run over the time limit can be stopped."""
    queue: multiprocessing.Queue = multiprocessing.Queue()
    child = multiprocessing.Process(target=_sortition_maximin, args=(inst, queue))
    child.start()
    child.join(time_limit)
    if child.is_alive():
        child.kill()
        child.join()
        return None
    return queue.get() if not queue.empty() else None


def ours(inst, algorithm: str, time_limit: float) -> tuple[float, float, str]:
    start = time.perf_counter()
    r = run(inst, algorithm, seed=1, time_limit=time_limit)
    seconds = time.perf_counter() - start
    return seconds, float(np.min(list(r.probabilities.values()))), r.status


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--only")
    ap.add_argument("--time-limit", type=float, default=300)
    a = ap.parse_args()
    print(
        "| instance | n | k | sortition-algorithms MAXIMIN | Botschaft MAXIMIN "
        "| Botschaft LEXIMIN | Botschaft NASH |"
    )
    print("| --- " * 7 + "|")
    for name in PUBLIC:
        if a.only and a.only != name:
            continue
        inst = load(name)
        theirs = sortition(inst, a.time_limit)
        cells = [
            f"{theirs[1]:.4f} in {theirs[0]:.2f} s"
            if theirs
            else f"no result in {a.time_limit:.0f} s"
        ]
        for algorithm in ("maximin", "leximin", "nash"):
            seconds, low, status = ours(inst, algorithm, a.time_limit)
            cells.append(
                f"{low:.4f} in {seconds:.2f} s" + ("" if status == "optimal" else f" ({status})")
            )
        print(f"| {name} | {len(inst.people)} | {inst.k} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
