from __future__ import annotations

from pathlib import Path

import yaml

from botschaft.app import create_app
from botschaft.core.openapi import render_yaml
from botschaft.core.settings import Settings

ROOT = Path(__file__).parents[2]


def _app():
    return create_app(Settings(database_url="sqlite://", secret_key="x" * 40), serve_spa=False)


def test_committed_openapi_matches_the_app():
    committed = (ROOT / "openapi.yaml").read_text(encoding="utf-8")
    assert committed == render_yaml(_app()), (
        "openapi.yaml is stale: run `botschaft openapi` and commit it"
    )


def test_every_operation_has_a_stable_id_and_typed_errors():
    spec = yaml.safe_load(render_yaml(_app()))
    seen = set()
    for path, operations in spec["paths"].items():
        for method, operation in operations.items():
            assert operation.get("operationId"), f"{method} {path} has no operationId"
            assert operation["operationId"] not in seen
            seen.add(operation["operationId"])
            for status, response in operation["responses"].items():
                if int(status) >= 400:
                    assert list(response["content"]) == ["application/problem+json"], (
                        method,
                        path,
                        status,
                    )


def test_schema_names_are_unique_without_module_paths():
    # Two models of one name get names like botschaft__calls__schemas__X, and the SPA's
    # generated types would follow them: every schema has a plain name of its own.
    spec = yaml.safe_load(render_yaml(_app()))
    clashing = [name for name in spec["components"]["schemas"] if "__" in name]
    assert not clashing, f"rename one of each: {clashing}"
