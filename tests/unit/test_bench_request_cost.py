"""bench/requests/profile.py, the cost of one request (issue #20): it runs, measures every
endpoint of the load mix, and its regression check compares statements and hops."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from bench.requests.profile import check, endpoints

from tests.support.databases import require_postgres
from tests.support.live import ROOT

BASELINE = ROOT / "bench" / "requests" / "baseline.json"


def _profile(*args: str) -> subprocess.CompletedProcess:
    """The script as a person runs it, on SQLite, with two timed runs per endpoint."""
    return _run("bench.requests.profile", "--runs", "2", "--warmup", "1", *args)


def _run(module: str, *args: str) -> subprocess.CompletedProcess:
    done = subprocess.run(
        [sys.executable, "-m", module, *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": f"{ROOT}{os.pathsep}{ROOT / 'backend'}"},
        timeout=120,
    )
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-3000:]
    return done


def test_every_endpoint_is_measured_and_costs_no_more_than_the_baseline(tmp_path):
    """The regression check in CI: statements and hops per request are deterministic, so an
    endpoint that needs more than bench/requests/baseline.json fails here (lower the baseline
    with --write-baseline when a change saves some)."""
    out = tmp_path / "run.json"
    done = _profile("--json", str(out), "--details", "me", "--check", str(BASELINE))
    run = json.loads(out.read_text())
    assert run["database"] == "sqlite"
    assert list(run["endpoints"]) == [e.name for e in endpoints()]
    for name, row in run["endpoints"].items():
        assert row["statements"] >= 1, name
        assert row["hops"] == 1, name  # one worker-thread call per request (core.routing)
        assert row["runs"] == 2
        assert row["median_ms"] > 0
        assert len(row["sql"]) == row["statements"] and len(row["hopped"]) == row["hops"]
        assert f"| {name}" in done.stdout  # the Markdown table
    assert "endpoint accounts.router.get_me" in done.stdout  # --details names the hops
    # The reads (the mix's and the two landing pages) execute only statements built before
    # (kept with @cache and parameters): one built per request costs its SQL cache key.
    reads = [n for n, row in run["endpoints"].items() if row["request"].startswith("GET")]
    assert {"home", "today", "program_kpis", "members"} <= set(reads) and len(reads) == 11
    for name in reads:
        assert run["endpoints"][name]["built"] == 0, (name, run["endpoints"][name]["built_sql"])


def test_each_middlewares_share_is_measured():
    done = _profile("--middleware", "me")
    lines = [line for line in done.stdout.splitlines() if line.startswith("| without ")]
    assert "| without SecurityHeadersMiddleware |" in done.stdout
    assert "| without any of them |" in done.stdout
    assert len(lines) >= 8  # every middleware of the app, and none


def run_with(counts: dict[str, tuple[int, int]], database: str = "sqlite") -> dict:
    return {
        "database": database,
        "only": None,
        "endpoints": {
            name: {"statements": statements, "hops": hops}
            for name, (statements, hops) in counts.items()
        },
    }


def test_the_check_fails_when_statements_or_hops_grow_and_only_then():
    baseline = {
        "sqlite": {
            "endpoints": {
                "me": {"statements": 3, "hops": 5},
                "members": {"statements": 5, "hops": 6},
            }
        }
    }
    same = run_with({"me": (3, 5), "members": (5, 6)})
    assert check(same, baseline) == ([], [])

    fewer, notes = check(run_with({"me": (2, 1), "members": (5, 6)}), baseline)
    assert fewer == [] and len(notes) == 2  # better: a note to update the baseline

    more_statements, _ = check(run_with({"me": (4, 5), "members": (5, 6)}), baseline)
    more_hops, _ = check(run_with({"me": (3, 5), "members": (5, 7)}), baseline)
    assert more_statements == ["me: statements per request 3 → 4"]
    assert more_hops == ["members: hops per request 6 → 7"]

    missing, _ = check(run_with({"me": (3, 5)}), baseline)
    assert missing == ["members: in the baseline, not measured"]
    other_database, _ = check(run_with({"me": (3, 5)}, "postgresql"), baseline)
    assert other_database == ["the baseline has no postgresql run"]


def test_the_committed_baseline_covers_every_endpoint_on_both_databases():
    baseline = json.loads(BASELINE.read_text())
    names = [e.name for e in endpoints()]
    for database in ("sqlite", "postgresql"):
        assert list(baseline[database]["endpoints"]) == names, database


def test_the_planning_split_runs_on_postgresql():
    """bench/requests/plans.py: each statement of one request, timed as psycopg sends it and
    as the server plans and executes it, with the sums."""
    require_postgres()
    done = _run("bench.requests.plans", "members", "--repeat", "3")
    rows = [line.split("|")[1:4] for line in done.stdout.splitlines() if "| `" in line]
    assert len(rows) == 2  # the sign-in with the access check, and the page (profile: 2)
    assert all(float(ms) > 0 for row in rows for ms in row)
    total = next(line for line in done.stdout.splitlines() if line.endswith("| all |"))
    sums = [float(cell.strip(" *")) for cell in total.split("|")[1:4]]
    assert sums == pytest.approx([sum(float(row[i]) for row in rows) for i in range(3)], abs=0.02)
