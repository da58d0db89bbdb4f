"""The text rule (core/text.py): its properties, the link type, and that every string the API
takes in uses it."""

from __future__ import annotations

import enum
import types
import typing
import unicodedata
import uuid
from datetime import date, datetime
from typing import Annotated, Any

import pytest
from fastapi.routing import APIRoute
from hypothesis import example, given, settings
from hypothesis import strategies as st
from pydantic import AwareDatetime, BaseModel, EmailStr, TypeAdapter, ValidationError

from botschaft.app import api_routers
from botschaft.core.health import router as health_router
from botschaft.core.schemas import InputModel
from botschaft.core.text import (
    Email,
    HttpsLink,
    MailtoOrWebLink,
    MultilineText,
    Password,
    PlaceOrLink,
    Text,
    TextRule,
    WebLink,
)

LINE = TypeAdapter(Text)
MULTILINE = TypeAdapter(MultilineText)
CODES = {"text_control_character", "text_surrogate", "text_noncharacter"}


def _forbidden(char: str, multiline: bool) -> bool:
    code = ord(char)
    if multiline and char in "\t\n\r":
        return False
    return (
        code < 0x20
        or 0x7F <= code <= 0x9F
        or 0xD800 <= code <= 0xDFFF
        or 0xFDD0 <= code <= 0xFDEF
        or (code & 0xFFFE) == 0xFFFE
    )


def _error_type(adapter: TypeAdapter, value: str) -> str | None:
    try:
        adapter.validate_python(value)
    except ValidationError as error:
        return error.errors()[0]["type"]
    return None


# Text as it comes: anything, with the awkward characters made likely.
AWKWARD = st.sampled_from(
    [
        "\x00", "\t", "\n", "\r", "\r\n", "\x1b", "\x7f", "\x85", "\x9f", "\ud800", "\udfff",
        "\ufdd0", "\ufffe", "\U0010ffff", "\u200f", "\u202e", "\u2066", "\u200b", "e\u0301",
        "\u212b", "\ufeff", "\u2028", "ß", "İ", "😀", "ﷺ",
    ]
)  # fmt: skip
TEXT = st.lists(st.one_of(st.characters(codec=None), AWKWARD), max_size=40).map("".join)


@given(TEXT, st.booleans())
@settings(max_examples=500, deadline=None)
@example("a\x00b", False)
@example("Zeile 1\r\nZeile 2\rZeile 3", True)
@example("\u05e9\u05dc\u05d5\u05dd \u200f(RTL)", False)
def test_text_is_refused_with_a_stable_code_or_stored_normalised(value, multiline):
    adapter = MULTILINE if multiline else LINE
    unified = value.replace("\r\n", "\n").replace("\r", "\n") if multiline else value
    try:
        stored = adapter.validate_python(value)
    except ValidationError as error:
        assert error.errors()[0]["type"] in CODES
        assert any(_forbidden(c, multiline) for c in unified)
        return
    assert not any(_forbidden(c, multiline) for c in stored)
    assert stored == unicodedata.normalize("NFC", unified)
    stored.encode("utf-8")  # what PostgreSQL stores
    assert adapter.validate_python(stored) == stored  # reading back and saving again keeps it
    if multiline:
        assert "\r" not in stored


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("a\x00b", "text_control_character"),
        ("tab\tin a name", "text_control_character"),
        ("two\nlines", "text_control_character"),
        ("del\x7f", "text_control_character"),
        ("c1\x85", "text_control_character"),
        ("lone \ud83d surrogate", "text_surrogate"),
        ("non\ufffecharacter", "text_noncharacter"),
        ("non\ufdd0character", "text_noncharacter"),
    ],
)
def test_a_line_refuses(value, code):
    assert _error_type(LINE, value) == code


def test_what_is_kept():
    assert LINE.validate_python("Ayşe \u200f\u05d3\u05e0\u05d4\u200e 😀") == (
        "Ayşe \u200f\u05d3\u05e0\u05d4\u200e 😀"
    )
    assert LINE.validate_python("Jose\u0301") == "José"  # NFC
    assert MULTILINE.validate_python("a\r\nb\rc\td") == "a\nb\nc\td"
    assert _error_type(MULTILINE, "a\x00b") == "text_control_character"


def test_passwords_keep_everything_but_nul_and_lone_surrogates():
    adapter = TypeAdapter(Password)
    odd = " Pass\tword\x1b e\u0301 "
    assert adapter.validate_python(odd) == odd  # not stripped, not normalised
    assert _error_type(adapter, "a\x00b") == "text_control_character"
    assert _error_type(adapter, "a\udc00b") == "text_surrogate"


def test_emails_refuse_control_characters_before_the_address_check():
    adapter = TypeAdapter(Email)
    assert _error_type(adapter, "a\x00@x.example") == "text_control_character"
    assert adapter.validate_python(" mia@example.org ") == "mia@example.org"


LINKS = {
    "WebLink": TypeAdapter(WebLink),
    "HttpsLink": TypeAdapter(HttpsLink),
    "MailtoOrWebLink": TypeAdapter(MailtoOrWebLink),
}
REFUSED_LINKS = [
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
    "/relative/path",
    "//evil.example/x",
    "relative.html",
    "https://",
    "https:evil.example",
    "https://user:secret@evil.example/",
    "https://example.org/a b",
    "https://example.org:99999/",
    "file:///etc/passwd",
]


