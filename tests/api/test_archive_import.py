"""An influencer logs posts from their own data archive (LinkedIn, Instagram, TikTok): the
preview lists what it holds with suggestions, logging is all or nothing, only the post files
are read, and hostile or unknown archives get a clear 422 (or 413)."""

from __future__ import annotations

import zipfile
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from botschaft.identity.models import Role
from botschaft.posts.models import Post
from botschaft.tenancy.models import ProgramRole
from tests.support import archives
from tests.support.api import add_member, make_program, make_user, sign_in
from tests.support.clock import local_today

TODAY = local_today()
DAYS = [TODAY - timedelta(days=3), TODAY - timedelta(days=10), TODAY - timedelta(days=20)]
BEFORE = TODAY - timedelta(days=100)  # before the program started


@pytest.fixture
def world(db):
    program = make_program(
        db, starts_on=TODAY - timedelta(days=60), hashtags=["#WirSindMusterstadt"]
    )
    person, core = make_user(db), make_user(db, Role.core_team)
    add_member(db, program, person, ProgramRole.influencer)
    add_member(db, program, core, ProgramRole.core_team)
    return program, person, core


def _preview(client, program, data: bytes, name: str = "archive.zip"):
    return client.post(
        f"/api/v1/programs/{program}/posts/archive/preview",
        files={"file": (name, data, "application/zip")},
    )


def _log(client, program, posts):
    return client.post(f"/api/v1/programs/{program}/posts/archive", json={"posts": posts})


def _count(db, program) -> int:
    with db.session() as session:
        return session.scalar(select(func.count()).where(Post.program_id == program))


def test_a_linkedin_archive_lists_its_posts_and_logs_the_ticked_ones(client, db, world):
    program, person, _ = world
    me = sign_in(client, person)
    preview = _preview(me, program, archives.linkedin([*DAYS, BEFORE]))
    assert preview.status_code == 200, preview.text
    data = preview.json()
    assert data["source"] == "linkedin" and data["files"] == ["Shares.csv"]
    assert archives.NEVER_READ not in preview.text
    posts = data["posts"]
    assert [p["published_on"] for p in posts] == [str(d) for d in [*DAYS, BEFORE]]
    assert data["outside_period"] == 1 and posts[3]["in_period"] is False
    # The program hashtag is on every other post: those in the period are suggested.
    assert [p["preselected"] for p in posts] == [True, False, True, False]
    assert posts[0]["hashtags"] == ["#WirSindMusterstadt"]
    assert posts[0]["text"].startswith('Mein Tag im Bürgeramt #WirSindMusterstadt – "Service"')
    assert posts[1]["format"] == "image" and posts[0]["format"] == "text"
    assert all(p["url"].startswith("https://www.linkedin.com/feed/update/") for p in posts)

    ticked = [{k: p[k] for k in ("url", "published_on", "format", "hashtags")} for p in posts[:3]]
    logged = _log(me, program, ticked)
    assert logged.status_code == 200, logged.text
    assert logged.json() == {"created": 3, "skipped": []}
    assert _count(db, program) == 3
    # The same archive again: nothing new suggested, logging again skips them.
    again = _preview(me, program, archives.linkedin([*DAYS, BEFORE])).json()["posts"]
    assert [p["already_logged"] for p in again] == [True, True, True, False]
    assert not any(p["preselected"] for p in again)
    assert _log(me, program, ticked).json() == {"created": 0, "skipped": [t["url"] for t in ticked]}
    assert _count(db, program) == 3


def test_instagram_has_no_links_so_the_person_pastes_them(client, db, world):
    program, person, _ = world
    me = sign_in(client, person)
    data = _preview(me, program, archives.instagram(DAYS)).json()
    assert data["source"] == "instagram"
    assert sorted(data["files"]) == ["posts_1.json", "reels.json"]
    posts = data["posts"]
    assert [p["url"] for p in posts] == [None, None, None]
    assert posts[0]["text"].startswith("Grüße aus dem Rathaus")  # Latin-1 escapes undone
    assert [p["format"] for p in posts] == ["image", "image", "video"]
    assert [p["preselected"] for p in posts] == [True, True, False]  # the reel has no hashtag
    pasted = [
        {"url": f"https://www.instagram.com/p/Cabc{n}/", "published_on": p["published_on"],
         "format": p["format"], "hashtags": p["hashtags"]}
        for n, p in enumerate(posts)
    ]  # fmt: skip
    assert _log(me, program, pasted).json()["created"] == 3


