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
    family.add_spec_arguments(ap)
    ap.add_argument("--limit", type=float, default=120.0, help="seconds the walk may take")
    a = ap.parse_args(argv)
    spec = family.spec_of(a)
    types = build_types(family.instance(spec).instance)
    start = time.monotonic()
    panels = walk_panels(types, start + a.limit)
    seconds = time.monotonic() - start
    print(f"{spec.name}: {len(types.counts)} types, walk {seconds:.2f} s, {len(panels)} panels")


if __name__ == "__main__":
    main()
