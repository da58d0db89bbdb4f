"""The core team's applications table: filters, distribution, reviews, tags, status, export."""

from __future__ import annotations

import csv
import io

from openpyxl import load_workbook
from sqlalchemy import select

from botschaft.audit.models import AuditEvent
from botschaft.identity.models import Role
from botschaft.tenancy.models import ProgramRole
from tests.support.api import add_member, make_user, sign_in
from tests.support.calls import ANSWERS, application, open_call

PEOPLE = [
    ("Anna Alt", {"gender": "female", "age_band": "55_plus", "experience": "none"}),
    ("Ben Berg", {"gender": "male", "age_band": "25_34", "experience": "regular"}),
    ("Cem Cakir", {"gender": "male", "age_band": "25_34", "experience": "some"}),
    ("Dana Dorn", {"gender": "diverse", "age_band": "35_44", "experience": "creator"}),
    ("=HYPERLINK(1)", {"gender": "no_answer", "age_band": "no_answer", "experience": "some"}),
]


def _pool(client, db, new_client):
    world = open_call(client, db)
    anonymous = new_client()
    for i, (name, dims) in enumerate(PEOPLE):
        body = application(
            world.call, name=name, email=f"p{i}@example.org", answers={**ANSWERS, **dims}
        )
        assert anonymous.post(f"{world.form}/applications", json=body).status_code == 202
    rows = client.get(f"{world.base}/applications", params={"sort": "name"}).json()["items"]
    return world, {r["name"]: r["id"] for r in rows}


def test_the_table_filters_on_dimensions_status_and_search(client, db, new_client):
    world, ids = _pool(client, db, new_client)
    url = f"{world.base}/applications"
    page = client.get(url, params={"sort": "name"}).json()
    assert page["total"] == 5
    assert page["items"][1]["dimensions"] == {
        "experience": "none",
        "age_band": "55_plus",
        "gender": "female",
        "occupation_group": "safety",
    }
    men = client.get(url, params={"filter": "gender:male"}).json()
    assert {r["name"] for r in men["items"]} == {"Ben Berg", "Cem Cakir"}
    young_regular = client.get(
        url, params=[("filter", "gender:male"), ("filter", "experience:regular")]
    ).json()
    assert [r["name"] for r in young_regular["items"]] == ["Ben Berg"]
    assert client.get(url, params={"q": "dorn"}).json()["items"][0]["name"] == "Dana Dorn"
    bad = client.get(url, params={"filter": "shoe:42"})
    assert bad.status_code == 422 and bad.json()["errors"][0]["field"] == "filter"
    client.post(
        f"{url}/status", json={"ids": [ids["Anna Alt"], ids["Ben Berg"]], "status": "shortlisted"}
    )
    shortlisted = client.get(url, params={"status": "shortlisted"}).json()
    assert {r["name"] for r in shortlisted["items"]} == {"Anna Alt", "Ben Berg"}


def test_distribution_counts_the_pool_per_dimension_without_withdrawn(client, db, new_client):
    world, ids = _pool(client, db, new_client)
    client.post(
        f"{world.base}/applications/status", json={"ids": [ids["Dana Dorn"]], "status": "withdrawn"}
    )
    dist = client.get(f"{world.base}/applications/distribution").json()
    assert dist["total"] == 4
    gender = next(d for d in dist["dimensions"] if d["key"] == "gender")
    assert {v["value"]: v["count"] for v in gender["values"]} == {
        "female": 1,
        "male": 2,
        "diverse": 0,
        "no_answer": 1,
    }
    assert next(v for v in gender["values"] if v["value"] == "diverse")["label_en"] == "diverse"


