"""How runs end at their time limit, and how exact the probabilities are:
python -m bench.selection.limits [--pool generated|mixed|NAME] [--seed S] [--time-limit T]
[--algorithms leximin,maximin]. Prints status, minimum and maximum probability, the largest
distance from k/n, seconds and the engine's explanation per algorithm."""

from __future__ import annotations

import argparse
import time

import numpy as np

from botschaft.selection.engine import run

from .generate import generate, generate_mixed
from .instances import load


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--pool", default="generated")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--time-limit", type=float, default=60)
    ap.add_argument("--algorithms", default="leximin,maximin")
    a = ap.parse_args()
    if a.pool == "generated":
        inst = generate(seed=a.seed)
    elif a.pool == "mixed":
        inst = generate_mixed()
    else:
        inst = load(a.pool)
    print(
        "| pool | algorithm | limit s | status | min prob | max prob | max abs(p - k/n) | seconds |"
    )
    print("| --- " * 8 + "|")
    for algorithm in a.algorithms.split(","):
        t = time.perf_counter()
        r = run(inst, algorithm, seed=1, time_limit=a.time_limit)
        secs = time.perf_counter() - t
        p = np.array(list(r.probabilities.values()))
        fair = inst.k / len(p) if len(p) else 0.0
        low, high, dev = (p.min(), p.max(), np.abs(p - fair).max()) if len(p) else (0, 0, 0)
        name = f"{a.pool} {a.seed}" if a.pool == "generated" else a.pool
        print(
            f"| {name} | {algorithm} | {a.time_limit:g} | {r.status} | {low:.6f} | {high:.6f} "
            f"| {dev:.1e} | {secs:.1f} |"
        )
        if r.explanation:
            print(f"<!-- {algorithm}: {r.explanation} -->")


if __name__ == "__main__":
    main()
