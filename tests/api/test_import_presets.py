"""The import presets against a small export per platform (tests/fixtures/imports/).

Each file is written the way the platform writes it: LinkedIn's title block above the header,
Meta's byte-order mark, quoted captions and "Lifetime" in the Date column, TikTok's
"Total shares" header with a trailing no-break space. An influencer imports her own export:
the preview maps the preset's columns and names the ignored ones, the import creates the
missing posts with the file's figures, and importing the same file again changes nothing.
"""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import pytest
from openpyxl import Workbook
from sqlalchemy import func, select

from botschaft.identity.models import Role
from botschaft.posts.models import Post, PostMetricSnapshot
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


def _posts(db) -> int:
    with db.session() as session:
        return session.scalar(select(func.count()).select_from(Post))


@pytest.mark.parametrize(
    ("preset", "filename", "content", "missing"),
    [
        # another platform's export
        ("linkedin", "tiktok.csv", None, ["Post URL", "Post publish date"]),
        ("instagram", "linkedin.csv", None, ["Permalink", "Publish time"]),
        ("tiktok", "instagram.csv", None, ["Video link", "Post time"]),
        # the right export without its date column
        (
            "tiktok",
            "tiktok.csv",
            b"Video link,Total views\nhttps://www.tiktok.com/@ada/video/7477312345678901234,5\n",
            ["Post time"],
        ),
        # no link column at all
        ("instagram", "figures.csv", b"Publish time,Views\n03/02/2026 08:30,5\n", None),
    ],
)
def test_a_preset_whose_columns_are_missing_is_refused(
    client, db, team, preset, filename, content, missing
):
    """Choosing a preset for a file without its link and date columns is a 422 that names
    the missing columns, for the check and the import alike; nothing is written (before, the
    synonyms quietly mapped whatever they found)."""
    program, core, ada = team
    sign_in(client, core)
    data = content if content is not None else (FIXTURES / filename).read_bytes()
    missing = missing or ["Permalink", "Publish time"]
    base = f"/api/v1/programs/{program}/posts/imports"
    form = {"preset": preset, "create_missing": "true", "outside_period": "true"}
    for url in (f"{base}/preview", base):
        refused = client.post(url, files={"file": (filename, data, "text/csv")}, data=form)
        assert refused.status_code == 422, refused.text
        assert refused.headers["content-type"].startswith("application/problem+json")
        body = refused.json()
        assert body["type"].endswith("/preset_columns_missing")
        assert body["params"] == {"preset": preset, "columns": missing}
        [error] = body["errors"]
        assert (error["field"], error["type"]) == ("preset", "preset_columns_missing")
        for column in missing:
            assert f"'{column}'" in error["message"] and f"'{column}'" in body["detail"]
    assert (_posts(db), _snapshots(db)) == (0, 0)


def test_a_mapping_sent_with_a_preset_is_used_as_it_is(client, db, team):
    """The user's own mapping replaces the preset's: its columns need not be there."""
    program, _, ada = team
    sign_in(client, ada)
    data = (FIXTURES / "tiktok.csv").read_bytes()
    preview = client.post(
        f"/api/v1/programs/{program}/posts/imports/preview",
        files={"file": ("tiktok.csv", data, "text/csv")},
        data={
            "preset": "linkedin",
            "mapping": '{"url": "Video link", "published_on": "Post time"}',
        },
    )
    assert preview.status_code == 200, preview.text
    assert preview.json()["rows_total"] == 4


ACTIVITY = "https://www.linkedin.com/feed/update/urn:li:activity:"


