"""Applying: the public form, the applicant's private link, and the signed-in applicant.

The private link's token is shown once (in the email); only its SHA-256 digest is stored, so a
database dump does not open anyone's application.
"""

from __future__ import annotations

import hashlib
import secrets
import uuid
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from botschaft.audit import service as audit
from botschaft.calls import service as calls
from botschaft.calls.models import Application, ApplicationStatus, Call, CallAccess, CallStatus
from botschaft.calls.questions import clean_answers
from botschaft.calls.schemas import (
    ApplicationEdit,
    ApplicationSubmit,
    MyApplicationOut,
    PersonalDataExport,
    PublicCallOut,
    QuestionOut,
    SubmitResult,
)
from botschaft.core.database import utcnow
from botschaft.core.errors import Conflict, FieldError, NotFound, Unauthorized, Unprocessable
from botschaft.core.settings import Settings
from botschaft.identity.models import User
from botschaft.notifications.service import send_email
from botschaft.tenancy.models import Program

RECEIVED = {
    "de": "Danke! Wir haben Ihnen eine E-Mail mit Ihrem persönlichen Link geschickt.",
    "en": "Thank you! We have sent you an email with your private link.",
}


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _new_token(application: Application) -> str:
    token = secrets.token_urlsafe(32)
    application.access_digest = _digest(token)
    return token


def _link(settings: Settings, token: str) -> str:
    return f"{settings.public_url}/application/{token}"


def _call_by_token(session: Session, token: str) -> tuple[Call, Program]:
    row = session.execute(
        select(Call, Program)
        .join(Program, Program.id == Call.program_id)
        .where(Call.form_token == token, Call.status != CallStatus.draft)
        .options(selectinload(Call.questions))
    ).first()
    if row is None:
        raise NotFound("No such call, or it is not open yet.")
    return row[0], row[1]


def _require_access(call: Call, user: User | None) -> None:
    if call.access == CallAccess.signed_in and user is None:
        raise Unauthorized("Please sign in to apply.", code="not_authenticated")


def _my_out(application: Application, call: Call, now: datetime | None = None) -> MyApplicationOut:
    return MyApplicationOut(
        id=application.id,
        call_title=call.title,
        form_token=call.form_token,
        name=application.name,
        email=application.email,
        locale=application.locale,
        answers=application.answers,
        status=application.status,
        submitted_at=application.submitted_at,
        updated_at=application.updated_at,
        privacy_version=application.privacy_version,
        consent_version=application.consent_version,
        consented_at=application.consented_at,
        editable=_editable(application, call, now),
        closes_at=call.closes_at,
    )


def _editable(application: Application, call: Call, now: datetime | None = None) -> bool:
    return calls.accepting(call, now) and application.status != ApplicationStatus.withdrawn


def public_call(session: Session, token: str, user: User | None) -> PublicCallOut:
    call, program = _call_by_token(session, token)
    _require_access(call, user)
    mine = None
    if user is not None:
        mine = session.scalar(
            select(Application).where(
                Application.call_id == call.id, Application.email == user.email
            )
        )
    return _form(call, program, mine)


def _form(call: Call, program: Program, mine: Application | None) -> PublicCallOut:
    return PublicCallOut(
        **{
            f: getattr(call, f)
            for f in PublicCallOut.model_fields
            if hasattr(call, f) and f not in ("questions", "state", "accepting")
        },
        program_name=program.name,
        timezone=program.timezone,
        accepting=calls.accepting(call),
        state=calls.state(call),
        questions=[QuestionOut.model_validate(q) for q in call.questions],
        my_application=_my_out(mine, call) if mine else None,
    )


def _check_open(call: Call, program_tz: str, now: datetime) -> None:
    when = calls.state(call, now)
    if when == "open":
        return
    local = call.closes_at.astimezone(ZoneInfo(program_tz)).strftime("%d.%m.%Y %H:%M")
    if when == "not_yet_open":
        raise Conflict("This call does not take applications yet.", code="call_not_open")
    raise Conflict(
        f"This call closed on {local}; applications are no longer taken.", code="call_closed"
    )


def _check_consent(call: Call, data: ApplicationEdit | ApplicationSubmit) -> None:
    for kind, accepted in (("privacy", data.accept_privacy), ("consent", data.accept_consent)):
        if not accepted:
            raise Unprocessable.for_field(
                f"accept_{kind}",
                "Without this consent the application cannot be sent.",
                "consent_required",
            )
        if getattr(data, f"{kind}_version") != getattr(call, f"{kind}_version"):
            raise Conflict(
                "The text has changed since the form was opened; please read it again.",
                errors=[FieldError(field=f"{kind}_version", message="Outdated.", type="outdated")],
                code="consent_outdated",
            )


def _apply_fields(application: Application, call: Call, data: Any, answers: dict, now: datetime):
    application.name = data.name
    application.locale = data.locale
    application.answers = answers
    application.privacy_version = call.privacy_version
    application.consent_version = call.consent_version
    application.consented_at = now
    application.updated_at = now


def _closes(call: Call, program: Program, locale: str) -> str:
    local = call.closes_at.astimezone(ZoneInfo(program.timezone))
    return local.strftime("%d.%m.%Y, %H:%M" if locale == "de" else "%Y-%m-%d %H:%M")


def submit(
    session: Session,
    token: str,
    data: ApplicationSubmit,
    user: User | None,
    settings: Settings,
) -> SubmitResult:
    """Stores the application (or updates the signed-in person's) and emails the private link.

    Anonymous callers get the same answer whether or not their address had applied before, so
    the form does not reveal who applied; a second form for the same address is not stored,
    the owner of the address gets a fresh link instead.
    """
    call, program = _call_by_token(session, token)
    _require_access(call, user)
    now = utcnow()
    email = user.email if user is not None else (str(data.email).lower() if data.email else None)
    if email is None:
        raise Unprocessable.for_field("email", "Please give your email address.", "missing")
    result = SubmitResult(email=email, detail=RECEIVED[data.locale])
    if data.website:  # the honeypot: a bot filled in the hidden field
        return result
    _check_open(call, program.timezone, now)
    _check_consent(call, data)
    answers = clean_answers(call.questions, data.answers)
    existing = session.scalar(
        select(Application).where(Application.call_id == call.id, Application.email == email)
    )
    context = {"call_title": call.title, "closes_at": _closes(call, program, data.locale)}
    if existing is not None and user is None:
        link = _link(settings, _new_token(existing))
        send_email(
            session,
            to=email,
            template="calls.application_exists",
            locale=data.locale,
            context={**context, "link": link},
        )
        session.flush()
        return result
    application = existing or Application(
        call_id=call.id, email=email, submitted_at=now, user_id=user.id if user else None
    )
    _apply_fields(application, call, data, answers, now)
    application.status = ApplicationStatus.submitted
    application.withdrawn_at = None
    token_ = _new_token(application)
    if existing is None:
        session.add(application)
    session.flush()
    # Signed-in applicants manage their application on the form's page, as themselves.
    link = _link(settings, token_) if user is None else f"{settings.public_url}/apply/{token}"
    send_email(
        session,
        to=email,
        template="calls.application_received",
        locale=data.locale,
        context={**context, "name": data.name, "link": link},
    )
    return result


def by_token(session: Session, token: str) -> tuple[Application, Call]:
    row = session.execute(
        select(Application, Call)
        .join(Call, Call.id == Application.call_id)
        .where(Application.access_digest == _digest(token))
        .options(selectinload(Call.questions))
    ).first()
    if row is None:
        raise NotFound("This link is not valid (any more).")
    return row[0], row[1]


def by_user(session: Session, user: User, application_id: uuid.UUID) -> tuple[Application, Call]:
    row = session.execute(
        select(Application, Call)
        .join(Call, Call.id == Application.call_id)
        .where(Application.id == application_id, Application.email == user.email)
        .options(selectinload(Call.questions))
    ).first()
    if row is None:
        raise NotFound("No such application.")
    return row[0], row[1]


def view(session: Session, application: Application, call: Call) -> MyApplicationOut:
    out = _my_out(application, call)
    out.form = _form(call, session.get(Program, call.program_id), None)
    return out