def test_each_core_team_member_votes_and_comments_and_the_table_shows_the_tally(
    client, db, new_client
):
    world, ids = _pool(client, db, new_client)
    second = make_user(db, Role.core_team, name="Jonas")
    add_member(db, world.program, second, ProgramRole.core_team)
    jonas = sign_in(new_client(), second)
    target = f"{world.base}/applications/{ids['Ben Berg']}"
    client.put(f"{target}/review", json={"vote": True, "comment": "Stark auf Instagram"})
    detail = jonas.put(f"{target}/review", json={"vote": False}).json()
    assert [(r["reviewer_name"], r["vote"], r["mine"]) for r in detail["reviews"]] == [
        ("Katrin Kern", True, False),
        ("Jonas", False, True),
    ]
    row = next(
        r
        for r in client.get(f"{world.base}/applications").json()["items"]
        if r["name"] == "Ben Berg"
    )
    assert (row["votes_for"], row["votes_against"], row["comments"], row["my_vote"]) == (
        1,
        1,
        1,
        True,
    )
    by_votes = client.get(f"{world.base}/applications", params={"sort": "-votes"}).json()
    assert by_votes["items"][0]["name"] == "Ben Berg"
    cleared = client.put(f"{target}/review", json={"vote": None, "comment": ""}).json()
    assert [r["reviewer_name"] for r in cleared["reviews"]] == ["Jonas"]


def test_tags_are_set_per_application_and_filter_the_table(client, db, new_client):
    world, ids = _pool(client, db, new_client)
    tagged = client.put(
        f"{world.base}/applications/{ids['Cem Cakir']}/tags", json={"tags": ["Feuerwehr", "video"]}
    )
    assert tagged.json()["tags"] == ["feuerwehr", "video"]
    rows = client.get(f"{world.base}/applications", params={"tag": "video"}).json()["items"]
    assert [r["name"] for r in rows] == ["Cem Cakir"]


def test_bulk_status_is_all_or_nothing(client, db, new_client):
    other_team = new_client()
    other, _ = _pool(other_team, db, new_client)
    foreign = other_team.get(f"{other.base}/applications").json()["items"][0]["id"]
    world, ids = _pool(client, db, new_client)
    response = client.post(
        f"{world.base}/applications/status",
        json={"ids": [ids["Anna Alt"], foreign], "status": "not_selected"},
    )
    assert response.status_code == 422 and response.json()["errors"][0]["field"] == "ids"
    statuses = {r["status"] for r in client.get(f"{world.base}/applications").json()["items"]}
    assert statuses == {"submitted"}
    bad = client.post(
        f"{world.base}/applications/status", json={"ids": [ids["Anna Alt"]], "status": "hired"}
    )
    assert bad.status_code == 422


def test_export_as_csv_and_xlsx_is_formula_safe_and_audited(client, db, new_client):
    world, _ = _pool(client, db, new_client)
    response = client.get(f"{world.base}/applications/export", params={"format": "csv"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.text.lstrip("\ufeff")), delimiter=";"))
    assert rows[0][:3] == ["Name", "E-Mail", "Status"]
    assert "Geschlecht" in rows[0]
    assert len(rows) == 6
    assert "'=HYPERLINK(1)" in [r[0] for r in rows]
    gender = rows[0].index("Geschlecht")
    assert sorted(r[gender] for r in rows[1:]) == [
        "Keine Angabe",
        "divers",
        "männlich",
        "männlich",
        "weiblich",
    ]
    # Statuses in words; the code in the last column for machines.
    assert rows[0][-1] == "Status (Code)"
    assert {r[2] for r in rows[1:]} == {"Eingegangen"} and {r[-1] for r in rows[1:]} == {
        "submitted"
    }
    male = client.get(
        f"{world.base}/applications/export",
        params={"format": "xlsx", "filter": "gender:male", "lang": "en"},
    )
    sheet = load_workbook(io.BytesIO(male.content)).active
    assert sheet.title == "Applications"
    table = list(sheet.iter_rows(values_only=True))
    assert [r[0] for r in table[1:]] == ["Ben Berg", "Cem Cakir"]
    assert table[0][:3] == ("Name", "Email", "Status") and table[1][2] == "Received"
    assert "male" in {c for r in table[1:] for c in r}, "English option labels"
    with db.session() as session:
        events = session.scalars(
            select(AuditEvent).where(AuditEvent.action == "data.exported")
        ).all()
    assert [e.details["what"] for e in events] == ["applications", "applications"]
