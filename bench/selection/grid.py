"""The selection engine over the whole generator family (bench/selection/family.py):

    nice -n 19 .venv/bin/python -m bench.selection.grid [--sizes 72,150,500,1000,2000]
        [--seeds 3] [--shapes independent,...] [--modes ...] [--bands ...] [--time-limit 60]
        [--anchor-time-limit 120] [--out bench/results/selection-grid.json] [--resume]
        [--summary] [--by size|shape|mode|band]

Per instance, in one run and one after the other: Botschaft's LEXIMIN (the engine's default)
and MAXIMIN through `engine.run` with the time limit, then sortition-algorithms' MAXIMIN (the
anchor, `compare.sortition`, stopped after the anchor time limit). The JSON file is rewritten
after every instance, so a killed run keeps what it measured (`--resume` skips those). The
table gives the distribution over the instances of each size, never a chosen one.
`--summary` only prints the table of an existing file.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime
import json
import os
import platform
import time
from pathlib import Path
from unittest import mock

from botschaft.selection.engine import api, run
from botschaft.selection.engine.grouping import build_types

from . import family
from .compare import chances_of, sortition
from .grid_table import table
from .instances import ROOT

DEFAULT_OUT = ROOT / "bench" / "results" / "selection-grid.json"


@contextlib.contextmanager
def outcomes():
    """The engine's LEXIMIN/MAXIMIN Outcomes (levels proven, panels generated) as `run` gets
    them: `Result` does not carry them, and a spy on the call needs no change to the engine."""
    seen: list = []
    real = api.leximin

    def spy(*args, **kwargs):
        seen.append(real(*args, **kwargs))
        return seen[-1]

    with mock.patch.object(api, "leximin", spy):
        yield seen


def engine(inst, algorithm: str, time_limit: float) -> dict:
    wall, cpu = time.perf_counter(), time.process_time()
    with outcomes() as seen:
        r = run(inst, algorithm, seed=1, time_limit=time_limit)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    out = seen[-1] if seen else None
    return {
        "status": r.status,  # optimal | time_limit | failed | infeasible
        "seconds": round(wall, 3),
        "cpu_seconds": round(cpu, 3),  # HiGHS runs single-threaded: the compute, not the load
        "min_prob": min(r.probabilities.values()) if r.probabilities else None,
        "levels": len(out.levels) if out else None,  # LEXIMIN levels proven (fixed)
        "columns": len(out.panels) if out else None,  # panels generated, the final re-solve's too
        "explanation": r.explanation,
    }


def anchor(inst, time_limit: float) -> dict:
    start = time.perf_counter()
    got = sortition(inst, time_limit)
    wall = time.perf_counter() - start
    if got is None:
        # The child is stopped at the limit; an earlier end without a result is its error.
        status = "time_limit" if wall >= time_limit - 0.5 else "failed"
        return {"status": status, "seconds": None, "min_prob": None}
    seconds, distribution = got
    chance = chances_of(inst, distribution)
    return {"status": "optimal", "seconds": round(seconds, 3), "min_prob": min(chance.values())}


def measure(
    gen: family.Generated, time_limit: float, anchor_limit: float, reuse: dict | None = None
) -> dict:
    """`reuse`: the anchor's record of this instance from an earlier file (it does not depend
    on Botschaft's engine), taken instead of running `sortition-algorithms` again. An anchor
    limit of 0 skips the anchor (status "skipped", no result)."""
    spec, inst = gen.spec, gen.instance
    if reuse is not None:
        sa = dict(reuse, reused=True)
    elif anchor_limit <= 0:
        sa = {"status": "skipped", "seconds": None, "min_prob": None}
    else:
        sa = None
    record = {
        "id": spec.name,
        "shape": spec.shape,
        "n": spec.n,
        "k": spec.k,
        "dims": spec.dims,
        "mode": spec.mode,
        "band": spec.band,
        "seed": spec.seed,
        "types": len(build_types(inst).counts),
        "relaxed_quotas": len(gen.relaxed),
        "time_limit": time_limit,
        "anchor_time_limit": anchor_limit,
        "leximin": engine(inst, "leximin", time_limit),
        "maximin": engine(inst, "maximin", time_limit),
        "sortition_maximin": sa if sa is not None else anchor(inst, anchor_limit),
    }
    ref, ours = record["sortition_maximin"]["min_prob"], record["leximin"]["min_prob"]
    record["leximin_below_anchor"] = None if ref is None or ours is None else ours < ref - 1e-6
    return record


def write(path: Path, runs: list[dict], records: list[dict]) -> None:
    # Write then rename: a run killed mid-write leaves the previous complete file.
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps({"runs": runs, "instances": records}, indent=1))
    os.replace(tmp, path)


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", default=",".join(map(str, family.SIZES)))
    ap.add_argument("--seeds", type=int, default=3)
    ap.add_argument("--shapes", default=",".join(family.SHAPES))
    ap.add_argument("--modes", default=",".join(family.MODES))
    ap.add_argument("--bands", default=",".join(family.BANDS))
    ap.add_argument("--time-limit", type=float, default=60)
    ap.add_argument("--anchor-time-limit", type=float, default=120)
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    ap.add_argument("--resume", action="store_true", help="keep and skip instances in --out")
    ap.add_argument(
        "--anchor-from",
        type=Path,
        help="reuse the anchor's records of a grid file run with the same anchor time limit",
    )
    ap.add_argument("--summary", action="store_true", help="only print the table of --out")
    ap.add_argument("--by", default="size", choices=["size", "shape", "mode", "band"])
    a = ap.parse_args(argv)
    if a.summary:
        print(table(json.loads(a.out.read_text())["instances"], a.by))
        return
    specs = list(
        family.grid(
            [int(s) for s in a.sizes.split(",")],
            range(a.seeds),
            a.shapes.split(","),
            a.modes.split(","),
            a.bands.split(","),
        )
    )
    old = json.loads(a.out.read_text()) if a.resume and a.out.exists() else {}
    records, runs = old.get("instances", []), old.get("runs", [])
    done = {r["id"] for r in records}
    runs.append(
        {
            "started": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
            "args": {k: str(v) for k, v in vars(a).items()},
            "machine": f"{platform.node()}, {os.cpu_count()} cores, "
            f"load {os.getloadavg()[0]:.1f} at start",
        }
    )
    a.out.parent.mkdir(parents=True, exist_ok=True)
    reuse = {}
    if a.anchor_from:
        for r in json.loads(a.anchor_from.read_text())["instances"]:
            if r["anchor_time_limit"] == a.anchor_time_limit:
                reuse[r["id"]] = r["sortition_maximin"]
    for i, spec in enumerate(specs, 1):
        if spec.name in done:
            continue
        record = measure(
            family.instance(spec), a.time_limit, a.anchor_time_limit, reuse.get(spec.name)
        )
        records.append(record)
        write(a.out, runs, records)
        lx, sa = record["leximin"], record["sortition_maximin"]
        print(
            f"[{i}/{len(specs)}] {spec.name}: leximin {lx['status']} {lx['seconds']:.1f} s "
            f"min {lx['min_prob']}, {lx['levels']} levels, {lx['columns']} columns; "
            f"anchor {sa['status']} {sa['seconds']} s min {sa['min_prob']}",
            flush=True,
        )
    print(table(records, a.by))


if __name__ == "__main__":
    main()
