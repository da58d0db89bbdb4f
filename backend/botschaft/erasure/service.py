"""Erasing a person on their request (GDPR Art. 17): they ask, the core team of every program
they belong to (or an administrator) confirms, and then the account and everything that
names the person goes, while the programs' totals keep their sums (policy.py says per table
what stays and what goes)."""

from __future__ import annotations

import secrets
import uuid
from dataclasses import dataclass
from typing import Any

from sqlalchemy import String, cast, delete, func, or_, select, update
from sqlalchemy.orm import Session

from botschaft.audit import service as audit
from botschaft.audit.models import AuditEvent
from botschaft.calls.models import Application
from botschaft.core.errors import Conflict, Forbidden, NotFound
from botschaft.core.settings import Settings
from botschaft.erasure.models import ErasureRequest
from botschaft.erasure.schemas import ErasureRequestOut, MyErasureRequest
from botschaft.followers.models import SocialProfile
from botschaft.identity.models import Role, User
from botschaft.inbox.models import InboundRequest
from botschaft.influencers.models import SupportNote
from botschaft.learning.models import ModuleProgress
from botschaft.meetings.models import MeetingInvitation
from botschaft.notifications.models import EmailMessage
from botschaft.notifications.service import send_email
from botschaft.nudges.models import NudgePreference
from botschaft.posts.models import Outcome, Post
from botschaft.reports.models import ReportSubscription
from botschaft.tenancy.models import MembershipStatus, Program, ProgramMembership, ProgramRole

# What the audit log shows in place of an erased person: "erased:" and a random token, the
# same in every event of that person, so the log still tells one person's events apart.
PSEUDONYM_PREFIX = "erased:"


@dataclass(frozen=True)
class Place:
    """One program membership of the person asking."""

    program: Program
    membership: ProgramMembership


def _places(session: Session, user_id: uuid.UUID) -> list[Place]:
    rows = session.execute(
        select(ProgramMembership, Program)
        .join(Program, Program.id == ProgramMembership.program_id)
        .where(ProgramMembership.user_id == user_id)
        .order_by(Program.name)
    ).all()
    return [Place(program, membership) for membership, program in rows]


def _core_team_of(session: Session, program_ids: list[uuid.UUID]) -> dict[uuid.UUID, set]:
    rows = session.execute(
        select(ProgramMembership.program_id, ProgramMembership.user_id).where(
            ProgramMembership.program_id.in_(program_ids),
            ProgramMembership.role == ProgramRole.core_team,
            ProgramMembership.is_person,
        )
    ).all()
    out: dict[uuid.UUID, set] = {pid: set() for pid in program_ids}
    for program_id, user_id in rows:
        out[program_id].add(user_id)
    return out


def _may_confirm(session: Session, actor: User, person_id: uuid.UUID, places: list[Place]) -> bool:
    """An administrator, or someone in the core team of every program the person is in (the
    erasure takes the person out of all of them). Nobody confirms their own."""
    if actor.id == person_id:
        return False
    if actor.role == Role.admin:
        return True
    program_ids = [p.program.id for p in places]
    if not program_ids:
        return False
    core = _core_team_of(session, program_ids)
    return all(actor.id in members for members in core.values())


# --- the person -------------------------------------------------------------------------


def mine(session: Session, user: User) -> MyErasureRequest:
    req = session.scalar(select(ErasureRequest).where(ErasureRequest.user_id == user.id))
    return MyErasureRequest(
        requested_at=req.requested_at if req else None, note=req.note if req else None
    )


def ask(
    session: Session, settings: Settings, user: User, note: str | None, ip: str | None
) -> MyErasureRequest:
    """Records the request (once; asking again keeps the first date) and tells the people who
    can confirm it."""
    req = session.scalar(select(ErasureRequest).where(ErasureRequest.user_id == user.id))
    if req is None:
        req = ErasureRequest(user_id=user.id, note=note or None)
        session.add(req)
        audit.record(
            session, "erasure.requested", actor=user, target_type="user", target_id=user.id, ip=ip
        )
        _tell_confirmers(session, settings, user)
    else:
        req.note = note or None
    session.flush()
    return mine(session, user)