def test_tiktok_videos_without_captions_are_all_suggested_within_the_period(client, db, world):
    program, person, _ = world
    me = sign_in(client, person)
    data = _preview(me, program, archives.tiktok([*DAYS, BEFORE])).json()
    assert data["source"] == "tiktok" and data["files"] == ["user_data_tiktok.json"]
    assert archives.NEVER_READ not in str(data)
    posts = data["posts"]
    assert [p["preselected"] for p in posts] == [True, True, True, False]
    assert {p["platform"] for p in posts} == {"tiktok"} and posts[0]["format"] == "video"
    ticked = [{k: p[k] for k in ("url", "published_on", "format", "hashtags")} for p in posts[:3]]
    assert _log(me, program, ticked).json()["created"] == 3
    with db.session() as session:
        keys = sorted(session.scalars(select(Post.post_key).where(Post.program_id == program)))
    assert keys == [f"tiktok:72290000000000000{n:02d}" for n in range(3)]


def test_only_the_post_files_are_opened(client, db, world, monkeypatch):
    program, person, _ = world
    opened = []
    original = zipfile.ZipFile.open

    def recording(self, name, mode="r", *args, **kwargs):
        if mode == "r":  # not the writes that make the test archives
            opened.append(getattr(name, "filename", name))
        return original(self, name, mode, *args, **kwargs)

    monkeypatch.setattr(zipfile.ZipFile, "open", recording)
    me = sign_in(client, person)
    for make in (archives.linkedin, archives.instagram, archives.tiktok):
        assert _preview(me, program, make(DAYS)).status_code == 200
    assert sorted(opened) == sorted(
        [
            "Shares.csv",
            "your_instagram_activity/content/posts_1.json",
            "your_instagram_activity/content/reels.json",
            "user_data_tiktok.json",
        ]
    )


def test_a_single_posts_file_is_enough(client, db, world):
    program, person, _ = world
    me = sign_in(client, person)
    with zipfile.ZipFile(__import__("io").BytesIO(archives.linkedin(DAYS))) as z:
        shares = z.read("Shares.csv")
    data = _preview(me, program, shares, "Shares.csv")
    assert data.status_code == 200, data.text
    assert len(data.json()["posts"]) == 3


@pytest.mark.parametrize(
    ("make", "status", "problem"),
    [
        (lambda: b"not a zip at all", 422, "archive_unknown"),
        (lambda: b"PK\x03\x04 broken", 422, "archive_invalid"),
        (archives.bomb, 422, "archive_too_large"),
        (lambda: archives.nested(3, archives.linkedin(DAYS)), 422, "archive_too_deep"),
        (archives.unknown_layout, 422, "archive_unknown"),
    ],
    ids=["not-zip", "broken-zip", "zip-bomb", "too-deep", "unknown-layout"],
)
def test_hostile_or_unknown_archives_get_a_clear_answer(client, db, world, make, status, problem):
    program, person, _ = world
    me = sign_in(client, person)
    answer = _preview(me, program, make())
    assert answer.status_code == status, answer.text
    error = answer.json()["errors"][0]
    assert error["field"] == "file" and error["type"] == problem
    assert _count(db, program) == 0


def test_one_nested_zip_is_read(client, db, world):
    program, person, _ = world
    me = sign_in(client, person)
    answer = _preview(me, program, archives.nested(1, archives.linkedin(DAYS)))
    assert answer.status_code == 200 and len(answer.json()["posts"]) == 3


def test_a_bad_post_in_the_batch_logs_none(client, db, world):
    program, person, _ = world
    me = sign_in(client, person)
    good = {"url": "https://www.instagram.com/p/Cgood/", "published_on": str(DAYS[0])}
    future = {"url": "https://www.instagram.com/p/Cfuture/",
              "published_on": str(TODAY + timedelta(days=5))}  # fmt: skip
    answer = _log(me, program, [good, future])
    assert answer.status_code == 422, answer.text
    assert answer.json()["errors"][0]["field"] == "posts.1.published_on"
    assert _count(db, program) == 0
    bad_link = _log(
        me, program, [good, {"url": "javascript:alert(1)", "published_on": str(DAYS[0])}]
    )
    assert bad_link.status_code == 422 and bad_link.json()["errors"][0]["field"] == "posts.1.url"
    assert _count(db, program) == 0


def test_only_influencers_import_their_own_archive(client, db, world):
    program, _, core = world
    team = sign_in(client, core)
    assert _preview(team, program, archives.linkedin(DAYS)).status_code == 403
    assert (
        _log(
            team, program, [{"url": "https://x.com/a/status/1", "published_on": str(TODAY)}]
        ).status_code
        == 403
    )
