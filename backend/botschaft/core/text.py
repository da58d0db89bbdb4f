"""The text Botschaft accepts: one rule for every string a client sends.

Every string field of a request body and every string parameter is one of the types below
(tests/unit/test_text.py walks the app and fails on a plain `str`). The rule:

- no C0 control characters (U+0000–U+001F), no DEL (U+007F), no C1 controls (U+0080–U+009F);
  multi-line fields (descriptions, notes, answers, Markdown) allow tab and line breaks, and
  CR LF or a lone CR become LF;
- no lone surrogates (U+D800–U+DFFF: UTF-8, and so PostgreSQL, cannot hold them) and no
  Unicode non-characters (U+FDD0–U+FDEF, U+xxFFFE/U+xxFFFF: reserved for programs' own use,
  refused by XML and so by XLSX exports);
- normalised to NFC (composed), so "é" typed on a Mac and on Windows is the same name and
  lengths are counted on what is stored; length limits apply after normalising;
- everything else is accepted as sent, right-to-left and zero-width marks included.

PostgreSQL refuses NUL in text where SQLite stores it, so without this rule one database
answered 500 and the other stored what the first refused. Refusals are 422 naming the field,
with the stable error types `text_control_character`, `text_surrogate` and `text_noncharacter`.

Links have one type as well: `WebLink` accepts absolute `https://` and `http://` addresses with
a host (`HttpsLink` only https, `MailtoOrWebLink` also `mailto:`); anything else, relative
links and `javascript:`/`data:`/`vbscript:` included, is refused with `url_scheme` or
`url_parsing`.

A pattern goes before the rule (`Annotated[str, StringConstraints(pattern=...), TextRule()]`):
after it, Pydantic still checks the pattern but leaves it out of openapi.yaml.

Passwords (`Password`) are hashed, never stored or shown: they keep every character as typed
(not stripped, not normalised, so existing hashes still match) except NUL and lone surrogates.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Annotated, Any
from urllib.parse import urlsplit

from pydantic import EmailStr
from pydantic_core import PydanticCustomError, core_schema

_CONTROL_LINE = re.compile("[\x00-\x1f\x7f-\x9f]")
_CONTROL_MULTILINE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_CONTROL_PASSWORD = re.compile("\x00")
_SURROGATE = re.compile("[\ud800-\udfff]")
_NONCHARACTER = re.compile(
    "[\ufdd0-\ufdef"
    + "".join(
        f"{chr(plane * 0x10000 + 0xFFFE)}{chr(plane * 0x10000 + 0xFFFF)}" for plane in range(17)
    )
    + "]"
)
_NEWLINES = re.compile("\r\n?")

# A value that starts like "scheme:" (RFC 3986) or like a path is a link, not a place name.
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*:")
WEB_SCHEMES = frozenset({"https", "http"})


class TextError(ValueError):
    """A string that breaks the rule; `code` is the stable error type."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code
        self.message = message


def _describe(char: str) -> str:
    return f"U+{ord(char):04X}"


def check_text(value: str, *, multiline: bool = False) -> str:
    """The value as stored (line breaks unified, NFC), or TextError. Usable outside Pydantic
    (questionnaire answers, imported cells)."""
    if multiline:
        value = _NEWLINES.sub("\n", value)
    if found := _SURROGATE.search(value):
        raise TextError(
            "text_surrogate",
            f"Invalid character {_describe(found.group())} at position {found.start() + 1}.",
        )
    control = _CONTROL_MULTILINE if multiline else _CONTROL_LINE
    if found := control.search(value):
        where = "" if multiline else " (this field is one line)"
        raise TextError(
            "text_control_character",
            f"Control character {_describe(found.group())} at position {found.start() + 1}{where}.",
        )
    if found := _NONCHARACTER.search(value):
        raise TextError(
            "text_noncharacter",
            f"Invalid character {_describe(found.group())} at position {found.start() + 1}.",
        )
    return unicodedata.normalize("NFC", value)


def remove_forbidden(value: str) -> str:
    """The value without the characters the rule refuses, NFC: for names the client does not
    type (an uploaded file's name), which are cleaned rather than refused."""
    for pattern in (_SURROGATE, _CONTROL_LINE, _NONCHARACTER):
        value = pattern.sub("", value)
    return unicodedata.normalize("NFC", value)


