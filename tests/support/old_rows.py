"""Rows written as an older revision's schema held them, for migration tests: Core inserts
through the model's table without the columns later revisions added (the ORM would write
them, and the session events of tenancy/data_version.py would update a column not there yet)."""

from __future__ import annotations

from sqlalchemy import MetaData, Table, insert

from botschaft.core.ids import uuid7
from botschaft.tenancy.models import Program, ProgramMembership

# Columns of programs added after the revisions the migration tests start from.
PROGRAM_LATER = ("data_version",)  # 0031


def as_of(model, *later: str) -> Table:
    """The model's table without the columns `later` (Python-side defaults still apply)."""
    table = model.__table__
    return Table(table.name, MetaData(), *(c._copy() for c in table.c if c.name not in later))


def old_program(connection, **fields) -> object:
    program = uuid7()
    n = str(program)[-8:]
    values = {"id": program, "name": f"Program {n}", "slug": f"program-{n}", "version": 1}
    values |= fields
    connection.execute(insert(as_of(Program, *PROGRAM_LATER)).values(**values))
    return program


def old_member(connection, program, user_id, role: str = "influencer") -> object:
    member = uuid7()
    connection.execute(
        insert(ProgramMembership.__table__).values(
            id=member, program_id=program, user_id=user_id, role=role
        )
    )
    return member
