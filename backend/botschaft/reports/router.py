from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from fastapi import Query, Request, Response

from botschaft.core.deps import SessionDep, client_address
from botschaft.core.errors import error_responses
from botschaft.core.export import pdf_response
from botschaft.core.labels import export_language
from botschaft.core.routing import api_router, writes
from botschaft.kpis.export import exported_kpis
from botschaft.kpis.schemas import FilterQuery
from botschaft.posts.service import program_today
from botschaft.reports import document, service
from botschaft.reports.schemas import SubscriptionOut
from botschaft.tenancy.access import CoreTeamOrHr

router = api_router(prefix="/programs/{program_id}", tags=["reports"])


@router.get(
    "/report-subscription",
    operation_id="report_subscription_get",
    response_model=SubscriptionOut,
    responses=error_responses(401, 403, 404),
)
def get_subscription(ctx: CoreTeamOrHr, session: SessionDep) -> SubscriptionOut:
    """Whether I get the monthly report by email, and when the next one goes out."""
    return service.get(session, ctx)


@router.put(
    "/report-subscription",
    operation_id="report_subscription_set",
    response_model=SubscriptionOut,
    responses=error_responses(401, 403, 404),
)
def subscribe(ctx: CoreTeamOrHr, session: SessionDep) -> SubscriptionOut:
    """Sends me the monthly report (PDF and a short summary) on the first working day of each
    month, with the figures and privacy rules of my role. Idempotent."""
    return service.subscribe(session, ctx)


@router.delete(
    "/report-subscription",
    operation_id="report_subscription_delete",
    response_model=SubscriptionOut,
    responses=error_responses(401, 403, 404),
)
def unsubscribe(ctx: CoreTeamOrHr, session: SessionDep) -> SubscriptionOut:
    return service.unsubscribe(session, ctx)


@router.get(
    "/kpis/report.pdf",
    operation_id="kpis_report_pdf",
    response_class=Response,
    responses={
        200: {
            "content": {"application/pdf": {"schema": {"type": "string", "format": "binary"}}},
            "description": "The report for the period as PDF, as the monthly email attaches it",
        },
        **error_responses(401, 403, 404, 422, 429),
    },
)
@writes
def report_pdf(
    ctx: CoreTeamOrHr,
    session: SessionDep,
    request: Request,
    narrow: Annotated[FilterQuery, Query()],
    start: Annotated[date | None, Query(alias="from")] = None,
    end: Annotated[date | None, Query(alias="to")] = None,
    lang: Annotated[Literal["de", "en"] | None, Query()] = None,
) -> Response:
    """The KPIs of a period (and filter) as the printable report (same figures and privacy
    rules as the dashboard). Rate-limited and written to the audit log."""
    settings = request.app.state.settings
    request.app.state.limiter.hit(settings.export_limit_per_user, "export", str(ctx.user.id))
    figures = exported_kpis(
        session, ctx, start, end, narrow, what="kpi_report", fmt="pdf", ip=client_address(request)
    )
    pdf = document.report_pdf(
        ctx.program.name, figures, export_language(request, lang), program_today(ctx.program)
    )
    name = f"botschaft-report-{ctx.program.slug}-{figures.period_from}-{figures.period_to}.pdf"
    return pdf_response(pdf, name)
