"""The applicant questions of a period by topic, for the KPIs and the monthly report. Who
asked is never stored; for HR leadership the counts need at least the minimum group of people
who noted questions, so no one influencer's conversations show."""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from botschaft.kpis import privacy
from botschaft.kpis.filters import KpiFilter, attributed_in
from botschaft.kpis.schemas import TopQuestion
from botschaft.programs.models import Program
from botschaft.questions.models import ApplicantQuestion, QuestionTopic

TOP = 5


def top_questions(
    session: Session, program: Program, start: date, end: date, flt: KpiFilter, restricted: bool
) -> tuple[list[TopQuestion], str | None]:
    """The most asked topics, and why they are hidden (HR leadership), if they are."""
    if restricted and flt.shape:
        return [], privacy.FILTERED
    in_period = (
        (ApplicantQuestion.program_id == program.id)
        & ApplicantQuestion.asked_on.between(start, end)
        & attributed_in(ApplicantQuestion.member_id, ApplicantQuestion.post_id, flt.shape)
    )
    if restricted:
        people = session.scalar(
            select(func.count(func.distinct(ApplicantQuestion.member_id))).where(in_period),
            flt.params,
        )
        if people and people < program.min_group_size:
            return [], privacy.FEWER_THAN_MIN_GROUP
    rows = session.execute(
        select(QuestionTopic.name, func.count(ApplicantQuestion.id))
        .join(QuestionTopic, QuestionTopic.id == ApplicantQuestion.topic_id)
        .where(in_period)
        .group_by(QuestionTopic.name)
        .order_by(func.count(ApplicantQuestion.id).desc(), QuestionTopic.name)
        .limit(TOP),
        flt.params,
    ).all()
    return [TopQuestion(topic=name, questions=n) for name, n in rows], None
