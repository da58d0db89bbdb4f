"""Page parameters and a helper that runs a counted, paginated query."""

from __future__ import annotations

import threading
import weakref
from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import Depends, Query, Request
from sqlalchemy import Select, bindparam, func, select
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


def _counted(statement: Select[Any]) -> Select[Any]:
    return select(func.count()).select_from(statement.order_by(None).subquery())


def count_rows(session: Session, statement: Select[Any], values: dict | None = None) -> int:
    return session.scalar(_counted(statement), values) or 0


_TOTAL = "total_rows_"
# A page's statement, kept per statement it pages (and per counted statement): a statement
# built anew costs its SQL cache key on every request (1-2 ms for the influencer table's),
# one kept costs it once. The page's LIMIT and OFFSET are parameters, so one serves every page.
_pages: weakref.WeakKeyDictionary[Select, dict[Select, Select]] = weakref.WeakKeyDictionary()
_pages_lock = threading.Lock()


def _paged(statement: Select[Any], rows_of: Select[Any]) -> Select[Any]:
    with _pages_lock:
        per_count = _pages.setdefault(statement, {})
        key = None if rows_of is statement else rows_of  # no reference from value to key
        page = per_count.get(key)
        if page is None:
            page = per_count[key] = (
                statement.add_columns(_counted(rows_of).scalar_subquery().label(_TOTAL))
                .limit(bindparam("page_limit_"))
                .offset(bindparam("page_offset_"))
            )
        return page


def _page_with_total(
    session: Session,
    statement: Select[Any],
    params: PageParams,
    values: dict | None,
    rows_of: Select[Any] | None = None,
) -> tuple[list[tuple], int]:
    """One page and the number of all rows in one statement: the count is an uncorrelated
    subquery beside the page's columns, which both databases compute once, while the page
    itself still comes from an index in its order (LIMIT stops early). A window
    (`count(*) OVER ()`) would make the database read and sort every row before the LIMIT: 23
    s for a page of a million posts. A page past the end has no row to carry the count, and
    DISTINCT would apply to it: those count apart. `rows_of`: a cheaper statement with as
    many rows, to count instead (SQLite computes every joined column of a counted subquery)."""
    rows_of = statement if rows_of is None else rows_of
    if statement._distinct:
        rows = session.execute(statement.limit(params.per_page).offset(params.offset), values)
        return [tuple(r) for r in rows], count_rows(session, rows_of, values)
    window = {"page_limit_": params.per_page, "page_offset_": params.offset}
    rows = session.execute(_paged(statement, rows_of), (values or {}) | window).all()
    if rows:
        return [tuple(r)[:-1] for r in rows], rows[0][-1]
    return [], count_rows(session, rows_of, values) if params.offset else 0


def paginate(session: Session, statement: Select[Any], params: PageParams) -> tuple[list[Any], int]:
    """One page of the statement's first column (ORM objects), and the total."""
    rows, total = _page_with_total(session, statement, params, None)
    return [r[0] for r in rows], total


def paginate_rows(
    session: Session,
    statement: Select[Any],
    params: PageParams | None,
    values: dict | None = None,
    rows_of: Select[Any] | None = None,
) -> tuple[list[Any], int]:
    """One page of whole rows (several columns, as tuples), and the total; all rows without
    params. `values` are the statement's bound parameters without a value of their own;
    `rows_of` a statement with the same number of rows that is cheaper to count."""
    if params is None:
        rows = [tuple(r) for r in session.execute(statement, values)]
        return rows, len(rows)
    return _page_with_total(session, statement, params, values, rows_of)
