"""Calls and their questionnaire, as the core team manages them."""

from __future__ import annotations

import secrets
import uuid
from datetime import datetime
from typing import Literal

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from botschaft.calls import templates
from botschaft.calls.models import Application, ApplicationStatus, Call, CallStatus, Question
from botschaft.calls.questions import check_edit_keeps_answers, check_unique_keys
from botschaft.calls.schemas import (
    CallCreate,
    CallOut,
    CallSummary,
    CallTransition,
    CallUpdate,
    QuestionIn,
    QuestionnaireIn,
)
from botschaft.core.database import utcnow
from botschaft.core.errors import Conflict, NotFound, Unprocessable
from botschaft.tenancy.access import ProgramContext

# Which status may follow which. Re-opening a closed call needs a closing time in the future.
TRANSITIONS = {
    CallStatus.draft: {CallStatus.open},
    CallStatus.open: {CallStatus.closed},
    CallStatus.closed: {CallStatus.open, CallStatus.archived},
    CallStatus.archived: set(),
}
State = Literal["not_yet_open", "open", "closed"]


def state(call: Call, now: datetime | None = None) -> State:
    now = now or utcnow()
    if call.status != CallStatus.open or now >= call.closes_at:
        return "closed" if call.status != CallStatus.draft else "not_yet_open"
    return "open" if now >= call.opens_at else "not_yet_open"


def accepting(call: Call, now: datetime | None = None) -> bool:
    return state(call, now) == "open"


def readable(ctx: ProgramContext):
    """The program's calls (only the core team reaches them); every read of calls starts
    here."""
    return select(Call).where(Call.program_id == ctx.program.id)


def readable_applications(ctx: ProgramContext):
    """The applications to the program's calls (those of `readable(ctx)`), which only the core
    team reaches; every read of applications with a program context starts here. Applicants
    read their own in applying.py (by private link or account, without a program context), and
    the retention job (jobs.py) works on every program's calls."""
    return select(Application).where(
        Application.call_id.in_(readable(ctx).with_only_columns(Call.id))
    )


def _active_count(
    session: Session, ctx: ProgramContext, call_ids: list[uuid.UUID]
) -> dict[uuid.UUID, int]:
    rows = session.execute(
        readable_applications(ctx)
        .with_only_columns(Application.call_id, func.count())
        .where(
            Application.call_id.in_(call_ids),
            Application.status != ApplicationStatus.withdrawn,
        )
        .group_by(Application.call_id)
    ).all()
    return dict(rows)  # type: ignore[arg-type]


def get_call(session: Session, ctx: ProgramContext, call_id: uuid.UUID) -> Call:
    call = session.scalar(
        readable(ctx).where(Call.id == call_id).options(selectinload(Call.questions))
    )
    if call is None:
        raise NotFound("No such call.")
    return call


def call_out(session: Session, ctx: ProgramContext, call: Call) -> CallOut:
    count = _active_count(session, ctx, [call.id]).get(call.id, 0)
    return CallOut.model_validate(
        {
            **{c: getattr(call, c) for c in CallOut.model_fields if hasattr(call, c)},
            "accepting": accepting(call),
            "applications": count,
        }
    )


def list_calls(session: Session, ctx: ProgramContext) -> list[CallSummary]:
    calls = session.scalars(readable(ctx).order_by(Call.opens_at.desc())).all()
    counts = _active_count(session, ctx, [c.id for c in calls])
    return [
        CallSummary(
            id=c.id,
            title=c.title,
            status=c.status,
            opens_at=c.opens_at,
            closes_at=c.closes_at,
            accepting=accepting(c),
            applications=counts.get(c.id, 0),
        )
        for c in calls
    ]


def _question(q: QuestionIn, position: int) -> dict:
    return {
        **q.model_dump(exclude={"options"}),
        "options": [o.model_dump() for o in q.options],
        "position": position,
    }


def create_call(session: Session, ctx: ProgramContext, data: CallCreate) -> Call:
    fields = data.model_dump(exclude={"template"})
    questions: list[QuestionIn] = []
    if data.template == "reference":
        questions = templates.REFERENCE_QUESTIONS
        for kind, texts in (
            ("privacy_notice", templates.REFERENCE_PRIVACY),
            ("consent_text", templates.REFERENCE_CONSENT),
        ):
            for lang in ("de", "en"):
                fields[f"{kind}_{lang}"] = fields[f"{kind}_{lang}"] or texts[lang]
    call = Call(program_id=ctx.program.id, form_token=secrets.token_urlsafe(18), **fields)
    call.questions = [Question(**_question(q, i)) for i, q in enumerate(questions)]
    session.add(call)
    session.flush()
    return call


