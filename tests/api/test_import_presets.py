"""The import presets against a small export per platform (tests/fixtures/imports/).

Each file is written the way the platform writes it: LinkedIn's title block above the header,
Meta's byte-order mark, quoted captions and "Lifetime" in the Date column, TikTok's
"Total shares" header with a trailing no-break space. An influencer imports her own export:
the preview maps the preset's columns and names the ignored ones, the import creates the
missing posts with the file's figures, and importing the same file again changes nothing.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func, select

from botschaft.identity.models import Role
from botschaft.posts.models import PostMetricSnapshot
from botschaft.tenancy.models import ProgramRole
from tests.support.api import add_member, make_program, make_user, sign_in

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "imports"
FIGURES = (
    "published_on",
    "format",
    "impressions",
    "likes",
    "comments",
    "shares",
    "clicks",
    "saves",
)


@pytest.fixture
def team(db):
    """As in test_imports.py, with a program period around the fixtures' dates (March 2026)."""
    program = make_program(
        db, timezone="Europe/Berlin", starts_on=date(2026, 1, 1), ends_on=date(2026, 6, 30)
    )
    core = make_user(db, Role.core_team)
    add_member(db, program, core, ProgramRole.core_team)
    ada = make_user(db, Role.influencer, email="ada@example.org")
    add_member(db, program, ada, ProgramRole.influencer)
    return program, core, ada


def _snapshots(db) -> int:
    with db.session() as session:
        return session.scalar(select(func.count()).select_from(PostMetricSnapshot))


def _import_twice(client, db, program, preset, filename, mapping, ignored, expected):
    """Preview, import creating the missing posts, then import the same file again."""
    content = (FIXTURES / filename).read_bytes()
    files = {"file": (filename, content, "text/csv")}
    base = f"/api/v1/programs/{program}/posts/imports"

    preview = client.post(f"{base}/preview", files=files, data={"preset": preset})
    assert preview.status_code == 200, preview.text
    body = preview.json()
    assert body["mapping"] == mapping
    assert body["ignored"] == ignored
    assert (body["rows_total"], body["matched"], body["unmatched"], body["errors"]) == (
        len(expected),
        0,
        len(expected),
        [],
    )
    assert _snapshots(db) == 0, "a preview changes nothing"

    form = {"preset": preset, "create_missing": "true"}
    done = client.post(base, files=files, data=form)
    assert done.status_code == 200, done.text
    assert done.json() == {
        "rows": len(expected),
        "posts_created": len(expected),
        "readings_added": len(expected),
        "readings_updated": 0,
    }
    listing = f"/api/v1/programs/{program}/posts"
    posts = client.get(listing, params={"limit": 100}).json()["items"]
    assert {p["url"]: {f: p[f] for f in FIGURES} for p in posts} == expected

    again = client.post(base, files=files, data=form)
    assert again.status_code == 200, again.text
    assert again.json() == {
        "rows": len(expected),
        "posts_created": 0,
        "readings_added": 0,
        "readings_updated": 0,
    }
    assert client.get(listing, params={"limit": 100}).json()["items"] == posts
    assert _snapshots(db) == len(expected)


def _post(*values) -> dict:
    """The figures of one post, in the order of FIGURES."""
    return dict(zip(FIGURES, values, strict=True))


def test_linkedin_preset_reads_the_post_analytics_export(client, db, team):
    """Below LinkedIn's title block; dates month first. No format column: the default."""
    program, _, ada = team
    sign_in(client, ada)
    activity = "https://www.linkedin.com/feed/update/urn:li:activity:"
    _import_twice(
        client,
        db,
        program,
        "linkedin",
        "linkedin.csv",
        mapping={
            "url": "Post URL",
            "published_on": "Post publish date",
            "impressions": "Impressions",
            "likes": "Reactions",
            "comments": "Comments",
            "shares": "Reposts",
            "clicks": "Clicks",
        },
        ignored=[],
        expected={
            f"{activity}7302345678901234567/": _post(
                "2026-03-04", "text", 5000, 120, 14, 6, 80, None
            ),
            f"{activity}7305012345678901234/": _post(
                "2026-03-11", "text", 2315, 47, 3, 1, 19, None
            ),
            f"{activity}7307698765432109876/": _post("2026-03-25", "text", 812, 12, 0, 0, 4, None),
        },
    )


def test_instagram_preset_reads_the_professional_dashboard_export(client, db, team):
    """Meta's content export: views as impressions, "Post type" as the format, "Publish time"
    month first ("03/02/2026 08:30" is 2 March), "12,400" with a thousands separator; reach,
    follows, the "Lifetime" date column and the account columns are not read."""
    program, _, ada = team
    sign_in(client, ada)
    _import_twice(
        client,
        db,
        program,
        "instagram",
        "instagram.csv",
        mapping={
            "url": "Permalink",
            "published_on": "Publish time",
            "impressions": "Views",
            "likes": "Likes",
            "comments": "Comments",
            "shares": "Shares",
            "saves": "Saves",
            "format": "Post type",
        },
        ignored=[
            "Post ID",
            "Account ID",
            "Account username",
            "Account name",
            "Description",
            "Duration (sec)",
            "Data comment",
            "Date",
            "Reach",
            "Follows",
        ],
        expected={
            "https://www.instagram.com/p/DGx4kTqMabc/": _post(
                "2026-03-02", "image", 1840, 96, 11, 4, None, 7
            ),
            "https://www.instagram.com/reel/DHa9QzLtXyZ/": _post(
                "2026-03-09", "video", 12400, 610, 57, 88, None, 230
            ),
            "https://www.instagram.com/p/DHm2VwRsQ8p/": _post(
                "2026-03-16", "carousel", 3275, 188, 23, 19, None, 64
            ),
            "https://www.instagram.com/p/DIb7KcNo2Lm/": _post(
                "2026-03-31", "image", 980, 45, 3, 1, None, 2
            ),
        },
    )


def test_tiktok_preset_reads_the_tiktok_studio_export(client, db, team):
    """TikTok Studio's content export: "Total …" figures, "Add to favorites" as saves. The
    export has no format column: the created posts take the format their link shows (video)."""
    program, _, ada = team
    sign_in(client, ada)
    video = "https://www.tiktok.com/@ada.lovelace.de/video/"
    _import_twice(
        client,
        db,
        program,
        "tiktok",
        "tiktok.csv",
        mapping={
            "url": "Video link",
            "published_on": "Post time",
            "impressions": "Total views",
            "likes": "Total likes",
            "comments": "Total comments",
            "shares": "Total shares",
            "saves": "Add to favorites",
        },
        ignored=["Video title", "Average watch time", "Watched full video"],
        expected={
            f"{video}7477312345678901234": _post(
                "2026-03-03", "video", 18400, 1204, 48, 31, None, 122
            ),
            f"{video}7479876543210987654": _post("2026-03-10", "video", 9100, 640, 12, 9, None, 40),
            f"{video}7482223334445556667": _post("2026-03-17", "video", 3300, 210, 30, 4, None, 14),
            f"{video}7485550001112223334": _post("2026-03-24", "video", 257, 1, 0, 0, None, 0),
        },
    )
