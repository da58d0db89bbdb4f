"""A run's report as CSV: every applicant's probability and outcome, then pool vs target vs
selected per dimension value."""

from __future__ import annotations

from fastapi import Response

from botschaft.core.export import csv_response
from botschaft.selection.schemas import RunOut


def report_csv(run: RunOut, filename: str) -> Response:
    dims = [d.key for d in run.report]
    header = ["Name", "Ergebnis", "Nachrückplatz", "Auswahlwahrscheinlichkeit", "Gesetzt", *dims]
    rows: list[list] = [
        [
            p.name,
            p.outcome,
            p.alternate_rank,
            round(p.probability, 6),
            "ja" if p.pinned else "",
            *[p.dimensions.get(d, "") for d in dims],
        ]
        for p in run.people
    ]
    rows.append([])
    rows.append(["Dimension", "Wert", "Pool", "Minimum", "Maximum", "Ausgewählt"])
    for dimension in run.report:
        for v in dimension.values:
            rows.append([dimension.label_de, v.label_de, v.pool, v.min, v.max, v.selected])
    rows.append([])
    rows.append(["Algorithmus", run.algorithm, "Seed", run.seed, "Solver", run.solver])
    rows.append(["Status", run.status, "Sekunden", round(run.seconds, 3)])
    return csv_response(header, rows, filename)
