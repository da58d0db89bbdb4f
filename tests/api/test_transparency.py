"""The transparency page ("What HR sees about me") and the staff-council annex: generated from
the live program settings, the KPI code's grouping and the installation's settings."""

from __future__ import annotations

import io
from datetime import date

from pypdf import PdfReader
from sqlalchemy import select

from botschaft.app import create_app
from botschaft.audit.models import AuditEvent
from botschaft.identity.models import Role
from botschaft.posts.models import Outcome
from botschaft.tenancy.models import Program, ProgramRole
from tests.conftest import make_settings
from tests.support.api import add_member, make_program, make_user, sign_in
from tests.support.factories import add_post

_n = iter(range(10**6))


def _post(db, program, member, day: date, platform: str = "linkedin") -> None:
    n = next(_n)
    with db.session() as session:
        add_post(
            session,
            program_id=program,
            member_id=member,
            url=f"https://example.org/p/{n}",
            normalized_url=f"https://example.org/p/{n}",
            platform=platform,
            published_on=day,
            likes=10,
            comments=2,
            impressions=100,
        )


def _program_with_groups(db, min_group_size: int, groups: dict[str, int]):
    """A program whose influencers each posted once in February, in the given occupational
    groups; returns the program and one (account, member) per group."""
    program = make_program(db, min_group_size=min_group_size, starts_on=date(2026, 1, 1))
    first = {}
    for group, size in groups.items():
        for _ in range(size):
            account = make_user(db)
            member = add_member(
                db, program, account, ProgramRole.influencer, occupation_group=group
            )
            _post(db, program, member, date(2026, 2, 3))
            first.setdefault(group, (account, member))
    return program, first


def _set(db, program, **fields) -> None:
    with db.session() as session:
        row = session.get(Program, program)
        for key, value in fields.items():
            setattr(row, key, value)


def _group(page: dict, breakdown: str) -> dict:
    [group] = [g for g in page["groups"] if g["breakdown"] == breakdown]
    return group


def test_my_page_shows_my_months_figures_and_whether_my_group_is_merged(client, db):
    program, people = _program_with_groups(db, 3, {"Technik": 4, "Soziales": 3, "Forst": 1})
    account, member = people["Forst"]
    with db.session() as session:
        session.add(
            Outcome(
                program_id=program,
                member_id=member,
                type="speaker_request",
                occurred_on=date(2026, 3, 9),
            )
        )
    sign_in(client, account)
    page = client.get(f"/api/v1/programs/{program}/transparency/me").json()
    assert page["hr"]["min_group_size"] == 3 and page["hr"]["rankings_enabled"] is False
    assert page["hr"]["top_questions"] is True  # the page says what HR sees of questions
    assert page["period_from"] == "2026-01-01" and page["period_to"].endswith("-31")
    assert page["months"] == [
        {"month": "2026-02", "posts": 1, "outcomes": 0},
        {"month": "2026-03", "posts": 0, "outcomes": 1},
    ]
    figures = {f["figure"]: (f["mine"], f["included"]) for f in page["figures"]}
    assert figures == {
        "posts": (1, True),
        "impressions": (100, True),
        "engagements": (12, True),
        "outcomes": (1, True),
        "followers": (0, False),
    }
    # Forst (1) is merged into "other"; still too small, Soziales (3) joins it: 4 people.
    assert _group(page, "occupational_group") == {
        "breakdown": "occupational_group",
        "key": "Forst",
        "status": "merged",
        "people": 4,
    }
    assert _group(page, "platform") == {
        "breakdown": "platform",
        "key": "linkedin",
        "status": "shown",
        "people": 8,
    }
    assert _group(page, "cohort")["key"] == "other"
    assert not [g for g in page["groups"] if g["breakdown"] == "team"], "in no team"
    levels = {row["category"]: row["levels"] for row in page["who_sees"]}
    assert levels["posts"]["hr_viewer"] == "aggregate"
    assert levels["posts"]["core_team"] == "individual"
    assert levels["application"]["hr_viewer"] == "none"


def test_the_page_follows_the_minimum_group_size_and_rankings(client, db):
    program, people = _program_with_groups(db, 3, {"Technik": 4, "Soziales": 3, "Forst": 1})
    account, _ = people["Technik"]
    sign_in(client, account)
    url = f"/api/v1/programs/{program}/transparency/me"
    before = client.get(url).json()
    assert _group(before, "occupational_group")["status"] == "shown"
    assert _group(before, "occupational_group")["people"] == 4
    _set(db, program, min_group_size=5, rankings_enabled=True)
    after = client.get(url).json()
    assert after["hr"]["min_group_size"] == 5 and after["hr"]["rankings_enabled"] is True
    # Technik (4) is now below the minimum: it is merged with everyone else into "other".
    assert _group(after, "occupational_group") == {
        "breakdown": "occupational_group",
        "key": "Technik",
        "status": "merged",
        "people": 8,
    }


