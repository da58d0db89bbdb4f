"""The applications table as CSV or XLSX (formula-safe, see core.export), in the reader's
language: option labels and statuses as words; the status code in a last column for machines."""

from __future__ import annotations

from typing import Any

from fastapi import Response

from botschaft.calls.models import Application, Call, Question
from botschaft.calls.schemas import ApplicationRow
from botschaft.core.export import csv_response, xlsx_response
from botschaft.core.labels import Lang, word


def _cell(question: Question, value: Any, lang: Lang) -> Any:
    """An answer as people read it: option labels, yes/no."""
    if isinstance(value, bool):
        return word(lang, "yes" if value else "no")
    labels = {
        o["value"]: o.get(f"label_{lang}") or o.get("label_de") or o["value"]
        for o in question.options
    }
    if isinstance(value, list):
        return ", ".join(labels.get(v, str(v)) for v in value)
    return labels.get(value, value) if isinstance(value, str) else value


def _label(question: Question, lang: Lang) -> str:
    return getattr(question, f"label_{lang}") or question.label_de


def applications_download(
    call: Call,
    rows: list[tuple[Application, ApplicationRow]],
    fmt: str,
    slug: str,
    lang: Lang = "de",
) -> Response:
    header = [
        word(lang, f"app.{k}") for k in ("name", "email", "status", "submitted", "tags", "for")
    ]
    header += [word(lang, "app.against")]
    header += [_label(q, lang) for q in call.questions]
    header += [f"{word(lang, 'app.status')} ({word(lang, 'code')})"]
    body = [
        [
            a.name,
            a.email,
            word(lang, f"status.{row.status.value}"),
            a.submitted_at.replace(tzinfo=None),  # spreadsheets cannot hold a time zone
            ", ".join(row.tags),
            row.votes_for,
            row.votes_against,
            *[_cell(q, a.answers.get(q.key), lang) for q in call.questions],
            row.status.value,
        ]
        for a, row in rows
    ]
    filename = f"{slug}-{word(lang, 'app.file')}.{fmt}"
    if fmt == "csv":
        return csv_response(header, body, filename)
    return xlsx_response([(word(lang, "app.sheet"), header, body)], filename)
