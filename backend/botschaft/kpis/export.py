"""The KPI dashboard as a download (the same aggregates, so the same privacy rules): a figure
hidden from HR leadership is written as the reason in words, never as a number."""

from __future__ import annotations

from fastapi import Response

from botschaft.core.export import Cell, csv_response, xlsx_response
from botschaft.kpis.privacy import FEWER_THAN_MIN_GROUP, MONTH_NOT_OVER
from botschaft.kpis.schemas import GroupRow, ProgramKpis, Totals

TOTALS = [
    "posts",
    "impressions",
    "likes",
    "comments",
    "shares",
    "engagements",
    "engagement_rate",
    "influencers",
    "active_influencers",
    "participation_rate",
    "outcomes",
]
MONTH_COLUMNS = ["month", "posts", "likes", "comments", "shares", "impressions", "engagements"]
GROUP_COLUMNS = ["group", "people", "posts", "engagements"]


def _hidden(reason: str, k: ProgramKpis) -> str:
    if reason == FEWER_THAN_MIN_GROUP:
        return f"hidden: fewer than {k.min_group_size} people"
    return "hidden: the month is not over yet" if reason == MONTH_NOT_OVER else "hidden"


def _figure(totals: Totals, name: str, k: ProgramKpis) -> Cell:
    reason = totals.suppressed.get(name)
    return _hidden(reason, k) if reason else getattr(totals, name)


def _groups(rows: list[GroupRow]) -> list[list[Cell]]:
    return [[r.key, r.people, r.posts, r.engagements] for r in rows]


def _sheets(k: ProgramKpis) -> list[tuple[str, list[str], list[list[Cell]]]]:
    period = f"{k.period_from.isoformat()} – {k.period_to.isoformat()}"
    previous = f"{k.previous_from.isoformat()} – {k.previous_to.isoformat()}"
    names = TOTALS + (["earned_media_value"] if k.totals.earned_media_value is not None else [])
    totals = [[name, _figure(k.totals, name, k), _figure(k.previous, name, k)] for name in names]
    monthly = [
        [m.month, *([_hidden(m.suppressed, k)] * (len(MONTH_COLUMNS) - 1))]
        if m.suppressed
        else [getattr(m, c) for c in MONTH_COLUMNS]
        for m in k.monthly
    ]
    hidden = [[name, _hidden(reason, k)] for name, reason in k.suppressed.items()]
    return [
        ("Totals", ["figure", period, previous], totals),
        ("Monthly", MONTH_COLUMNS, monthly),
        ("By platform", GROUP_COLUMNS, _groups(k.by_platform)),
        ("By format", GROUP_COLUMNS, _groups(k.by_format)),
        ("By occupational group", GROUP_COLUMNS, _groups(k.by_occupation)),
        ("By cohort", GROUP_COLUMNS, _groups(k.by_cohort)),
        ("By team", GROUP_COLUMNS, _groups(k.by_team)),
        ("Outcomes", ["type", "count"], [[t, n] for t, n in k.outcomes_by_type.items()]),
        ("Formulas", ["figure", "formula"], [[f, text] for f, text in k.formulas.items()]),
        *([("Hidden", ["breakdown", "why"], hidden)] if hidden else []),
    ]


def kpi_download(kpis: ProgramKpis, fmt: str, slug: str) -> Response:
    name = f"botschaft-kpis-{slug}-{kpis.period_from.isoformat()}-{kpis.period_to.isoformat()}"
    if fmt == "xlsx":
        return xlsx_response(_sheets(kpis), f"{name}.xlsx")
    rows = []
    for title, header, body in _sheets(kpis):
        rows.append([title, *header])
        rows.extend([[title, *r] for r in body])
    return csv_response(
        ["section", "key", "value", "value_2", "value_3", "value_4", "value_5", "value_6"],
        rows,
        f"{name}.csv",
    )
