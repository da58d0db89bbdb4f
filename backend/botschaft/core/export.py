"""CSV and XLSX downloads that are safe to open in a spreadsheet.

A cell that starts with = + - @ (or a tab or carriage return) is a formula to Excel and
LibreOffice; text from users (names, notes, answers) could run one. Such text gets a leading
apostrophe (OWASP "CSV injection"); numbers stay numbers.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from datetime import date, datetime

from fastapi import Response
from openpyxl import Workbook

Cell = str | int | float | date | datetime | None
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def safe_cell(value: Cell) -> Cell:
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def _disposition(filename: str) -> dict[str, str]:
    return {"Content-Disposition": f'attachment; filename="{filename}"'}


def csv_response(header: Sequence[str], rows: Iterable[Sequence[Cell]], filename: str) -> Response:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")  # Excel in German locales expects ";"
    writer.writerow([safe_cell(h) for h in header])
    for row in rows:
        writer.writerow(["" if v is None else safe_cell(v) for v in row])
    # A byte-order mark makes Excel read the file as UTF-8 (umlauts).
    return Response(
        "\ufeff" + buffer.getvalue(),
        media_type="text/csv; charset=utf-8",
        headers=_disposition(filename),
    )


def pdf_response(content: bytes, filename: str) -> Response:
    return Response(content, media_type="application/pdf", headers=_disposition(filename))


def xlsx_response(
    sheets: Sequence[tuple[str, Sequence[str], Iterable[Sequence[Cell]]]], filename: str
) -> Response:
    workbook = Workbook(write_only=True)
    for title, header, rows in sheets:
        sheet = workbook.create_sheet(title[:31])
        sheet.append([safe_cell(h) for h in header])
        for row in rows:
            sheet.append([safe_cell(v) for v in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return Response(buffer.getvalue(), media_type=XLSX_TYPE, headers=_disposition(filename))