def linkedin_aggregate_workbook() -> bytes:
    """LinkedIn's creator analytics export ("AggregateAnalytics_….xlsx"), as LinkedIn writes it:
    five sheets; TOP POSTS has a title line, then (from row 3) the posts with the most
    engagements (columns A–C) and, beside them, those with the most impressions (E–G), dates
    month first and numbers as text. The two lists overlap but are not the same."""
    book = Workbook()
    book.active.title = "DISCOVERY"
    book.active.append(["Overall Performance", "3/1/2026 - 3/31/2026"])
    book.active.append(["Impressions", "8,127"])
    book.create_sheet("ENGAGEMENT").append(["Date", "Impressions", "Engagements"])
    top = book.create_sheet("TOP POSTS")
    top.append(["Maximum of 50 posts available to include in this list"])
    top.append([])
    top.append(
        ["Post URL", "Post publish date", "Engagements", None]
        + ["Post URL", "Post publish date", "Impressions"]
    )
    top.append(
        [f"{ACTIVITY}7302345678901234567/", "3/4/2026", "140", None]
        + [f"{ACTIVITY}7302345678901234567/", "3/4/2026", "5,210"]
    )
    top.append(
        [f"{ACTIVITY}7305012345678901234/", "3/11/2026", "51", None]
        + [f"{ACTIVITY}7309999999999999999/", "3/27/2026", "1,904"]
    )
    top.append(
        [f"{ACTIVITY}7307698765432109876/", "3/25/2026", "12", None]
        + [f"{ACTIVITY}7305012345678901234/", "3/11/2026", "2,400"]
    )
    book.create_sheet("FOLLOWERS").append(["Total followers on 3/31/2026:", "1,873"])
    book.create_sheet("DEMOGRAPHICS").append(["Top Demographics", "Value", "Percentage"])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize("preset", ["linkedin", None])
def test_linkedin_creator_workbook_gives_the_impressions_per_post(client, db, team, preset):
    """The TOP POSTS sheet of LinkedIn's creator analytics workbook: its two tables merged by
    link. Impressions are taken; "Engagements" is a total without the split into reactions,
    comments and reposts, so it is listed as ignored and a logged post keeps its likes,
    comments and shares. A post in the engagements list only gets no impressions."""
    program, _, ada = team
    sign_in(client, ada)
    base = f"/api/v1/programs/{program}/posts/imports"
    # Two posts logged first with their full figures (the per-post export).
    csv = (FIXTURES / "linkedin.csv").read_bytes()
    first = client.post(
        base,
        files={"file": ("linkedin.csv", csv, "text/csv")},
        data={"preset": "linkedin", "create_missing": "true"},
    )
    assert first.status_code == 200, first.text
    listing = f"/api/v1/programs/{program}/posts"
    before = {p["url"]: p for p in client.get(listing, params={"limit": 100}).json()["items"]}

    workbook = linkedin_aggregate_workbook()
    files = {"file": ("AggregateAnalytics_Ada_Lovelace.xlsx", workbook, "application/zip")}
    form = {"preset": preset} if preset else {}
    preview = client.post(f"{base}/preview", files=files, data=form)
    assert preview.status_code == 200, preview.text
    body = preview.json()
    assert body["mapping"] == {
        "url": "Post URL",
        "published_on": "Post publish date",
        "impressions": "Impressions",
    }
    assert body["ignored"] == ["Engagements"]
    assert (body["rows_total"], body["matched"], body["unmatched"], body["errors"]) == (
        4,
        3,
        1,
        [],
    )

    done = client.post(base, files=files, data=form | {"create_missing": "true"})
    assert done.status_code == 200, done.text
    assert (done.json()["rows"], done.json()["posts_created"]) == (4, 1)
    after = {p["url"]: p for p in client.get(listing, params={"limit": 100}).json()["items"]}
    figures = ("published_on", "impressions", "likes", "comments", "shares", "clicks")
    expected = {
        f"{ACTIVITY}7302345678901234567/": ("2026-03-04", 5210, 120, 14, 6, 80),
        f"{ACTIVITY}7305012345678901234/": ("2026-03-11", 2400, 47, 3, 1, 19),
        # in the engagements list only: the impressions it had stay
        f"{ACTIVITY}7307698765432109876/": ("2026-03-25", 812, 12, 0, 0, 4),
        # new: impressions only, nothing invented for the rest
        f"{ACTIVITY}7309999999999999999/": ("2026-03-27", 1904, 0, 0, 0, None),
    }
    assert {u: tuple(p[f] for f in figures) for u, p in after.items()} == expected
    assert set(before) < set(after)

    again = client.post(base, files=files, data=form | {"create_missing": "true"})
    assert again.status_code == 200, again.text
    assert (again.json()["posts_created"], again.json()["readings_updated"]) == (0, 0)
