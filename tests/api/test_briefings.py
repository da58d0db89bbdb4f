"""Briefings, ideas, read marks and uploaded files."""

from __future__ import annotations

import io
import zipfile
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from botschaft.briefings.models import Briefing
from botschaft.core.database import utcnow
from botschaft.files.models import StoredFile
from botschaft.identity.models import Role
from botschaft.tenancy.models import ProgramRole
from tests.support.api import add_member, make_program, make_user, sign_in
from tests.support.factories import make_team

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


@pytest.fixture
def team(db):
    return make_team(db)


def _count(db, model) -> int:
    with db.session() as session:
        return session.scalar(select(func.count()).select_from(model))


def _field(response) -> str:
    assert response.headers["content-type"] == "application/problem+json"
    return response.json()["errors"][0]["field"]


def test_current_briefings_read_marks_and_expiry(client, new_client, db, team):
    program, people = team
    sign_in(client, people["core"][0])
    base = f"/api/v1/programs/{program}/briefings"
    share = client.post(
        base, json={"kind": "briefing", "stance": "share", "title": "Stadtfest am Samstag"}
    ).json()
    client.post(
        base,
        json={
            "kind": "briefing",
            "stance": "hold_back",
            "title": "Haushalt: noch nicht posten",
            "expires_at": (utcnow() - timedelta(hours=1)).isoformat(),
        },
    )
    client.post(base, json={"kind": "guideline", "title": "Social-Media-Leitfaden"})
    ada = sign_in(new_client(), people["ada"][0])
    current = ada.get(base, params={"current": True, "kind": "briefing"}).json()
    assert [b["title"] for b in current] == ["Stadtfest am Samstag"], "expired ones drop out"
    assert current[0]["read"] is False
    assert ada.put(f"{base}/{share['id']}/read").json()["read"] is True
    assert ada.put(f"{base}/{share['id']}/read").status_code == 200, "idempotent"
    bob = sign_in(new_client(), people["bob"][0])
    assert bob.get(base, params={"kind": "briefing", "current": True}).json()[0]["read"] is False


def test_influencers_suggest_ideas_that_the_core_team_publishes(client, new_client, db, team):
    program, people = team
    base = f"/api/v1/programs/{program}/briefings"
    ada = sign_in(new_client(), people["ada"][0])
    idea = ada.post(
        base,
        json={"kind": "idea", "title": "Neue Kita", "link_url": "https://example.org/kita"},
    ).json()
    assert idea["status"] == "suggested"
    refused = ada.post(base, json={"kind": "guideline", "title": "Meine Regeln"})
    assert refused.status_code == 422 and _field(refused) == "kind"
    bob = sign_in(new_client(), people["bob"][0])
    assert bob.get(base).json() == [], "another influencer's suggestion is not shown"
    sign_in(client, people["core"][0])
    published = client.patch(f"{base}/{idea['id']}", json={"version": 1, "status": "published"})
    assert published.json()["status"] == "published"
    assert [b["title"] for b in bob.get(base).json()] == ["Neue Kita"]


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"kind": "briefing", "title": "Ohne Haltung"}, "stance"),
        ({"kind": "guideline", "stance": "share", "title": "X"}, "stance"),
        ({"kind": "idea", "title": "Nur Text"}, "link_url"),
        (
            {
                "kind": "idea",
                "title": "Fertiger Text",
                "link_url": "https://e.org",
                "body": "x" * 501,
            },
            "body",
        ),
        ({"kind": "briefing", "stance": "maybe", "title": "X"}, "stance"),
        ({"kind": "guideline", "title": "X", "link_url": "javascript:alert(1)"}, "link_url"),
    ],
)
def test_bad_briefings_are_refused(client, db, team, body, field):
    program, people = team
    sign_in(client, people["core"][0])
    response = client.post(f"/api/v1/programs/{program}/briefings", json=body)
    assert response.status_code == 422 and _field(response) == field
    assert _count(db, Briefing) == 0


def _docx() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


def test_files_are_served_safely_to_members_only(client, new_client, db, team):
    program, people = team
    sign_in(client, people["core"][0])
    base = f"/api/v1/programs/{program}/files"
    pdf = client.post(base, files={"file": ("Leitfaden.pdf", b"%PDF-1.7 test", "text/html")})
    assert pdf.status_code == 201, pdf.text
    assert pdf.json()["content_type"] == "application/pdf", "the server decides, not the client"
    picture = client.post(base, files={"file": ("Bild.png", PNG, "image/png")}).json()
    docx = client.post(base, files={"file": ("Plan.docx", _docx(), "application/zip")})
    assert docx.status_code == 201

    hr = sign_in(new_client(), people["hr"][0])
    got = hr.get(f"{base}/{pdf.json()['id']}")
    assert got.content == b"%PDF-1.7 test"
    assert got.headers["content-type"] == "application/pdf"
    assert got.headers["content-disposition"].startswith("attachment;")
    assert got.headers["x-content-type-options"] == "nosniff"
    assert "sandbox" in got.headers["content-security-policy"]
    image = hr.get(f"{base}/{picture['id']}")
    assert image.headers["content-disposition"].startswith("inline;")

    outsider = make_user(db, Role.influencer)
    add_member(db, make_program(db), outsider, ProgramRole.influencer)
    assert sign_in(new_client(), outsider).get(f"{base}/{pdf.json()['id']}").status_code == 404
    assert new_client().get(f"{base}/{pdf.json()['id']}").status_code == 401


@pytest.mark.parametrize(
    ("name", "content", "status"),
    [
        ("script.html", b"<script>alert(1)</script>", 422),
        ("tool.exe", b"MZ\x90\x00", 422),
        ("fake.pdf", b"<html><script>", 422),
        ("fake.png", b"%PDF-1.4", 422),
        ("fake.docx", b"PK\x03\x04garbage", 422),
        ("binary.txt", b"abc\x00def", 422),
        ("empty.pdf", b"", 422),
        ("big.pdf", b"%PDF-" + b"0" * 2048, 413),
    ],
)
def test_forbidden_or_oversized_files_are_refused(
    client, db, team, settings, name, content, status
):
    program, people = team
    settings.max_upload_bytes = 1024
    sign_in(client, people["core"][0])
    response = client.post(
        f"/api/v1/programs/{program}/files", files={"file": (name, content, "application/pdf")}
    )
    assert response.status_code == status, response.text
    assert _field(response) == "file"
    assert _count(db, StoredFile) == 0


def test_every_type_a_file_is_served_as_is_documented(client, db, team):
    """files_get answers with the stored type (PDF, PNG, DOCX, ...); the API description must
    list each, or clients and the fuzz run's content-type check reject the download."""
    program, people = team
    sign_in(client, people["core"][0])
    base = f"/api/v1/programs/{program}/files"
    documented = client.app.openapi()["paths"]["/api/v1/programs/{program_id}/files/{file_id}"][
        "get"
    ]["responses"]["200"]["content"]
    uploads = [
        ("Leitfaden.pdf", b"%PDF-1.7 test"),
        ("Bild.png", PNG),
        ("Plan.docx", _docx()),
        ("Notiz.txt", "Grüße".encode()),
    ]
    for name, content in uploads:
        stored = client.post(base, files={"file": (name, content, "application/octet-stream")})
        assert stored.status_code == 201, stored.text
        served = client.get(f"{base}/{stored.json()['id']}")
        assert served.status_code == 200
        assert served.headers["content-type"].split(";")[0] in documented, name
