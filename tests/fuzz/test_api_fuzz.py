"""API fuzzing with schemathesis: every operation in openapi.yaml, against `botschaft serve --demo`
on 127.0.0.1, on SQLite and on PostgreSQL, as the core team, an influencer, the administrator
and an applicant (no account, only the private link).

Path parameters point at real objects of the demo program in three of four examples, so the
requests reach the handlers (tests/support/fuzz_objects.py; destructive operations get objects
of their own); the rest keep generated IDs (the 404 path).

Checks: no server error, status codes and content types documented, response bodies valid
against their schemas. A bounded, derandomised run here (BOTSCHAFT_FUZZ_EXAMPLES per operation
and caller); `python -m bench.fuzz` runs longer.
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

from tests.support.databases import require_postgres
from tests.support.fuzz import (
    CALLERS,
    DATABASES,
    DEMO_ACCOUNTS,
    PATH_PARAMETER,
    FuzzTarget,
    fuzz_operation,
    runs_as,
    start_fuzz_target,
)
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
CASES = [
    (operation_id, caller)
    for operation_id in sorted(OPERATIONS)
    for caller in CALLERS
    if runs_as(caller, OPERATIONS[operation_id].path)
]
EXAMPLES = int(os.environ.get("BOTSCHAFT_FUZZ_EXAMPLES", "10"))


@pytest.fixture(scope="module", params=DATABASES)
def target(request, tmp_path_factory) -> FuzzTarget:
    if request.param == "postgresql":
        require_postgres()
    target = start_fuzz_target(tmp_path_factory.mktemp(f"fuzz-{request.param}"), request.param)
    yield target
    target.stop()


@pytest.mark.parametrize(("operation_id", "caller"), CASES)
def test_operation_survives_fuzzing(target: FuzzTarget, operation_id: str, caller: str):
    before = target.requests[caller]
    fuzz_operation(
        target,
        operation_id,
        OPERATIONS[operation_id],
        caller,
        examples=EXAMPLES,
        derandomize=True,
        checks=CHECKS,
    )
    assert target.requests[caller] > before, "no request was sent"
    if PATH_PARAMETER.search(OPERATIONS[operation_id].path) and caller != "applicant":
        planted = target.planted[caller, operation_id]
        assert planted, "no example had real objects in its path"
        # A signed-in caller who may use the operation never gets 404 for the real objects;
        # one who may not gets 403 (or 404 where existence is hidden), so 404 for every one
        # of them means the planted objects do not fit the operation.
        hidden = caller == "influencer"  # 404 for what an influencer may not know exists
        assert target.planted_404[caller, operation_id] < planted or hidden, (
            f"all {planted} requests with real objects got 404"
        )


def test_the_fuzz_sessions_are_really_signed_in(target: FuzzTarget):
    for caller, email in DEMO_ACCOUNTS.items():
        me = target.session(caller).get(f"{target.url}/api/v1/me", timeout=10)
        assert me.status_code == 200, me.text
        assert me.json()["email"] == email
    anonymous = target.session("applicant").get(f"{target.url}/api/v1/me", timeout=10)
    assert anonymous.status_code == 401


def test_the_applicant_reaches_their_application_by_the_private_link(target: FuzzTarget):
    token = target.objects.ids["applicant_token"]
    mine = target.session("applicant").get(
        f"{target.url}/api/v1/public/applications/{token}", timeout=10
    )
    assert mine.status_code == 200, mine.text
    assert mine.json()["status"] == "submitted", "no fuzzed operation withdrew the shared one"
