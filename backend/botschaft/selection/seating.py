"""A selected person's seat in a cohort: their account, membership and welcome, and whether a
confirmed round's cohort can still change. Shared by the confirmation and replacements."""

from __future__ import annotations

import uuid

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from botschaft.auth import invitations
from botschaft.calls.models import Application, ApplicationStatus, Call
from botschaft.core.settings import Settings
from botschaft.identity.lookup import normalise_email
from botschaft.identity.models import Role, User
from botschaft.posts.models import Post
from botschaft.programs import history
from botschaft.selection.models import SelectionRound
from botschaft.tenancy.access import ProgramContext
from botschaft.tenancy.models import Cohort, ProgramMembership, ProgramRole


def _answer_label(call: Call, application: Application, key: str) -> str | None:
    value = application.answers.get(key)
    question = next((q for q in call.questions if q.key == key), None)
    if value is None or question is None:
        return None
    option = next((o for o in question.options if o["value"] == value), None)
    return option["label_de"] if option else str(value)[:200]


def _member(
    session: Session, ctx: ProgramContext, call: Call, application: Application, cohort: Cohort
) -> tuple[ProgramMembership, User, bool]:
    email = normalise_email(application.email)
    user = session.scalar(select(User).where(User.email == email))
    if user is None:
        user = User(email=email, name=application.name, role=Role.influencer)
        session.add(user)
        session.flush()
    membership = session.scalar(
        select(ProgramMembership).where(
            ProgramMembership.program_id == ctx.program.id, ProgramMembership.user_id == user.id
        )
    )
    if membership is not None:
        if membership.role == ProgramRole.influencer:
            history.set_cohort(session, membership, cohort.id, ctx.program.today())
        return membership, user, False
    membership = ProgramMembership(
        program_id=ctx.program.id,
        user_id=user.id,
        role=ProgramRole.influencer,
        occupation_group=_answer_label(call, application, "occupation_group"),
        department=_answer_label(call, application, "department"),
    )
    session.add(membership)
    session.flush()
    history.set_cohort(session, membership, cohort.id, ctx.program.today())
    return membership, user, True


def seat(
    session: Session,
    ctx: ProgramContext,
    call: Call,
    application: Application,
    cohort: Cohort,
    settings: Settings,
    ip: str,
) -> tuple[ProgramMembership | None, str, dict[str, str]]:
    """A selected applicant takes a seat in the cohort: the application marked, their account
    and membership, and the welcome's template and link. Returns the membership when it is new
    (a replacing round or a withdrawal may remove it again)."""
    application.status = ApplicationStatus.selected
    membership, user, new = _member(session, ctx, call, application, cohort)
    # New accounts get their way in with the welcome: a link that sets the first password, or
    # the SSO sign-in; people with a password are sent to the sign-in.
    kind, link = invitations.access_link(
        session, user, settings, actor=ctx.user, ip=ip, program_id=ctx.program.id
    )
    extra = {"link": link}
    if kind == "invitation":
        extra["days"] = str(settings.invitation_days)
        return (membership if new else None), "selection.selected_invitation", extra
    return (membership if new else None), "selection.selected", extra


def started(session: Session, ctx: ProgramContext, round_: SelectionRound) -> str | None:
    """Why a confirmed round's cohort can no longer change (None while it can): its start day
    has come, or one of the influencers it brought in has logged a post."""
    cohort = session.get(Cohort, round_.cohort_id) if round_.cohort_id else None
    if cohort is not None and cohort.starts_on and cohort.starts_on <= ctx.program.today():
        return "The cohort has started."
    created = [uuid.UUID(i) for i in round_.created_memberships]
    if created and session.scalar(
        select(func.count()).select_from(Post).where(Post.member_id.in_(created))
    ):
        return "Influencers of the cohort have logged posts."
    return None
