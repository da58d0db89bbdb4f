"""Importing figures from CSV and XLSX: preview, all-or-nothing, idempotent, row-level errors."""

from __future__ import annotations

import io
import json

import pytest
from openpyxl import Workbook
from sqlalchemy import func, select

from botschaft.identity.models import Role
from botschaft.posts import imports
from botschaft.posts.models import MAX_COUNT, Post, PostMetricSnapshot
from botschaft.tenancy.models import ProgramRole
from tests.support.api import add_member, make_program, make_user, sign_in


@pytest.fixture
def team(db):
    program = make_program(db, timezone="Europe/Berlin")
    core = make_user(db, Role.core_team)
    add_member(db, program, core, ProgramRole.core_team)
    ada = make_user(db, Role.influencer, email="ada@example.org")
    add_member(db, program, ada, ProgramRole.influencer)
    return program, core, ada


def _count(db, model) -> int:
    with db.session() as session:
        return session.scalar(select(func.count()).select_from(model))


def _log(client, program, url):
    response = client.post(f"/api/v1/programs/{program}/posts", json={"url": url})
    assert response.status_code == 201, response.text
    return response.json()


GENERIC = (
    "url;published_on;read_at;impressions;likes;comments;shares\n"
    "https://www.linkedin.com/posts/ada-1?utm_source=x;2026-02-01;2026-03-01T09:00:00+01:00;1.200;40;5;1\n"
    "https://www.instagram.com/p/ADA2/;01.02.2026;2026-03-01T09:00:00+01:00;900;30;2;0\n"
)


def test_preview_then_import_the_generic_template(client, db, team):
    program, _, ada = team
    sign_in(client, ada)
    first = _log(client, program, "https://linkedin.com/posts/ada-1")
    _log(client, program, "https://instagram.com/p/ADA2")
    files = {"file": ("figures.csv", GENERIC.encode(), "text/csv")}
    preview = client.post(f"/api/v1/programs/{program}/posts/imports/preview", files=files)
    assert preview.status_code == 200, preview.text
    body = preview.json()
    assert body["mapping"]["likes"] == "likes" and body["rows_total"] == 2
    assert (body["matched"], body["unmatched"], body["errors"]) == (2, 0, [])
    assert _count(db, PostMetricSnapshot) == 0, "a preview changes nothing"

    done = client.post(f"/api/v1/programs/{program}/posts/imports", files=files)
    assert done.status_code == 200, done.text
    assert done.json() == {
        "rows": 2,
        "posts_created": 0,
        "readings_added": 2,
        "readings_updated": 0,
    }
    post = client.get(f"/api/v1/programs/{program}/posts/{first['id']}").json()
    assert (post["impressions"], post["likes"], post["comments"], post["shares"]) == (
        1200,
        40,
        5,
        1,
    )

    again = client.post(f"/api/v1/programs/{program}/posts/imports", files=files)
    assert again.json() == {
        "rows": 2,
        "posts_created": 0,
        "readings_added": 0,
        "readings_updated": 0,
    }
    assert _count(db, PostMetricSnapshot) == 2, "re-importing the same file changes nothing"
    corrected = GENERIC.replace(";1.200;40;", ";1.200;41;").encode()
    fixed = client.post(
        f"/api/v1/programs/{program}/posts/imports",
        files={"file": ("figures.csv", corrected, "text/csv")},
    )
    assert fixed.json()["readings_updated"] == 1 and fixed.json()["readings_added"] == 0
    assert client.get(f"/api/v1/programs/{program}/posts/{first['id']}").json()["likes"] == 41


