"""PDF documents from Markdown: one layout for every document Botschaft hands out.

The text is written once as Markdown (which is also offered as a download); markdown-it-py
turns it into HTML with raw HTML switched off (text from users cannot add markup), and fpdf2
(pure Python) lays it out. The bundled font is a small subset of DejaVu Sans: the PDF core
fonts know Latin-1 only, so an en dash or German quotes („…“) would not print.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from functools import cache
from pathlib import Path

from fpdf import FPDF
from fpdf.fonts import FontFace
from markdown_it import MarkdownIt

FONTS = Path(__file__).parent / "fonts"
FONT = "DejaVuSans"
PDF_TYPE = "application/pdf"


@cache
def _markdown() -> MarkdownIt:
    return MarkdownIt("commonmark", {"html": False}).enable("table")


_CELL = re.compile(r"<(td|th)(\s[^>]*)?>(.*?)</\1>", re.S)
_TAG = re.compile(r"</?[a-z]+[^>]*>")


def markdown_to_html(text: str) -> str:
    return _markdown().render(text)


def _plain_cells(html: str) -> str:
    """fpdf2 lays out table cells as plain text only: drop the inline markup inside them, and
    align them left (its default justifies narrow columns into gaps)."""
    return _CELL.sub(lambda m: f'<{m[1]} align="left">{_TAG.sub("", m[3])}</{m[1]}>', html)


class _Document(FPDF):
    def __init__(self, footer: str) -> None:
        super().__init__(format="A4")
        self._footer_text = footer

    def footer(self) -> None:
        self.set_y(-15)
        self.set_font(FONT, size=8)
        self.set_text_color(80)
        text = self._footer_text.format(page=self.page_no(), pages="{nb}")
        self.cell(0, 10, text, align="C")


def markdown_pdf(
    text: str,
    *,
    title: str,
    lang: str,
    footer: str = "{page} / {pages}",
    created: datetime | None = None,
) -> bytes:
    """An A4 PDF of `text` (Markdown: headings, paragraphs, lists, tables, bold, italics).
    `footer` is printed on every page; `{page}` and `{pages}` are filled in."""
    pdf = _Document(footer)
    for style, file in (("", "DejaVuSans.ttf"), ("B", "DejaVuSans-Bold.ttf")):
        pdf.add_font(FONT, style, FONTS / file)
    # No italic cut is bundled: italics print upright rather than fail.
    pdf.add_font(FONT, "I", FONTS / "DejaVuSans.ttf")
    pdf.add_font(FONT, "BI", FONTS / "DejaVuSans-Bold.ttf")
    pdf.set_title(title)
    pdf.set_lang(lang)
    pdf.set_creator("Botschaft")
    pdf.set_creation_date(created or datetime.now(UTC))
    pdf.set_margins(20, 18, 20)
    pdf.set_auto_page_break(True, margin=20)
    pdf.add_page()
    pdf.set_font(FONT, size=10)
    pdf.write_html(
        _plain_cells(markdown_to_html(text)),
        font_family=FONT,
        tag_styles={
            "h1": FontFace(family=FONT, emphasis="BOLD", size_pt=17),
            "h2": FontFace(family=FONT, emphasis="BOLD", size_pt=13),
            "h3": FontFace(family=FONT, emphasis="BOLD", size_pt=11),
        },
    )
    return bytes(pdf.output())
