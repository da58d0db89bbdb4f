"""A run's report as CSV: every applicant's probability and outcome, then pool vs target vs
selected per dimension value. Words in the reader's language; the codes (outcome, each
dimension's value) follow in columns marked "(Code)" for machines."""

from __future__ import annotations

from fastapi import Response

from botschaft.core.export import csv_response
from botschaft.core.labels import Lang, word
from botschaft.selection.schemas import RunOut

_HEAD = {
    "de": ["Name", "Ergebnis", "Nachrückplatz", "Auswahlwahrscheinlichkeit", "Gesetzt"],
    "en": ["Name", "Outcome", "Reserve rank", "Selection probability", "Pinned"],
}
_DIM_HEAD = {
    "de": ["Dimension", "Wert", "Pool", "Minimum", "Maximum", "Ausgewählt"],
    "en": ["Dimension", "Value", "Pool", "Minimum", "Maximum", "Selected"],
}
_RUN = {
    "de": ("Algorithmus", "Seed", "Solver", "Status", "Sekunden"),
    "en": ("Algorithm", "Seed", "Solver", "Status", "Seconds"),
}


def report_csv(run: RunOut, filename: str, lang: Lang = "de") -> Response:
    dims = run.report
    names = {d.key: getattr(d, f"label_{lang}") or d.label_de for d in dims}
    values = {
        d.key: {v.value: getattr(v, f"label_{lang}") or v.label_de for v in d.values} for d in dims
    }
    code = word(lang, "code")
    header = [*_HEAD[lang], *[names[d.key] for d in dims]]
    header += [f"{_HEAD[lang][1]} ({code})", *[f"{names[d.key]} ({code})" for d in dims]]
    rows: list[list] = [
        [
            p.name,
            word(lang, f"outcome.{p.outcome}"),
            p.alternate_rank,
            round(p.probability, 6),
            word(lang, "yes") if p.pinned else "",
            *[
                values[d.key].get(p.dimensions.get(d.key, ""), p.dimensions.get(d.key, ""))
                for d in dims
            ],
            p.outcome,
            *[p.dimensions.get(d.key, "") for d in dims],
        ]
        for p in run.people
    ]
    rows.append([])
    rows.append(_DIM_HEAD[lang])
    for dimension in dims:
        for v in dimension.values:
            rows.append(
                [
                    names[dimension.key],
                    values[dimension.key][v.value],
                    v.pool,
                    v.min,
                    v.max,
                    v.selected,
                ]
            )
    rows.append([])
    algorithm, seed, solver, status, seconds = _RUN[lang]
    rows.append([algorithm, run.algorithm, seed, run.seed, solver, run.solver])
    rows.append([status, run.status, seconds, round(run.seconds, 3)])
    return csv_response(header, rows, filename)
