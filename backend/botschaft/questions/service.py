"""Applicant questions: influencers note what people ask them in one line; the core team
groups them into topics, watches the counts over time and turns a topic into a briefing or a
post idea. Who asked is never stored; who noted it only serves their own list."""

from __future__ import annotations

import uuid
from collections import Counter
from datetime import date, timedelta

from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from botschaft.briefings.models import Briefing, BriefingKind, BriefingStatus, Stance
from botschaft.core.errors import Conflict, Forbidden, NotFound, Unprocessable
from botschaft.core.pagination import PageParams, paginate_rows
from botschaft.posts.service import check_own_post, program_today, valid_day
from botschaft.questions.models import ApplicantQuestion, QuestionTopic
from botschaft.questions.schemas import (
    ApplicantQuestionChange,
    ApplicantQuestionIn,
    ApplicantQuestionOut,
    QuestionMonth,
    QuestionTopicIn,
    QuestionTopicOut,
    TopicTurnInto,
)
from botschaft.tenancy.access import ProgramContext
from botschaft.tenancy.scope import own_rows

MONTHS = 6  # the topics' counts over time: the last six months


def readable(ctx: ProgramContext):
    """The program's applicant questions the caller may see (an influencer: their own);
    every read of questions starts here."""
    query = select(ApplicantQuestion).where(ApplicantQuestion.program_id == ctx.program.id)
    return own_rows(ctx, query, ApplicantQuestion.member_id)


def _out(question: ApplicantQuestion, ctx: ProgramContext) -> ApplicantQuestionOut:
    return ApplicantQuestionOut(
        id=question.id,
        text=question.text,
        asked_on=question.asked_on,
        post_id=question.post_id,
        topic_id=question.topic_id,
        mine=question.member_id == ctx.membership.id,
    )


def _topic(
    session: Session, ctx: ProgramContext, topic_id: uuid.UUID, *, named: bool = False
) -> QuestionTopic:
    """One of the program's topics: 404 when it is the one addressed, 422 naming the field
    when a question names it (`named`)."""
    topic = session.scalar(
        select(QuestionTopic).where(
            QuestionTopic.id == topic_id, QuestionTopic.program_id == ctx.program.id
        )
    )
    if topic is None and named:
        raise Unprocessable.for_field("topic_id", "No such topic in this program.", "unknown")
    if topic is None:
        raise NotFound("No such topic.")
    return topic


def _sorting(ctx: ProgramContext, topic_id: uuid.UUID | None) -> None:
    if topic_id is not None and not ctx.is_core_team:
        raise Forbidden("Only the core team sorts questions into topics.")


def note(session: Session, ctx: ProgramContext, data: ApplicantQuestionIn) -> ApplicantQuestionOut:
    _sorting(ctx, data.topic_id)
    day = valid_day(session, ctx, data.asked_on, "asked_on", False, ctx.membership.id)
    check_own_post(session, ctx, ctx.membership.id, data.post_id)
    if data.topic_id is not None:
        _topic(session, ctx, data.topic_id, named=True)
    question = ApplicantQuestion(
        program_id=ctx.program.id,
        member_id=ctx.membership.id,
        text=data.text,
        asked_on=day,
        post_id=data.post_id,
        topic_id=data.topic_id,
    )
    session.add(question)
    session.flush()
    return _out(question, ctx)


def listing(
    session: Session,
    ctx: ProgramContext,
    params: PageParams,
    topic_id: uuid.UUID | None,
    unsorted: bool,
) -> tuple[list[ApplicantQuestionOut], int]:
    query = readable(ctx).order_by(ApplicantQuestion.asked_on.desc(), ApplicantQuestion.id)
    if topic_id is not None:
        query = query.where(ApplicantQuestion.topic_id == topic_id)
    elif unsorted:
        query = query.where(ApplicantQuestion.topic_id.is_(None))
    rows, total = paginate_rows(session, query, params)
    return [_out(q, ctx) for (q,) in rows], total


def _get(session: Session, ctx: ProgramContext, question_id: uuid.UUID) -> ApplicantQuestion:
    question = session.scalar(readable(ctx).where(ApplicantQuestion.id == question_id))
    if question is None:
        raise NotFound("No such question.")
    return question


def change(
    session: Session, ctx: ProgramContext, question_id: uuid.UUID, data: ApplicantQuestionChange
) -> ApplicantQuestionOut:
    question = _get(session, ctx, question_id)
    sent = data.model_fields_set
    if "topic_id" in sent:
        if not ctx.is_core_team:
            raise Forbidden("Only the core team sorts questions into topics.")
        if data.topic_id is not None:
            _topic(session, ctx, data.topic_id, named=True)
        question.topic_id = data.topic_id
    if "text" in sent:
        if data.text is None:
            raise Unprocessable.for_field("text", "The question cannot be empty.", "missing")
        question.text = data.text
    session.flush()
    return _out(question, ctx)


