"""Logging posts from the person's own data archive: preview what it holds, then log the
ones the person ticks, all in one transaction (archive_files.py reads the archive)."""

from __future__ import annotations

import contextlib
from typing import IO

from sqlalchemy import select
from sqlalchemy.orm import Session

from botschaft.core.errors import AppError, Conflict, FieldError, Unprocessable
from botschaft.identity.models import User
from botschaft.posts import service
from botschaft.posts.archive_files import read_archive
from botschaft.posts.models import Post
from botschaft.posts.schemas import (
    ArchiveLogIn,
    ArchiveLogOut,
    ArchivePostOut,
    ArchivePreviewOut,
    PostCreate,
)
from botschaft.posts.urls import InvalidPostUrl, identify
from botschaft.programs.history import joined_on
from botschaft.tenancy.access import ProgramContext


def preview(
    session: Session, ctx: ProgramContext, filename: str, upload: IO[bytes]
) -> ArchivePreviewOut:
    program = ctx.program
    found = read_archive(filename, upload, program.timezone)
    keys = {}
    for post in found.posts:
        if post.url:
            with contextlib.suppress(InvalidPostUrl):  # shown, but not matched to a logged one
                keys[post.url] = identify(post.url).key
    logged = (
        set(
            session.scalars(
                select(Post.post_key).where(
                    Post.program_id == program.id, Post.post_key.in_(set(keys.values()))
                )
            )
        )
        if keys
        else set()
    )
    today = service.program_today(program)
    # Inside the program's period and not before the person joined (their cohort's start).
    joined = joined_on(session, program.id, ctx.membership.id).get(ctx.membership.id)
    first = max((d for d in (program.starts_on, joined) if d), default=None)
    last = min(program.ends_on or today, today)
    mine = {tag.lower() for tag in program.hashtags}
    any_text = any(post.text for post in found.posts)
    out, outside = [], 0
    for post in found.posts:
        in_period = (first is None or post.published_on >= first) and post.published_on <= last
        outside += not in_period
        tagged = any(tag.lower() in mine for tag in post.hashtags)
        already = keys.get(post.url or "") in logged
        out.append(
            ArchivePostOut(
                platform=post.platform,
                published_on=post.published_on,
                url=post.url,
                text=post.text,
                hashtags=list(post.hashtags),
                format=post.format,
                in_period=in_period,
                already_logged=already,
                uses_program_hashtag=tagged,
                preselected=in_period and not already and (tagged or not any_text),
            )
        )
    return ArchivePreviewOut(
        source=found.source, files=found.files, posts=out, outside_period=outside
    )


def log(session: Session, ctx: ProgramContext, data: ArchiveLogIn, actor: User) -> ArchiveLogOut:
    """Logs every ticked post as the person's own; one already logged is skipped, a bad one
    refuses the whole batch (422 naming it), so nothing is half-logged."""
    created, skipped = 0, []
    for index, item in enumerate(data.posts):
        body = PostCreate(
            url=item.url,
            published_on=item.published_on,
            format=item.format,
            hashtags=item.hashtags,
        )
        try:
            service.create_post(session, ctx, body, actor)
        except Conflict as error:
            if error.code != "duplicate_post":
                raise
            skipped.append(item.url)
            continue
        except AppError as error:
            raise Unprocessable(
                str(error),
                errors=[
                    FieldError(field=f"posts.{index}.{e.field}", message=e.message, type=e.type)
                    for e in error.errors or []
                ]
                or None,
                code=error.code,
            ) from error
        created += 1
    return ArchiveLogOut(created=created, skipped=skipped)
