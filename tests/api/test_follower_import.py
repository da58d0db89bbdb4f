"""Follower counts from a file (followers/imports.py): a platform's follower history for one
person, or the core team's list for many; every row or none, the same file twice changes
nothing, a sudden drop asks for confirmation, and the KPIs count what came in."""

from __future__ import annotations

import io
from datetime import date, timedelta
from pathlib import Path

import pytest
from openpyxl import Workbook
from sqlalchemy import select

from botschaft.followers.models import FollowerReading
from botschaft.identity.models import Role
from botschaft.tenancy.models import ProgramRole
from tests.support.api import add_member, make_program, make_user, sign_in
from tests.support.clock import local_today

FIXTURES = Path(__file__).parents[1] / "fixtures" / "imports"
HISTORY = (FIXTURES / "followers-history.csv").read_bytes()


@pytest.fixture
def program(db):
    return make_program(
        db, starts_on=date(2026, 1, 1), platforms=["linkedin", "tiktok"], min_group_size=2
    )


def _stored(db) -> list[tuple]:
    with db.session() as session:
        rows = session.execute(
            select(
                FollowerReading.member_id,
                FollowerReading.platform,
                FollowerReading.counted_on,
                FollowerReading.followers,
            ).order_by(FollowerReading.counted_on)
        )
        return [tuple(r) for r in rows]


def _send(client, program, data: bytes, name: str = "followers.csv", **form):
    form = {k: str(v).lower() if isinstance(v, bool) else str(v) for k, v in form.items()}
    return client.post(
        f"/api/v1/programs/{program}/followers/import",
        files={"file": (name, data, "text/csv")},
        data=form,
    )


def test_an_influencer_imports_a_follower_history_once(client, db, program):
    account = make_user(db)
    member = add_member(db, program, account, ProgramRole.influencer)
    sign_in(client, account)
    checked = _send(client, program, HISTORY, platform="tiktok", dry_run=True)
    assert checked.status_code == 200, checked.text
    assert checked.json() | {} == {
        "rows": 5, "added": 5, "changed": 0, "unchanged": 0, "people": 1,
        "first_day": "2026-03-01", "last_day": "2026-03-05", "dry_run": True,
    }  # fmt: skip
    assert _stored(db) == []
    done = _send(client, program, HISTORY, platform="tiktok").json()
    assert (done["added"], done["dry_run"]) == (5, False)
    assert _stored(db)[-1] == (member, "tiktok", date(2026, 3, 5), 1203)
    again = _send(client, program, HISTORY, platform="tiktok").json()
    assert (again["added"], again["changed"], again["unchanged"]) == (0, 0, 5)
    assert len(_stored(db)) == 5
    mine = client.get(f"/api/v1/programs/{program}/followers/me").json()
    assert "1203" in str(mine) and "23" in str(mine)  # latest count, growth since the first


def test_the_core_team_imports_a_list_for_many_people(client, db, program):
    core = make_user(db, Role.core_team)
    add_member(db, program, core, ProgramRole.core_team)
    people = [make_user(db) for _ in range(2)]
    members = [add_member(db, program, p, ProgramRole.influencer) for p in people]
    sign_in(client, core)
    text = (
        "Datum;Plattform;E-Mail;Follower\n"
        f"2. März 2026;LinkedIn;{people[0].email.upper()};1.204\n"
        f"02.03.2026;TikTok;{people[1].email};88\n"
        f"1 avril 2026;linkedin;{people[0].email};1.250\n"
    )
    response = _send(client, program, text.encode("cp1252"))
    assert response.status_code == 200, response.text
    assert response.json()["people"] == 2
    assert sorted(_stored(db)) == sorted(
        [
            (members[0], "linkedin", date(2026, 3, 2), 1204),
            (members[1], "tiktok", date(2026, 3, 2), 88),
            (members[0], "linkedin", date(2026, 4, 1), 1250),
        ]
    )
    kpis = client.get(
        f"/api/v1/programs/{program}/kpis", params={"from": "2026-03-01", "to": "2026-04-30"}
    ).json()
    assert kpis["totals"]["followers"] == 1250 + 88