def delete(session: Session, ctx: ProgramContext, question_id: uuid.UUID) -> None:
    session.delete(_get(session, ctx, question_id))
    session.flush()


def _months(today: date) -> list[str]:
    first = today.replace(day=1)
    months = [first]
    for _ in range(MONTHS - 1):
        months.append((months[-1] - timedelta(days=1)).replace(day=1))
    return [f"{m:%Y-%m}" for m in reversed(months)]


def topics(session: Session, ctx: ProgramContext) -> list[QuestionTopicOut]:
    """Every topic (and the questions without one) with its count in all and per month."""
    months = _months(program_today(ctx.program))
    rows = session.execute(
        select(ApplicantQuestion.topic_id, ApplicantQuestion.asked_on, func.count())
        .where(ApplicantQuestion.program_id == ctx.program.id)
        .group_by(ApplicantQuestion.topic_id, ApplicantQuestion.asked_on)
    ).all()
    total: Counter = Counter()
    per_month: Counter = Counter()
    for topic_id, day, n in rows:
        total[topic_id] += n
        per_month[topic_id, f"{day:%Y-%m}"] += n
    found = session.scalars(
        select(QuestionTopic).where(QuestionTopic.program_id == ctx.program.id)
    ).all()
    listed = sorted(
        (_topic_out(t, total, per_month, months) for t in found),
        key=lambda t: (-t.questions, (t.name or "").lower()),
    )
    return [*listed, _topic_out(None, total, per_month, months)] if total[None] else listed


def _topic_out(
    topic: QuestionTopic | None, total: Counter, per_month: Counter, months: list[str]
) -> QuestionTopicOut:
    """A topic's row (None: the questions without a topic) from the counts by topic id."""
    key = topic.id if topic else None
    return QuestionTopicOut(
        id=key,
        name=topic.name if topic else None,
        questions=total[key],
        months=[QuestionMonth(month=m, questions=per_month[key, m]) for m in months],
        briefing_id=topic.briefing_id if topic else None,
    )


def create_topic(session: Session, ctx: ProgramContext, data: QuestionTopicIn) -> QuestionTopicOut:
    topic = QuestionTopic(program_id=ctx.program.id, name=data.name)
    session.add(topic)
    try:
        with session.begin_nested():
            session.flush()
    except IntegrityError:
        raise Unprocessable.for_field(
            "name", "A topic of this name exists already.", "duplicate"
        ) from None
    return _topic_out(topic, Counter(), Counter(), _months(program_today(ctx.program)))


def delete_topic(session: Session, ctx: ProgramContext, topic_id: uuid.UUID) -> None:
    """The topic goes; its questions stay, without a topic."""
    topic = _topic(session, ctx, topic_id)
    session.execute(
        update(ApplicantQuestion)
        .where(ApplicantQuestion.topic_id == topic.id)
        .values(topic_id=None)
        .execution_options(synchronize_session=False)
    )
    session.delete(topic)
    session.flush()


def turn_into(
    session: Session, ctx: ProgramContext, topic_id: uuid.UUID, data: TopicTurnInto
) -> uuid.UUID:
    """A suggested briefing with the topic's questions, for the core team to write the answers
    into and publish: "faq" to inform (stance info), "idea" asking to post about it (stance
    share). A topic is turned once (409 `already_turned` while its briefing exists)."""
    topic = _topic(session, ctx, topic_id)
    # Deleting the briefing clears briefing_id (ON DELETE SET NULL): the topic can be turned again.
    if topic.briefing_id is not None:
        raise Conflict("This topic was turned into a briefing already.", code="already_turned")
    texts = session.scalars(
        select(ApplicantQuestion.text)
        .where(ApplicantQuestion.topic_id == topic.id)
        .group_by(ApplicantQuestion.text)
        .order_by(func.count().desc(), ApplicantQuestion.text)
        .limit(20)
    ).all()
    if not texts:
        raise Conflict("The topic has no questions yet.", code="topic_empty")
    briefing = Briefing(
        program_id=ctx.program.id,
        kind=BriefingKind.briefing,
        stance=Stance.share if data.kind == "idea" else Stance.info,
        status=BriefingStatus.suggested,
        title=topic.name,
        body="\n".join(f"- {text}" for text in texts),
        author_member_id=ctx.membership.id,
    )
    session.add(briefing)
    session.flush()
    topic.briefing_id = briefing.id
    session.flush()
    return briefing.id
