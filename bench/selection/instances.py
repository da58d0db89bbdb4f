"""Load the public instances in /work/shared/selection-instances (features.csv + pool csv)."""

from __future__ import annotations

import csv
import os
from pathlib import Path

from botschaft.selection.engine import Instance, Person, Quota

ROOT = Path(__file__).resolve().parents[2]


def instances_dir() -> Path:
    return Path(
        os.environ.get(
            "BOTSCHAFT_SELECTION_INSTANCES", ROOT.parent / "shared" / "selection-instances"
        )
    )


def load(name: str, k: int | None = None) -> Instance:
    folder = instances_dir() / name
    with open(folder / "features.csv", newline="") as f:
        rows = list(csv.DictReader(f))
    quotas = tuple(Quota(r["feature"], r["value"], int(r["min"]), int(r["max"])) for r in rows)
    dims = {q.dimension for q in quotas}
    pool = next(p for p in sorted(folder.glob("*.csv")) if p.name != "features.csv")
    people = []
    with open(pool, newline="") as f:
        for r in csv.DictReader(f):
            pid = r.get("id") or r.get("nationbuilder_id")
            people.append(Person(pid, {d: r[d] for d in dims}))
    sizes = {
        "synthetic-munich-like": 16,
        "sortition-foundation-fixture": 22,
        "example_small_20": 20,
        "example_large_200": 200,
    }
    return Instance(tuple(people), k or sizes[name], quotas)
