"""Matrix rows for application calls.

The core team of program A alone manages its calls and sees the applications (demographic
answers are for the selection only: not for HR, not for influencers, not for program B). The
public form is open to everyone who has its link; the private link is the applicant's key; a
signed-in applicant ("applicant") reaches only their own application under /me.
"""

from __future__ import annotations

import hashlib
import itertools
from datetime import UTC, datetime, timedelta

from botschaft.calls.models import Application, Call, CallStatus, Question
from botschaft.calls.templates import REFERENCE_PRIVACY, REFERENCE_QUESTIONS
from tests.authz.rules import ALL, SIGNED_IN, Rule
from tests.authz.world import World
from tests.support.calls import ANSWERS

_n = itertools.count()
CORE = frozenset({"core_team"})
APPLICANT = frozenset({"applicant"})
PRIVATE_TOKEN = "matrix-private-link-token-0123456789"


def _call(world: World, status: CallStatus, token: str) -> Call:
    now = datetime.now(UTC)
    call = Call(
        program_id=world.program,
        title=f"Matrix {status.value}",
        opens_at=now - timedelta(days=1),
        closes_at=now + timedelta(days=10),
        status=status,
        form_token=token,
        privacy_notice_de=REFERENCE_PRIVACY["de"],
        consent_text_de="Einwilligung",
    )
    call.questions = [
        Question(
            **q.model_dump(exclude={"options"}),
            options=[o.model_dump() for o in q.options],
            position=i,
        )
        for i, q in enumerate(REFERENCE_QUESTIONS)
    ]
    return call


def build(world: World) -> None:
    with world.db.session() as session:
        call = _call(world, CallStatus.open, "matrix-open-call")
        draft = _call(world, CallStatus.draft, "matrix-draft-call")
        session.add_all([call, draft])
        session.flush()
        common = dict(call_id=call.id, answers=dict(ANSWERS), privacy_version=1, consent_version=1)
        anonymous = Application(
            name="Anon",
            email="anon@example.org",
            access_digest=hashlib.sha256(PRIVATE_TOKEN.encode()).hexdigest(),
            **common,
        )
        mine = Application(
            name="Applicant",
            email=world.accounts["applicant"].email,
            user_id=world.accounts["applicant"].id,
            access_digest="0" * 64,
            **common,
        )
        session.add_all([anonymous, mine])
        session.flush()
        world.objects.update(
            call=call.id, draft=draft.id, application=anonymous.id, my_application=mine.id
        )


def _program(w: World) -> dict:
    return {"program_id": w.program}


def _call_path(w: World) -> dict:
    return {"program_id": w.program, "call_id": w["call"]}


def _draft_path(w: World) -> dict:
    return {"program_id": w.program, "call_id": w["draft"]}


def _application_path(w: World) -> dict:
    return {**_call_path(w), "application_id": w["application"]}


def _form(w: World) -> dict:
    return {"token": "matrix-open-call"}


def _link(w: World) -> dict:
    return {"token": PRIVATE_TOKEN}


def _answers() -> dict:
    return {
        "name": "Matrix Person",
        "answers": dict(ANSWERS),
        "privacy_version": 1,
        "consent_version": 1,
        "accept_privacy": True,
        "accept_consent": True,
    }


def _submission(w: World) -> dict:
    return {**_answers(), "email": f"matrix{next(_n)}@example.org"}


def _new_call(w: World) -> dict:
    now = datetime.now(UTC)
    return {
        "title": f"Matrix {next(_n)}",
        "opens_at": now.isoformat(),
        "closes_at": (now + timedelta(days=5)).isoformat(),
    }


def _questions(w: World) -> dict:
    return {
        "version": 1,
        "questions": [
            {"key": "why", "type": "long_text", "label_de": "Warum?", "label_en": "Why?"}
        ],
    }


RULES = {
    "calls_list": Rule(CORE, path=_program),
    "calls_create": Rule(CORE, path=_program, body=_new_call),
    "calls_get": Rule(CORE, path=_call_path),
    "calls_update": Rule(CORE, path=_call_path, body=lambda w: {"version": 1, "title": "Neu"}),
    "calls_questions_replace": Rule(CORE, path=_draft_path, body=_questions),
    "calls_transition": Rule(
        CORE, path=_draft_path, body=lambda w: {"version": 1, "status": "open"}
    ),
    "calls_delete": Rule(CORE, path=_draft_path),
    "applications_list": Rule(CORE, path=_call_path),
    "applications_distribution": Rule(CORE, path=_call_path),
    "applications_export": Rule(CORE, path=_call_path, query=lambda w: {"format": "csv"}),
    "applications_set_status": Rule(
        CORE,
        path=_call_path,
        body=lambda w: {"ids": [str(w["application"])], "status": "shortlisted"},
    ),
    "applications_get": Rule(CORE, path=_application_path),
    "applications_review": Rule(CORE, path=_application_path, body=lambda w: {"vote": True}),
    "applications_tags": Rule(CORE, path=_application_path, body=lambda w: {"tags": ["x"]}),
    # The form's link is the key to the form, the private link the key to one application.
    "public_call_get": Rule(ALL, path=_form),
    "public_application_submit": Rule(ALL, path=_form, body=_submission, ok=frozenset({202})),
    "public_application_get": Rule(ALL, path=_link),
    "public_application_edit": Rule(ALL, path=_link, body=lambda w: _answers()),
    "public_application_withdraw": Rule(ALL, path=_link),
    "public_application_data": Rule(ALL, path=_link),
    "public_application_erase": Rule(ALL, path=_link),
    "me_applications_list": Rule(SIGNED_IN),
    "me_applications_data": Rule(SIGNED_IN),
    "me_applications_edit": Rule(
        APPLICANT,
        path=lambda w: {"application_id": w["my_application"]},
        body=lambda w: _answers(),
    ),
    "me_applications_withdraw": Rule(
        APPLICANT, path=lambda w: {"application_id": w["my_application"]}
    ),
    "me_applications_erase": Rule(
        APPLICANT, path=lambda w: {"application_id": w["my_application"]}
    ),
}
