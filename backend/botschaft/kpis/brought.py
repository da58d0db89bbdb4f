"""What the posts brought: the posts with the most outcomes of the period, and of what kind.
Core team only (it names people); the same filter as every other figure."""

from __future__ import annotations

from datetime import date

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from botschaft.identity.models import User
from botschaft.kpis.filters import KpiFilter, outcome_in
from botschaft.kpis.schemas import BroughtPost
from botschaft.posts.models import REQUEST_OUTCOMES, RESULT_OUTCOMES, Outcome, OutcomeType, Post
from botschaft.posts.service import post_out
from botschaft.tenancy.models import Program, ProgramMembership

MOST = 10


def brought(
    session: Session, program: Program, start: date, end: date, flt: KpiFilter
) -> list[BroughtPost]:
    """The posts with the most outcomes in the period (at most MOST), each with its outcomes
    per kind: one statement."""
    kinds = list(OutcomeType)
    top = (
        select(
            Outcome.post_id,
            func.count(Outcome.id).label("n"),
            *(func.count(case((Outcome.type == kind, 1))).label(kind.value) for kind in kinds),
        )
        .where(
            Outcome.program_id == program.id,
            Outcome.occurred_on.between(start, end),
            Outcome.post_id.is_not(None),
            outcome_in(flt.shape),
        )
        .group_by(Outcome.post_id)
        .order_by(func.count(Outcome.id).desc(), Outcome.post_id)
        .limit(MOST)
        .subquery()
    )
    rows = session.execute(
        select(Post, User.name, top.c.n, *(top.c[kind.value] for kind in kinds))
        .join(top, top.c.post_id == Post.id)
        .join(ProgramMembership, ProgramMembership.id == Post.member_id)
        .outerjoin(User, User.id == ProgramMembership.user_id)
        .order_by(top.c.n.desc(), Post.published_on.desc(), Post.id),
        flt.params,
    ).all()
    out = []
    for post, name, n, *counts in rows:
        by_type = {kind: count for kind, count in zip(kinds, counts, strict=True) if count}
        out.append(
            BroughtPost(
                post=post_out(post, name or "", n),
                outcomes=n,
                requests=sum(by_type.get(kind, 0) for kind in REQUEST_OUTCOMES),
                results=sum(by_type.get(kind, 0) for kind in RESULT_OUTCOMES),
                by_type={str(kind): count for kind, count in by_type.items()},
            )
        )
    return out
