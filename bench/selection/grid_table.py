"""Distribution tables of a grid run (bench/selection/grid.py): median, 90th percentile and
worst per group of instances, never a chosen instance."""

from __future__ import annotations

import math
import statistics
from collections import defaultdict

TOL = 1e-6  # LEXIMIN counts as below the anchor when its minimum is lower by more than this


def p90(values: list[float]) -> float:
    """Nearest-rank 90th percentile (an observed value; the worst below ten instances)."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(0.9 * len(ordered)) - 1)]


def _secs(values: list[float], limit: float | None = None) -> str:
    """median | p90 | worst; a run without a result (inf) shows as '>limit'."""

    def f(x: float) -> str:
        return f">{limit:g}" if math.isinf(x) else f"{x:.2f}"

    return f"{f(statistics.median(values))} | {f(p90(values))} | {f(max(values))}"


def _counts(values: list[float]) -> str:
    return f"{statistics.median(values):g} | {p90(values):g} | {max(values):g}"


def _group(records: list[dict], by: str) -> dict[tuple, list[dict]]:
    groups: dict[tuple, list[dict]] = defaultdict(list)
    for r in records:
        groups[(r["n"], r["k"], r["dims"], r[by] if by != "size" else "all")].append(r)
    return dict(sorted(groups.items()))


def _below(rs: list[dict], algorithm: str) -> int:
    return sum(
        r[algorithm]["min_prob"] is not None
        and r["sortition_maximin"]["min_prob"] is not None
        and r[algorithm]["min_prob"] < r["sortition_maximin"]["min_prob"] - TOL
        for r in rs
    )


def table(records: list[dict], by: str = "size") -> str:
    head = "| pool/seats/dims | " + ("" if by == "size" else f"{by} | ")
    times = [
        head + "instances | LEXIMIN s median | p90 | worst | at time limit | errors "
        "| MAXIMIN s median | p90 | worst | s-a MAXIMIN s median | p90 | worst | s-a no result |"
    ]
    results = [
        head + "instances | LEXIMIN < anchor − 1e-6 | MAXIMIN < anchor − 1e-6 | no anchor "
        "| someone at 0 "
        "| types median | p90 | worst | levels median | p90 | worst "
        "| columns median | p90 | worst | LEXIMIN CPU s worst | relaxed quota sets |"
    ]
    for table_ in (times, results):
        table_.append("|" + " --- |" * (table_[0].count("|") - 1))
    for (n, k, dims, key), rs in _group(records, by).items():
        row = f"| {n}/{k}/{dims} | " + ("" if by == "size" else f"{key} | ") + f"{len(rs)} | "
        lx = [r["leximin"] for r in rs]
        mx = [r["maximin"] for r in rs]
        sa = [r["sortition_maximin"] for r in rs]
        limit = max(r.get("anchor_time_limit", 0) for r in rs)
        times.append(
            row
            + f"{_secs([x['seconds'] for x in lx])} "
            + f"| {sum(x['status'] == 'time_limit' for x in lx)} "
            + f"| {sum(x['status'] not in ('optimal', 'time_limit') for x in lx)} "
            + f"| {_secs([x['seconds'] for x in mx])} "
            + (
                "| not run | | "  # --anchor-time-limit 0
                if all(x["status"] == "skipped" for x in sa)
                else f"| {_secs([math.inf if x['seconds'] is None else x['seconds'] for x in sa], limit)} "
            )
            + f"| {sum(x['seconds'] is None for x in sa)} |"
        )
        results.append(
            row
            + f"{_below(rs, 'leximin')} | {_below(rs, 'maximin')} "
            + f"| {sum(x['min_prob'] is None for x in sa)} "
            # Quotas that leave some people no chance at all (balanced quotas on skewed pools).
            + f"| {sum(x['min_prob'] is not None and x['min_prob'] < TOL for x in lx)} "
            + f"| {_counts([r['types'] for r in rs])} "
            + f"| {_counts([x['levels'] or 0 for x in lx])} "
            + f"| {_counts([x['columns'] or 0 for x in lx])} "
            + f"| {max(x['cpu_seconds'] for x in lx):.2f} "
            + f"| {sum(r['relaxed_quotas'] > 0 for r in rs)} |"
        )
    return "\n".join(times) + "\n\n" + "\n".join(results)
