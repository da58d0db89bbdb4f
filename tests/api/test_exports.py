"""Downloads: CSV and XLSX with the dashboard's privacy, no formula injection, audited, limited."""

from __future__ import annotations

import io
from datetime import date

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from botschaft.audit.models import AuditEvent
from botschaft.core.export import safe_cell
from botschaft.identity.models import Role
from botschaft.tenancy.models import ProgramRole
from tests.support.api import add_member, make_program, make_user, sign_in
from tests.support.factories import add_post

PERIOD = {"from": "2026-01-01", "to": "2026-03-31"}


@pytest.mark.parametrize(
    ("value", "safe"),
    [
        ('=HYPERLINK("http://evil")', '\'=HYPERLINK("http://evil")'),
        ("+49 89 123", "'+49 89 123"),
        ("-1+1", "'-1+1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("Technik", "Technik"),
        (-5, -5),
        (3.5, 3.5),
        (None, None),
    ],
)
def test_spreadsheet_formulas_are_neutralised(value, safe):
    assert safe_cell(value) == safe


@pytest.fixture
def program_with_posts(db):
    program = make_program(db, min_group_size=2, starts_on=date(2026, 1, 1))
    hr = make_user(db, Role.hr_viewer)
    add_member(db, program, hr, ProgramRole.hr_viewer)
    for group, size in {'=HYPERLINK("http://evil","Klick")': 3, "Zweier": 2, "Solo": 1}.items():
        for _ in range(size):
            member = add_member(
                db, program, make_user(db), ProgramRole.influencer, occupation_group=group
            )
            with db.session() as session:
                add_post(
                    session,
                    program_id=program,
                    member_id=member,
                    url=f"https://linkedin.com/posts/{member}",
                    normalized_url=f"https://linkedin.com/posts/{member}",
                    platform="linkedin",
                    published_on=date(2026, 2, 3),
                    likes=10,
                    comments=2,
                )
    return program, hr


def test_hr_downloads_the_dashboard_as_xlsx(client, db, program_with_posts):
    program, hr = program_with_posts
    sign_in(client, hr)
    response = client.get(
        f"/api/v1/programs/{program}/kpis/export", params={**PERIOD, "format": "xlsx"}
    )
    assert response.status_code == 200
    assert "attachment" in response.headers["content-disposition"]
    book = load_workbook(io.BytesIO(response.content))
    # Words for people (German by default), the code in the last column for machines.
    rows = list(book["Summen"].iter_rows(values_only=True))
    assert rows[0][0] == "Kennzahl" and rows[0][-1] == "Zeile (Code)"
    totals = {row[3]: row[1] for row in rows[1:]}
    assert (totals["posts"], totals["likes"], totals["comments"]) == (6, 60, 12)
    assert rows[1][0] == "Beiträge"
    platforms = list(book["Nach Plattform"].iter_rows(min_row=2, values_only=True))
    assert platforms[0][0] == "LinkedIn" and platforms[0][-1] == "linkedin"
    groups = [row for row in book["Nach Berufsgruppe"].iter_rows(min_row=2, values_only=True)]
    keys = {row[0] for row in groups}
    assert "Solo" not in keys and "Zweier" not in keys, (
        "small groups are merged in the download too"
    )
    assert '\'=HYPERLINK("http://evil","Klick")' in keys
    with db.session() as session:
        events = session.scalars(
            select(AuditEvent).where(AuditEvent.action == "data.exported")
        ).all()
        assert [e.details["format"] for e in events] == ["xlsx"]


def test_csv_download_opens_in_german_excel(client, db, program_with_posts):
    program, hr = program_with_posts
    sign_in(client, hr)
    response = client.get(
        f"/api/v1/programs/{program}/kpis/export", params={**PERIOD, "format": "csv"}
    )
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeffBereich;Wert 1;Wert 2;")
    english = client.get(
        f"/api/v1/programs/{program}/kpis/export",
        params={**PERIOD, "format": "csv", "lang": "en"},
    ).content.decode("utf-8")
    assert english.startswith("\ufeffSection;Value 1;") and "\nTotals;Posts;6;" in english
    assert "_" not in english.split("\n")[1].split(";")[1], "words, not codes"
    assert "\n=" not in text and ";=" not in text, "no cell starts a formula"


def test_exports_are_rate_limited(client, db, program_with_posts, app):
    program, hr = program_with_posts
    app.state.settings.export_limit_per_user = "2/hour"
    sign_in(client, hr)
    url = f"/api/v1/programs/{program}/kpis/export"
    assert [client.get(url, params=PERIOD).status_code for _ in range(3)] == [200, 200, 429]