def test_a_file_with_broken_rows_is_refused_whole(client, db, team):
    program, _, ada = team
    sign_in(client, ada)
    _log(client, program, "https://linkedin.com/posts/ada-1")
    broken = (
        "url;likes;comments\n"
        "https://linkedin.com/posts/ada-1;12;1\n"
        "https://linkedin.com/posts/ada-1;-3;1\n"
        "javascript:alert(1);4;1\n"
        "https://linkedin.com/posts/unknown;5;viele\n"
    )
    response = client.post(
        f"/api/v1/programs/{program}/posts/imports",
        files={"file": ("f.csv", broken.encode(), "text/csv")},
    )
    assert response.status_code == 422
    fields = {e["field"] for e in response.json()["errors"]}
    assert {"rows[3].likes", "rows[4].url", "rows[5].comments"} <= fields
    assert _count(db, PostMetricSnapshot) == 0, "nothing is half-imported"


def test_a_count_too_large_for_the_database_is_a_row_error(client, db, team):
    """Not a 500 from PostgreSQL's 32-bit columns: the row names the figure."""
    program, _, ada = team
    sign_in(client, ada)
    _log(client, program, "https://linkedin.com/posts/ada-1")
    rows = f"url;likes;shares\nhttps://linkedin.com/posts/ada-1;{MAX_COUNT + 1};10000000000\n"
    response = client.post(
        f"/api/v1/programs/{program}/posts/imports",
        files={"file": ("f.csv", rows.encode(), "text/csv")},
    )
    assert response.status_code == 422, response.text
    assert {e["field"] for e in response.json()["errors"]} == {"rows[2].likes", "rows[2].shares"}
    assert _count(db, PostMetricSnapshot) == 0


def test_lone_cr_line_ends_are_read_and_unreadable_csv_is_a_422(client, db, team):
    """The fuzz run found a lone CR in a CSV answered 500 (csv.Error): lines ending in CR
    (old Mac exports) are read, and a file the CSV reader cannot read is the file's problem."""
    program, _, ada = team
    sign_in(client, ada)
    post = _log(client, program, "https://linkedin.com/posts/ada-1")
    base = f"/api/v1/programs/{program}/posts/imports"
    mac = b"url;likes\rhttps://linkedin.com/posts/ada-1;12\r"
    done = client.post(base, files={"file": ("f.csv", mac, "text/csv")})
    assert done.status_code == 200, done.text
    assert client.get(f"/api/v1/programs/{program}/posts/{post['id']}").json()["likes"] == 12
    for content in (b"CV\rC\xc2\xbe\xc2\xb6", b"url\n" + b"x" * 200_000):
        refused = client.post(base, files={"file": ("f.csv", content, "text/csv")})
        assert refused.status_code == 422, refused.text
        assert refused.json()["errors"][0]["field"] == "file"


def test_unknown_links_are_reported_or_created_on_request(client, db, team):
    program, core, _ = team
    sign_in(client, core)
    csv_text = "Link;Reaktionen;E-Mail\nhttps://tiktok.com/@ada/video/1;7;ada@example.org\n"
    files = {"file": ("f.csv", csv_text.encode(), "text/csv")}
    refused = client.post(f"/api/v1/programs/{program}/posts/imports", files=files)
    assert refused.status_code == 422
    assert refused.json()["errors"][0]["field"] == "rows[2].url"
    created = client.post(
        f"/api/v1/programs/{program}/posts/imports", files=files, data={"create_missing": "true"}
    )
    assert created.status_code == 200, created.text
    assert created.json()["posts_created"] == 1
    posts = client.get(f"/api/v1/programs/{program}/posts").json()["items"]
    assert [(p["platform"], p["likes"]) for p in posts] == [("tiktok", 7)]


