"""An influencer's home page: everything they need in one screen on a phone."""

from __future__ import annotations

from sqlalchemy.orm import Session

from botschaft.briefings import service as briefings
from botschaft.core.pagination import PageParams
from botschaft.home.schemas import HomeOut
from botschaft.kpis import service as kpis
from botschaft.kpis.cache import FigureCache
from botschaft.learning import service as learning
from botschaft.learning.models import ProgressState
from botschaft.meetings import service as meetings
from botschaft.posts import service as posts
from botschaft.tenancy.access import ProgramContext


def home(session: Session, ctx: ProgramContext, cache: FigureCache) -> HomeOut:
    upcoming = meetings.upcoming(session, ctx, days=60, most=5)
    modules = learning.list_modules(session, ctx)
    done = [m for m in modules if m.my_progress and m.my_progress.state == ProgressState.done]
    next_module = next((m for m in modules if m not in done), None)
    current = briefings.list_briefings(session, ctx, None, current=True)
    current.sort(key=lambda b: b.read)  # unread first, newest first within each (stable)
    recent, _ = posts.list_posts(
        session, ctx, PageParams(page=1, per_page=5), member_id=ctx.membership.id
    )
    return HomeOut(
        status=ctx.membership.status,
        next_meetings=meetings.outs(session, ctx, upcoming),
        next_module=next_module,
        modules_done=len(done),
        modules_total=len(modules),
        briefings=current[:10],
        recent_posts=recent,
        figures=kpis.cached_my_kpis(cache, session, ctx, None, None),
    )
