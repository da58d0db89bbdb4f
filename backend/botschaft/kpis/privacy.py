"""What HR leadership sees of a program's KPIs, described from the rules the KPI code applies.

Provisional on the `transparency` branch: the KPI work on another branch owns this module and
its version replaces this one at merge. Keep only the description here; callers import it.
"""

from __future__ import annotations

from dataclasses import dataclass

from botschaft.programs.models import Program


@dataclass(frozen=True)
class HrView:
    min_group_size: int
    whole_months_only: bool  # HR sees whole calendar months only (no differencing two periods)
    rankings_enabled: bool
    breakdowns: tuple[str, ...]  # dimension codes HR sees broken out
    figures: tuple[str, ...]  # figure codes HR sees


# The breakdowns `kpis.service.program_kpis` returns (by_platform, by_format, by_occupation,
# by_cohort, by_team), each merged with `merge_small_groups` for HR leadership.
BREAKDOWNS = ("platform", "format", "occupational_group", "cohort", "team")
FIGURES = ("posts", "impressions", "engagements", "outcomes")


def describe_hr_view(program: Program) -> HrView:
    return HrView(
        min_group_size=program.min_group_size,
        whole_months_only=True,
        rankings_enabled=program.rankings_enabled,
        breakdowns=BREAKDOWNS,
        figures=FIGURES,
    )