def test_a_breakdown_too_small_altogether_hides_me_and_no_posts_means_no_groups(
    client, new_client, db
):
    program, people = _program_with_groups(db, 5, {"Technik": 2})
    account, _ = people["Technik"]
    sign_in(client, account)
    page = client.get(f"/api/v1/programs/{program}/transparency/me").json()
    assert _group(page, "occupational_group")["status"] == "hidden"
    assert _group(page, "occupational_group")["people"] is None
    quiet = make_user(db)
    add_member(db, program, quiet, ProgramRole.influencer)
    empty = sign_in(new_client(), quiet).get(f"/api/v1/programs/{program}/transparency/me").json()
    assert empty["posted"] is False and empty["groups"] == [] and empty["months"] == []
    assert not any(f["included"] for f in empty["figures"])


def _core(db, program):
    core = make_user(db, Role.core_team)
    add_member(db, program, core, ProgramRole.core_team)
    return core


def test_the_annex_carries_the_live_settings_in_both_languages(client, db):
    program = make_program(db, name="Wir sind Musterstadt", min_group_size=7)
    sign_in(client, _core(db, program))
    url = f"/api/v1/programs/{program}/transparency/annex"
    de = client.get(url, params={"format": "md", "lang": "de"})
    assert de.status_code == 200 and de.headers["content-type"].startswith("text/markdown")
    assert "attachment" in de.headers["content-disposition"]
    assert "Mindestgruppengröße: 7 Personen" in de.text
    assert "183 Tage nach Schluss des Aufrufs" in de.text
    assert "„Wir sind Musterstadt“" in de.text
    assert "Keine Ranglisten" in de.text
    en = client.get(url, params={"format": "md", "lang": "en"}).text
    assert "Minimum group size: 7 people" in en and "183 days after the call closed" in en
    assert "auth.login" in en and "transparency.annex_downloaded" in en
    _set(db, program, min_group_size=9, rankings_enabled=True)
    changed = client.get(url, params={"format": "md", "lang": "de"}).text
    assert "Mindestgruppengröße: 9 Personen" in changed and "7 Personen" not in changed
    assert "Ranglisten sind in diesem Programm eingeschaltet" in changed
    with db.session() as session:
        events = session.scalars(
            select(AuditEvent).where(AuditEvent.action == "transparency.annex_downloaded")
        ).all()
    assert {(e.details["format"], e.details["lang"]) for e in events} == {
        ("md", "de"),
        ("md", "en"),
    }
    assert client.get(url, params={"lang": "fr"}).status_code == 422


def test_the_annex_follows_the_retention_setting(db, database_url, tmp_path):
    from fastapi.testclient import TestClient

    settings = make_settings(database_url, tmp_path, application_retention_days=90)
    program = make_program(db)
    core = _core(db, program)
    with TestClient(create_app(settings, db, serve_spa=False), base_url="http://testserver") as c:
        sign_in(c, core)
        text = c.get(f"/api/v1/programs/{program}/transparency/annex", params={"format": "md"}).text
    assert "90 Tage nach Schluss des Aufrufs" in text and "183 Tage" not in text
    assert "| 90 Tage |" in text


def test_the_annex_pdf_parses_and_names_program_and_minimum(client, db):
    program = make_program(db, name="Stadtverwaltung München – Pilot „2026“", min_group_size=6)
    sign_in(client, _core(db, program))
    for lang, words in (("de", "Mindestgruppengröße: 6 Personen"), ("en", "Minimum group size: 6")):
        response = client.get(
            f"/api/v1/programs/{program}/transparency/annex", params={"format": "pdf", "lang": lang}
        )
        assert response.status_code == 200
        assert response.headers["content-type"] == "application/pdf"
        reader = PdfReader(io.BytesIO(response.content))
        text = " ".join(page.extract_text() for page in reader.pages)
        assert "Stadtverwaltung München – Pilot" in " ".join(text.split())
        assert words in " ".join(text.split())
        assert "München" in reader.metadata.title


def test_a_program_that_has_not_started_yet_has_a_page_too(client, db):
    program = make_program(db, starts_on=date(2099, 1, 1))
    account = make_user(db)
    add_member(db, program, account, ProgramRole.influencer)
    sign_in(client, account)
    response = client.get(f"/api/v1/programs/{program}/transparency/me")
    assert response.status_code == 200, response.text
    assert response.json()["posted"] is False


def test_a_program_name_with_markdown_characters_prints_literally(client, db):
    name = "Wir *sind* <b>da</b> | A&B #1"
    program = make_program(db, name=name)
    sign_in(client, _core(db, program))
    url = f"/api/v1/programs/{program}/transparency/annex"
    markdown = client.get(url, params={"format": "md", "lang": "en"}).text
    assert r"Wir \*sind\* \<b\>da\</b\> \| A\&B \#1" in markdown.splitlines()[0]
    pdf = client.get(url, params={"format": "pdf", "lang": "en"}).content
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages).split())
    assert name in text
