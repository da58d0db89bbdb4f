"""Second waves: a round over an existing cohort. The cohort's current influencers join the
pool pinned, so that k and the quotas are for the combined group; their values per dimension
come from their own applications to the program's calls (the newest answer), else they count
as not answered."""

from __future__ import annotations

import uuid

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from botschaft.calls.models import Application, Call
from botschaft.calls.review import as_value, dimensions, option_labels
from botschaft.calls.service import readable_applications
from botschaft.core.errors import Unprocessable
from botschaft.identity.models import User
from botschaft.tenancy.access import ProgramContext
from botschaft.tenancy.models import Cohort, MembershipStatus, ProgramMembership, ProgramRole

UNANSWERED = "unanswered"


def check_cohort(session: Session, ctx: ProgramContext, cohort_id: uuid.UUID) -> None:
    if not session.scalar(
        select(Cohort.id).where(Cohort.id == cohort_id, Cohort.program_id == ctx.program.id)
    ):
        raise Unprocessable.for_field("base_cohort_id", "No such cohort.", "unknown")


def members(
    session: Session, ctx: ProgramContext, call: Call, cohort_id: uuid.UUID, keys: list[str]
) -> tuple[dict[str, dict[str, str]], dict[str, str], set[str]]:
    """The cohort's active influencers: their values per dimension (by membership id), their
    names, and their email addresses (their applications to this call stay out of the pool)."""
    people = session.execute(
        select(ProgramMembership.id, User.name, func.lower(User.email))
        .join(User, User.id == ProgramMembership.user_id)
        .where(
            ProgramMembership.program_id == ctx.program.id,
            ProgramMembership.cohort_id == cohort_id,
            ProgramMembership.role == ProgramRole.influencer,
            ProgramMembership.status == MembershipStatus.active,
        )
    ).all()
    emails = {email for _, _, email in people}
    answers: dict[str, dict] = {}
    if emails:
        rows = session.execute(
            readable_applications(ctx)
            .with_only_columns(func.lower(Application.email), Application.answers)
            .where(func.lower(Application.email).in_(emails))
            .order_by(Application.submitted_at)
        )
        answers = {email: a for email, a in rows}  # the newest application wins
    known = {q.key: {v for v, _, _ in option_labels(q)} for q in dimensions(call) if q.key in keys}

    def value(given: dict, key: str) -> str:
        v = as_value(given.get(key))
        return v if v in known.get(key, ()) else UNANSWERED

    features = {
        str(mid): {k: value(answers.get(email, {}), k) for k in keys} for mid, _, email in people
    }
    return features, {str(mid): name for mid, name, _ in people}, emails
