from __future__ import annotations

from typing import Annotated, Literal

from fastapi import Query, Request, Response

from botschaft.auth.dependencies import CurrentUser
from botschaft.core.deps import SessionDep, client_address
from botschaft.core.errors import error_responses
from botschaft.core.labels import export_language
from botschaft.core.routing import api_router, writes
from botschaft.mydata.export import exported_archive

router = api_router(tags=["my data"])


@router.get(
    "/me/data-export",
    operation_id="me_data_export",
    response_class=Response,
    responses={
        200: {
            "content": {"application/zip": {"schema": {"type": "string", "format": "binary"}}},
            "description": "data.json and one CSV per section",
        },
        **error_responses(401, 429),
    },
)
@writes
def export_my_data(
    user: CurrentUser,
    session: SessionDep,
    request: Request,
    lang: Annotated[Literal["de", "en"] | None, Query()] = None,
) -> Response:
    """Everything Botschaft holds about me (GDPR Art. 15 and 20) as one ZIP. Rate-limited and
    written to the audit log."""
    settings = request.app.state.settings
    request.app.state.limiter.hit(settings.export_limit_per_user, "export", str(user.id))
    content = exported_archive(
        session, user, export_language(request, lang), client_address(request)
    )
    return Response(
        content,
        media_type="application/zip",
        headers={"Content-Disposition": 'attachment; filename="botschaft-my-data.zip"'},
    )