@pytest.mark.parametrize("name", LINKS)
@pytest.mark.parametrize("value", REFUSED_LINKS)
def test_links_refuse_other_schemes_and_relative_links(name, value):
    assert _error_type(LINKS[name], value) in {"url_scheme", "url_parsing"}


def test_links_accept_web_addresses_as_sent():
    for value in ("https://example.org/a?b=c#d", "https://bürgerbüro.example/ä"):
        assert LINKS["WebLink"].validate_python(value) == value
    assert (
        LINKS["WebLink"].validate_python("http://intranet.example/x") == "http://intranet.example/x"
    )
    assert _error_type(LINKS["HttpsLink"], "http://intranet.example/x") == "url_scheme"
    assert _error_type(LINKS["WebLink"], "mailto:presse@example.org") == "url_scheme"
    assert LINKS["MailtoOrWebLink"].validate_python("mailto:presse@example.org")
    assert _error_type(LINKS["MailtoOrWebLink"], "mailto:nobody") == "url_parsing"


def test_a_place_is_text_unless_it_is_one_token_that_looks_like_a_link():
    place = TypeAdapter(PlaceOrLink)
    for text in ("Rathaus, Raum 3", "Online: https://meet.example/abc", "Zoom (Link folgt)"):
        assert place.validate_python(text) == text
    assert place.validate_python("https://meet.example/abc") == "https://meet.example/abc"
    for link in ("javascript:alert(1)", "data:text/html,x", "vbscript:x", "//evil.example"):
        assert _error_type(place, link) in {"url_scheme", "url_parsing"}


# ---- every string the API takes in uses the rule --------------------------------------------

# Values whose strings are checked by the service with core.text.check_text (each answer
# against its question's type): the schema cannot know the type.
CHECKED_BY_SERVICE = {"ApplicationSubmit.answers{value}", "ApplicationEdit.answers{value}"}
LEAVES = (int, float, bool, date, datetime, AwareDatetime, uuid.UUID, bytes, type(None))


def _plain_strings(annotation: Any, metadata: list, where: str, seen: set) -> list[str]:
    """The places under `annotation` where a string is taken in without the text rule."""
    origin = typing.get_origin(annotation)
    if origin is Annotated:
        inner, *extra = typing.get_args(annotation)
        return _plain_strings(inner, [*metadata, *extra], where, seen)
    if origin in (typing.Union, types.UnionType):
        found = []
        for arg in typing.get_args(annotation):
            found += _plain_strings(arg, metadata, where, seen)
        return found
    if origin is typing.Literal:
        return []
    if origin in (list, set, frozenset, tuple):
        found = []
        for arg in typing.get_args(annotation):
            if arg is not Ellipsis:
                found += _plain_strings(arg, [], f"{where}[]", seen)
        return found
    if origin is dict:
        key, value = typing.get_args(annotation)
        return _plain_strings(key, [], f"{where}{{key}}", seen) + _plain_strings(
            value, [], f"{where}{{value}}", seen
        )
    if annotation is Any:
        return [] if where in CHECKED_BY_SERVICE else [f"{where} (Any)"]
    if annotation in (str, EmailStr):
        return [] if any(isinstance(m, TextRule) for m in metadata) else [where]
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        if annotation in seen:
            return []
        seen.add(annotation)
        found = []
        for name, field in annotation.model_fields.items():
            found += _plain_strings(
                field.annotation, list(field.metadata), f"{annotation.__name__}.{name}", seen
            )
        return found
    if isinstance(annotation, type) and issubclass(annotation, (enum.Enum, *LEAVES)):
        return []
    if getattr(annotation, "__name__", "") == "UploadFile":
        return []  # file names are cleaned by files.service.safe_filename
    return [f"{where} (unknown type {annotation!r})"]


def _routes() -> list[APIRoute]:
    routes = [r for router in api_routers() for r in router.routes]
    return [r for r in [*routes, *health_router.routes] if isinstance(r, APIRoute)]


def _params(dependant) -> list:
    params = [
        *dependant.path_params,
        *dependant.query_params,
        *dependant.header_params,
        *dependant.cookie_params,
        *dependant.body_params,
    ]
    for sub in dependant.dependencies:
        params += _params(sub)
    return params


def test_every_string_a_request_carries_uses_the_text_rule():
    plain = set()
    checked = 0
    for route in _routes():
        for param in _params(route.dependant):
            info = param.field_info
            where = f"{sorted(route.methods)[0]} {route.path} {param.name}"
            annotation = info.annotation
            if isinstance(annotation, type) and issubclass(annotation, BaseModel):
                where = ""  # named by the model's fields
            found = _plain_strings(annotation, list(info.metadata), where, set())
            plain.update(found)
            checked += 1
    assert checked > 100
    assert not plain, "Use core.text types (Text, MultilineText, WebLink, ...): " + ", ".join(
        sorted(plain)
    )


def test_the_walk_finds_a_plain_string():
    class Sneaky(InputModel):
        fine: Text
        nested: list[dict[Text, Annotated[str, "not the rule"]]]
        email: EmailStr | None = None

    found = _plain_strings(Sneaky, [], "", set())
    assert found == ["Sneaky.nested[]{value}", "Sneaky.email"]


def test_uploaded_file_names_are_cleaned_by_the_same_rule():
    from botschaft.files.service import safe_filename

    assert safe_filename("a\x00b\x85\ufffe\ud800 Leitfa\u0308den.pdf") == "ab Leitfäden.pdf"
    assert safe_filename("..\\..\\etc/pass\x1bwd") == "passwd"
