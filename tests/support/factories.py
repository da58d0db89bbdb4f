"""Factories for the rows many tests build directly. They go through the same write path as
the service: a post refreshes the KPI rollups (posts/rollup.py `touch`), as every writer must."""

from __future__ import annotations

import itertools

from sqlalchemy.orm import Session

from botschaft.posts import rollup
from botschaft.posts.models import Post

_numbers = itertools.count()


def add_post(session: Session, **fields) -> Post:
    """A post with the given columns; `url` (and `normalized_url`, by default the same) and
    `platform` may be left out."""
    url = fields.setdefault("url", f"https://www.linkedin.com/posts/factory-{next(_numbers)}")
    fields.setdefault("normalized_url", url)
    fields.setdefault("platform", "linkedin")
    post = Post(**fields)
    session.add(post)
    rollup.touch(session, [post])
    return post
