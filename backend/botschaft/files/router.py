"""Uploaded files: stored in the database, served as downloads, never executed."""

from __future__ import annotations

import uuid
from urllib.parse import quote

from fastapi import Response, UploadFile

from botschaft.core.deps import SessionDep, SettingsDep
from botschaft.core.errors import error_responses
from botschaft.core.routing import api_router
from botschaft.files import service
from botschaft.files.schemas import FileOut
from botschaft.tenancy.access import AnyMember, CoreTeamOrInfluencer

router = api_router(prefix="/programs/{program_id}/files", tags=["files"])

# A file is served with the type it was stored as: every allowed type is a documented answer.
DOWNLOAD_TYPES = {
    content_type.split(";")[0]: {"schema": {"type": "string", "format": "binary"}}
    for content_type, _ in service.ALLOWED.values()
}


@router.post(
    "",
    operation_id="files_upload",
    status_code=201,
    response_model=FileOut,
    responses=error_responses(401, 403, 404, 413, 422),
)
def upload(
    file: UploadFile, ctx: CoreTeamOrInfluencer, session: SessionDep, settings: SettingsDep
) -> FileOut:
    data = file.file.read(settings.max_upload_bytes + 1)
    return FileOut.model_validate(
        service.store(session, ctx, file.filename or "", data, settings.max_upload_bytes)
    )


@router.get(
    "/{file_id}",
    operation_id="files_get",
    response_class=Response,
    responses={200: {"content": DOWNLOAD_TYPES}, **error_responses(401, 404)},
)
def download(file_id: uuid.UUID, ctx: AnyMember, session: SessionDep) -> Response:
    stored = service.fetch(session, ctx, file_id)
    disposition = "inline" if service.is_inline(stored) else "attachment"
    ascii_name = stored.filename.encode("ascii", "replace").decode().replace("?", "_")
    return Response(
        stored.content,
        media_type=stored.content_type,
        headers={
            "Content-Disposition": f'{disposition}; filename="{ascii_name}"; '
            f"filename*=UTF-8''{quote(stored.filename)}",
            "X-Content-Type-Options": "nosniff",
            "Content-Security-Policy": "default-src 'none'; sandbox",
            "Cache-Control": "private, max-age=3600",
        },
    )
