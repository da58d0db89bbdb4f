from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from fastapi import Query, Request, Response

from botschaft.core.deps import SessionDep, client_address
from botschaft.core.errors import error_responses
from botschaft.core.export import XLSX_TYPE
from botschaft.core.labels import export_language
from botschaft.core.pagination import PageDep
from botschaft.core.routing import api_router, writes
from botschaft.core.schemas import Page
from botschaft.kpis import service
from botschaft.kpis.cache import FigureCacheDep
from botschaft.kpis.export import exported_kpis, kpi_download
from botschaft.kpis.filters import resolve_filter
from botschaft.kpis.schemas import FilterQuery, InfluencerRow, MyKpis, ProgramKpis
from botschaft.tenancy.access import CoreTeam, CoreTeamOrHr, Influencer

router = api_router(prefix="/programs/{program_id}/kpis", tags=["kpis"])

From = Annotated[date | None, Query(alias="from", description="First day; default program start")]
To = Annotated[date | None, Query(alias="to", description="Last day; default today")]
Filter = Annotated[FilterQuery, Query()]


@router.get(
    "",
    operation_id="kpis_program",
    response_model=ProgramKpis,
    responses=error_responses(401, 403, 404, 422),
)
def program_kpis(
    ctx: CoreTeamOrHr,
    session: SessionDep,
    cache: FigureCacheDep,
    narrow: Filter,
    start: From = None,
    end: To = None,
) -> ProgramKpis:
    """The program's KPIs for a period and the one before it. HR leadership gets aggregates
    only (kpis/privacy.py): whole months (else 422 `hr_period_whole_months`), months not over
    or of fewer posters than the program's minimum hidden, every figure of fewer people null
    with a reason in `suppressed`, small groups merged into "other", and top posts only when
    the program turned rankings on. A filter (platform, cohort, team) narrows every figure;
    for HR it also hides months where too few people posted outside it, and breakdowns."""
    flt = resolve_filter(session, ctx.program, narrow)
    return service.cached_program_kpis(cache, session, ctx, start, end, flt)


@router.get(
    "/export",
    operation_id="kpis_export",
    response_class=Response,
    responses={
        200: {
            "content": {
                "text/csv": {"schema": {"type": "string"}},
                XLSX_TYPE: {"schema": {"type": "string", "format": "binary"}},
            },
            "description": "The dashboard's aggregates as a spreadsheet",
        },
        **error_responses(401, 403, 404, 422, 429),
    },
)
@writes
def export_kpis(
    ctx: CoreTeamOrHr,
    session: SessionDep,
    request: Request,
    narrow: Filter,
    format: Annotated[Literal["csv", "xlsx"], Query()] = "xlsx",
    start: From = None,
    end: To = None,
    lang: Annotated[
        Literal["de", "en"] | None,
        Query(description="Language of the words; default: Accept-Language, else German"),
    ] = None,
) -> Response:
    """The program KPIs as CSV or XLSX, with the same privacy rules as the dashboard.
    Rate-limited per user and written to the audit log."""
    settings = request.app.state.settings
    request.app.state.limiter.hit(settings.export_limit_per_user, "export", str(ctx.user.id))
    kpis = exported_kpis(
        session, ctx, start, end, narrow, what="kpis", fmt=format, ip=client_address(request)
    )
    return kpi_download(kpis, format, ctx.program.slug, export_language(request, lang))


@router.get(
    "/influencers",
    operation_id="kpis_influencers",
    response_model=Page[InfluencerRow],
    responses=error_responses(401, 403, 404, 422),
)
def influencer_table(
    ctx: CoreTeam,
    session: SessionDep,
    cache: FigureCacheDep,
    page: PageDep,
    narrow: Filter,
    start: From = None,
    end: To = None,
    sort: Annotated[
        Literal["posts", "engagements", "last_post_on", "name", "outcomes"], Query()
    ] = "posts",
) -> Page[InfluencerRow]:
    """Per influencer: posts against the target, engagements, rate, last post, outcomes.
    Core team only."""
    flt = resolve_filter(session, ctx.program, narrow)
    items, total = service.influencer_table(cache, session, ctx, start, end, page, sort, flt)
    return Page.of(items, total, page)


@router.get(
    "/me",
    operation_id="kpis_me",
    response_model=MyKpis,
    responses=error_responses(401, 403, 404, 422),
)
def my_kpis(
    ctx: Influencer, session: SessionDep, cache: FigureCacheDep, start: From = None, end: To = None
) -> MyKpis:
    """An influencer's own figures and the team's totals (never another person's)."""
    return service.cached_my_kpis(cache, session, ctx, start, end)
