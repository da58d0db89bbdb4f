"""The applicant questions of a period by topic, for the KPIs and the monthly report. Who
asked is never stored. HR leadership sees a topic only when at least the minimum group of
influencers noted questions in it, in the months HR sees (privacy.groups_shown)."""

from __future__ import annotations

import uuid
from collections import Counter, defaultdict
from datetime import date
from functools import cache

from sqlalchemy import Select, bindparam, select
from sqlalchemy.orm import Session

from botschaft.kpis import privacy
from botschaft.kpis.filters import KpiFilter, Shape, attributed_in, period_values
from botschaft.kpis.schemas import TopQuestion
from botschaft.questions.models import ApplicantQuestion, QuestionTopic
from botschaft.tenancy.models import Program

TOP = 5


@cache
def _statement(shape: Shape) -> Select:
    """Built once per filter shape (parameters: program_id, period_from, period_to and the
    filter's): see auth.sessions.lookup."""
    return (
        select(QuestionTopic.name, ApplicantQuestion.member_id, ApplicantQuestion.asked_on)
        .join(QuestionTopic, QuestionTopic.id == ApplicantQuestion.topic_id)
        .where(
            ApplicantQuestion.program_id == bindparam("program_id"),
            ApplicantQuestion.asked_on.between(bindparam("period_from"), bindparam("period_to")),
            attributed_in(
                ApplicantQuestion.member_id,
                ApplicantQuestion.asked_on,
                ApplicantQuestion.post_id,
                shape,
            ),
        )
    )


def top_questions(
    session: Session,
    program: Program,
    start: date,
    end: date,
    flt: KpiFilter,
    hr_months: list[date] | None = None,
) -> tuple[list[TopQuestion], str | None]:
    """The most asked topics, and why they are hidden, if they are. `hr_months`: HR
    leadership's view, counting only these (shown) months; None for the core team."""
    if hr_months is not None and flt.shape:
        return [], privacy.FILTERED
    values = period_values(program.id, start, end, flt)
    rows = session.execute(_statement(flt.shape), values).all()
    shown = None if hr_months is None else set(hr_months)
    counts: Counter[str] = Counter()
    people: dict[str, set[uuid.UUID]] = defaultdict(set)
    for name, member_id, day in rows:
        if shown is None or day.replace(day=1) in shown:
            counts[name] += 1
            people[name].add(member_id)
    reason = None
    if shown is not None:
        kept = privacy.groups_shown(people, program.min_group_size)
        if (counts or rows) and not kept:
            reason = privacy.FEWER_THAN_MIN_GROUP
        counts = Counter({name: n for name, n in counts.items() if name in kept})
    top = sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:TOP]
    return [TopQuestion(topic=name, questions=n) for name, n in top], reason
