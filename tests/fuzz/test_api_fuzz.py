"""API fuzzing with schemathesis: every operation in openapi.yaml, against `botschaft serve`
on 127.0.0.1, as a signed-in core-team member and as an influencer.

Checks: no server error, status codes and content types documented, response bodies valid
against their schemas. A bounded, derandomised run here; `python -m bench.fuzz` runs longer.
"""

from __future__ import annotations

import os

import pytest
import schemathesis
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)

from tests.support.fuzz import DEMO_ACCOUNTS, FuzzTarget, fuzz_operation, start_fuzz_target
from tests.support.live import ROOT

SCHEMA = schemathesis.openapi.from_path(ROOT / "openapi.yaml")
OPERATIONS = {
    result.ok().definition.raw["operationId"]: result.ok() for result in SCHEMA.get_all_operations()
}
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]
EXAMPLES = int(os.environ.get("BOTSCHAFT_FUZZ_EXAMPLES", "10"))


@pytest.fixture(scope="module")
def target(tmp_path_factory) -> FuzzTarget:
    target = start_fuzz_target(tmp_path_factory.mktemp("fuzz"))
    yield target
    target.stop()


@pytest.mark.parametrize("role", sorted(DEMO_ACCOUNTS))
@pytest.mark.parametrize("operation_id", sorted(OPERATIONS))
def test_operation_survives_fuzzing(target: FuzzTarget, operation_id: str, role: str):
    before = target.requests[role]
    fuzz_operation(
        target,
        operation_id,
        OPERATIONS[operation_id],
        role,
        examples=EXAMPLES,
        derandomize=True,
        checks=CHECKS,
    )
    assert target.requests[role] > before, "no request was sent"


def test_the_fuzz_sessions_are_really_signed_in(target: FuzzTarget):
    for role in DEMO_ACCOUNTS:
        session = target.session(role)
        me = session.get(f"{target.url}/api/v1/me", timeout=10)
        assert me.status_code == 200, me.text
        assert me.json()["email"] == DEMO_ACCOUNTS[role]
