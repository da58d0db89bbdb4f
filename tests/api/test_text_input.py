"""Text input across the whole API: awkward strings get 422 naming the field, or are stored and
read back as the text rule says (core/text.py), never a 500 — on SQLite and PostgreSQL.

Generic: every operation of the app's OpenAPI document with a string in its JSON body (from
the schema, and any string the valid base request carries, e.g. the answers of the public
form), in its query or in its path is called with the authorization matrix's valid base
request (tests/authz/rules_*.py: real objects, an allowed caller; anonymous for sign-in and
the public form), one string replaced at a time: first by a fixed set (NUL and other control
characters, a lone surrogate, a non-character, right-to-left marks, decomposed letters, CR LF,
a very long string), then by strings hypothesis draws.
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any
from urllib.parse import quote

import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from tests.authz.test_matrix import RULE_MODULES, RULES
from tests.authz.world import build_world, client_for
from tests.conftest import make_settings

PREFERRED_CALLERS = ("core_team", "admin", "influencer", "anonymous", "applicant", "hr_viewer")
FIXED = [
    "a\x00b",
    "tab\tand\x1bescape del\x7f c1\x85",
    "lone \ud800 surrogate",
    "non\uffffcharacter",
    "\u05e9\u05dc\u05d5\u05dd \u200f\u202eevil\u202c \u2067isolate\u2069",
    "Jose\u0301 Mu\u0308ller\r\nZeile 2\rZeile 3",
    "x" * 60_000,
]
AWKWARD = st.sampled_from(
    ["\x00", "\x01", "\n", "\r", "\t", "\x7f", "\x85", "\ud800", "\udfff", "\ufffe", "\u200f",
     "\u202e", "e\u0301", "\ufeff", "\u2028", "😀", "ß", " "]
)  # fmt: skip
DRAWN = st.lists(st.one_of(st.characters(codec=None), AWKWARD), min_size=1, max_size=30).map(
    "".join
)
# The service changes these on purpose (a hashtag gets its "#", an address its case).
TRANSFORMED = {"hashtags", "email", "tags", "url", "filter"}


def _resolve(spec: dict, schema: dict) -> dict:
    while "$ref" in schema:
        schema = spec["components"]["schemas"][schema["$ref"].rsplit("/", 1)[-1]]
    return schema


def _variants(spec: dict, schema: dict) -> list[dict]:
    schema = _resolve(spec, schema)
    options = schema.get("anyOf") or schema.get("oneOf") or [schema]
    return [_resolve(spec, o) for o in options]


def _is_text(spec: dict, schema: dict) -> bool:
    return any(
        v.get("type") == "string"
        and "enum" not in v
        and "const" not in v
        and v.get("format") not in ("date", "date-time", "uuid", "binary")
        and "contentMediaType" not in v  # an uploaded file (OpenAPI 3.1), not text
        for v in _variants(spec, schema)
    )


def _body_locations(spec: dict, schema: dict, base: Any, path: tuple) -> list[tuple]:
    """Paths (keys and list indexes) of the strings a body can carry."""
    found: list[tuple] = []
    if isinstance(base, str):
        # A string the base request carries: free-form (an answer) or text, not an enum.
        return [path] if not schema or _is_text(spec, schema) else []
    for variant in _variants(spec, schema):
        if variant.get("type") == "object" or "properties" in variant:
            for name, prop in variant.get("properties", {}).items():
                value = base.get(name) if isinstance(base, dict) else None
                if _is_text(spec, prop) and not isinstance(value, (dict, list)):
                    found.append((*path, name))
                elif value is not None:
                    found += _body_locations(spec, prop, value, (*path, name))
                elif any(v.get("type") == "array" for v in _variants(spec, prop)):
                    items = next(v for v in _variants(spec, prop) if v.get("type") == "array")
                    if _is_text(spec, items.get("items", {})):
                        found.append((*path, name, 0))
            if isinstance(base, dict) and not variant.get("properties"):
                for key, value in base.items():  # free-form objects (answers)
                    found += _body_locations(spec, {}, value, (*path, key))
        elif variant.get("type") == "array" and isinstance(base, list) and base:
            found += _body_locations(spec, variant.get("items", {}), base[0], (*path, 0))
    if not found and isinstance(base, dict) and not schema:
        for key, value in base.items():
            found += _body_locations(spec, {}, value, (*path, key))
    return list(dict.fromkeys(found))


def _set(body: Any, path: tuple, value: str) -> Any:
    body = json.loads(json.dumps(body))
    target = body
    for step in path[:-1]:
        target = target[step]
    last = path[-1]
    if isinstance(last, int):
        if not isinstance(target, list):
            raise TypeError(path)
        if target:
            target[last] = value
        else:
            target.append(value)
    else:
        target[last] = value
    return body


def _ensure_list(body: Any, path: tuple) -> Any:
    """A string inside a list the base body does not have yet: make the list."""
    if len(path) >= 2 and isinstance(path[-1], int):
        body = json.loads(json.dumps(body))
        target = body
        for step in path[:-2]:
            target = target[step]
        if not isinstance(target.get(path[-2]), list):
            target[path[-2]] = []
    return body


def _operations(spec: dict) -> list[tuple[str, str, str, dict]]:
    out = []
    for template, ops in spec["paths"].items():
        for method, op in ops.items():
            if op["operationId"] in RULES:
                out.append((op["operationId"], method.upper(), template, op))
    return out


def _locations(spec: dict, op: dict, base_body: Any) -> list[tuple]:
    locations: list[tuple] = []
    for param in op.get("parameters", []):
        if param["in"] in ("query", "path") and (
            _is_text(spec, param.get("schema", {}))
            or (
                param.get("schema", {}).get("type") == "array"
                and _is_text(spec, param["schema"].get("items", {}))
            )
        ):
            locations.append((param["in"], param["name"]))
    content = op.get("requestBody", {}).get("content", {})
    if "application/json" in content:
        schema = content["application/json"]["schema"]
        locations += [("body", *p) for p in _body_locations(spec, schema, base_body or {}, ())]
    elif "multipart/form-data" in content:
        schema = _resolve(spec, content["multipart/form-data"]["schema"])
        for name, prop in schema.get("properties", {}).items():
            if _is_text(spec, prop):
                locations.append(("form", name))
    return locations


def _expected(sent: str) -> set[str]:
    """What the rule stores for an accepted string (one line, or multi-line)."""
    lines = unicodedata.normalize("NFC", sent.strip())
    multi = unicodedata.normalize("NFC", sent.replace("\r\n", "\n").replace("\r", "\n").strip())
    return {lines, multi}


@contextmanager
def _undone(db) -> Iterator[None]:
    """Each attempt starts from the same world: what it stored is rolled back after it was
    read (so a version, a unique name or a used link never turns the next attempt into 409)."""
    savepoint = db.session_factory.kw["bind"].begin_nested()
    try:
        yield
    finally:
        if savepoint.is_active:
            savepoint.rollback()


def _send(client, method: str, url: str, *, body=None, params=None, form=None, files=None):
    kwargs: dict[str, Any] = {"follow_redirects": False}
    if body is not None:
        # ASCII-escaped JSON: a lone surrogate travels as \\ud800, as a browser would send it.
        kwargs["content"] = json.dumps(body).encode()
        kwargs["headers"] = {"Content-Type": "application/json"}
    if form is not None or files is not None:
        kwargs["data"] = {
            k: v.encode("utf-8", "surrogatepass") if isinstance(v, str) else v
            for k, v in (form or {}).items()
        }
        kwargs["files"] = files
    if params:
        query = "&".join(
            f"{quote(k)}={quote(v.encode('utf-8', 'surrogatepass'), safe='')}"
            for k, values in params.items()
            for v in (values if isinstance(values, list) else [values])
            for v in [str(v)]
        )
        url = f"{url}?{query}"
    return client.request(method, url, **kwargs)


@pytest.fixture
def settings(database_url, tmp_path, _smtp_server):
    # Many sign-ins and form submissions from one address: the limits are tested elsewhere.
    return make_settings(
        database_url,
        tmp_path,
        login_limit_per_account="100000/minute",
        login_limit_per_address="100000/minute",
        application_limit_per_address="100000/minute",
        **_smtp_server.settings_overrides(),
    )


def _may_hold_text(spec: dict, schema: dict, seen: frozenset = frozenset()) -> bool:
    """Whether a request body of this schema can carry a string anywhere: a text field, a list
    of them, a nested object, or a free-form object (answers)."""
    ref = schema.get("$ref")
    if ref in seen:
        return False
    seen = seen | {ref} if ref else seen
    if _is_text(spec, schema):
        return True
    for variant in _variants(spec, schema):
        children = list(variant.get("properties", {}).values())
        if isinstance(variant.get("items"), dict):
            children.append(variant["items"])
        extra = variant.get("additionalProperties")
        if variant.get("type") == "object" and (extra is True or (not children and extra is None)):
            return True
        if isinstance(extra, dict):
            children.append(extra)
        if any(_may_hold_text(spec, child, seen) for child in children):
            return True
    return False


def _load_operations() -> list[str]:
    """Operations that take a string somewhere: the others have nothing to test here (and
    CI allows no skipped test)."""
    from tests.authz.test_matrix import SPEC

    ids = []
    for op_id, _method, _template, op in _operations(SPEC):
        content = op.get("requestBody", {}).get("content", {})
        body_schema = next(iter(content.values()), {}).get("schema", {}) if content else {}
        if _locations(SPEC, op, None) or (body_schema and _may_hold_text(SPEC, body_schema)):
            ids.append(op_id)
    return sorted(ids)


def _client_whose_base_request_succeeds(app, db, world, rule, method, url, body, query, files):
    """The first allowed caller whose base request succeeds (posts_create as core team needs a
    member_id, for instance), so accepted strings really reach the database."""
    candidates = [c for c in PREFERRED_CALLERS if c in rule.allowed]
    for caller in candidates:
        client = client_for(app, world, caller)
        with _undone(db):
            probe = _send(client, method, url, body=body, params=query, files=files)
        if probe.status_code < 300:
            return client
        client.close()
    return client_for(app, world, candidates[0])


@pytest.mark.parametrize("operation_id", _load_operations())
def test_awkward_text_is_refused_or_stored_never_a_server_error(app, db, operation_id):
    spec = app.openapi()
    op_id, method, template, op = next(o for o in _operations(spec) if o[0] == operation_id)
    rule = RULES[op_id]
    world = build_world(db)
    for module in RULE_MODULES:
        module.build(world)
    base_path = {k: str(v) for k, v in rule.path(world).items()}
    base_body = rule.body(world) if rule.body else None
    base_query = dict(rule.query(world)) if rule.query else {}
    base_files = rule.files(world) if rule.files else None
    locations = _locations(spec, op, base_body)
    assert locations, f"{op_id} was collected as taking a string, but none was found"
    client = _client_whose_base_request_succeeds(
        app,
        db,
        world,
        rule,
        method,
        template.format(**base_path),
        base_body,
        base_query,
        base_files,
    )
    seen: dict[int, int] = {}

    def attempt(location: tuple, value: str) -> None:
        where, *rest = location
        path_values = dict(base_path)
        body, params, form = base_body, dict(base_query), None
        if where == "path":
            path_values[rest[0]] = quote(value.encode("utf-8", "surrogatepass"), safe="")
        elif where == "query":
            params[rest[0]] = value
        elif where == "form":
            form = {rest[0]: value}
        else:
            body = _set(
                _ensure_list(body if body is not None else {}, tuple(rest)), tuple(rest), value
            )
        url = template.format(**path_values)
        with _undone(db):
            response = _send(
                client, method, url, body=body, params=params, form=form, files=base_files
            )
        status = response.status_code
        seen[status] = seen.get(status, 0) + 1
        label = f"{op_id} {location} = {value[:60]!r}"
        assert status < 500, f"{label}: {status} {response.text[:300]}"
        if status == 422:
            problem = response.json()
            assert problem.get("errors"), f"{label}: 422 without a field: {problem}"
        if (
            200 <= status < 300
            and where == "body"
            and response.headers.get("content-type", "").startswith("application/json")
        ):
            answer = response.json()
            field = rest[0] if len(rest) == 1 else None
            if (
                isinstance(answer, dict)
                and field not in TRANSFORMED
                and isinstance(answer.get(field), str)
            ):
                assert answer[rest[0]] in _expected(value), (
                    f"{label}: stored as {answer[rest[0]][:60]!r}"
                )

    with client:
        for location in locations:
            for value in FIXED:
                attempt(location, value)

        @given(st.sampled_from(locations), DRAWN)
        @hypothesis_settings(
            max_examples=8,
            deadline=None,
            database=None,
            suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
        )
        def drawn(location, value):
            attempt(location, value)

        drawn()
    assert 422 in seen, f"{op_id}: no awkward string was refused ({seen})"


# ---- links -----------------------------------------------------------------------------------

BAD_LINKS = [
    "javascript:alert(document.cookie)",
    "JAVASCRIPT:alert(1)",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "vbscript:msgbox(1)",
    "/relative/path",
    "//evil.example/x",
]
LINK_FIELDS = [
    # (operation, field in the request, field named in the answer)
    ("calls_create", ("info_event_location",), "info_event_location"),
    ("calls_update", ("info_event_location",), "info_event_location"),
    ("modules_create", ("materials", 0, "url"), "materials[0].url"),
    ("modules_update", ("materials", 0, "url"), "materials[0].url"),
    ("meetings_create", ("video_url",), "video_url"),
    ("meetings_update", ("video_url",), "video_url"),
    ("briefings_create", ("link_url",), "link_url"),
    ("briefings_update", ("link_url",), "link_url"),
    ("posts_create", ("url",), "url"),
]


@pytest.mark.parametrize(("operation_id", "location", "field"), LINK_FIELDS)
def test_every_link_field_refuses_other_schemes_and_relative_links(
    app, db, operation_id, location, field
):
    spec = app.openapi()
    op_id, method, template, _ = next(o for o in _operations(spec) if o[0] == operation_id)
    rule = RULES[op_id]
    world = build_world(db)
    for module in RULE_MODULES:
        module.build(world)
    url = template.format(**{k: str(v) for k, v in rule.path(world).items()})
    base = rule.body(world)
    if location[0] == "materials":
        base = {**base, "materials": [{"title": "Leitfaden", "url": "https://example.org/x"}]}
    client = _client_whose_base_request_succeeds(app, db, world, rule, method, url, base, {}, None)
    with client:
        for link in BAD_LINKS:
            response = client.request(method, url, json=_set(base, location, link))
            assert response.status_code == 422, (link, response.text[:300])
            errors = {e["field"]: e["type"] for e in response.json()["errors"]}
            assert field in errors, (link, errors)
            assert errors[field] in {"url_scheme", "url_parsing", "invalid_url"}, errors
        good = "https://www.linkedin.com/posts/text-input-check_activity-7000000000000000001"
        response = client.request(method, url, json=_set(base, location, good))
        assert response.status_code in (200, 201), response.text[:300]


def test_an_answer_to_a_url_question_is_a_web_link(app, db):
    world = build_world(db)
    for module in RULE_MODULES:
        module.build(world)
    rule = RULES["public_application_submit"]
    url = "/api/v1/public/calls/{token}/applications".format(**rule.path(world))
    body = rule.body(world)
    with client_for(app, world, "anonymous") as client:
        for link in ("javascript:alert(1)", "data:text/html,x", "//evil.example/x"):
            response = client.post(url, json=_set(body, ("answers", "profile_url"), link))
            assert response.status_code == 422, response.text[:300]
            fields = {e["field"]: e["type"] for e in response.json()["errors"]}
            assert fields.get("answers.profile_url") in {"url_scheme", "url_parsing"}, fields
