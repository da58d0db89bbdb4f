"""Page parameters and a helper that runs a counted, paginated query."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import Depends, Query, Request
from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session


@dataclass(frozen=True)
class PageParams:
    page: int
    per_page: int

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.per_page


async def _page_params(
    request: Request,
    page: Annotated[int, Query(ge=1, le=100_000, description="1-based page number")] = 1,
    per_page: Annotated[int, Query(ge=1, le=200, description="Items per page (max 200)")] = 50,
) -> PageParams:
    return PageParams(page=page, per_page=per_page)


PageDep = Annotated[PageParams, Depends(_page_params)]


def count_rows(session: Session, statement: Select[Any], values: dict | None = None) -> int:
    counted = select(func.count()).select_from(statement.order_by(None).subquery())
    return session.scalar(counted, values) or 0


def paginate(session: Session, statement: Select[Any], params: PageParams) -> tuple[list[Any], int]:
    """One page of the statement's first column (ORM objects), and the total."""
    rows = session.scalars(statement.limit(params.per_page).offset(params.offset)).all()
    return list(rows), count_rows(session, statement)


def paginate_rows(
    session: Session, statement: Select[Any], params: PageParams | None, values: dict | None = None
) -> tuple[list[Any], int]:
    """One page of whole rows (several columns), and the total; all rows without params.
    `values` are the statement's bound parameters without a value of their own."""
    page = statement if params is None else statement.limit(params.per_page).offset(params.offset)
    return list(session.execute(page, values).all()), count_rows(session, statement, values)
