"""Reading tables that people upload (CSV or XLSX exports) and the cells in them: files in any
encoding, numbers with thousands separators, dates in the forms and languages exports use."""

from __future__ import annotations

import csv
import functools
import io
import re
from datetime import date, datetime

import charset_normalizer
from dateutil import parser as dateutil_parser
from fastapi import UploadFile
from openpyxl import load_workbook

from botschaft.core.errors import PayloadTooLarge, Unprocessable

_XLSX_MAGIC = b"PK\x03\x04"


def read_upload(file: UploadFile, most_bytes: int) -> bytes:
    data = file.file.read(most_bytes + 1)
    if len(data) > most_bytes:
        raise PayloadTooLarge.for_field(
            "file", f"The file is larger than {most_bytes:,} bytes.", "too_large"
        )
    return data


def read_rows(filename: str, data: bytes, sheet: str | None = None) -> list[list[object]]:
    """The rows of a CSV file or of an XLSX file's sheet named `sheet` (any case; the first
    sheet when there is none such), as they are."""
    if not data:
        raise Unprocessable.for_field("file", "The file is empty.", "empty_file")
    if data.startswith(_XLSX_MAGIC) or filename.lower().endswith(".xlsx"):
        return _read_xlsx(data, sheet)
    if b"\x00" in data[:4096] and not data.startswith(_UTF16_BOMS):
        raise Unprocessable.for_field("file", "Upload a CSV or XLSX file.", "unsupported_file")
    return _read_csv(data)


def _read_xlsx(data: bytes, wanted: str | None) -> list[list[object]]:
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a broken file
        raise Unprocessable.for_field(
            "file", "This is not a readable XLSX file.", "unsupported_file"
        ) from error
    named = [s for s in book.worksheets if wanted and s.title.strip().lower() == wanted.lower()]
    sheet = (named or book.worksheets)[0]
    rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    book.close()
    return rows


_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


def decode(data: bytes) -> str:
    """UTF-8 (with or without a byte-order mark) as it is; any other encoding (Excel's
    Windows-1252, UTF-16, ...) measured by charset-normalizer rather than guessed."""
    try:
        if data.startswith(_UTF16_BOMS):  # Meta's exports: UTF-16 with a byte-order mark
            return data.decode("utf-16")
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    best = charset_normalizer.from_bytes(data).best()
    if best is None:
        raise Unprocessable.for_field(
            "file", "The file's characters cannot be read (unknown encoding).", "unsupported_file"
        )
    return str(best)


def _read_csv(data: bytes) -> list[list[object]]:
    text = decode(data)
    sample = text[:8192]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=";,\t")
    except csv.Error:
        dialect = csv.excel
    # newline="": the reader sees the file's own line ends (old Mac exports end lines with a
    # lone CR). Whatever the reader still cannot read (an over-long field, ...) is the file's
    # problem, not a server error.
    try:
        rows = [list(r) for r in csv.reader(io.StringIO(text, newline=""), dialect)]
    except csv.Error as error:
        raise Unprocessable.for_field(
            "file", "This is not a readable CSV file.", "unsupported_file"
        ) from error
    return rows


_THOUSANDS = re.compile(r"^\d{1,3}([.,\u202f ]\d{3})+$")


def parse_count(value: object, most: int) -> int | None:
    """A cell's whole number from 0 to `most` (thousands separators allowed); ValueError else."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise ValueError
    if isinstance(value, int):
        number = value
    elif isinstance(value, float) and value.is_integer():
        number = int(value)
    else:
        text = str(value).strip()
        if _THOUSANDS.match(text):
            text = re.sub(r"[.,\u202f ]", "", text)
        number = int(text)
    if not 0 <= number <= most:
        raise ValueError
    return number


def parse_day(value: object, today: date | None = None) -> date | None:
    """A cell's date; one written without a year is the latest such day up to `today` (the
    program's today; the server's when not given)."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    day, yearless = _day_from_text(str(value).strip())
    return _latest_past(day, today or date.today()) if yearless else day


