from __future__ import annotations

import uuid
from datetime import date
from typing import Annotated, Literal

from pydantic import Field, StringConstraints

from botschaft.core.schemas import InputModel, OutputModel
from botschaft.core.text import Text

QuestionText = Annotated[Text, StringConstraints(min_length=3, max_length=300)]
TopicName = Annotated[Text, StringConstraints(min_length=1, max_length=80)]


class ApplicantQuestionIn(InputModel):
    text: QuestionText = Field(description="The question in one line, without who asked")
    asked_on: date | None = Field(default=None, description="Default today; not in the future")
    post_id: uuid.UUID | None = Field(default=None, description="The post it came under")
    topic_id: uuid.UUID | None = Field(default=None, description="Core team only: its topic")


class ApplicantQuestionChange(InputModel):
    text: QuestionText | None = None
    topic_id: uuid.UUID | None = Field(
        default=None, description="Core team only; null (sent) takes it out of its topic"
    )


class ApplicantQuestionOut(OutputModel):
    id: uuid.UUID
    text: str
    asked_on: date
    post_id: uuid.UUID | None
    topic_id: uuid.UUID | None
    mine: bool = Field(description="Noted by the caller")


class QuestionTopicIn(InputModel):
    name: TopicName


class QuestionMonth(OutputModel):
    month: str = Field(description="YYYY-MM")
    questions: int


class QuestionTopicOut(OutputModel):
    id: uuid.UUID | None = Field(description="null for the questions without a topic yet")
    name: str | None
    questions: int
    months: list[QuestionMonth] = Field(description="Questions per month, the last six months")
    briefing_id: uuid.UUID | None = Field(description="The briefing or idea made from it")


class TopicTurnInto(InputModel):
    kind: Literal["faq", "idea"] = Field(
        description="faq: a briefing answering the questions (stance info); idea: a briefing "
        "asking to post about them (stance share). Both start as suggestions the core team "
        "edits and publishes on Briefings"
    )
