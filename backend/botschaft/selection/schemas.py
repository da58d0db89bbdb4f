"""Bodies of the selection workbench's endpoints."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated, Literal

from pydantic import Field, StringConstraints

from botschaft.core.schemas import InputModel, OutputModel
from botschaft.core.text import Text
from botschaft.selection.models import RoundStatus

Algorithm = Literal["leximin", "maximin", "nash", "diverse"]
# How a run ended: `time_limit` and `failed` keep the distribution proven until then, if any
# (`selected` > 0); `infeasible` comes with the smallest relaxation.
RunStatus = Literal["optimal", "time_limit", "infeasible", "failed"]
Name = Annotated[Text, StringConstraints(min_length=1, max_length=200)]
DimensionKey = Annotated[Text, StringConstraints(max_length=64)]
Ids = Annotated[list[uuid.UUID], Field(max_length=5000)]


class QuotaIn(InputModel):
    dimension: DimensionKey
    value: DimensionKey
    min: int = Field(ge=0, le=10_000)
    max: int = Field(ge=0, le=10_000)


class QuotaOut(OutputModel):
    dimension: str
    value: str
    min: int
    max: int


class RoundCreate(InputModel):
    name: Name
    k: int = Field(ge=1, le=10_000, description="Cohort size")
    dimensions: Annotated[list[DimensionKey], Field(max_length=20)] | None = Field(
        default=None, description="Dimension keys; all of the call's dimensions when left out"
    )
    quotas: Annotated[list[QuotaIn], Field(max_length=500)] = []
    algorithm: Algorithm = "leximin"
    seed: int = Field(default=0, ge=0, le=2**31 - 1)
    base_cohort_id: uuid.UUID | None = Field(
        default=None,
        description="A second wave over this cohort: its influencers join the pool pinned, and "
        "k and the quotas are for the combined group",
    )


class RoundUpdate(InputModel):
    version: int = Field(ge=1)
    name: Name | None = None
    k: int | None = Field(default=None, ge=1, le=10_000)
    dimensions: Annotated[list[DimensionKey], Field(max_length=20)] | None = None
    quotas: Annotated[list[QuotaIn], Field(max_length=500)] | None = None
    pinned: Ids | None = None
    excluded: Ids | None = None
    algorithm: Algorithm | None = None
    seed: int | None = Field(default=None, ge=0, le=2**31 - 1)


class QuotaProposalIn(InputModel):
    mode: Literal["proportional", "balanced"]


class PoolValue(OutputModel):
    value: str
    label_de: str
    label_en: str
    count: int


class PoolDimension(OutputModel):
    key: str
    label_de: str
    label_en: str
    values: list[PoolValue]


class RunSummary(OutputModel):
    id: uuid.UUID
    created_at: datetime
    status: RunStatus = Field(
        description="optimal; time_limit (the levels proven in time are kept, never below "
        "MAXIMIN once its level is proven); infeasible (see relaxation); failed (the solver "
        "failed: the distribution proven until then, or no panel). `explanation` says more."
    )
    algorithm: str
    seed: int
    k: int
    selected: int
    min_probability: float | None
    seconds: float


class RoundOut(OutputModel):
    id: uuid.UUID
    call_id: uuid.UUID
    name: str
    k: int
    dimensions: list[str]
    quotas: list[QuotaOut]
    pinned: list[uuid.UUID]
    excluded: list[uuid.UUID]
    algorithm: str
    seed: int
    status: RoundStatus
    version: int
    confirmed_run_id: uuid.UUID | None
    confirmed_at: datetime | None
    cohort_id: uuid.UUID | None
    base_cohort_id: uuid.UUID | None = Field(
        description="A second wave: the cohort whose influencers are in the pool, pinned; k and "
        "the quotas are for the combined group"
    )
    existing_members: int = Field(description="Influencers of the base cohort in the pool")
    pool_size: int
    pool: list[PoolDimension]
    runs: list[RunSummary]
    seats: list[Seat] = Field(description="The confirmed cohort as it is now (new people only)")
    seats_report: list[ReportDimension] = Field(
        description="The confirmed group as it is now (with a second wave's existing members) "
        "against the quotas"
    )
    replacements: list[ReplacementOut]
    locked: str | None = Field(
        description="Why the confirmed cohort can no longer change (it has started), if so"
    )


class RoundSummary(OutputModel):
    id: uuid.UUID
    name: str
    k: int
    status: RoundStatus
    runs: int
    created_at: datetime


class RelaxationOut(OutputModel):
    dimension: str
    value: str
    min: int
    max: int
    new_min: int
    new_max: int


class ReportValue(OutputModel):
    value: str
    label_de: str
    label_en: str
    pool: int
    min: int | None
    max: int | None
    selected: int


class ReportDimension(OutputModel):
    key: str
    label_de: str
    label_en: str
    values: list[ReportValue]


class RunPerson(OutputModel):
    application_id: uuid.UUID
    name: str
    probability: float
    outcome: Literal["selected", "alternate", "not_selected"]
    alternate_rank: int | None
    pinned: bool
    existing_member: bool = Field(
        description="A second wave's influencer already in the base cohort (the id is their "
        "membership's, not an application's)"
    )
    dimensions: dict[str, str]


class RunOut(RunSummary):
    round_id: uuid.UUID
    quotas: list[QuotaOut]
    explanation: str
    relaxation: list[RelaxationOut]
    solver: str
    panels_in_distribution: int
    pool_size: int
    below_half_fair_share: int = Field(description="Applicants whose probability is below k/2n")
    gini: float | None = Field(description="Gini coefficient of the selection probabilities")
    report: list[ReportDimension]
    people: list[RunPerson]


class ConfirmIn(InputModel):
    version: int = Field(ge=1)
    run_id: uuid.UUID
    cohort_name: Name | None = Field(default=None, description="Defaults to the round's name")


class ReplaceIn(InputModel):
    version: int = Field(ge=1, description="The round's version, as for a confirmation")
    application_id: uuid.UUID = Field(description="The selected person who withdraws")
    accept_relaxation: bool = Field(
        default=False,
        description="When no one keeps every quota: draw with the smallest relaxation the "
        "refusal proposed",
    )


class Chance(OutputModel):
    application_id: uuid.UUID
    name: str
    probability: float
    alternate_rank: int | None
    dimensions: dict[str, str]


class ReplacementOut(OutputModel):
    id: uuid.UUID
    created_at: datetime
    withdrawn: uuid.UUID
    withdrawn_name: str
    replacement: uuid.UUID
    replacement_name: str
    method: Literal["distribution", "quotas", "relaxed"] = Field(
        description="distribution: drawn from the run's lottery conditioned on the people who "
        "stay; quotas: no panel of the lottery fits any more, so anyone who keeps every quota, "
        "each with the same chance; relaxed: as quotas, with the smallest relaxation accepted"
    )
    seed: int
    draw: int = Field(description="The round's n-th replacement (the draw's second seed)")
    chances: list[Chance] = Field(description="Everyone who could take the seat")
    relaxation: list[RelaxationOut]


class Seat(OutputModel):
    application_id: uuid.UUID
    name: str
    dimensions: dict[str, str]
    replaces: uuid.UUID | None = Field(description="Whose seat this person took, if anyone's")