class _Months(dateutil_parser.parserinfo):
    """Month names of the languages people set their apps to here (English, German, French,
    Spanish, Italian, Dutch, Portuguese, Polish, Turkish): an export written in the app's
    language says "2. März 2026", "2 mars 2026" or "2 Mart 2026". Each name belongs to one
    month only (a test checks)."""

    MONTHS = [
        # en, de, fr, es, it, nl, pt, pl (also the genitive of dates), tr
        ("Jan", "January", "Januar", "Jän", "janv", "janvier", "ene", "enero", "gen", "gennaio",
         "januari", "janeiro", "sty", "styczeń", "stycznia", "Oca", "Ocak"),
        ("Feb", "February", "Februar", "févr", "février", "fevrier", "febrero", "febbraio",
         "februari", "fev", "fevereiro", "lut", "luty", "lutego", "Şub", "Şubat", "Subat"),
        ("Mar", "March", "März", "Mär", "Mrz", "mars", "marzo", "maart", "março", "marco",
         "marzec", "marca", "Mart"),
        ("Apr", "April", "avr", "avril", "abr", "abril", "aprile", "kwi", "kwiecień",
         "kwietnia", "Nis", "Nisan"),
        ("May", "Mai", "mayo", "mag", "maggio", "mei", "maio", "maj", "maja", "Mayıs", "Mayis"),
        ("Jun", "June", "Juni", "juin", "junio", "giu", "giugno", "junho", "cze", "czerwiec",
         "czerwca", "Haz", "Haziran"),
        ("Jul", "July", "Juli", "juil", "juillet", "julio", "lug", "luglio", "julho", "lip",
         "lipiec", "lipca", "Tem", "Temmuz"),
        ("Aug", "August", "août", "aout", "ago", "agosto", "augustus", "sie", "sierpień",
         "sierpnia", "Ağu", "Ağustos", "Agustos"),
        ("Sep", "Sept", "September", "sept", "septembre", "septiembre", "set", "settembre",
         "setembro", "wrz", "wrzesień", "września", "Eyl", "Eylül", "Eylul"),
        ("Oct", "October", "Okt", "Oktober", "oct", "octobre", "octubre", "ott", "ottobre",
         "out", "outubro", "paź", "październik", "października", "Eki", "Ekim"),
        ("Nov", "November", "novembre", "noviembre", "novembro", "lis", "listopad",
         "listopada", "Kas", "Kasım", "Kasim"),
        ("Dec", "December", "Dez", "Dezember", "déc", "décembre", "decembre", "dic",
         "diciembre", "dicembre", "dezembro", "gru", "grudzień", "grudnia", "Ara", "Aralık",
         "Aralik"),
    ]  # fmt: skip
    JUMP = [*dateutil_parser.parserinfo.JUMP, "de", "del"]  # "15 de marzo de 2026"


_MONTHS = _Months()


@functools.lru_cache(maxsize=4096)
def _day_from_text(text: str) -> tuple[date, bool]:
    """ISO dates as they are; anything else ("31.03.2026", "03/31/2026", "Mar 31, 2026",
    "2. März 2026") through dateutil's parser: day first with dots (German), month first with
    slashes (the US exports). Also says whether the text has no year (TikTok Studio writes
    "Mar 2"). Cached: a file has few distinct dates."""
    try:
        return date.fromisoformat(text[:10]), False
    except ValueError:
        pass
    try:
        first = dateutil_parser.parse(text, _MONTHS, dayfirst="." in text, default=_LEAP_4)
        second = dateutil_parser.parse(text, _MONTHS, dayfirst="." in text, default=_LEAP_8)
    except (ValueError, OverflowError) as error:
        raise ValueError(text) from error
    return second.date(), first.year != second.year


# Two defaults in different leap years (so "29 Feb" parses): where the parsed year follows
# the default, the text had none.
_LEAP_4, _LEAP_8 = datetime(4, 1, 1), datetime(8, 1, 1)


def _latest_past(day: date, today: date) -> date:
    """A date written without a year: the latest such day that is not after `today`."""
    for year in range(today.year, today.year - 8, -1):
        try:
            candidate = day.replace(year=year)
        except ValueError:  # 29 February outside a leap year
            continue
        if candidate <= today:
            return candidate
    raise ValueError(str(day))
