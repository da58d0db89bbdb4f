"""Checks of a selection round's inputs, each naming the broken constraint."""

from __future__ import annotations

from collections import Counter

from .model import Instance, InvalidInstance


def validate(inst: Instance) -> None:
    ids = [p.id for p in inst.people]
    if len(set(ids)) != len(ids):
        raise InvalidInstance("duplicate_person", "people", "Applicant ids must be unique.")
    known = set(ids)
    for name, group in (("pinned", inst.pinned), ("excluded", inst.excluded)):
        unknown = sorted(set(group) - known)
        if unknown:
            raise InvalidInstance("unknown_person", name, f"Unknown applicants: {unknown}.")
    both = sorted(inst.pinned & inst.excluded)
    if both:
        raise InvalidInstance("pinned_and_excluded", "pinned", f"Pinned and excluded: {both}.")
    available = len(ids) - len(inst.excluded)
    if inst.k < 1:
        raise InvalidInstance("k_positive", "k", "The cohort size must be at least 1.")
    if inst.k > available:
        raise InvalidInstance(
            "k_above_pool",
            "k",
            f"Cohort size {inst.k} exceeds the {available} available applicants.",
        )
    if len(inst.pinned) > inst.k:
        raise InvalidInstance("pins_above_k", "pinned", "More applicants pinned than seats.")
    dims: dict[str, list] = {}
    for q in inst.quotas:
        f = f"quotas.{q.dimension}.{q.value}"
        if q.min < 0 or q.max < 0:
            raise InvalidInstance("quota_negative", f, "Quotas cannot be negative.")
        if q.min > q.max:
            raise InvalidInstance("min_above_max", f, f"Minimum {q.min} is above maximum {q.max}.")
        dims.setdefault(q.dimension, []).append(q)
    pool = [p for p in inst.people if p.id not in inst.excluded]
    for dim, qs in dims.items():
        answered = [p for p in pool if p.features.get(dim) not in (None, "")]
        if not answered:
            raise InvalidInstance(
                "dimension_without_answers", f"quotas.{dim}", f"No applicant answered '{dim}'."
            )
        if sum(q.min for q in qs) > inst.k:
            raise InvalidInstance(
                "mins_above_k", f"quotas.{dim}", f"Minimums of '{dim}' sum above {inst.k}."
            )
        values = {q.value for q in qs}
        covered = len(answered) == len(pool) and all(p.features[dim] in values for p in pool)
        if covered and sum(q.max for q in qs) < inst.k:
            raise InvalidInstance(
                "maxes_below_k", f"quotas.{dim}", f"Maximums of '{dim}' sum below {inst.k}."
            )
        counts = Counter(p.features.get(dim) for p in pool)
        pins = Counter(p.features.get(dim) for p in pool if p.id in inst.pinned)
        for q in qs:
            f = f"quotas.{dim}.{q.value}"
            if counts[q.value] < q.min:
                raise InvalidInstance(
                    "min_above_pool",
                    f,
                    f"Only {counts[q.value]} applicants have {dim}={q.value}, minimum is {q.min}.",
                )
            if pins[q.value] > q.max:
                raise InvalidInstance(
                    "pins_break_quota",
                    f,
                    f"Pinned applicants alone exceed the maximum of {dim}={q.value}.",
                )