def test_bad_files_and_rows_are_refused_and_nothing_is_stored(client, db, program):
    account, other = make_user(db), make_user(db)
    add_member(db, program, account, ProgramRole.influencer)
    add_member(db, program, other, ProgramRole.influencer)
    sign_in(client, account)
    no_column = _send(client, program, b"Date,Likes\n2026-03-01,4\n", platform="tiktok")
    assert no_column.status_code == 422
    assert no_column.json()["errors"][0]["type"] == "no_followers_column"
    no_platform = _send(client, program, HISTORY)
    assert no_platform.status_code == 422
    assert no_platform.json()["errors"][0]["field"] == "platform"
    tomorrow = (local_today() + timedelta(days=2)).isoformat()
    rows = (
        "Date,Followers,Platform,Email\n"
        f"2026-03-01,100,tiktok,{account.email}\n"
        f"{tomorrow},120,tiktok,{account.email}\n"
        f"2026-03-02,-5,tiktok,{account.email}\n"
        f"2026-03-03,100,youtube,{account.email}\n"
        f"2026-03-04,100,tiktok,{other.email}\n"
        f"2026-03-01,101,tiktok,{account.email}\n"
    )
    refused = _send(client, program, rows.encode())
    assert refused.status_code == 422, refused.text
    body = refused.json()
    assert body["type"].endswith("/import_rejected")
    fields = {e["field"] for e in body["errors"]}
    assert fields == {
        "rows[3].day", "rows[4].followers", "rows[5].platform", "rows[6].email", "rows[7].day",
    }  # fmt: skip
    assert _stored(db) == []


def test_a_sudden_drop_needs_confirmation(client, db, program):
    account = make_user(db)
    add_member(db, program, account, ProgramRole.influencer)
    sign_in(client, account)
    typo = b"Date,Followers\n2026-03-01,1200\n2026-03-02,100\n"
    refused = _send(client, program, typo, platform="linkedin")
    assert refused.status_code == 422
    assert refused.json()["errors"] == [
        {
            "field": "rows[3].followers",
            "message": "Less than a tenth of the count before.",
            "type": "followers_drop",
        }
    ]
    assert _stored(db) == []
    kept = _send(client, program, typo, platform="linkedin", confirm_drop=True)
    assert kept.status_code == 200 and kept.json()["added"] == 2
    assert [r[3] for r in _stored(db)] == [1200, 100]


def _latest_past(month: int, day: int) -> date:
    today = local_today()
    this_year = date(today.year, month, day)
    return this_year if this_year <= today else date(today.year - 1, month, day)


def test_tiktok_studio_follower_history_with_days_without_a_year(client, db, program):
    account = make_user(db)
    member = add_member(db, program, account, ProgramRole.influencer)
    sign_in(client, account)
    data = (FIXTURES / "tiktok-follower-history.csv").read_bytes()
    done = _send(client, program, data, name="FollowerHistory.csv", platform="tiktok")
    assert done.status_code == 200, done.text
    assert done.json()["rows"] == 5
    assert _stored(db)[0] == (member, "tiktok", _latest_past(11, 26), 2310)
    assert _stored(db)[-1] == (member, "tiktok", _latest_past(11, 30), 2342)


def _linkedin_workbook(total_line: bool = True) -> bytes:
    """LinkedIn's creator analytics export: several sheets; FOLLOWERS starts with the total on
    the export day, then the daily new followers (numbers written as text, as LinkedIn does)."""
    book = Workbook()
    book.active.title = "DISCOVERY"
    book.active.append(["Overall Performance", "11/2/2026 - 12/1/2026"])
    book.active.append(["Impressions", "10,456"])
    sheet = book.create_sheet("FOLLOWERS")
    if total_line:
        sheet.append(["Total followers on 12/1/2026:", "1,873"])
        sheet.append([])
    sheet.append(["Date", "New followers"])
    for day in range(2, 31):
        sheet.append([f"11/{day}/2026", str(day % 4)])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_linkedin_creator_analytics_export_gives_the_total_of_its_day(client, db, program):
    account = make_user(db)
    member = add_member(db, program, account, ProgramRole.influencer)
    sign_in(client, account)
    done = _send(client, program, _linkedin_workbook(), name="AggregateAnalytics_Ada.xlsx")
    assert done.status_code == 200, done.text
    assert (done.json()["rows"], done.json()["first_day"]) == (1, "2026-12-01")
    # The daily gains do not become counts: only the total of the export day is stored.
    assert _stored(db) == [(member, "linkedin", date(2026, 12, 1), 1873)]


def test_files_of_daily_gains_are_refused_with_a_reason(client, db, program):
    account = make_user(db)
    add_member(db, program, account, ProgramRole.influencer)
    sign_in(client, account)
    # Meta Business Suite writes its Instagram "Follows" export in UTF-16 with a "sep=," line.
    meta = 'sep=,\n"Follows"\n"Date","Primary"\n"2026-11-01T00:00:00","4"\n'.encode("utf-16")
    for name, data in [
        ("Follows.csv", meta),
        ("linkedin.xlsx", _linkedin_workbook(total_line=False)),
    ]:
        refused = _send(client, program, data, name=name, platform="linkedin")
        assert refused.status_code == 422, name
        assert refused.json()["errors"][0]["type"] == "gains_only", name
    assert _stored(db) == []
