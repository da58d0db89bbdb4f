"""Longer API fuzzing run than the test suite's: every operation, as core team and influencer.

    .venv/bin/python -m bench.fuzz [--examples 200] [--only PREFIX]

Starts `botschaft serve --demo` on 127.0.0.1 (SQLite), runs schemathesis with the same checks as
tests/fuzz (server errors, documented status codes and content types, response schemas) with
random (not derandomised) examples, and prints operations, requests and failures per role.
Exit status 1 when anything failed.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from tests.fuzz.test_api_fuzz import CHECKS, OPERATIONS
from tests.support.fuzz import DEMO_ACCOUNTS, fuzz_operation, start_fuzz_target


def main() -> int:
    parser = argparse.ArgumentParser(description="Fuzz every API operation with schemathesis.")
    parser.add_argument("--examples", type=int, default=200, help="examples per operation and role")
    parser.add_argument("--only", default="", help="operation id prefix")
    args = parser.parse_args()
    selected = {k: v for k, v in sorted(OPERATIONS.items()) if k.startswith(args.only)}

    failures: dict[tuple[str, str], str] = {}
    started = time.monotonic()
    with tempfile.TemporaryDirectory() as tmp:
        target = start_fuzz_target(Path(tmp))
        try:
            for role in sorted(DEMO_ACCOUNTS):
                for operation_id, operation in selected.items():
                    try:
                        fuzz_operation(
                            target,
                            operation_id,
                            operation,
                            role,
                            examples=args.examples,
                            derandomize=False,
                            checks=CHECKS,
                        )
                    except Exception as error:  # report every failing operation, then go on
                        failures[(role, operation_id)] = str(error).strip().splitlines()[0][:200]
        finally:
            target.stop()
    elapsed = time.monotonic() - started
    print(
        f"schemathesis fuzz: {len(selected)} operations x {len(DEMO_ACCOUNTS)} roles, "
        f"up to {args.examples} examples each, {elapsed:.0f} s"
    )
    for role in sorted(DEMO_ACCOUNTS):
        failed = sum(1 for (r, _) in failures if r == role)
        print(f"  {role:<11} requests {target.requests[role]:>7}   failing operations {failed}")
    for (role, operation_id), message in sorted(failures.items()):
        print(f"  FAIL {role} {operation_id}: {message}")
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
