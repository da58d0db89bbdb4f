"""Factories for the rows many tests build directly. They go through the same write path as
the service: a post refreshes the KPI rollups (posts/rollup.py `touch`), as every writer must."""

from __future__ import annotations

import itertools

from sqlalchemy.orm import Session

from botschaft.identity.models import Role
from botschaft.posts import rollup
from botschaft.posts.models import Post
from botschaft.tenancy.models import ProgramRole
from tests.support.api import add_member, make_program, make_user

_numbers = itertools.count()


def add_post(session: Session, **fields) -> Post:
    """A post with the given columns; `url` (and `normalized_url`, by default the same) and
    `platform` may be left out."""
    url = fields.setdefault("url", f"https://www.linkedin.com/posts/factory-{next(_numbers)}")
    fields.setdefault("normalized_url", url)
    fields.setdefault("platform", "linkedin")
    post = Post(**fields)
    session.add(post)
    rollup.touch(session, [post])
    return post


TEAM = {
    "core": (Role.core_team, ProgramRole.core_team),
    "ada": (Role.influencer, ProgramRole.influencer),
    "bob": (Role.influencer, ProgramRole.influencer),
    "hr": (Role.hr_viewer, ProgramRole.hr_viewer),
}


def make_team(db, names=tuple(TEAM), **program_fields) -> tuple[object, dict]:
    """A program with its people: by default a core team member, two influencers (Ada and
    Bob) and an HR viewer; returns the program's id and {name: (account, membership id)}."""
    program = make_program(db, **program_fields)
    people = {}
    for name in names:
        role, program_role = TEAM[name]
        account = make_user(db, role, name=name.title())
        people[name] = (account, add_member(db, program, account, program_role))
    return program, people
