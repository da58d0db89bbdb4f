"""Authorization matrix: every operation in openapi.yaml, called by every kind of caller.

An operation without a row fails the suite, so no endpoint lands without a decision on who may
use it. Rows live in tests/authz/rules_<domain>.py (RULES, and build(world) for real objects).
"""

from __future__ import annotations

import importlib
import pkgutil
from pathlib import Path

import pytest
import yaml

import tests.authz as authz_package
from tests.authz.rules import Rule
from tests.authz.world import CALLERS, build_world, client_for

ROOT = Path(__file__).parents[2]
SPEC = yaml.safe_load((ROOT / "openapi.yaml").read_text())
OPERATIONS = {
    op["operationId"]: (method.upper(), path)
    for path, ops in SPEC["paths"].items()
    for method, op in ops.items()
}
RULE_MODULES = [
    importlib.import_module(f"tests.authz.{m.name}")
    for m in pkgutil.iter_modules(authz_package.__path__)
    if m.name.startswith("rules_")
]
RULES: dict[str, Rule] = {}
for module in RULE_MODULES:
    overlap = RULES.keys() & module.RULES.keys()
    assert not overlap, f"operations with two rows: {overlap}"
    RULES.update(module.RULES)


def test_every_operation_has_a_row():
    missing = sorted(OPERATIONS.keys() - RULES.keys())
    assert not missing, f"operations without a row in the authorization matrix: {missing}"
    stale = sorted(RULES.keys() - OPERATIONS.keys())
    assert not stale, f"rows for operations that no longer exist: {stale}"


@pytest.fixture
def world(db):
    world = build_world(db)
    for module in RULE_MODULES:
        module.build(world)
    return world


@pytest.mark.parametrize("caller", CALLERS)
@pytest.mark.parametrize("operation_id", sorted(OPERATIONS))
def test_matrix(app, world, operation_id, caller):
    rule = RULES[operation_id]
    method, template = OPERATIONS[operation_id]
    url = template.format(**{k: str(v) for k, v in rule.path(world).items()})
    client = client_for(app, world, caller)
    kwargs = {"follow_redirects": False}
    if rule.body is not None:
        kwargs["json"] = rule.body(world)
    if rule.query is not None:
        kwargs["params"] = rule.query(world)
    if rule.files is not None:
        kwargs["files"] = rule.files(world)
    with client:
        response = client.request(method, url, **kwargs)
    status = response.status_code
    assert status < 500, f"{operation_id} as {caller}: server error {response.text[:300]}"
    if caller in rule.allowed:
        assert status in rule.ok | rule.also_ok, (
            f"{operation_id} as {caller} should be allowed, got {status}: {response.text[:300]}"
        )
    elif caller == "anonymous":
        assert status == 401, f"{operation_id} as anonymous should be 401, got {status}"
    else:
        assert status in (403, 404), (
            f"{operation_id} as {caller} should be refused, got {status}: {response.text[:300]}"
        )
