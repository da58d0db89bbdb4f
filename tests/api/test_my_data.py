"""My data (GDPR Art. 15/20): one ZIP with everything about me, nothing about anyone else, and
a check that no column pointing at a person is forgotten."""

from __future__ import annotations

import csv
import io
import json
import zipfile

from sqlalchemy import select

import botschaft.all_models as all_models
from botschaft.audit.models import AuditEvent
from botschaft.demo.service import DEMO_PASSWORD, load_demo
from botschaft.mydata.sections import COVERED, NOT_EXPORTED
from tests.support.api import Account, sign_in

SOPHIE = "sophie.wagner@musterstadt.example"


def test_every_column_pointing_at_a_person_is_exported_or_explained():
    pointing = {
        (table.name, fk.parent.name)
        for table in all_models.metadata.sorted_tables
        for fk in table.foreign_keys
        if fk.column.table.name in ("users", "program_memberships")
    }
    forgotten = pointing - COVERED - NOT_EXPORTED.keys()
    assert not forgotten, f"export these in mydata/sections.py or say why not: {sorted(forgotten)}"
    assert not (COVERED & NOT_EXPORTED.keys())
    assert all(reason.strip() for reason in NOT_EXPORTED.values())


def _zip(client, **params) -> zipfile.ZipFile:
    answer = client.get("/api/v1/me/data-export", params=params)
    assert answer.status_code == 200, answer.text
    assert answer.headers["content-type"] == "application/zip"
    return zipfile.ZipFile(io.BytesIO(answer.content))


def test_an_influencer_downloads_everything_about_them_and_nothing_else(client, db):
    with db.session() as session:
        load_demo(session)
    sign_in(client, Account(id=None, email=SOPHIE, password=DEMO_PASSWORD))
    archive = _zip(client)
    data = json.loads(archive.read("data.json"))
    assert data["profile"] == [data["profile"][0]] and data["profile"][0]["email"] == SOPHIE
    assert [m["program"] for m in data["memberships"]] == [
        "Wir sind Musterstadt – Corporate-Influencer-Pilot"
    ]
    mine = client.get(
        f"/api/v1/programs/{client.get('/api/v1/me').json()['programs'][0]['id']}/posts",
        params={"per_page": 200},
    ).json()
    assert sorted(p["url"] for p in data["posts"]) == sorted(p["url"] for p in mine["items"])
    assert len(data["posts"]) == mine["total"] > 0
    assert data["meetings"] and data["learning"]
    # Nobody else's name or email anywhere in the archive.
    text = " ".join(archive.read(name).decode("utf-8-sig") for name in archive.namelist())
    for other in ("Lisa Neumann", "katrin.vogt@", "ursula.brandt@", "Mehmet"):
        assert other not in text
    # The CSVs speak German by default, English on request.
    posts = list(
        csv.reader(io.StringIO(archive.read("posts.csv").decode("utf-8-sig")), delimiter=";")
    )
    assert posts[0][:3] == ["Link", "Plattform", "Format"] and len(posts) == len(data["posts"]) + 1
    english = _zip(client, lang="en")
    header = english.read("posts.csv").decode("utf-8-sig").splitlines()[0]
    assert header.startswith("url;platform;format;published on")
    with db.session() as session:
        logged = session.scalars(
            select(AuditEvent.details).where(AuditEvent.action == "data.exported")
        ).all()
    assert {"what": "my_data", "format": "zip"} in logged


def test_signed_out_nobody_gets_anything(client):
    assert client.get("/api/v1/me/data-export").status_code == 401
