"""Loads the demo program. Idempotent: running it twice changes nothing."""

from __future__ import annotations

import unicodedata
from collections import Counter
from datetime import UTC, datetime, time
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from botschaft.calls.models import Application
from botschaft.core.database import utcnow
from botschaft.core.security import hash_password
from botschaft.demo import data
from botschaft.demo.calls import load_demo_calls
from botschaft.demo.followers import load_demo_followers
from botschaft.demo.learning import load_demo_learning
from botschaft.demo.posts import load_demo_posts
from botschaft.demo.questions import load_demo_questions
from botschaft.demo.requests import load_demo_requests
from botschaft.identity.models import Role, User
from botschaft.tenancy.models import Program, ProgramMembership, ProgramRole

DEMO_PASSWORD = "Botschaft-Demo-2026"  # noqa: S105 - published demo sign-in


def _email(name: str) -> str:
    plain = name.replace("Dr. ", "").lower()
    plain = plain.replace("ä", "ae").replace("ö", "oe").replace("ü", "ue").replace("ß", "ss")
    plain = unicodedata.normalize("NFKD", plain).encode("ascii", "ignore").decode()
    return plain.replace(" ", ".") + "@" + data.DOMAIN


def _user(
    session: Session, name: str, role: Role, password_hash: str, email: str | None = None
) -> User:
    email = email or _email(name)
    user = session.scalar(select(User).where(User.email == email))
    if user is None:
        user = User(email=email, name=name, role=role, password_hash=password_hash)
        session.add(user)
        session.flush()
    return user


def _member(
    session: Session,
    program: Program,
    user: User,
    role: ProgramRole,
    occupation: str | None = None,
    department: str | None = None,
    occupation_group: str | None = None,
) -> ProgramMembership:
    member = session.scalar(
        select(ProgramMembership).where(
            ProgramMembership.program_id == program.id, ProgramMembership.user_id == user.id
        )
    )
    if member is None:
        member = ProgramMembership(
            program_id=program.id,
            user_id=user.id,
            role=role,
            occupation=occupation,
            department=department,
            occupation_group=occupation_group,
        )
        if program.starts_on:
            # Everyone of the demo was there from the program's start (the pilot cohort was
            # confirmed before it), so their pages count every month of the program.
            member.joined_at = datetime.combine(program.starts_on, time(8), tzinfo=UTC)
        session.add(member)
        session.flush()
    return member


def _influencers(
    session: Session, program: Program, selected: list[Application], password_hash: str
) -> tuple[list[User], list[ProgramMembership]]:
    """Each selected applicant becomes an influencer with an occupation that fits their answers
    (occupational group and gender)."""
    users, memberships = [], []
    seen: Counter[str] = Counter()
    for application in selected:
        group = application.answers["occupation_group"]
        job, department = data.occupation(group, application.answers["gender"], seen[group])
        seen[group] += 1
        user = _user(session, application.name, Role.influencer, password_hash, application.email)
        application.user_id = user.id
        users.append(user)
        memberships.append(
            _member(
                session, program, user, ProgramRole.influencer, job, department, data.GROUPS[group]
            )
        )
    return users, memberships


def load_demo(session: Session) -> list[tuple[str, str]]:
    """Creates what is missing; returns (label, email) of the demo sign-ins."""
    password_hash = hash_password(DEMO_PASSWORD)
    program = session.scalar(select(Program).where(Program.slug == data.PROGRAM["slug"]))
    if program is None:
        today = utcnow().astimezone(ZoneInfo(data.PROGRAM["timezone"])).date()
        starts_on, ends_on = data.program_period(today)
        program = Program(**data.PROGRAM, starts_on=starts_on, ends_on=ends_on)
        session.add(program)
        session.flush()

    admin = _user(session, data.ADMIN[0], Role.admin, password_hash)
    core = [_user(session, name, Role.core_team, password_hash) for name, _ in data.CORE_TEAM]
    for user, (_, department) in zip(core, data.CORE_TEAM, strict=True):
        _member(session, program, user, ProgramRole.core_team, "Kernteam", department)
    hr = _user(session, data.HR_VIEWER[0], Role.hr_viewer, password_hash)
    _member(session, program, hr, ProgramRole.hr_viewer, department=data.HR_VIEWER[1])
    selected = load_demo_calls(session, program, core[0])
    influencers, memberships = _influencers(session, program, selected, password_hash)
    session.flush()
    load_demo_posts(session, program, memberships, core[0])
    load_demo_followers(session, program)
    load_demo_requests(session, program, memberships[0])
    load_demo_questions(session, program, memberships)
    load_demo_learning(session, program, memberships)
    return [
        ("Core team", core[0].email),
        ("Influencer", influencers[0].email),
        ("HR leadership", hr.email),
        ("Administrator", admin.email),
    ]