def test_linkedin_export_with_a_title_block(client, db, team):
    program, _, ada = team
    sign_in(client, ada)
    _log(client, program, "https://www.linkedin.com/feed/update/urn:li:activity:7281")
    book = Workbook()
    sheet = book.active
    sheet.append(["Post analytics"])
    sheet.append(["Exported 2026-03-01"])
    sheet.append([])
    sheet.append(
        [
            "Post URL",
            "Post publish date",
            "Impressions",
            "Reactions",
            "Comments",
            "Reposts",
            "Clicks",
        ]
    )
    sheet.append(
        [
            "https://www.linkedin.com/feed/update/urn:li:activity:7281/",
            "02/15/2026",
            5000,
            120,
            14,
            6,
            80,
        ]
    )
    buffer = io.BytesIO()
    book.save(buffer)
    files = {"file": ("linkedin.xlsx", buffer.getvalue(), "application/octet-stream")}
    response = client.post(
        f"/api/v1/programs/{program}/posts/imports", files=files, data={"preset": "linkedin"}
    )
    assert response.status_code == 200, response.text
    post = client.get(f"/api/v1/programs/{program}/posts").json()["items"][0]
    assert (post["impressions"], post["likes"], post["shares"], post["clicks"]) == (
        5000,
        120,
        6,
        80,
    )


def test_a_row_naming_a_logged_post_by_another_link_form_updates_that_post(client, db, team):
    program, core, ada = team
    sign_in(client, ada)
    logged = _log(
        client,
        program,
        "https://www.linkedin.com/posts/ada_stadt-activity-7150123456789012345-AbCd",
    )
    csv_text = (
        "url;likes\n"
        "https://www.linkedin.com/feed/update/urn:li:activity:7150123456789012345/;12\n"
        # a new post, named twice in the file by two of its link forms: created once
        "https://www.instagram.com/reel/DMs123/?igsh=x;4\n"
        "https://instagram.com/p/DMs123;5\n"
    )
    done = client.post(
        f"/api/v1/programs/{program}/posts/imports",
        files={"file": ("f.csv", csv_text.encode(), "text/csv")},
        data={"create_missing": "true"},
    )
    assert done.status_code == 200, done.text
    assert done.json()["posts_created"] == 1
    posts = {
        p["post_key"]: p for p in client.get(f"/api/v1/programs/{program}/posts").json()["items"]
    }
    assert set(posts) == {"linkedin:activity:7150123456789012345", "instagram:DMs123"}
    assert posts["linkedin:activity:7150123456789012345"]["id"] == logged["id"]
    assert posts["linkedin:activity:7150123456789012345"]["likes"] == 12
    # The same reading twice: the last row wins; the link shown is the first row's.
    assert posts["instagram:DMs123"]["likes"] == 5
    assert posts["instagram:DMs123"]["url"] == "https://www.instagram.com/reel/DMs123/?igsh=x"
    duplicate = client.post(
        f"/api/v1/programs/{program}/posts", json={"url": "https://instagram.com/reels/DMs123/"}
    )
    assert duplicate.status_code == 409
    assert duplicate.json()["existing"]["id"] == posts["instagram:DMs123"]["id"]


def test_another_influencers_post_cannot_be_touched_by_import(client, new_client, db, team):
    program, _, ada = team
    sign_in(client, ada)
    _log(client, program, "https://linkedin.com/posts/ada-1")
    bob = make_user(db, Role.influencer)
    add_member(db, program, bob, ProgramRole.influencer)
    other = sign_in(new_client(), bob)
    response = other.post(
        f"/api/v1/programs/{program}/posts/imports",
        files={"file": ("f.csv", b"url;likes\nhttps://linkedin.com/posts/ada-1;999\n", "text/csv")},
    )
    assert response.status_code == 422
    assert client.get(f"/api/v1/programs/{program}/posts").json()["items"][0]["likes"] == 0


@pytest.mark.parametrize(
    ("name", "content", "data", "field"),
    [
        ("x.png", b"\x89PNG\r\n\x1a\n\x00\x00", {}, "file"),
        ("x.xlsx", b"PK\x03\x04broken", {}, "file"),
        ("x.csv", b"", {}, "file"),
        ("x.csv", b"name;likes\nAda;3\n", {}, "file"),
        (
            "x.csv",
            b"url;likes\nhttps://a.de/p;1\n",
            {"mapping": json.dumps({"likes": "Gefällt"})},
            "mapping",
        ),
        ("x.csv", b"url;likes\nhttps://a.de/p;1\n", {"mapping": "{not json"}, "mapping"),
    ],
)
def test_bad_files_and_mappings_name_the_problem(client, db, team, name, content, data, field):
    program, _, ada = team
    sign_in(client, ada)
    response = client.post(
        f"/api/v1/programs/{program}/posts/imports/preview",
        files={"file": (name, content, "application/octet-stream")},
        data=data,
    )
    assert response.status_code == 422, response.text
    assert response.json()["errors"][0]["field"] == field


