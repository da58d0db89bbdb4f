"""Plain data of a selection round (no web or database imports)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Person:
    id: str
    features: Mapping[str, str]


@dataclass(frozen=True)
class Quota:
    dimension: str
    value: str
    min: int
    max: int


@dataclass(frozen=True)
class Instance:
    people: tuple[Person, ...]
    k: int
    quotas: tuple[Quota, ...]
    pinned: frozenset[str] = frozenset()
    excluded: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Relaxation:
    dimension: str
    value: str
    min: int
    max: int
    new_min: int
    new_max: int


@dataclass
class Result:
    status: str  # "optimal" | "time_limit" | "infeasible" | "failed"; explanation says more
    panel: tuple[str, ...]
    alternates: tuple[str, ...]
    probabilities: dict[str, float]
    distribution: list[tuple[tuple[str, ...], float]]
    algorithm: str
    seed: int
    solver: str
    seconds: float
    explanation: str = ""
    relaxation: tuple[Relaxation, ...] = field(default_factory=tuple)


class InvalidInstance(Exception):
    """Bad input; `constraint` names the rule broken, `field` the input concerned."""

    def __init__(self, constraint: str, field: str, message: str) -> None:
        super().__init__(message)
        self.constraint = constraint
        self.field = field
        self.message = message
