from __future__ import annotations

import uuid
from typing import Annotated, Literal

from fastapi import Form, Query, Response, UploadFile

from botschaft.auth.dependencies import CurrentUser
from botschaft.core.deps import SessionDep, SettingsDep
from botschaft.core.errors import PayloadTooLarge, error_responses
from botschaft.core.pagination import PageDep
from botschaft.core.routing import api_router
from botschaft.core.schemas import Page
from botschaft.core.tables import read_upload
from botschaft.core.text import Text
from botschaft.posts import archive, imports, service
from botschaft.posts.schemas import (
    ArchiveLogIn,
    ArchiveLogOut,
    ArchivePreviewOut,
    Figures,
    FiguresBatch,
    FiguresOut,
    ImportPreviewOut,
    ImportResultOut,
    OutcomeCreate,
    OutcomeOut,
    PostCreate,
    PostOut,
    PostUpdate,
)
from botschaft.tenancy.access import CoreTeamOrInfluencer, Influencer
from botschaft.tenancy.models import Platform

router = api_router(prefix="/programs/{program_id}", tags=["posts"])


@router.post(
    "/posts",
    operation_id="posts_create",
    status_code=201,
    response_model=PostOut,
    responses=error_responses(401, 403, 404, 409, 422),
)
def create_post(
    body: PostCreate, ctx: CoreTeamOrInfluencer, user: CurrentUser, session: SessionDep
) -> PostOut:
    """Log a post by its URL. The platform is recognised and the post identified by its
    canonical key (`post_key`); the same post twice, by whichever of its link forms, is
    answered 409 `duplicate_post` with the existing one (`existing`)."""
    return service.create_post(session, ctx, body, user)


@router.get(
    "/posts",
    operation_id="posts_list",
    response_model=Page[PostOut],
    responses=error_responses(401, 403, 404, 422),
)
def list_posts(
    ctx: CoreTeamOrInfluencer,
    session: SessionDep,
    page: PageDep,
    member_id: Annotated[uuid.UUID | None, Query()] = None,
    platform: Annotated[Platform | None, Query()] = None,
) -> Page[PostOut]:
    """Posts, newest first: an influencer's own, or (core team) everyone's."""
    items, total = service.list_posts(session, ctx, page, member_id=member_id, platform=platform)
    return Page.of(items, total, page)


@router.post(
    "/posts/figures",
    operation_id="posts_figures_record_many",
    response_model=list[PostOut],
    responses=error_responses(401, 403, 404, 422),
)
def record_many(
    body: FiguresBatch, ctx: CoreTeamOrInfluencer, user: CurrentUser, session: SessionDep
) -> list[PostOut]:
    """Figures for several posts in one go ("update all my recent posts"): all or none; an
    influencer only for their own posts."""
    return service.record_many(session, ctx, body, user)


@router.post(
    "/posts/archive/preview",
    operation_id="posts_archive_preview",
    response_model=ArchivePreviewOut,
    responses=error_responses(401, 403, 404, 413, 422),
)
def archive_preview(
    file: UploadFile, ctx: Influencer, session: SessionDep, settings: SettingsDep
) -> ArchivePreviewOut:
    """Lists the posts in my own data archive from LinkedIn, Instagram or TikTok (the ZIP or
    its posts file): only the files with my posts are read, nothing is stored."""
    file.file.seek(0, 2)
    if file.file.tell() > settings.max_archive_bytes:
        raise PayloadTooLarge.for_field(
            "file", f"The file is larger than {settings.max_archive_bytes:,} bytes.", "too_large"
        )
    file.file.seek(0)
    return archive.preview(session, ctx, file.filename or "", file.file)


@router.post(
    "/posts/archive",
    operation_id="posts_archive_log",
    response_model=ArchiveLogOut,
    responses=error_responses(401, 403, 404, 422),
)
def archive_log(
    body: ArchiveLogIn, ctx: Influencer, user: CurrentUser, session: SessionDep
) -> ArchiveLogOut:
    """Logs the posts I ticked in the preview, all in one go; ones already logged are skipped."""
    return archive.log(session, ctx, body, user)


def _upload(file: UploadFile, settings) -> bytes:
    return read_upload(file, settings.max_upload_bytes)


Preset = Annotated[
    Literal["generic", "linkedin", "instagram", "tiktok"] | None,
    Form(description="A ready mapping"),
]
MappingForm = Annotated[
    Text | None, Form(description='JSON object field -> column, e.g. {"url": "Link"}')
]


