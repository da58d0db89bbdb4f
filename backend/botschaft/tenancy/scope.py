"""What a caller sees of a program's rows: one meaning of the restricted view for every domain.

The core team (and an administrator managing the program) works with the program's rows; an
influencer with their own, plus what the program shares with everyone (published briefings,
their cohort's modules, meetings they are invited to). HR leadership lists no rows at all,
only figures under the privacy rule (kpis/privacy.py). Privileges (only the core team may
sort questions, date a post outside the period, ...) are `ctx.is_core_team`, a different
question from what one sees."""

from __future__ import annotations

from typing import Any, TypeVar

from botschaft.tenancy.access import ProgramContext
from botschaft.tenancy.models import ProgramRole

Query = TypeVar("Query", bound=Any)


def own_only(ctx: ProgramContext) -> bool:
    """The restricted view: the caller sees and changes their own rows only."""
    return ctx.role == ProgramRole.influencer


def scope_values(ctx: ProgramContext) -> dict:
    """The parameters of a statement built once for either view (see auth.sessions.lookup):
    the program, and in the restricted view the caller's membership and cohort. A statement
    built for the restricted view compares with these, so without them it finds nothing."""
    own = own_only(ctx) and ctx.membership is not None
    return {
        "program_id": ctx.program.id,
        "own_member": ctx.membership.id if own else None,
        "own_cohort": ctx.membership.cohort_id if own else None,
    }


def own_rows(ctx: ProgramContext, query: Query, member_column) -> Query:
    """`query` limited to the caller's own rows in the restricted view."""
    return query.where(member_column == ctx.membership.id) if own_only(ctx) else query


def may_see(ctx: ProgramContext, member_id) -> bool:
    """Whether a row of `member_id` is in the caller's view."""
    return not own_only(ctx) or member_id == ctx.membership.id