def test_a_file_over_the_upload_limit_is_413(client, db, team, settings):
    program, _, ada = team
    settings.max_upload_bytes = 100
    sign_in(client, ada)
    response = client.post(
        f"/api/v1/programs/{program}/posts/imports",
        files={"file": ("f.csv", b"url;likes\n" + b"https://a.de/p;1\n" * 20, "text/csv")},
    )
    assert response.status_code == 413 and response.json()["errors"][0]["field"] == "file"
    assert _count(db, Post) == 0


def _figures_file(rows: list[str]) -> dict:
    text = "url;published_on;read_at;impressions;likes;comments;shares\n" + "\n".join(rows) + "\n"
    return {"file": ("figures.csv", text.encode(), "text/csv")}


def test_importing_the_same_file_again_and_again_changes_nothing(client, db, team, monkeypatch):
    """Several lookup chunks, and more imports than psycopg's prepare threshold (5), which
    once made PostgreSQL plan the lookups without their keys (core.database now prepares no
    statements on the server). The created posts are ordinary posts (versioned, editable),
    and a no-op re-import leaves them exactly as they were."""
    program, _, ada = team
    sign_in(client, ada)
    monkeypatch.setattr(imports, "LOOKUP_CHUNK", 3)
    rows = [
        f"https://www.linkedin.com/posts/ada-{n};2026-02-01;2026-03-01T09:00:00+01:00;"
        f"{100 * n};{n};1;0"
        for n in range(8)
    ]
    url = f"/api/v1/programs/{program}/posts/imports"
    first = client.post(url, files=_figures_file(rows), data={"create_missing": "true"})
    assert first.json() == {
        "rows": 8,
        "posts_created": 8,
        "readings_added": 8,
        "readings_updated": 0,
    }
    posts = f"/api/v1/programs/{program}/posts"
    before = client.get(posts, params={"limit": 100}).json()["items"]
    assert {(p["version"], p["format"], tuple(p["hashtags"])) for p in before} == {(1, "text", ())}
    assert sorted(p["likes"] for p in before) == list(range(8))

    for _ in range(6):
        again = client.post(url, files=_figures_file(rows), data={"create_missing": "true"})
        assert again.json() == {
            "rows": 8,
            "posts_created": 0,
            "readings_added": 0,
            "readings_updated": 0,
        }
    assert client.get(posts, params={"limit": 100}).json()["items"] == before
    assert _count(db, PostMetricSnapshot) == 8

    # A later reading of one post is added and shown; a corrected reading replaces the old one.
    later = rows[2].replace("2026-03-01T09", "2026-03-05T09").replace(";200;2;1;0", ";250;9;1;0")
    corrected = rows[3].replace(";300;3;1;0", ";300;4;1;0")
    changed = client.post(url, files=_figures_file([later, corrected]))
    assert changed.json() == {
        "rows": 2,
        "posts_created": 0,
        "readings_added": 1,
        "readings_updated": 1,
    }
    shown = {p["url"][-5:]: p for p in client.get(posts, params={"limit": 100}).json()["items"]}
    assert (shown["ada-2"]["impressions"], shown["ada-2"]["likes"]) == (250, 9)
    assert shown["ada-3"]["likes"] == 4
    edited = client.patch(f"{posts}/{shown['ada-2']['id']}", json={"version": 1, "topic": "AI"})
    assert edited.status_code == 200, edited.text


