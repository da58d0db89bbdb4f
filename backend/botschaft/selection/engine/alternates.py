"""Ordered reserve list: for each seat, in turn, the unselected person most like its holder, so a
replacement for a decliner keeps the quotas met as far as possible."""

from __future__ import annotations

from .grouping import Types


def alternates(types: Types, panel: tuple[str, ...], limit: int) -> tuple[str, ...]:
    type_of = {pid: t for t, ms in enumerate(types.members) for pid in ms}
    keys = types.keys
    selected = set(panel)
    free = [
        pid
        for ms in types.members
        for pid in ms
        if pid not in selected and not keys[type_of[pid]][-1]
    ]
    out: list[str] = []
    for holder in panel:
        if len(out) >= limit or not free:
            break
        hk = keys[type_of[holder]][:-1]

        def score(pid: str, hk=hk) -> tuple[int, str]:
            pk = keys[type_of[pid]][:-1]
            return (-sum(a == b for a, b in zip(hk, pk, strict=True)), pid)

        best = min(free, key=score)
        free.remove(best)
        out.append(best)
    return tuple(out)


def replacement(
    types: Types, panel: tuple[str, ...], decliner: str, alternates_: tuple[str, ...]
) -> str | None:
    """The first alternate who can take the decliner's seat with every quota still met."""
    type_of = {pid: t for t, ms in enumerate(types.members) for pid in ms}
    rest = [p for p in panel if p != decliner]
    for alt in alternates_:
        if alt in panel:
            continue
        if quota_violations(types, [*rest, alt], type_of) == 0:
            return alt
    return alternates_[0] if alternates_ else None


def quota_violations(types: Types, panel, type_of=None) -> int:
    type_of = type_of or {pid: t for t, ms in enumerate(types.members) for pid in ms}
    counts = [0] * len(types.counts)
    for pid in panel:
        counts[type_of[pid]] += 1
    bad = 0
    for _, _, lo, hi, idx in types.rows:
        s = sum(counts[i] for i in idx)
        bad += s < lo or s > hi
    return bad