def _check_version(call: Call, version: int) -> None:
    if call.version != version:
        raise Conflict("Someone changed this call in the meantime.", code="version_conflict")


def update_call(
    session: Session, ctx: ProgramContext, call_id: uuid.UUID, data: CallUpdate
) -> Call:
    call = get_call(session, ctx, call_id)
    _check_version(call, data.version)
    changes = data.model_dump(exclude_unset=True, exclude={"version"})
    for field in ("title", "description", "opens_at", "closes_at", "access"):
        if changes.get(field, "") is None:
            raise Unprocessable.for_field(field, "This field cannot be empty.", "missing")
    opens_at = changes.get("opens_at", call.opens_at)
    closes_at = changes.get("closes_at", call.closes_at)
    if closes_at <= opens_at:
        raise Unprocessable.for_field("closes_at", "The closing time must be after the opening.")
    if call.status != CallStatus.draft:
        # Applicants accepted the texts they read: a changed text is a new version.
        for kind in ("privacy", "consent"):
            prefix = "privacy_notice" if kind == "privacy" else "consent_text"
            if any(
                f"{prefix}_{lang}" in changes
                and changes[f"{prefix}_{lang}"] != getattr(call, f"{prefix}_{lang}")
                for lang in ("de", "en")
            ):
                setattr(call, f"{kind}_version", getattr(call, f"{kind}_version") + 1)
    for field, value in changes.items():
        setattr(call, field, value)
    call.updated_at = utcnow()
    session.flush()
    return call


def replace_questionnaire(
    session: Session, ctx: ProgramContext, call_id: uuid.UUID, data: QuestionnaireIn
) -> Call:
    call = get_call(session, ctx, call_id)
    _check_version(call, data.version)
    if call.status == CallStatus.archived:
        raise Conflict("An archived call cannot change.", code="call_archived")
    check_unique_keys(data.questions)
    if call.status != CallStatus.draft:
        check_edit_keeps_answers(call.questions, data.questions)
    existing = {q.key: q for q in call.questions}
    kept = []
    for position, q in enumerate(data.questions):
        values = _question(q, position)
        row = existing.get(q.key)
        if row is None:
            row = Question(**values)
        else:
            for field, value in values.items():
                setattr(row, field, value)
        kept.append(row)
    call.questions = kept
    call.updated_at = utcnow()  # bumps the call's version: the form has changed
    session.flush()
    return call


def transition(
    session: Session, ctx: ProgramContext, call_id: uuid.UUID, data: CallTransition
) -> Call:
    call = get_call(session, ctx, call_id)
    _check_version(call, data.version)
    if data.status not in TRANSITIONS[call.status]:
        raise Conflict(
            f"A {call.status.value} call cannot become {data.status.value}.",
            code="invalid_transition",
            errors=None,
        )
    now = utcnow()
    if data.status == CallStatus.open:
        if not call.questions:
            raise Unprocessable.for_field("questions", "Add at least one question first.")
        if not (call.privacy_notice_de or call.privacy_notice_en):
            raise Unprocessable.for_field("privacy_notice_de", "A call needs a privacy notice.")
        if any(q.is_dimension for q in call.questions) and not (
            call.consent_text_de or call.consent_text_en
        ):
            raise Unprocessable.for_field(
                "consent_text_de", "Dimensions need a consent text for their use in the selection."
            )
        if call.closes_at <= now:
            raise Unprocessable.for_field("closes_at", "The closing time has passed.")
    if data.status == CallStatus.closed and call.closes_at > now:
        call.closes_at = now  # closed early: the retention period starts now
    call.status = data.status
    session.flush()
    return call


def delete_call(session: Session, ctx: ProgramContext, call_id: uuid.UUID) -> None:
    call = get_call(session, ctx, call_id)
    if call.status != CallStatus.draft:
        raise Conflict(
            "Only a draft can be deleted; close or archive a call instead.", code="not_draft"
        )
    session.delete(call)
    session.flush()