@router.post(
    "/posts/imports/preview",
    operation_id="posts_import_preview",
    response_model=ImportPreviewOut,
    responses=error_responses(401, 403, 404, 413, 422),
)
def import_preview(
    file: UploadFile,
    ctx: CoreTeamOrInfluencer,
    session: SessionDep,
    settings: SettingsDep,
    preset: Preset = None,
    mapping: MappingForm = None,
) -> ImportPreviewOut:
    """Reads a CSV or XLSX file of figures and shows how its columns map and which rows match
    logged posts, without changing anything."""
    return imports.preview_file(
        session, ctx, file.filename or "", _upload(file, settings), preset, mapping
    )


@router.post(
    "/posts/imports",
    operation_id="posts_import",
    response_model=ImportResultOut,
    responses=error_responses(401, 403, 404, 413, 422),
)
def import_figures(
    file: UploadFile,
    ctx: CoreTeamOrInfluencer,
    user: CurrentUser,
    session: SessionDep,
    settings: SettingsDep,
    preset: Preset = None,
    mapping: MappingForm = None,
    create_missing: Annotated[bool, Form(description="Create posts for unknown links")] = False,
    outside_period: Annotated[
        bool,
        Form(description="Core team only: create posts dated outside the program's period"),
    ] = False,
) -> ImportResultOut:
    """Imports the figures: every row or none (a 422 lists the rows that need fixing).
    Importing the same file again changes nothing."""
    return imports.import_file(
        session,
        ctx,
        file.filename or "",
        _upload(file, settings),
        preset,
        mapping,
        create_missing=create_missing,
        actor=user,
        outside_period=outside_period,
    )


@router.get(
    "/posts/{post_id}",
    operation_id="posts_get",
    response_model=PostOut,
    responses=error_responses(401, 403, 404, 422),
)
def get_post(post_id: uuid.UUID, ctx: CoreTeamOrInfluencer, session: SessionDep) -> PostOut:
    return service.get_post(session, ctx, post_id)


@router.patch(
    "/posts/{post_id}",
    operation_id="posts_update",
    response_model=PostOut,
    responses=error_responses(401, 403, 404, 409, 422),
)
def update_post(
    post_id: uuid.UUID, body: PostUpdate, ctx: CoreTeamOrInfluencer, session: SessionDep
) -> PostOut:
    return service.update_post(session, ctx, post_id, body)


@router.delete(
    "/posts/{post_id}",
    operation_id="posts_delete",
    status_code=204,
    responses=error_responses(401, 403, 404, 422),
)
def delete_post(post_id: uuid.UUID, ctx: CoreTeamOrInfluencer, session: SessionDep) -> Response:
    service.delete_post(session, ctx, post_id)
    return Response(status_code=204)


@router.post(
    "/posts/{post_id}/figures",
    operation_id="posts_figures_record",
    response_model=PostOut,
    responses=error_responses(401, 403, 404, 422),
)
def record_figures(
    post_id: uuid.UUID,
    body: Figures,
    ctx: CoreTeamOrInfluencer,
    user: CurrentUser,
    session: SessionDep,
) -> PostOut:
    """Record the post's current figures; the history is kept for trends."""
    return service.record_figures(session, ctx, post_id, body, user)


@router.get(
    "/posts/{post_id}/figures",
    operation_id="posts_figures_history",
    response_model=list[FiguresOut],
    responses=error_responses(401, 403, 404, 422),
)
def figures_history(
    post_id: uuid.UUID, ctx: CoreTeamOrInfluencer, session: SessionDep
) -> list[FiguresOut]:
    return service.figures_history(session, ctx, post_id)


@router.post(
    "/outcomes",
    operation_id="outcomes_create",
    status_code=201,
    response_model=OutcomeOut,
    responses=error_responses(401, 403, 404, 422),
)
def create_outcome(
    body: OutcomeCreate, ctx: CoreTeamOrInfluencer, user: CurrentUser, session: SessionDep
) -> OutcomeOut:
    """Record a request, application or hire, optionally attributed to a post."""
    return service.create_outcome(session, ctx, body, user)


@router.get(
    "/outcomes",
    operation_id="outcomes_list",
    response_model=Page[OutcomeOut],
    responses=error_responses(401, 403, 404, 422),
)
def list_outcomes(
    ctx: CoreTeamOrInfluencer,
    session: SessionDep,
    page: PageDep,
    post_id: Annotated[uuid.UUID | None, Query()] = None,
) -> Page[OutcomeOut]:
    items, total = service.list_outcomes(session, ctx, page, post_id)
    return Page.of(items, total, page)


@router.delete(
    "/outcomes/{outcome_id}",
    operation_id="outcomes_delete",
    status_code=204,
    responses=error_responses(401, 403, 404, 409, 422),
)
def delete_outcome(
    outcome_id: uuid.UUID, ctx: CoreTeamOrInfluencer, session: SessionDep
) -> Response:
    """Deletes an outcome; one that belongs to a request in the inbox is refused (409
    `from_request`): it changes and goes with its request."""
    service.delete_outcome(session, ctx, outcome_id)
    return Response(status_code=204)
