"""The walk alone (engine/walk.py): seed panels from the relaxation's LEXIMIN on one family
instance, with the time it took and the panels found.

    .venv/bin/python -m bench.selection.walk_time --shape many_small --n 500 [--limit 120]
"""

from __future__ import annotations

import argparse
import time

from bench.selection import family
from botschaft.selection.engine.grouping import build_types
from botschaft.selection.engine.walk import walk_panels


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--shape", default="many_small", choices=family.SHAPES)
    ap.add_argument("--n", type=int, default=500, choices=list(family.SIZES))
    ap.add_argument("--mode", default="balanced", choices=family.MODES)
    ap.add_argument("--band", default="tight", choices=list(family.BANDS))
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--limit", type=float, default=120.0, help="seconds the walk may take")
    a = ap.parse_args(argv)
    spec = family.Spec(a.shape, a.n, a.mode, a.band, a.seed)
    types = build_types(family.instance(spec).instance)
    start = time.monotonic()
    panels = walk_panels(types, start + a.limit)
    seconds = time.monotonic() - start
    print(f"{spec.name}: {len(types.counts)} types, walk {seconds:.2f} s, {len(panels)} panels")


if __name__ == "__main__":
    main()