def check_password(value: str) -> str:
    if found := _SURROGATE.search(value):
        raise TextError("text_surrogate", f"Invalid character at position {found.start() + 1}.")
    if found := _CONTROL_PASSWORD.search(value):
        raise TextError(
            "text_control_character", f"Control character U+0000 at position {found.start() + 1}."
        )
    return value


def check_link(value: str, schemes: frozenset[str] = WEB_SCHEMES) -> str:
    """An absolute link with one of `schemes` (and a host, unless mailto), or TextError."""
    shown = " or ".join(f"{s}:" if s == "mailto" else f"{s}://" for s in sorted(schemes))
    if any(c.isspace() for c in value):
        raise TextError("url_parsing", "A link cannot contain spaces.")
    try:
        parts = urlsplit(value)
        parts.port  # noqa: B018  (raises ValueError for a malformed port)
    except ValueError as error:
        raise TextError("url_parsing", "This is not a valid link.") from error
    scheme = parts.scheme.lower()
    if scheme not in schemes:
        raise TextError("url_scheme", f"Only links starting with {shown} are accepted.")
    if scheme == "mailto":
        if "@" not in parts.path:
            raise TextError("url_parsing", "A mailto: link needs an email address.")
        return value
    if not parts.hostname or parts.username is not None or parts.password is not None:
        raise TextError("url_parsing", f"Enter a full web address ({shown}…).")
    return value


def looks_like_link(value: str) -> bool:
    """A free-text field that may hold a place or a link: one token with a scheme or a path."""
    return (
        bool(value)
        and not any(c.isspace() for c in value)
        and (bool(_SCHEME.match(value)) or value.startswith(("/", "\\")))
    )


_DOCUMENTED_LINKS = {
    "link": r"^https?://\S+$",
    "https_link": r"^https://\S+$",
    "mailto_link": r"^(https?://|mailto:)\S+$",
}


@dataclass(frozen=True)
class TextRule:
    """Pydantic metadata applying the rule after the type's own validation; the walking test
    (tests/unit/test_text.py) finds string fields by it."""

    kind: str = "line"  # line multiline password email link https_link mailto_link place

    def __get_pydantic_core_schema__(self, source: Any, handler: Any) -> core_schema.CoreSchema:
        if self.kind == "email":
            # Before the address check, so a NUL gets the same error type as anywhere else.
            return core_schema.no_info_before_validator_function(self.validate, handler(source))
        return core_schema.no_info_after_validator_function(self.validate, handler(source))

    def __get_pydantic_json_schema__(self, schema: Any, handler: Any) -> dict[str, Any]:
        json_schema = handler(schema)
        if self.kind in _DOCUMENTED_LINKS:
            # Documents the link rule in openapi.yaml (clients and the fuzzer read it).
            json_schema = {**json_schema, "format": "uri", "pattern": _DOCUMENTED_LINKS[self.kind]}
        return json_schema

    def validate(self, value: Any) -> Any:
        if not isinstance(value, str):
            return value
        try:
            return self.apply(value)
        except TextError as error:
            raise PydanticCustomError(error.code, error.message) from None

    def apply(self, value: str) -> str:
        kind = self.kind
        if kind == "password":
            return check_password(value)
        value = check_text(value, multiline=kind == "multiline")
        if kind == "email":
            return value.strip()
        if kind == "link":
            return check_link(value)
        if kind == "https_link":
            return check_link(value, frozenset({"https"}))
        if kind == "mailto_link":
            return check_link(value, WEB_SCHEMES | {"mailto"})
        if kind == "place" and looks_like_link(value):
            return check_link(value)
        return value


LINK_MAX_LENGTH = 2000

Text = Annotated[str, TextRule("line")]
"""One line of text (names, titles, search terms, keys)."""
MultilineText = Annotated[str, TextRule("multiline")]
"""Text with line breaks and tabs (descriptions, notes, answers, Markdown)."""
Password = Annotated[str, TextRule("password")]
WebLink = Annotated[str, TextRule("link")]
"""An absolute https:// or http:// link."""
HttpsLink = Annotated[str, TextRule("https_link")]
MailtoOrWebLink = Annotated[str, TextRule("mailto_link")]
PlaceOrLink = Annotated[str, TextRule("place")]
"""A place in words ("Rathaus, Raum 3"), or a link when it is one token that looks like one;
a link must then be a web link. Shown as a link only when it is an http(s) address."""
Email = Annotated[EmailStr, TextRule("email")]
