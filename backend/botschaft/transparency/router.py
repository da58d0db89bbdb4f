from __future__ import annotations

from typing import Annotated, Literal

from fastapi import Query, Request, Response

from botschaft.core.deps import SessionDep, SettingsDep, client_address
from botschaft.core.errors import error_responses
from botschaft.core.pdf import PDF_TYPE
from botschaft.core.routing import api_router, writes
from botschaft.tenancy.access import CoreTeamOrAdmin, Influencer
from botschaft.transparency import service
from botschaft.transparency.schemas import MyTransparency

router = api_router(prefix="/programs/{program_id}/transparency", tags=["transparency"])

MARKDOWN_TYPE = "text/markdown; charset=utf-8"


@router.get(
    "/me",
    operation_id="transparency_me",
    response_model=MyTransparency,
    responses=error_responses(401, 403, 404),
)
def my_transparency(ctx: Influencer, session: SessionDep, settings: SettingsDep) -> MyTransparency:
    """What HR leadership sees about the calling influencer: which program figures include
    them, in which groups they count and whether those are shown or merged into “other”,
    and who sees which of their data. Generated from the live settings."""
    return service.my_page(session, ctx, settings)


@router.get(
    "/annex",
    operation_id="transparency_annex",
    response_class=Response,
    responses={
        200: {
            "content": {
                "text/markdown": {"schema": {"type": "string"}},
                PDF_TYPE: {"schema": {"type": "string", "format": "binary"}},
            },
            "description": "The staff-council annex, generated from the live settings",
        },
        **error_responses(401, 403, 404, 422),
    },
)
@writes
def transparency_annex(
    ctx: CoreTeamOrAdmin,
    session: SessionDep,
    request: Request,
    format: Annotated[Literal["md", "pdf"], Query()] = "pdf",
    lang: Annotated[Literal["de", "en"], Query()] = "de",
) -> Response:
    """The annex a staff council or works council attaches to its agreement: data collected,
    purposes, who sees what, the minimum group size, retention, the audit log, access and
    erasure. German or English, Markdown or PDF. Written to the audit log."""
    content, filename = service.download_annex(
        session, ctx, request.app.state.settings, lang, format, client_address(request)
    )
    return Response(
        content,
        media_type=PDF_TYPE if format == "pdf" else MARKDOWN_TYPE,
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )
