"""What the posts brought: the posts with the most outcomes of the period, and of what kind.
Core team only (it names people); the same filter as every other figure."""

from __future__ import annotations

from datetime import date
from functools import cache

from sqlalchemy import Select, bindparam, case, func, select
from sqlalchemy.orm import Session

from botschaft.identity.models import User
from botschaft.kpis.filters import KpiFilter, Shape, outcome_in, period_values
from botschaft.kpis.schemas import BroughtPost
from botschaft.posts.models import REQUEST_OUTCOMES, RESULT_OUTCOMES, Outcome, OutcomeType, Post
from botschaft.posts.service import post_out
from botschaft.tenancy.models import Program, ProgramMembership

MOST = 10
KINDS = list(OutcomeType)


@cache
def _statement(shape: Shape) -> Select:
    """Built once per filter shape (parameters: program_id, period_from, period_to and the
    filter's): see auth.sessions.lookup."""
    top = (
        select(
            Outcome.post_id,
            func.count(Outcome.id).label("n"),
            *(func.count(case((Outcome.type == kind, 1))).label(kind.value) for kind in KINDS),
        )
        .where(
            Outcome.program_id == bindparam("program_id"),
            Outcome.occurred_on.between(bindparam("period_from"), bindparam("period_to")),
            Outcome.post_id.is_not(None),
            outcome_in(shape),
        )
        .group_by(Outcome.post_id)
        .order_by(func.count(Outcome.id).desc(), Outcome.post_id)
        .limit(MOST)
        .subquery()
    )
    return (
        select(Post, User.name, top.c.n, *(top.c[kind.value] for kind in KINDS))
        .join(top, top.c.post_id == Post.id)
        .join(ProgramMembership, ProgramMembership.id == Post.member_id)
        .outerjoin(User, User.id == ProgramMembership.user_id)
        .order_by(top.c.n.desc(), Post.published_on.desc(), Post.id)
    )


def brought(
    session: Session, program: Program, start: date, end: date, flt: KpiFilter
) -> list[BroughtPost]:
    """The posts with the most outcomes in the period (at most MOST), each with its outcomes
    per kind: one statement."""
    values = period_values(program.id, start, end, flt)
    rows = session.execute(_statement(flt.shape), values).all()
    out = []
    for post, name, n, *counts in rows:
        by_type = {kind: count for kind, count in zip(KINDS, counts, strict=True) if count}
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