def test_format_is_imported_and_unused_columns_are_named(client, db, team):
    """A format column sets the format of new posts and changes it on logged ones (the
    rollups follow); a column nothing reads is listed as ignored in the preview."""
    from tests.api.test_rollup import _stored_and_fresh

    program, core, ada = team
    sign_in(client, ada)
    logged = _log(client, program, "https://www.instagram.com/p/FMT1/")
    assert logged["format"] == "text"
    content = (
        "url;published_on;likes;Beitragsart;Kampagne\n"
        "https://www.instagram.com/p/FMT1/;2026-02-01;10;Reel;Frühling\n"
        "https://www.instagram.com/p/FMT2/;Mar 3, 2026;20;Karussell;Frühling\n"
        "https://www.instagram.com/p/FMT3/;03/04/2026;5;Foto;Frühling\n"
    )
    files = {"file": ("figures.csv", content.encode(), "text/csv")}
    preview = client.post(f"/api/v1/programs/{program}/posts/imports/preview", files=files)
    assert preview.status_code == 200, preview.text
    body = preview.json()
    assert body["mapping"]["format"] == "Beitragsart" and body["ignored"] == ["Kampagne"]
    done = client.post(
        f"/api/v1/programs/{program}/posts/imports", files=files, data={"create_missing": "true"}
    )
    assert done.status_code == 200, done.text
    posts = {
        p["url"]: (p["format"], p["published_on"])
        for p in client.get(f"/api/v1/programs/{program}/posts").json()["items"]
    }
    assert posts == {
        "https://www.instagram.com/p/FMT1/": ("video", logged["published_on"]),
        "https://www.instagram.com/p/FMT2/": ("carousel", "2026-03-03"),
        "https://www.instagram.com/p/FMT3/": ("image", "2026-03-04"),  # US month first
    }
    stored, fresh = _stored_and_fresh(db)
    assert stored == fresh  # the format breakdown follows the changed post


def test_an_unknown_format_is_a_row_error(client, db, team):
    program, _, ada = team
    sign_in(client, ada)
    content = "url;format\nhttps://www.instagram.com/p/FMT9/;Hologramm\n"
    files = {"file": ("figures.csv", content.encode(), "text/csv")}
    answer = client.post(
        f"/api/v1/programs/{program}/posts/imports", files=files, data={"create_missing": "true"}
    )
    assert answer.status_code == 422
    assert answer.json()["errors"][0]["field"] == "rows[2].format"
    assert _count(db, Post) == 0


def test_a_preset_also_reads_the_influencers_email(client, db, team):
    """The core team imports a LinkedIn export for several people: the preset maps the
    figures, the synonyms add the email column the preset does not know."""
    program, core, ada = team
    sign_in(client, core)
    content = (
        "Post URL,Post publish date,Impressions,Reactions,Comments,Reposts,Clicks,E-Mail\n"
        "https://www.linkedin.com/feed/update/urn:li:activity:9001/,02/15/2026,500,12,1,0,3,"
        "ada@example.org\n"
    )
    files = {"file": ("linkedin.csv", content.encode(), "text/csv")}
    preview = client.post(
        f"/api/v1/programs/{program}/posts/imports/preview",
        files=files,
        data={"preset": "linkedin"},
    ).json()
    assert preview["mapping"]["member_email"] == "E-Mail" and preview["ignored"] == []
    done = client.post(
        f"/api/v1/programs/{program}/posts/imports",
        files=files,
        data={"preset": "linkedin", "create_missing": "true"},
    )
    assert done.status_code == 200, done.text
    [post] = client.get(f"/api/v1/programs/{program}/posts").json()["items"]
    assert (post["impressions"], post["published_on"]) == (500, "2026-02-15")
    with db.session() as session:
        owner = session.scalar(select(Post.member_id))
        from botschaft.tenancy.models import ProgramMembership

        assert session.get(ProgramMembership, owner).user_id == ada.id
