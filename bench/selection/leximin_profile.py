"""Where one LEXIMIN run spends its time, level by level:

    nice -n 19 .venv/bin/python -m bench.selection.leximin_profile [--shape many_small]
        [--n 500] [--mode balanced] [--band tight] [--seed 0] [--time-limit 60]
        [--cprofile FILE]

Timers wrap, for one run of `engine.run(..., "leximin")`, the pricing ILP
(`PanelSolver.best`), the restricted master LP (`PrimalRMP.solve`) and the final exact
re-solve (`exact`); a new phase starts with the set-up (first panel, covering panels), each
level (`PrimalRMP.begin`) and the exact re-solve. Nothing in the engine changes: the wrappers
call the originals. With --cprofile the same run is also written as cProfile stats.
"""

from __future__ import annotations

import argparse
import cProfile
import time
from contextlib import ExitStack
from unittest import mock

import numpy as np

from botschaft.selection.engine import leximin as lx
from botschaft.selection.engine import run
from botschaft.selection.engine.panels import PanelSolver

from . import family
from .grid import outcomes


class Phases:
    def __init__(self) -> None:
        self.rows: list[dict] = []
        self.seen: set[bytes] = set()
        self.begin("set-up", None)

    def begin(self, name: str, unfixed: int | None) -> None:
        self.rows.append(
            dict(name=name, unfixed=unfixed, start=time.perf_counter(), pricing=0.0, prices=0)
            | dict(lp=0.0, solves=0, new=0)
        )

    def timed(self, key: str, count: str, real):
        def wrapper(*args, **kwargs):
            start = time.perf_counter()
            try:
                return real(*args, **kwargs)
            finally:
                self.rows[-1][key] += time.perf_counter() - start
                self.rows[-1][count] += 1

        return wrapper

    def patches(self) -> list:
        price = self.timed("pricing", "prices", PanelSolver.best)
        solve = self.timed("lp", "solves", lx.PrimalRMP.solve)
        real_begin, real_exact = lx.PrimalRMP.begin, lx.exact

        def best(solver, *args, **kwargs):
            res = price(solver, *args, **kwargs)
            if res is not None and (key := res[0].astype(np.int64).tobytes()) not in self.seen:
                self.seen.add(key)
                self.rows[-1]["new"] += 1
            return res

        def begin(rmp, unfixed):
            self.begin(f"level {len(self.rows)}", len(unfixed))
            real_begin(rmp, unfixed)

        def exact(*args, **kwargs):
            self.begin("exact re-solve", None)
            return real_exact(*args, **kwargs)

        return [
            mock.patch.object(PanelSolver, "best", best),
            mock.patch.object(lx.PrimalRMP, "solve", solve),
            mock.patch.object(lx.PrimalRMP, "begin", begin),
            mock.patch.object(lx, "exact", exact),
        ]

    def table(self, end: float) -> str:
        lines = [
            "| phase | unfixed types | wall s | pricing ILP s (calls) | master LP s (solves) "
            "| other s | new panels priced |",
            "| --- | --- | --- | --- | --- | --- | --- |",
        ]
        rows = self.rows
        tot = dict(wall=0.0, pricing=0.0, lp=0.0, prices=0, solves=0, new=0)
        for r, nxt in zip(rows, [*rows[1:], None], strict=True):
            wall = (nxt["start"] if nxt else end) - r["start"]
            lines.append(
                f"| {r['name']} | {r['unfixed'] if r['unfixed'] is not None else ''} "
                f"| {wall:.2f} | {r['pricing']:.2f} ({r['prices']}) | {r['lp']:.2f} "
                f"({r['solves']}) | {wall - r['pricing'] - r['lp']:.2f} | {r['new']} |"
            )
            tot["wall"] += wall
            for key in ("pricing", "lp", "prices", "solves", "new"):
                tot[key] += r[key]
        lines.append(
            f"| total | | {tot['wall']:.2f} | {tot['pricing']:.2f} ({tot['prices']}) "
            f"| {tot['lp']:.2f} ({tot['solves']}) "
            f"| {tot['wall'] - tot['pricing'] - tot['lp']:.2f} | {tot['new']} |"
        )
        return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    family.add_spec_arguments(ap)
    ap.add_argument("--time-limit", type=float, default=60)
    ap.add_argument("--cprofile", help="also write cProfile stats of the run to this file")
    a = ap.parse_args(argv)
    spec = family.spec_of(a)
    inst = family.instance(spec).instance
    phases = Phases()
    profiler = cProfile.Profile() if a.cprofile else None
    with ExitStack() as stack:
        for patch in phases.patches():
            stack.enter_context(patch)
        seen = stack.enter_context(outcomes())
        phases.rows[0]["start"] = start = time.perf_counter()
        if profiler:
            profiler.enable()
        r = run(inst, "leximin", seed=1, time_limit=a.time_limit)
        if profiler:
            profiler.disable()
        end = time.perf_counter()
    if profiler:
        profiler.dump_stats(a.cprofile)
    out = seen[-1]
    print(
        f"{spec.name}: {r.status}, {end - start:.2f} s, min probability "
        f"{min(r.probabilities.values()):.6f}, {len(out.levels)} levels, "
        f"{len(out.panels)} columns, {len(phases.seen)} distinct panels priced\n"
    )
    print(phases.table(end))


if __name__ == "__main__":
    main()
