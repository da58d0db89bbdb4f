"""Request and response bodies of application calls. Write schemas are separate from read
schemas, so nothing a client sends can set a status, a token or a version number."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import AwareDatetime, Field, StringConstraints, model_validator

from botschaft.calls.models import ApplicationStatus, CallAccess, CallStatus, QuestionType
from botschaft.core.schemas import InputModel, OutputModel
from botschaft.core.text import Email, MultilineText, PlaceOrLink, Text, TextRule

Key = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]{0,63}$"), TextRule()]
OptionValue = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9_]{0,63}$"), TextRule()]
Label = Annotated[Text, StringConstraints(min_length=1, max_length=500)]
LongText = Annotated[MultilineText, Field(max_length=20_000)]
Help = Annotated[MultilineText, Field(max_length=2000)]
# A place in words or the link of an online info event; shown as a link only when it is one.
InfoEventLocation = Annotated[PlaceOrLink, Field(max_length=500)]
Tag = Annotated[Text, StringConstraints(min_length=1, max_length=50)]
# Dimensions must give every applicant exactly one value.
DIMENSION_TYPES = frozenset({QuestionType.single_choice, QuestionType.yes_no, QuestionType.scale})
CHOICE_TYPES = frozenset({QuestionType.single_choice, QuestionType.multiple_choice})
TEXT_TYPES = frozenset({QuestionType.short_text, QuestionType.long_text})
DEFAULT_MAX_LENGTH = {QuestionType.short_text: 200, QuestionType.long_text: 2000}


class OptionIn(InputModel):
    value: OptionValue
    label_de: Label
    label_en: Label


class OptionOut(OutputModel):
    value: str
    label_de: str
    label_en: str


class QuestionIn(InputModel):
    key: Key
    type: QuestionType
    required: bool = False
    label_de: Label
    label_en: Label
    help_de: Help = ""
    help_en: Help = ""
    options: Annotated[list[OptionIn], Field(max_length=50)] = []
    max_length: Annotated[int | None, Field(ge=1, le=10_000)] = None
    scale_min: Annotated[int | None, Field(ge=0, le=10)] = None
    scale_max: Annotated[int | None, Field(ge=1, le=10)] = None
    is_dimension: bool = False

    @model_validator(mode="after")
    def _consistent(self) -> QuestionIn:
        if self.type in CHOICE_TYPES:
            values = [o.value for o in self.options]
            if len(values) < 2:
                raise ValueError("a choice question needs at least two options")
            if len(set(values)) != len(values):
                raise ValueError("option values must be unique")
        elif self.options:
            raise ValueError(f"a {self.type.value} question has no options")
        if self.type == QuestionType.scale:
            self.scale_min = 1 if self.scale_min is None else self.scale_min
            self.scale_max = 5 if self.scale_max is None else self.scale_max
            if self.scale_min >= self.scale_max:
                raise ValueError("scale_min must be below scale_max")
        elif self.scale_min is not None or self.scale_max is not None:
            raise ValueError("only a scale question has scale_min and scale_max")
        if self.type in TEXT_TYPES:
            self.max_length = self.max_length or DEFAULT_MAX_LENGTH[self.type]
        elif self.max_length is not None and self.type != QuestionType.url:
            raise ValueError(f"a {self.type.value} question has no max_length")
        if self.is_dimension and self.type not in DIMENSION_TYPES:
            raise ValueError("only single choice, yes/no and scale questions can be dimensions")
        return self


class QuestionOut(OutputModel):
    id: uuid.UUID
    key: str
    position: int
    type: QuestionType
    required: bool
    label_de: str
    label_en: str
    help_de: str
    help_en: str
    options: list[OptionOut]
    max_length: int | None
    scale_min: int | None
    scale_max: int | None
    is_dimension: bool


class _CallFields(InputModel):
    description: LongText = ""
    info_event_at: AwareDatetime | None = None
    info_event_location: InfoEventLocation | None = None
    access: CallAccess = CallAccess.link
    privacy_notice_de: LongText = ""
    privacy_notice_en: LongText = ""
    consent_text_de: LongText = ""
    consent_text_en: LongText = ""


class CallCreate(_CallFields):
    title: Label
    opens_at: AwareDatetime
    closes_at: AwareDatetime
    template: Literal["reference"] | None = Field(
        default=None, description="Start from the reference case's questions and dimensions"
    )

    @model_validator(mode="after")
    def _dates(self) -> CallCreate:
        if self.closes_at <= self.opens_at:
            raise ValueError("closes_at must be after opens_at")
        return self


class CallUpdate(InputModel):
    version: int = Field(ge=1)
    title: Label | None = None
    description: LongText | None = None
    opens_at: AwareDatetime | None = None
    closes_at: AwareDatetime | None = None
    info_event_at: AwareDatetime | None = None
    info_event_location: InfoEventLocation | None = None
    access: CallAccess | None = None
    privacy_notice_de: LongText | None = None
    privacy_notice_en: LongText | None = None
    consent_text_de: LongText | None = None
    consent_text_en: LongText | None = None


class CallTransition(InputModel):
    version: int = Field(ge=1)
    status: CallStatus


class QuestionnaireIn(InputModel):
    version: int = Field(ge=1)
    questions: Annotated[list[QuestionIn], Field(max_length=100)]


class CallOut(OutputModel):
    id: uuid.UUID
    program_id: uuid.UUID
    title: str
    description: str
    opens_at: datetime
    closes_at: datetime
    info_event_at: datetime | None
    info_event_location: str | None
    status: CallStatus
    access: CallAccess
    form_token: str
    privacy_notice_de: str
    privacy_notice_en: str
    privacy_version: int
    consent_text_de: str
    consent_text_en: str
    consent_version: int
    version: int
    accepting: bool
    applications: int = Field(description="Applications not withdrawn")
    erased_at: datetime | None
    anonymous_counts: dict[str, Any]
    questions: list[QuestionOut]


class CallSummary(OutputModel):
    id: uuid.UUID
    title: str
    status: CallStatus
    opens_at: datetime
    closes_at: datetime
    accepting: bool
    applications: int


# ---- the public form -------------------------------------------------------------------


class PublicCallOut(OutputModel):
    title: str
    description: str
    program_name: str
    timezone: str
    opens_at: datetime
    closes_at: datetime
    info_event_at: datetime | None
    info_event_location: str | None
    access: CallAccess
    accepting: bool
    state: Literal["not_yet_open", "open", "closed"]
    privacy_notice_de: str
    privacy_notice_en: str
    privacy_version: int
    consent_text_de: str
    consent_text_en: str
    consent_version: int
    questions: list[QuestionOut]
    my_application: MyApplicationOut | None = Field(
        default=None, description="The signed-in caller's application to this call"
    )


class _ApplicationFields(InputModel):
    name: Annotated[Text, StringConstraints(min_length=1, max_length=200)]
    locale: Literal["de", "en"] = "de"
    # Each answer is checked against its question, with the text rule, in calls/questions.py.
    answers: dict[Annotated[Text, Field(max_length=64)], Any] = Field(default_factory=dict)
    privacy_version: int = Field(ge=1, description="The privacy notice version the person read")
    consent_version: int = Field(ge=1, description="The consent text version the person read")
    accept_privacy: bool
    accept_consent: bool


class ApplicationSubmit(_ApplicationFields):
    email: Email | None = Field(
        default=None, description="Required unless signed in (then the account's address)"
    )
    # Honeypot: hidden from people, filled in by bots. Anything here and nothing is stored.
    website: Annotated[Text, Field(max_length=500)] = ""


class ApplicationEdit(_ApplicationFields):
    pass


class SubmitResult(OutputModel):
    received: bool = True
    email: str
    detail: str


class MyApplicationOut(OutputModel):
    id: uuid.UUID
    call_title: str
    form_token: str
    name: str
    email: str
    locale: str
    answers: dict[str, Any]
    status: ApplicationStatus
    submitted_at: datetime
    updated_at: datetime
    privacy_version: int
    consent_version: int
    consented_at: datetime
    editable: bool
    closes_at: datetime
    form: PublicCallOut | None = Field(
        default=None, description="The call's form (questions, texts), on the private link"
    )


class PersonalDataExport(OutputModel):
    exported_at: datetime
    applications: list[dict[str, Any]]


# ---- the core team's view --------------------------------------------------------------


class ApplicationRow(OutputModel):
    id: uuid.UUID
    name: str
    email: str
    status: ApplicationStatus
    submitted_at: datetime
    dimensions: dict[str, Any]
    tags: list[str]
    votes_for: int
    votes_against: int
    comments: int
    my_vote: bool | None


class ReviewOut(OutputModel):
    reviewer_name: str
    vote: bool | None
    comment: str
    updated_at: datetime
    mine: bool


class ApplicationDetail(ApplicationRow):
    locale: str
    answers: dict[str, Any]
    privacy_version: int
    consent_version: int
    consented_at: datetime
    updated_at: datetime
    reviews: list[ReviewOut]


class ReviewIn(InputModel):
    vote: bool | None = Field(default=None, description="true: in favour, false: against")
    comment: Annotated[MultilineText, Field(max_length=2000)] = ""


class TagsIn(InputModel):
    tags: Annotated[list[Tag], Field(max_length=20)]


class ApplicationStatusChange(InputModel):
    ids: Annotated[list[uuid.UUID], Field(min_length=1, max_length=1000)]
    status: ApplicationStatus


class StatusChangeResult(OutputModel):
    changed: int


class ValueCount(OutputModel):
    value: str
    label_de: str
    label_en: str
    count: int


class DimensionDistribution(OutputModel):
    key: str
    label_de: str
    label_en: str
    values: list[ValueCount]
    unanswered: int


class DistributionOut(OutputModel):
    total: int
    dimensions: list[DimensionDistribution]


PublicCallOut.model_rebuild()
MyApplicationOut.model_rebuild()