def mine_with_calls(session: Session, user: User) -> list[tuple[Application, Call]]:
    rows = session.execute(
        select(Application, Call)
        .join(Call, Call.id == Application.call_id)
        .where(Application.email == user.email)
        .order_by(Application.submitted_at.desc())
        .options(selectinload(Call.questions))
    ).all()
    return [(a, c) for a, c in rows]


def my_applications(session: Session, user: User) -> list[MyApplicationOut]:
    return [_my_out(a, c) for a, c in mine_with_calls(session, user)]


def edit(
    session: Session, application: Application, call: Call, data: ApplicationEdit
) -> MyApplicationOut:
    program = session.get(Program, call.program_id)
    now = utcnow()
    if application.status == ApplicationStatus.withdrawn:
        raise Conflict(
            "This application was withdrawn; apply again through the form.", code="withdrawn"
        )
    _check_open(call, program.timezone, now)
    _check_consent(call, data)
    _apply_fields(application, call, data, clean_answers(call.questions, data.answers), now)
    session.flush()
    return _my_out(application, call, now)


def withdraw(session: Session, application: Application, call: Call) -> MyApplicationOut:
    if application.status == ApplicationStatus.withdrawn:
        return _my_out(application, call)
    application.status = ApplicationStatus.withdrawn
    application.withdrawn_at = utcnow()
    session.flush()
    send_email(
        session,
        to=application.email,
        template="calls.application_withdrawn",
        locale=application.locale,
        context={"name": application.name, "call_title": call.title},
    )
    return _my_out(application, call)


def personal_data(
    session: Session, applications: list[tuple[Application, Call]]
) -> PersonalDataExport:
    """Everything stored about the person in these applications (GDPR Art. 15 and 20):
    answers with their questions, status, consents, and the core team's votes and comments
    about them (without the reviewers' names, which are other people's data)."""
    out = []
    for application, call in applications:
        session.refresh(application, ["reviews", "tags"])
        labels = {q.key: {"de": q.label_de, "en": q.label_en} for q in call.questions}
        out.append(
            {
                "call": call.title,
                "name": application.name,
                "email": application.email,
                "locale": application.locale,
                "status": application.status.value,
                "submitted_at": application.submitted_at.isoformat(),
                "updated_at": application.updated_at.isoformat(),
                "withdrawn_at": application.withdrawn_at.isoformat()
                if application.withdrawn_at
                else None,
                "privacy_version": application.privacy_version,
                "consent_version": application.consent_version,
                "consented_at": application.consented_at.isoformat(),
                "answers": [
                    {"question": labels.get(k, {"de": k, "en": k}), "key": k, "answer": v}
                    for k, v in application.answers.items()
                ],
                "tags": sorted(t.tag for t in application.tags),
                "reviews": [
                    {"vote": r.vote, "comment": r.comment, "at": r.updated_at.isoformat()}
                    for r in application.reviews
                ],
            }
        )
    return PersonalDataExport(exported_at=utcnow(), applications=out)


def erase(
    session: Session, application: Application, call: Call, *, ip: str, actor: User | None
) -> None:
    """Erases the application on the person's request; the audit log keeps that it happened,
    not what it contained."""
    audit.record(
        session,
        "application.erased",
        actor=actor,
        actor_label=None if actor else "applicant (private link)",
        target_type="application",
        target_id=application.id,
        program_id=call.program_id,
        ip=ip,
        details={"call_id": str(call.id), "reason": "request"},
    )
    session.delete(application)
    session.flush()


def personal_data_by_link(session: Session, token: str, ip: str | None) -> PersonalDataExport:
    """The applicant's data through their private link, written to the audit log."""
    application, call = by_token(session, token)
    audit.record(
        session,
        "data.exported",
        actor_label="applicant (private link)",
        target_type="application",
        target_id=application.id,
        program_id=call.program_id,
        ip=ip,
        details={"what": "personal_data"},
    )
    return personal_data(session, [(application, call)])


def my_personal_data(session: Session, user: User, ip: str | None) -> PersonalDataExport:
    """The signed-in person's applications, written to the audit log."""
    rows = mine_with_calls(session, user)
    audit.record(
        session,
        "data.exported",
        actor=user,
        ip=ip,
        details={"what": "personal_data", "applications": len(rows)},
    )
    return personal_data(session, rows)