def withdraw(session: Session, user: User, ip: str | None) -> None:
    req = session.scalar(select(ErasureRequest).where(ErasureRequest.user_id == user.id))
    if req is None:
        raise NotFound("You have not asked to be erased.", code="no_erasure_request")
    session.delete(req)
    audit.record(
        session, "erasure.withdrawn", actor=user, target_type="user", target_id=user.id, ip=ip
    )
    session.flush()


def _tell_confirmers(session: Session, settings: Settings, user: User) -> None:
    """Those who can confirm alone: in the core team of every one of the person's programs;
    when nobody is (no program, or programs with different core teams), the administrators."""
    places = _places(session, user.id)
    core = list(_core_team_of(session, [p.program.id for p in places]).values())
    wanted = set.intersection(*core) - {user.id} if core else set()
    if not wanted:
        wanted = set(
            session.scalars(
                select(User.id).where(User.role == Role.admin, User.is_active.is_(True))
            )
        )
    link = f"{settings.public_url.rstrip('/')}/erasure-requests"
    for confirmer in session.scalars(
        select(User).where(User.id.in_(wanted), User.is_active.is_(True))
    ):
        send_email(
            session,
            to=confirmer.email,
            template="erasure.requested",
            locale=confirmer.locale.value,
            context={"name": confirmer.name, "person": user.name, "link": link},
        )


# --- the core team and administrators -----------------------------------------------------


def _visible(actor: User):
    """The requests the actor can see, with their person: all for administrators, otherwise
    those of people in a program where the actor is in the core team."""
    query = select(ErasureRequest, User).join(User, User.id == ErasureRequest.user_id)
    if actor.role == Role.admin:
        return query
    mine_as_core = select(ProgramMembership.program_id).where(
        ProgramMembership.user_id == actor.id,
        ProgramMembership.role == ProgramRole.core_team,
    )
    people = select(ProgramMembership.user_id).where(ProgramMembership.program_id.in_(mine_as_core))
    return query.where(ErasureRequest.user_id.in_(people))


def pending(session: Session, actor: User) -> list[ErasureRequestOut]:
    out = []
    rows = session.execute(_visible(actor).order_by(ErasureRequest.requested_at)).all()
    for req, person in rows:
        places = _places(session, person.id)
        out.append(
            ErasureRequestOut(
                id=req.id,
                name=person.name,
                email=person.email,
                requested_at=req.requested_at,
                note=req.note,
                programs=[p.program.name for p in places],
                can_confirm=_may_confirm(session, actor, person.id, places),
            )
        )
    return out


def confirm(session: Session, actor: User, request_id: uuid.UUID, ip: str | None) -> None:
    row = session.execute(_visible(actor).where(ErasureRequest.id == request_id)).first()
    if row is None:
        raise NotFound("No such erasure request.", code="erasure_request_not_found")
    person = row[1]
    if not _may_confirm(session, actor, person.id, _places(session, person.id)):
        raise Forbidden(
            "Only the core team of every program the person is in, or an administrator, "
            "can confirm this erasure.",
            code="erasure_not_yours",
        )
    erase(session, person, actor=actor, ip=ip)


# --- the erasure itself -------------------------------------------------------------------


def erase(session: Session, person: User, *, actor: User, ip: str | None) -> None:
    """Erases the account and what names the person; their memberships stay as nameless
    placeholders holding the sums (see policy.py). One transaction: all or nothing."""
    places = _places(session, person.id)
    _refuse_if_last(session, person, places)
    pseudonym = PSEUDONYM_PREFIX + secrets.token_hex(4)
    kept_posts = 0
    for place in places:
        kept_posts += _leave_placeholder(session, place.membership)
    applications = _erase_applications(session, person)
    _pseudonymise_audit(session, person, pseudonym)
    _erase_emails(session, person)
    audit.record(
        session,
        "account.erased",
        actor=actor,
        target_type="user",
        target_id=pseudonym,
        ip=ip,
        details={"programs": len(places), "posts_kept": kept_posts, "applications": applications},
    )
    session.flush()
    # Sessions, sign-in links, identities, the request itself and reviews go with the account.
    session.execute(delete(User).where(User.id == person.id))
    session.expunge(person)


