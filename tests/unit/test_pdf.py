"""core/pdf.py: Markdown to PDF with the bundled font (German text, typographic marks)."""

from __future__ import annotations

import io

from pypdf import PdfReader

from botschaft.core.pdf import markdown_pdf


def _text(pdf: bytes) -> str:
    reader = PdfReader(io.BytesIO(pdf))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def test_german_text_dashes_quotes_tables_and_literal_html_print():
    source = (
        "# Größe – „Anführung“ <b>kein Tag</b>\n\n"
        "Grüße an **Jürgen** – 5 € für Straßenbäume.\n\n"
        "| Einstellung | Wert |\n| --- | --- |\n| `BOTSCHAFT_X` mit **fett** | 183 Tage |\n\n"
        "- erster Punkt\n- zweiter Punkt\n"
    )
    pdf = markdown_pdf(source, title="Größe", lang="de", footer="Seite {page} von {pages}")
    assert pdf.startswith(b"%PDF")
    text = _text(pdf)
    for expected in (
        "Größe – „Anführung“ <b>kein Tag</b>",
        "Grüße an Jürgen – 5 € für Straßenbäume.",
        "BOTSCHAFT_X mit fett",
        "183 Tage",
        "zweiter Punkt",
        "Seite 1 von 1",
    ):
        assert expected in text, expected
    assert PdfReader(io.BytesIO(pdf)).metadata.title == "Größe"


def test_long_documents_break_into_numbered_pages():
    source = "\n\n".join(f"Absatz {n}: " + "Text " * 80 for n in range(40))
    reader = PdfReader(io.BytesIO(markdown_pdf(source, title="Lang", lang="de")))
    assert len(reader.pages) > 3
    assert f"{len(reader.pages)} / {len(reader.pages)}" in reader.pages[-1].extract_text()
