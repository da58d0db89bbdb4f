"""The monthly report: the KPI download's tables (the same figures and privacy rules, in the
reader's language) as Markdown, turned into a PDF and into an email's short summary."""

from __future__ import annotations

from datetime import date

from botschaft.core.labels import Lang, word
from botschaft.core.pdf import markdown_pdf, markdown_to_html
from botschaft.kpis.export import sheets
from botschaft.kpis.schemas import ProgramKpis

_TITLE = {"de": "Monatsbericht", "en": "Monthly report"}
_PRINTED = {"de": "Erstellt am {day}", "en": "Created on {day}"}
_PERIOD = {"de": "Zeitraum: {a} bis {b}", "en": "Period: {a} to {b}"}
_MONTHS = {
    "de": "Januar Februar März April Mai Juni Juli August September Oktober November Dezember",
    "en": "January February March April May June July August September October November December",
}


def month_name(month: date, lang: Lang) -> str:
    return f"{_MONTHS[lang].split()[month.month - 1]} {month.year}"


def _escape(text: object) -> str:
    # Program names and groups are typed by people: their Markdown characters print literally.
    value = "–" if text is None else str(text)
    return "".join("\\" + c if c in "\\`*_[]#|<>" else c for c in value)


def _table(header: list[str], rows: list[list[object]]) -> str:
    # The last column of each download table is the code for machines: not for people.
    lines = ["| " + " | ".join(_escape(h) for h in header[:-1]) + " |"]
    lines.append("|" + " --- |" * (len(header) - 1))
    lines += ["| " + " | ".join(_escape(v) for v in row[:-1]) + " |" for row in rows]
    return "\n".join(lines)


def report_markdown(program_name: str, kpis: ProgramKpis, lang: Lang, today: date) -> str:
    parts = [
        f"# {_TITLE[lang]}: {_escape(program_name)}",
        _PERIOD[lang].format(a=kpis.period_from.isoformat(), b=kpis.period_to.isoformat())
        + "  \n"
        + _PRINTED[lang].format(day=today.isoformat()),
    ]
    for title, header, rows in sheets(kpis, lang):
        if title == word(lang, "sheet.formulas") or not rows:
            continue  # formulas are in the app; empty breakdowns say nothing
        if title == word(lang, "sheet.monthly"):
            header, rows = [*header, ""], [[*r, ""] for r in rows]  # no code column here
        parts += [f"## {_escape(title)}", _table(header, rows)]
    return "\n\n".join(parts) + "\n"


def summary_markdown(program_name: str, kpis: ProgramKpis, lang: Lang, month: date) -> str:
    """The email's few lines: the month's totals (hidden ones as their reason in words)."""
    totals = next(
        rows for title, _, rows in sheets(kpis, lang) if title == word(lang, "sheet.totals")
    )
    wanted = {"posts", "engagements", "active_influencers", "outcomes"}
    lines = [f"- **{_escape(row[0])}:** {_escape(row[1])}" for row in totals if row[-1] in wanted]
    intro = {
        "de": f"Der Bericht für {month_name(month, lang)} im Programm {_escape(program_name)} "
        "hängt als PDF an. Die wichtigsten Zahlen:",
        "en": f"The report for {month_name(month, lang)} of {_escape(program_name)} is "
        "attached as a PDF. The main figures:",
    }[lang]
    return intro + "\n\n" + "\n".join(lines) + "\n"


def report_pdf(program_name: str, kpis: ProgramKpis, lang: Lang, today: date) -> bytes:
    return markdown_pdf(
        report_markdown(program_name, kpis, lang, today),
        title=f"{_TITLE[lang]}: {program_name}",
        lang=lang,
    )


def summary_html(text: str) -> str:
    return markdown_to_html(text)
