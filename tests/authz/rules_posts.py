"""Matrix rows for posts, figures, outcomes and KPIs.

The world gets one post and one outcome of "influencer" (program A). "peer_influencer" (another
influencer of program A) must not see or touch them: object-level checks.
"""

from __future__ import annotations

import itertools
from datetime import date

from botschaft.posts.models import Outcome
from tests.authz.rules import Rule
from tests.authz.world import World
from tests.support import archives
from tests.support.clock import local_today
from tests.support.factories import add_post

_n = itertools.count()
CORE_OR_INFLUENCERS = frozenset({"core_team", "influencer", "peer_influencer"})
OWNER = frozenset({"core_team", "influencer"})


def build(world: World) -> None:
    with world.db.session() as session:
        post = add_post(
            session,
            program_id=world.program,
            member_id=world.members["influencer"],
            url="https://linkedin.com/posts/matrix-1",
            normalized_url="https://linkedin.com/posts/matrix-1",
            platform="linkedin",
            published_on=date(2026, 1, 15),
        )
        session.flush()
        outcome = Outcome(
            program_id=world.program,
            member_id=world.members["influencer"],
            post_id=post.id,
            type="hire",
            occurred_on=date(2026, 2, 1),
        )
        session.add(outcome)
        session.flush()
        world.objects["post"] = post.id
        world.objects["outcome"] = outcome.id


def _program(w: World) -> dict:
    return {"program_id": w.program}


def _post(w: World) -> dict:
    return {"program_id": w.program, "post_id": w["post"]}


def _new_post(w: World) -> dict:
    body = {"url": f"https://www.instagram.com/p/matrix{next(_n)}/"}
    return body


def _figures_file() -> dict:
    return {
        "file": ("figures.csv", b"url;likes\nhttps://linkedin.com/posts/matrix-1;5\n", "text/csv")
    }


RULES = {
    # The core team must name the influencer; without member_id it is a 422, which is still
    # "allowed" (the caller may use the operation; the body is what is wrong).
    "posts_create": Rule(
        CORE_OR_INFLUENCERS, path=_program, body=_new_post, also_ok=frozenset({422})
    ),
    "posts_list": Rule(CORE_OR_INFLUENCERS, path=_program),
    "posts_get": Rule(OWNER, path=_post),
    "posts_update": Rule(
        OWNER,
        path=_post,
        body=lambda w: {"version": 1, "topic": "Matrix"},
        also_ok=frozenset({409}),
    ),
    "posts_delete": Rule(OWNER, path=_post),
    "posts_figures_record": Rule(OWNER, path=_post, body=lambda w: {"likes": 3}),
    "posts_figures_history": Rule(OWNER, path=_post),
    # Another influencer may call it, but the world's post is not theirs: 422 naming the item.
    "posts_figures_record_many": Rule(
        CORE_OR_INFLUENCERS,
        path=_program,
        body=lambda w: {"items": [{"post_id": str(w["post"]), "likes": 4}]},
        also_ok=frozenset({422}),
    ),
    "outcomes_create": Rule(
        CORE_OR_INFLUENCERS,
        path=_program,
        body=lambda w: {"type": "speaker_request"},
        also_ok=frozenset({422}),
    ),
    "outcomes_list": Rule(CORE_OR_INFLUENCERS, path=_program),
    "outcomes_delete": Rule(
        OWNER, path=lambda w: {"program_id": w.program, "outcome_id": w["outcome"]}
    ),
    "posts_import_preview": Rule(
        CORE_OR_INFLUENCERS, path=_program, files=lambda w: _figures_file()
    ),
    # Influencers may import, but the world's post is not theirs unless they are its owner.
    "posts_import": Rule(
        CORE_OR_INFLUENCERS,
        path=_program,
        files=lambda w: _figures_file(),
        also_ok=frozenset({422}),
    ),
    # An influencer's own data archive: only influencers of the program log from one.
    "posts_archive_preview": Rule(
        frozenset({"influencer", "peer_influencer"}),
        path=_program,
        files=lambda w: {
            "file": ("archive.zip", archives.linkedin([local_today()]), "application/zip")
        },
    ),
    "posts_archive_log": Rule(
        frozenset({"influencer", "peer_influencer"}),
        path=_program,
        body=lambda w: {
            "posts": [
                {
                    "url": f"https://www.instagram.com/p/Matrix{next(_n)}/",
                    "published_on": str(local_today()),
                }
            ]
        },
    ),
    "kpis_program": Rule(frozenset({"core_team", "hr_viewer"}), path=_program),
    "kpis_influencers": Rule(frozenset({"core_team"}), path=_program),
    "kpis_export": Rule(
        frozenset({"core_team", "hr_viewer"}), path=_program, query=lambda w: {"format": "csv"}
    ),
    "kpis_me": Rule(frozenset({"influencer", "peer_influencer"}), path=_program),
}
