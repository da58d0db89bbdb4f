"""What the posts brought: the posts with the most outcomes of the period, and of what kind.
Core team only (it names people); the same filter as every other figure."""

from __future__ import annotations

from collections import Counter
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from botschaft.identity.models import User
from botschaft.kpis.filters import KpiFilter, outcome_in
from botschaft.kpis.schemas import BroughtPost
from botschaft.posts.models import REQUEST_OUTCOMES, RESULT_OUTCOMES, Outcome, Post
from botschaft.posts.service import post_out
from botschaft.tenancy.models import Program, ProgramMembership

MOST = 10


def brought(
    session: Session, program: Program, start: date, end: date, flt: KpiFilter
) -> list[BroughtPost]:
    in_period = (
        (Outcome.program_id == program.id)
        & Outcome.occurred_on.between(start, end)
        & Outcome.post_id.is_not(None)
        & outcome_in(flt.shape)
    )
    top = (
        select(Outcome.post_id, func.count(Outcome.id).label("n"))
        .where(in_period)
        .group_by(Outcome.post_id)
        .order_by(func.count(Outcome.id).desc(), Outcome.post_id)
        .limit(MOST)
        .subquery()
    )
    posts = session.execute(
        select(Post, User.name, top.c.n)
        .join(top, top.c.post_id == Post.id)
        .join(ProgramMembership, ProgramMembership.id == Post.member_id)
        .outerjoin(User, User.id == ProgramMembership.user_id)
        .order_by(top.c.n.desc(), Post.published_on.desc(), Post.id),
        flt.params,
    ).all()
    kinds: dict = {}
    if posts:
        rows = session.execute(
            select(Outcome.post_id, Outcome.type, func.count(Outcome.id))
            .where(in_period, Outcome.post_id.in_([p.id for p, _, _ in posts]))
            .group_by(Outcome.post_id, Outcome.type),
            flt.params,
        ).all()
        for post_id, kind, n in rows:
            kinds.setdefault(post_id, Counter())[str(kind)] += n
    out = []
    for post, name, n in posts:
        by_type = kinds.get(post.id, Counter())
        out.append(
            BroughtPost(
                post=post_out(post, name or "", n),
                outcomes=n,
                requests=sum(by_type[str(t)] for t in REQUEST_OUTCOMES),
                results=sum(by_type[str(t)] for t in RESULT_OUTCOMES),
                by_type=dict(by_type),
            )
        )
    return out
