"""The applications table as CSV or XLSX (formula-safe, see core.export)."""

from __future__ import annotations

from typing import Any

from fastapi import Response

from botschaft.calls.models import Application, Call, Question
from botschaft.calls.schemas import ApplicationRow
from botschaft.core.export import csv_response, xlsx_response


def _cell(question: Question, value: Any) -> Any:
    """An answer as people read it: option labels (German, like the headers), ja/nein."""
    if isinstance(value, bool):
        return "ja" if value else "nein"
    labels = {o["value"]: o["label_de"] for o in question.options}
    if isinstance(value, list):
        return ", ".join(labels.get(v, str(v)) for v in value)
    return labels.get(value, value) if isinstance(value, str) else value


def applications_download(
    call: Call, rows: list[tuple[Application, ApplicationRow]], fmt: str, slug: str
) -> Response:
    header = ["Name", "E-Mail", "Status", "Eingang", "Tags", "Stimmen dafür", "Stimmen dagegen"]
    header += [q.label_de for q in call.questions]
    body = [
        [
            a.name,
            a.email,
            row.status.value,
            a.submitted_at.replace(tzinfo=None),  # spreadsheets cannot hold a time zone
            ", ".join(row.tags),
            row.votes_for,
            row.votes_against,
            *[_cell(q, a.answers.get(q.key)) for q in call.questions],
        ]
        for a, row in rows
    ]
    filename = f"{slug}-bewerbungen.{fmt}"
    if fmt == "csv":
        return csv_response(header, body, filename)
    return xlsx_response([("Bewerbungen", header, body)], filename)
