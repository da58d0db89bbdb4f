from __future__ import annotations

import uuid

from fastapi import Response

from botschaft.core.deps import SessionDep
from botschaft.core.errors import error_responses
from botschaft.core.pagination import PageDep
from botschaft.core.routing import api_router
from botschaft.core.schemas import Page
from botschaft.questions import service
from botschaft.questions.schemas import (
    ApplicantQuestionChange,
    ApplicantQuestionIn,
    ApplicantQuestionOut,
    QuestionTopicIn,
    QuestionTopicOut,
    TopicTurnInto,
)
from botschaft.tenancy.access import CoreTeam, CoreTeamOrInfluencer

router = api_router(prefix="/programs/{program_id}/questions", tags=["questions"])


@router.post(
    "",
    operation_id="questions_create",
    status_code=201,
    response_model=ApplicantQuestionOut,
    responses=error_responses(401, 403, 404, 422),
)
def note(
    body: ApplicantQuestionIn, ctx: CoreTeamOrInfluencer, session: SessionDep
) -> ApplicantQuestionOut:
    """Notes a question someone asked, in one line (never who asked)."""
    return service.note(session, ctx, body)


@router.get(
    "",
    operation_id="questions_list",
    response_model=Page[ApplicantQuestionOut],
    responses=error_responses(401, 403, 404, 422),
)
def listing(
    ctx: CoreTeamOrInfluencer,
    session: SessionDep,
    params: PageDep,
    topic_id: uuid.UUID | None = None,
    unsorted: bool = False,
) -> Page[ApplicantQuestionOut]:
    """Questions, newest first: all of the program for the core team (of one topic, or those
    without a topic), an influencer's own."""
    items, total = service.listing(session, ctx, params, topic_id, unsorted)
    return Page.of(items, total, params)


@router.get(
    "/topics",
    operation_id="questions_topics",
    response_model=list[QuestionTopicOut],
    responses=error_responses(401, 403, 404),
)
def topics(ctx: CoreTeam, session: SessionDep) -> list[QuestionTopicOut]:
    """The topics with their questions in all and per month, most asked first; then the
    questions without a topic."""
    return service.topics(session, ctx)


@router.post(
    "/topics",
    operation_id="questions_topics_create",
    status_code=201,
    response_model=QuestionTopicOut,
    responses=error_responses(401, 403, 404, 422),
)
def create_topic(body: QuestionTopicIn, ctx: CoreTeam, session: SessionDep) -> QuestionTopicOut:
    return service.create_topic(session, ctx, body)


@router.delete(
    "/topics/{topic_id}",
    operation_id="questions_topics_delete",
    status_code=204,
    responses=error_responses(401, 403, 404),
)
def delete_topic(topic_id: uuid.UUID, ctx: CoreTeam, session: SessionDep) -> Response:
    """Deletes a topic; its questions stay, without a topic."""
    service.delete_topic(session, ctx, topic_id)
    return Response(status_code=204)


@router.post(
    "/topics/{topic_id}/briefing",
    operation_id="questions_topics_turn",
    status_code=201,
    response_model=uuid.UUID,
    responses=error_responses(401, 403, 404, 409),
)
def turn_into(
    topic_id: uuid.UUID, body: TopicTurnInto, ctx: CoreTeam, session: SessionDep
) -> uuid.UUID:
    """Turns a topic into a suggested briefing (faq) or post idea listing its questions; the
    core team writes the answers and publishes it on Briefings. Answers the briefing's id."""
    return service.turn_into(session, ctx, topic_id, body)


@router.patch(
    "/{question_id}",
    operation_id="questions_update",
    response_model=ApplicantQuestionOut,
    responses=error_responses(401, 403, 404, 422),
)
def change(
    question_id: uuid.UUID,
    body: ApplicantQuestionChange,
    ctx: CoreTeamOrInfluencer,
    session: SessionDep,
) -> ApplicantQuestionOut:
    """Changes a question's text (its author or the core team) or its topic (core team)."""
    return service.change(session, ctx, question_id, body)


@router.delete(
    "/{question_id}",
    operation_id="questions_delete",
    status_code=204,
    responses=error_responses(401, 403, 404),
)
def delete(question_id: uuid.UUID, ctx: CoreTeamOrInfluencer, session: SessionDep) -> Response:
    service.delete(session, ctx, question_id)
    return Response(status_code=204)
