"""Figures computed once and kept until the program's data changes.

A program's figures change only when the rows they are computed from change, and every such
change raises the program's data version in the same transaction (tenancy/data_version.py).
So figures are kept under (program, data version, the program's today, whose view, the
question) and a change makes every figure of the program's older version unreachable, on every
worker process: no time-to-live, nothing served older than the data. The day is part of the
key because periods that end today and HR leadership's months that are not over follow it.

Several requests that miss the same figures at once compute them once: the others wait for
it (a dashboard opened by ten people at ten thousand influencers). Bounded: the least
recently used figures go first.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from concurrent.futures import Future
from typing import Annotated, TypeVar

from fastapi import Depends, Request
from sqlalchemy.orm import Session

from botschaft.tenancy.access import ProgramContext
from botschaft.tenancy.data_version import has_changes

T = TypeVar("T")


class FigureCache:
    def __init__(self, entries: int) -> None:
        self.entries = entries
        self._kept: OrderedDict[Hashable, object] = OrderedDict()
        self._computing: dict[Hashable, Future] = {}
        self._lock = threading.Lock()
        self.hits = self.misses = 0

    def figures(
        self,
        session: Session,
        ctx: ProgramContext,
        view: Hashable,
        question: Hashable,
        compute: Callable[[], T],
    ) -> T:
        """The figures `compute` gives for `question` as `view` sees them, computed at most
        once per data version. Not kept when this transaction changed data itself (its
        figures belong to no committed version)."""
        if self.entries <= 0 or has_changes(session):
            return compute()
        program = ctx.program
        key = (program.id, program.data_version, program.today(), view, question)
        with self._lock:
            if key in self._kept:
                self._kept.move_to_end(key)
                self.hits += 1
                return self._kept[key]  # type: ignore[return-value]
            pending = self._computing.get(key)
            first = pending is None
            if first:
                pending = self._computing[key] = Future()
                self.misses += 1
            else:
                self.hits += 1  # served by the computation under way
        if not first:
            return pending.result()  # raises what the first one raised
        try:
            value = compute()
        except BaseException as error:
            with self._lock:
                del self._computing[key]
            pending.set_exception(error)
            raise
        with self._lock:
            del self._computing[key]
            self._kept[key] = value
            while len(self._kept) > self.entries:
                self._kept.popitem(last=False)
        pending.set_result(value)
        return value


async def figure_cache(request: Request) -> FigureCache:
    # async: no I/O, so no hop into the worker-thread pool (core.routing)
    return request.app.state.figure_cache


FigureCacheDep = Annotated[FigureCache, Depends(figure_cache)]