def _refuse_if_last(session: Session, person: User, places: list[Place]) -> None:
    if person.role == Role.admin and person.is_active:
        others = session.scalar(
            select(func.count()).where(
                User.role == Role.admin, User.is_active.is_(True), User.id != person.id
            )
        )
        if not others:
            raise Conflict(
                "This is the last administrator; make someone else administrator first.",
                code="last_admin",
            )
    core = _core_team_of(session, [p.program.id for p in places])
    for place in places:
        if place.membership.role == ProgramRole.core_team and not core[place.program.id] - {
            person.id
        }:
            raise Conflict(
                f"{place.program.name} would have no core team left; add someone first.",
                code="last_core_team",
            )


def _leave_placeholder(session: Session, membership: ProgramMembership) -> int:
    """Turns the membership into a nameless placeholder; returns how many posts it keeps."""
    mid = membership.id
    membership.user_id = None
    membership.status = MembershipStatus.alumni
    membership.occupation = membership.department = membership.occupation_group = None
    # Posts keep what the totals count (date, platform, format, figures); the link would name
    # the person. The key must stay unique, and must never match a post logged later.
    session.execute(
        update(Post)
        .where(Post.member_id == mid)
        .values(
            url="",
            normalized_url="",
            post_key="erased:" + cast(Post.id, String),
            hashtags=[],
            topic=None,
            note=None,
        )
        .execution_options(synchronize_session=False)
    )
    session.execute(update(Outcome).where(Outcome.member_id == mid).values(note=None))
    session.execute(
        update(InboundRequest).where(InboundRequest.member_id == mid).values(asker=None, note=None)
    )
    session.execute(
        update(ModuleProgress).where(ModuleProgress.member_id == mid).values(comment=None)
    )
    session.execute(
        delete(MeetingInvitation).where(
            MeetingInvitation.member_id == mid, MeetingInvitation.attended.is_(None)
        )
    )
    session.execute(
        update(MeetingInvitation)
        .where(MeetingInvitation.member_id == mid)
        .values(token_digest=None)
    )
    for model in (NudgePreference, ReportSubscription, SupportNote):
        session.execute(delete(model).where(model.membership_id == mid))
    session.execute(delete(SocialProfile).where(SocialProfile.member_id == mid))
    return session.scalar(select(func.count()).where(Post.member_id == mid)) or 0


def _erase_applications(session: Session, person: User) -> int:
    result = session.execute(
        delete(Application).where(
            or_(Application.user_id == person.id, Application.email == person.email)
        )
    )
    return result.rowcount or 0


def _erase_emails(session: Session, person: User) -> None:
    """The outbox keeps sent messages as a log: those to the person go, and those to others
    that name them (the erasure request to the core team, for one). A very short name is not
    searched for: it would match unrelated messages."""
    mentions = [person.email]
    if len(person.name.strip()) >= 4:
        mentions.append(person.name.strip().lower())
    session.execute(
        delete(EmailMessage).where(
            or_(
                func.lower(EmailMessage.to_address) == person.email,
                *(
                    func.lower(column).contains(text, autoescape=True)
                    for text in mentions
                    for column in (EmailMessage.subject, EmailMessage.body)
                ),
            )
        )
    )


def _pseudonymise_audit(session: Session, person: User, pseudonym: str) -> None:
    """The log keeps what happened, not who: the person's events carry the pseudonym instead
    of their address, without the network address; any mention of the email in the details
    is replaced too."""
    session.execute(
        update(AuditEvent)
        .where(
            or_(
                AuditEvent.actor_id == person.id, func.lower(AuditEvent.actor_label) == person.email
            )
        )
        .values(actor_label=pseudonym, ip=None)
    )
    session.execute(
        update(AuditEvent)
        .where(AuditEvent.target_type == "user", AuditEvent.target_id == str(person.id))
        .values(target_id=pseudonym)
    )
    mentioned = session.scalars(
        select(AuditEvent).where(
            func.lower(cast(AuditEvent.details, String)).contains(person.email, autoescape=True)
        )
    )
    for event in mentioned:
        event.details = _replace(event.details, person.email, pseudonym)


def _replace(value: Any, email: str, pseudonym: str) -> Any:
    if isinstance(value, str):
        return pseudonym if value.lower() == email else value.replace(email, pseudonym)
    if isinstance(value, dict):
        return {k: _replace(v, email, pseudonym) for k, v in value.items()}
    if isinstance(value, list):
        return [_replace(v, email, pseudonym) for v in value]
    return value
