"""Loads the demo program. Idempotent: running it twice changes nothing."""

from __future__ import annotations

import unicodedata
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from botschaft.accounts.models import Role, User
from botschaft.core.security import hash_password
from botschaft.demo import data
from botschaft.demo.calls import load_demo_calls
from botschaft.demo.learning import load_demo_learning
from botschaft.demo.posts import load_demo_posts
from botschaft.programs.models import Program, ProgramMembership, ProgramRole

DEMO_PASSWORD = "Botschaft-Demo-2026"  # noqa: S105 - published demo sign-in


def _email(name: str) -> str:
    plain = name.replace("Dr. ", "").lower()
    plain = plain.replace("ä", "ae").replace("ö", "oe").replace("ü", "ue").replace("ß", "ss")
    plain = unicodedata.normalize("NFKD", plain).encode("ascii", "ignore").decode()
    return plain.replace(" ", ".") + "@" + data.DOMAIN


def _user(session: Session, name: str, role: Role, password_hash: str) -> User:
    email = _email(name)
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
        session.add(member)
        session.flush()
    return member


def load_demo(session: Session) -> list[tuple[str, str]]:
    """Creates what is missing; returns (label, email) of the demo sign-ins."""
    password_hash = hash_password(DEMO_PASSWORD)
    program = session.scalar(select(Program).where(Program.slug == data.PROGRAM["slug"]))
    if program is None:
        fields = dict(data.PROGRAM)
        fields["starts_on"] = date.fromisoformat(fields["starts_on"])
        fields["ends_on"] = date.fromisoformat(fields["ends_on"])
        program = Program(**fields)
        session.add(program)
        session.flush()

    admin = _user(session, data.ADMIN[0], Role.admin, password_hash)
    core = [_user(session, name, Role.core_team, password_hash) for name, _ in data.CORE_TEAM]
    for user, (_, department) in zip(core, data.CORE_TEAM, strict=True):
        _member(session, program, user, ProgramRole.core_team, "Kernteam", department)
    hr = _user(session, data.HR_VIEWER[0], Role.hr_viewer, password_hash)
    _member(session, program, hr, ProgramRole.hr_viewer, department=data.HR_VIEWER[1])
    influencers, memberships = [], []
    for name, occupation, department, group in data.INFLUENCERS:
        user = _user(session, name, Role.influencer, password_hash)
        memberships.append(
            _member(session, program, user, ProgramRole.influencer, occupation, department, group)
        )
        influencers.append(user)
    session.flush()
    load_demo_posts(session, program, memberships, core[0])
    load_demo_learning(session, program, memberships)
    load_demo_calls(session, program, influencers, core[0])
    return [
        ("Core team", core[0].email),
        ("Influencer", influencers[0].email),
        ("HR leadership", hr.email),
        ("Administrator", admin.email),
    ]
