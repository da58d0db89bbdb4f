"""The KPI dashboard as a download (the same aggregates, so the same privacy rules): a figure
hidden from HR leadership is written as the reason in words, never as a number."""

from __future__ import annotations

from datetime import date

from fastapi import Response
from sqlalchemy.orm import Session

from botschaft.audit import service as audit
from botschaft.core.export import Cell, csv_response, xlsx_response
from botschaft.core.labels import Lang, word
from botschaft.kpis import service
from botschaft.kpis.filters import audit_details, resolve_filter
from botschaft.kpis.privacy import FEWER_THAN_MIN_GROUP, REST_FEWER_THAN_MIN_GROUP
from botschaft.kpis.schemas import FilterQuery, GroupRow, ProgramKpis, Totals
from botschaft.tenancy.access import ProgramContext

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
    "followers",
    "follower_growth",
]
# Breakdowns HR may see left empty, by the name of their sheet.
_SHEET = {"outcomes_by_type": "outcomes", "top_questions": "questions"}
MONTH_COLUMNS = ["month", "posts", "likes", "comments", "shares", "impressions", "engagements"]


def _hidden(reason: str, k: ProgramKpis, lang: Lang) -> str:
    """A figure HR may not see, in words (kpis/privacy.py decides which)."""
    if reason in (FEWER_THAN_MIN_GROUP, REST_FEWER_THAN_MIN_GROUP):
        return word(lang, f"hidden.{reason}").format(n=k.min_group_size)
    return word(lang, f"hidden.{reason}", word(lang, "hidden.other"))


def _figure(totals: Totals, name: str, k: ProgramKpis, lang: Lang) -> Cell:
    reason = totals.suppressed.get(name)
    return _hidden(reason, k, lang) if reason else getattr(totals, name)


def _groups(rows: list[GroupRow], lang: Lang, kind: str | None) -> list[list[Cell]]:
    # Platform and format groups are codes: the word first, the code last (for machines).
    def name(key: str) -> str:
        if key == "other" and kind != "platform":
            return word(lang, "group.other")
        return word(lang, f"{kind}.{key}", key) if kind else key

    return [[name(r.key), r.people, r.posts, r.engagements, r.key] for r in rows]


def _filter_rows(k: ProgramKpis, lang: Lang) -> list[list[Cell]]:
    chosen, rows = k.filter, []
    if chosen.platform:
        name = word(lang, f"platform.{chosen.platform}")
        rows.append([word(lang, "filter.platform"), name, chosen.platform])
    if chosen.cohort:
        rows.append([word(lang, "filter.cohort"), chosen.cohort, str(chosen.cohort_id)])
    if chosen.team:
        rows.append([word(lang, "filter.team"), chosen.team, str(chosen.team_id)])
    return rows


def sheets(k: ProgramKpis, lang: Lang = "de") -> list[tuple[str, list[str], list[list[Cell]]]]:
    w = lambda key: word(lang, key)  # noqa: E731
    code = f"{w('col.key')} ({w('code')})"
    period = f"{k.period_from.isoformat()} – {k.period_to.isoformat()}"
    previous = f"{k.previous_from.isoformat()} – {k.previous_to.isoformat()}"
    names = TOTALS + (["earned_media_value"] if k.totals.earned_media_value is not None else [])
    totals = [
        [w(f"figure.{n}"), _figure(k.totals, n, k, lang), _figure(k.previous, n, k, lang), n]
        for n in names
    ]
    groups = [w("col.group"), w("col.people"), w("figure.posts"), w("figure.engagements"), code]
    monthly_head = [w("col.month"), *[w(f"figure.{c}") for c in MONTH_COLUMNS[1:]]]
    monthly = [
        [m.month, *([_hidden(m.suppressed, k, lang)] * (len(MONTH_COLUMNS) - 1))]
        if m.suppressed
        else [getattr(m, c) for c in MONTH_COLUMNS]
        for m in k.monthly
    ]
    outcomes = [[word(lang, f"type.{t}", t), n, t] for t, n in k.outcomes_by_type.items()]
    questions = [[q.topic, q.questions] for q in k.top_questions]
    formulas = [[word(lang, f"figure.{f}", f), text, f] for f, text in k.formulas.items()]
    hidden = [
        [w(f"sheet.{_SHEET.get(name, name)}"), _hidden(reason, k, lang), name]
        for name, reason in k.suppressed.items()
    ]
    narrowed = _filter_rows(k, lang)
    return [
        # The filter first, so nobody takes a filtered file for the whole program.
        *(
            [(w("sheet.filter"), [w("col.figure"), w("col.value"), code], narrowed)]
            if narrowed
            else []
        ),
        (w("sheet.totals"), [w("col.figure"), period, previous, code], totals),
        (w("sheet.monthly"), monthly_head, monthly),
        (w("sheet.by_platform"), groups, _groups(k.by_platform, lang, "platform")),
        (w("sheet.by_format"), groups, _groups(k.by_format, lang, "format")),
        (w("sheet.by_occupation"), groups, _groups(k.by_occupation, lang, None)),
        (w("sheet.by_cohort"), groups, _groups(k.by_cohort, lang, None)),
        (w("sheet.by_team"), groups, _groups(k.by_team, lang, None)),
        (w("sheet.outcomes"), [w("col.type"), w("col.count"), code], outcomes),
        *(
            [(w("sheet.questions"), [w("col.topic"), w("col.count")], questions)]
            if questions
            else []
        ),
        (w("sheet.formulas"), [w("col.figure"), w("col.formula"), code], formulas),
        *(
            [(w("sheet.hidden"), [w("col.breakdown"), w("col.why"), code], hidden)]
            if hidden
            else []
        ),
    ]


def kpi_download(kpis: ProgramKpis, fmt: str, slug: str, lang: Lang = "de") -> Response:
    name = f"botschaft-kpis-{slug}-{kpis.period_from.isoformat()}-{kpis.period_to.isoformat()}"
    tables = sheets(kpis, lang)
    if fmt == "xlsx":
        return xlsx_response(tables, f"{name}.xlsx")
    # One CSV for all tables: each row starts with its section; each section's own header
    # row comes first, so the generic columns are only numbered.
    rows = []
    for title, header, body in tables:
        rows.append([title, *header])
        rows.extend([[title, *r] for r in body])
    value = word(lang, "col.value")
    return csv_response(
        [word(lang, "col.section"), *[f"{value} {i}" for i in range(1, 8)]],
        rows,
        f"{name}.csv",
    )


def exported_kpis(
    session: Session,
    ctx: ProgramContext,
    start: date | None,
    end: date | None,
    narrow: FilterQuery,
    *,
    what: str,
    fmt: str,
    ip: str | None,
) -> ProgramKpis:
    """The KPIs a download carries (the same figures and privacy rules as the dashboard),
    written to the audit log: who took which figures out, for which period and filter."""
    flt = resolve_filter(session, ctx.program, narrow)
    kpis = service.program_kpis(session, ctx, start, end, flt)
    audit.record(
        session,
        "data.exported",
        actor=ctx.user,
        program_id=ctx.program.id,
        ip=ip,
        details={"what": what, "format": fmt, "from": str(kpis.period_from),
                 "to": str(kpis.period_to), **audit_details(flt)},
    )  # fmt: skip
    return kpis
