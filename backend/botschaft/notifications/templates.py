"""Email templates: plain text, German and English, with str.format placeholders.

Domains register theirs in <domain>/emails.py (imported by botschaft.all_jobs).
"""

from __future__ import annotations

import string
from dataclasses import dataclass

Locale = str


@dataclass(frozen=True)
class Template:
    de: tuple[str, str]  # (subject, body)
    en: tuple[str, str]


TEMPLATES: dict[str, Template] = {}

FOOTER = {
    "de": "\n\n-- \nDiese Nachricht wurde von Botschaft verschickt.",
    "en": "\n\n-- \nThis message was sent by Botschaft.",
}


def register_template(name: str, *, de: tuple[str, str], en: tuple[str, str]) -> None:
    for subject, body in (de, en):
        if _fields(subject + body) != _fields(de[0] + de[1]):
            raise ValueError(f"template {name!r}: German and English use different placeholders")
    TEMPLATES[name] = Template(de=de, en=en)


def _fields(text: str) -> set[str]:
    return {f for _, f, _, _ in string.Formatter().parse(text) if f}


def render(name: str, locale: Locale, context: dict[str, object]) -> tuple[str, str]:
    """Returns (subject, body); a missing placeholder value is an error, not a blank."""
    template = TEMPLATES[name]
    subject, body = template.en if locale == "en" else template.de
    # Subjects are one line: a value with a newline must not inject headers.
    rendered_subject = subject.format(**context).replace("\r", " ").replace("\n", " ")
    return rendered_subject, body.format(**context) + FOOTER["en" if locale == "en" else "de"]
