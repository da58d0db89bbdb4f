"""Benchmark of the selection engine:
python -m bench.selection.run [--only NAME] [--algorithm leximin|maximin|nash|diverse]."""

from __future__ import annotations

import argparse
import resource
import time
import tracemalloc

import numpy as np

from botschaft.selection.engine import run
from botschaft.selection.engine.alternates import quota_violations
from botschaft.selection.engine.api import ALGORITHMS
from botschaft.selection.engine.grouping import build_types

from .generate import generate
from .instances import load

PUBLIC = [
    "synthetic-munich-like",
    "sortition-foundation-fixture",
    "example_small_20",
    "example_large_200",
]


def gini(x: np.ndarray) -> float:
    x = np.sort(x)
    n = len(x)
    # Never below 0; equal chances can come out as -1e-17 (printed "-0.000").
    return max(0.0, float((2 * np.arange(1, n + 1) - n - 1) @ x / (n * x.sum())))


def bench(name: str, inst, time_limit: float, algorithm: str) -> None:
    tracemalloc.start()
    t = time.perf_counter()
    r = run(inst, algorithm, seed=1, time_limit=time_limit)
    secs = time.perf_counter() - t
    peak = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    p = np.array(list(r.probabilities.values()))
    n = len(p)
    nash = float(np.log(np.maximum(p, 1e-12)).sum())
    types = build_types(inst)
    draws = (
        [run(inst, algorithm, seed=s, time_limit=time_limit).panel for s in range(2, 7)]
        if secs < 5
        else []
    )
    viol = sum(
        quota_violations(types, panel)
        for panel in [r.panel, *draws, *(d for d, _ in r.distribution)]
    )
    print(
        f"| {name} | {algorithm} | {n} | {inst.k} | {r.status} | {p.min():.4f} | "
        f"{(p < inst.k / n / 2).sum()} | {gini(p):.3f} | {nash:.1f} | {viol} | {secs:.2f} | {peak:.0f} |"
    )


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--only")
    ap.add_argument("--time-limit", type=float, default=120)
    ap.add_argument("--algorithm", default="leximin", choices=ALGORITHMS)
    a = ap.parse_args()
    cases = [(n, lambda n=n: load(n)) for n in PUBLIC] + [
        ("generated-2000-200-6d", lambda: generate())
    ]
    print(
        "| instance | algorithm | n | k | status | min prob | below k/2n | Gini | Σ log p "
        "| quota violations | seconds | peak MiB (py) |"
    )
    print("| --- " * 12 + "|")
    for name, make in cases:
        if a.only and a.only != name:
            continue
        bench(name, make(), a.time_limit, a.algorithm)
    print(f"max RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB")


if __name__ == "__main__":
    main()
