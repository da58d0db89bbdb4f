"""The questionnaire: checking answers against it, and which edits keep given answers valid."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlsplit

from botschaft.calls.models import Question, QuestionType
from botschaft.calls.schemas import QuestionIn
from botschaft.core.errors import Conflict, FieldError, Unprocessable
from botschaft.core.text import TextError, check_link, check_text

URL_MAX_LENGTH = 500
# A scheme ("https:", "javascript:"), not a host with a port ("example.org:8080").
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+\-]*:")


def _text(q: Question, value: Any) -> tuple[Any, str | None]:
    if not isinstance(value, str):
        return None, "Expected text."
    value = check_text(value.strip(), multiline=q.type == QuestionType.long_text)
    if q.max_length and len(value) > q.max_length:
        return None, f"At most {q.max_length} characters."
    return value or None, None


def _single(q: Question, value: Any) -> tuple[Any, str | None]:
    if not isinstance(value, str):
        return None, "Expected one of the options."
    if value not in {o["value"] for o in q.options}:
        return None, "Not one of the options."
    return value, None


def _multiple(q: Question, value: Any) -> tuple[Any, str | None]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        return None, "Expected a list of options."
    allowed = {o["value"] for o in q.options}
    if not set(value) <= allowed:
        return None, "Not one of the options."
    # Keep the questionnaire's order, once each.
    chosen = [o["value"] for o in q.options if o["value"] in value]
    return chosen or None, None


def _scale(q: Question, value: Any) -> tuple[Any, str | None]:
    if isinstance(value, bool) or not isinstance(value, int):
        return None, "Expected a whole number."
    if not (q.scale_min or 0) <= value <= (q.scale_max or 0):
        return None, f"Between {q.scale_min} and {q.scale_max}."
    return value, None


def _yes_no(q: Question, value: Any) -> tuple[Any, str | None]:
    if not isinstance(value, bool):
        return None, "Expected yes or no."
    return value, None


def _url(q: Question, value: Any) -> tuple[Any, str | None]:
    if not isinstance(value, str):
        return None, "Expected a web address."
    value = value.strip()
    if not value:
        return None, None
    if len(value) > (q.max_length or URL_MAX_LENGTH):
        return None, f"At most {q.max_length or URL_MAX_LENGTH} characters."
    value = check_text(value)
    # Pasted without a scheme ("example.org/cv"): https is meant.
    if not _SCHEME.match(value):
        value = "https://" + value
    check_link(value)
    parts = urlsplit(value)
    if "." not in (parts.hostname or ""):
        return None, "Not a web address (https://…)."
    return parts.geturl(), None


CHECKS = {
    QuestionType.short_text: _text,
    QuestionType.long_text: _text,
    QuestionType.single_choice: _single,
    QuestionType.multiple_choice: _multiple,
    QuestionType.scale: _scale,
    QuestionType.yes_no: _yes_no,
    QuestionType.url: _url,
}


def clean_answers(questions: list[Question], answers: dict[str, Any]) -> dict[str, Any]:
    """The answers in their stored form, or a 422 naming every answer that is wrong."""
    by_key = {q.key: q for q in questions}
    errors = [
        FieldError(field=f"answers.{key}", message="No such question.", type="unknown_question")
        for key in answers
        if key not in by_key
    ]
    cleaned: dict[str, Any] = {}
    for q in questions:
        raw = answers.get(q.key)
        try:
            value, problem = (None, None) if raw is None else CHECKS[q.type](q, raw)
        except TextError as error:
            errors.append(
                FieldError(field=f"answers.{q.key}", message=error.message, type=error.code)
            )
            continue
        if problem:
            errors.append(FieldError(field=f"answers.{q.key}", message=problem, type="invalid"))
        elif value is None:
            if q.required:
                errors.append(
                    FieldError(field=f"answers.{q.key}", message="Required.", type="missing")
                )
        else:
            cleaned[q.key] = value
    if errors:
        raise Unprocessable("Some answers need fixing.", errors=errors)
    return cleaned


def check_edit_keeps_answers(old: list[Question], new: list[QuestionIn]) -> None:
    """Once a call is out of draft, people may have answered: an edit may reword, reorder, add
    optional questions and options, and loosen limits, but nothing that would make a given
    answer invalid or leave it without its question (409 naming the question)."""
    errors: list[FieldError] = []
    new_by_key = {q.key: (i, q) for i, q in enumerate(new)}

    def refuse(field: str, message: str) -> None:
        errors.append(FieldError(field=field, message=message, type="would_orphan_answers"))

    for q in old:
        if q.key not in new_by_key:
            refuse("questions", f"The question {q.key!r} cannot be removed: it may have answers.")
            continue
        i, n = new_by_key[q.key]
        field = f"questions[{i}]"
        if n.type != q.type:
            refuse(f"{field}.type", "The type of an answered question cannot change.")
            continue
        if n.required and not q.required:
            refuse(f"{field}.required", "Given applications may not have answered it.")
        removed = {o["value"] for o in q.options} - {o.value for o in n.options}
        if removed:
            refuse(f"{field}.options", f"Options in use cannot be removed: {sorted(removed)}.")
        if q.max_length and n.max_length and n.max_length < q.max_length:
            refuse(f"{field}.max_length", "The limit can be raised, not lowered.")
        if q.type == QuestionType.scale and (
            (n.scale_min or 0) > (q.scale_min or 0) or (n.scale_max or 0) < (q.scale_max or 0)
        ):
            refuse(f"{field}.scale_max", "The scale can be widened, not narrowed.")
    old_keys = {q.key for q in old}
    for i, n in enumerate(new):
        if n.key not in old_keys and n.required:
            refuse(f"questions[{i}].required", "A question added to an open call must be optional.")
    if errors:
        raise Conflict("This edit would invalidate answers already given.", errors=errors)


def check_unique_keys(new: list[QuestionIn]) -> None:
    seen: set[str] = set()
    for i, q in enumerate(new):
        if q.key in seen:
            raise Unprocessable.for_field(
                f"questions[{i}].key", "Keys must be unique.", "duplicate"
            )
        seen.add(q.key)
