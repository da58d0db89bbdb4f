"""Longer API fuzzing run than the test suite's: every operation, as every caller, on one database.

    .venv/bin/python -m bench.fuzz --database sqlite|postgresql [--examples 200] [--only PREFIX]
        [--callers admin,applicant,core_team,influencer] [--derandomize]

Starts `botschaft serve --demo` on 127.0.0.1 (SQLite, or a fresh PostgreSQL database that is
dropped afterwards), plants the demo's real objects in path parameters as tests/fuzz does, runs
schemathesis with the same checks (server errors, documented status codes and content types,
response schemas), and prints per caller: operations, requests, failing operations, the share of
404 answers, and each failure's first line. Exit status 1 when anything failed.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from collections import Counter
from pathlib import Path

from tests.fuzz.test_api_fuzz import CHECKS, OPERATIONS
from tests.support.fuzz import CALLERS, DATABASES, fuzz_operation, runs_as, start_fuzz_target


def _first_line(error: BaseException) -> str:
    lines = [line.strip() for line in str(error).strip().splitlines() if line.strip()]
    # schemathesis names the failed check on the first lines, the request further down.
    head = " | ".join(lines[:3])
    return head[:300]


def main() -> int:
    parser = argparse.ArgumentParser(description="Fuzz every API operation with schemathesis.")
    parser.add_argument("--database", choices=DATABASES, default="sqlite")
    parser.add_argument(
        "--examples", type=int, default=200, help="examples per operation and caller"
    )
    parser.add_argument("--only", default="", help="operation id prefix")
    parser.add_argument("--callers", default=",".join(CALLERS), help="comma-separated callers")
    parser.add_argument(
        "--derandomize", action="store_true", help="the test suite's fixed examples"
    )
    parser.add_argument("--details", action="store_true", help="print each failure in full")
    args = parser.parse_args()
    selected = {k: v for k, v in sorted(OPERATIONS.items()) if k.startswith(args.only)}
    callers = [c for c in args.callers.split(",") if c]

    failures: dict[tuple[str, str], str] = {}
    started = time.monotonic()
    with tempfile.TemporaryDirectory() as tmp:
        target = start_fuzz_target(Path(tmp), args.database)
        try:
            for caller in callers:
                for operation_id, operation in selected.items():
                    if not runs_as(caller, operation.path):
                        continue
                    try:
                        fuzz_operation(
                            target,
                            operation_id,
                            operation,
                            caller,
                            examples=args.examples,
                            derandomize=args.derandomize,
                            checks=CHECKS,
                        )
                    # schemathesis raises a BaseExceptionGroup; report every failing operation.
                    except (Exception, BaseExceptionGroup) as error:
                        failures[(caller, operation_id)] = _first_line(error)
                        if args.details:
                            print(f"=== {caller} {operation_id}\n{error}", flush=True)
        finally:
            target.stop()
    elapsed = time.monotonic() - started
    print(
        f"schemathesis fuzz on {args.database}: {len(selected)} operations x {len(callers)} "
        f"callers, up to {args.examples} examples each, {elapsed:.0f} s "
        f"(+{target.objects.setup_requests} requests making real objects)"
    )
    for caller in callers:
        failed = sum(1 for (c, _) in failures if c == caller)
        statuses: Counter[int] = target.statuses[caller]
        sent = target.requests[caller]
        planted = sum(n for (c, _), n in target.planted.items() if c == caller)
        planted_404 = sum(n for (c, _), n in target.planted_404.items() if c == caller)
        print(
            f"  {caller:<11} operations {len(target.operations[caller]):>4}   requests {sent:>7}"
            f"   failing operations {failed:>3}   404 {statuses[404] / max(sent, 1):>4.0%}"
            f"   (with real objects: {planted} requests, 404 {planted_404 / max(planted, 1):.0%})"
        )
        codes = ", ".join(f"{code}: {n}" for code, n in sorted(statuses.items()))
        print(f"  {'':<11} answers {codes}")
        missed = sorted(o for (c, o), n in target.planted_404.items() if c == caller and n)
        if missed:
            print(f"  {'':<11} 404 with real objects in: {', '.join(missed)}")
    slowest = target.seconds.most_common(8)
    print("  slowest: " + ", ".join(f"{c} {o} {s:.0f} s" for (c, o), s in slowest))
    for (caller, operation_id), message in sorted(failures.items()):
        print(f"  FAIL {caller} {operation_id}: {message}")
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
