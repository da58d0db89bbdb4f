"""KPIs narrowed by platform, cohort and team (kpis/filters.py): exact for the core team on
every view and download, refused with the field when the cohort or team is not the program's.
HR leadership's filtered view is checked as a property in test_hr_privacy.py."""

from __future__ import annotations

import csv
import io
import itertools
import uuid
from datetime import date, timedelta

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from botschaft.audit.models import AuditEvent
from botschaft.identity.models import Role
from botschaft.posts.models import Outcome
from botschaft.teams.models import Team
from botschaft.tenancy.models import Cohort, ProgramMembership, ProgramRole
from tests.support.api import add_member, make_program, make_user, place_in_groups, sign_in
from tests.support.factories import add_post

FIRST = date(2026, 1, 1)
# Not whole months: the days at both ends are read from the posts, the rest from the rollups.
PERIOD = {"from": "2026-01-10", "to": "2026-03-20"}
PLATFORMS = ["linkedin", "instagram", "tiktok"]
FORMATS = ["text", "video", "image"]


@pytest.fixture
def world(db, client):
    """Six people in two cohorts, three of them in a team, posting on three platforms from
    December to April; two outcomes, one recorded with a LinkedIn post."""
    program = make_program(db, starts_on=FIRST, min_group_size=2)
    core = make_user(db, Role.core_team)
    add_member(db, program, core, ProgramRole.core_team)
    with db.session() as session:
        cohorts = [Cohort(program_id=program, name=n) for n in ("Pilot", "Welle 2")]
        team = Team(program_id=program, name="Multis")
        other_team = Team(program_id=program, name="Leer")
        session.add_all([*cohorts, team, other_team])
        session.flush()
        cohort_ids, team_id = [c.id for c in cohorts], team.id
    people = [
        add_member(
            db,
            program,
            make_user(db),
            ProgramRole.influencer,
            cohort_id=cohort_ids[n // 3],
            occupation_group="Technik",
        )
        for n in range(6)
    ]
    posts = []  # (person index, day, platform, format, likes)
    with db.session() as session:
        for n in (1, 2, 3):
            place_in_groups(session, session.get(ProgramMembership, people[n]), team_ids=[team_id])
        for n, (who, week) in enumerate(itertools.product(range(6), range(0, 20, 2))):
            day = date(2025, 12, 1) + timedelta(days=week * 7 + who)
            platform, fmt = PLATFORMS[(who + week) % 3], FORMATS[(who * week) % 3]
            likes = 3 * who + week
            url = f"https://linkedin.com/posts/f{n}"
            post = add_post(
                session,
                program_id=program,
                member_id=people[who],
                url=url,
                normalized_url=url,
                platform=platform,
                format=fmt,
                published_on=day,
                likes=likes,
                comments=1,
            )
            session.flush()
            posts.append((who, day, platform, fmt, likes, post.id))
        linked = next(p for p in posts if p[0] == 1 and p[2] == "linkedin")
        session.add_all(
            [
                Outcome(
                    program_id=program,
                    member_id=people[1],
                    type="job_application",
                    occurred_on=date(2026, 2, 15),
                    post_id=linked[5],
                ),
                Outcome(
                    program_id=program,
                    member_id=people[4],
                    type="hire",
                    occurred_on=date(2026, 2, 16),
                ),
            ]
        )
    sign_in(client, core)
    return {
        "program": program,
        "people": people,
        "posts": posts,
        "cohorts": {"Pilot": cohort_ids[0], "Welle 2": cohort_ids[1]},
        "team": team_id,
        "cohort_of": lambda who: "Pilot" if who < 3 else "Welle 2",
        "in_team": lambda who: who in (1, 2, 3),
    }


FILTERS = [
    {"platform": "linkedin"},
    {"cohort": "Pilot"},
    {"team": "Multis"},
    {"platform": "instagram", "cohort": "Welle 2"},
    {"platform": "tiktok", "cohort": "Pilot", "team": "Multis"},
]


def _params(world, chosen: dict) -> dict:
    params = dict(PERIOD)
    if "platform" in chosen:
        params["platform"] = chosen["platform"]
    if "cohort" in chosen:
        params["cohort"] = str(world["cohorts"][chosen["cohort"]])
    if "team" in chosen:
        params["team"] = str(world["team"])
    return params


def _kept(world, chosen: dict, who: int, platform: str) -> bool:
    if "cohort" in chosen and world["cohort_of"](who) != chosen["cohort"]:
        return False
    if "team" in chosen and not world["in_team"](who):
        return False
    return "platform" not in chosen or platform == chosen["platform"]


@pytest.mark.parametrize("chosen", FILTERS, ids=lambda f: "+".join(f.values()))
def test_every_core_team_figure_follows_the_filter(client, world, chosen):
    start, end = (date.fromisoformat(PERIOD[k]) for k in ("from", "to"))
    url = f"/api/v1/programs/{world['program']}/kpis"
    kpis = client.get(url, params=_params(world, chosen)).json()
    posts = [p for p in world["posts"] if start <= p[1] <= end and _kept(world, chosen, p[0], p[2])]
    assert posts, "the filter keeps some posts"
    totals = kpis["totals"]
    assert totals["posts"] == len(posts)
    assert totals["likes"] == sum(p[4] for p in posts)
    assert totals["active_influencers"] == len({p[0] for p in posts})
    # The program's people in the cohort and team (a platform keeps everyone).
    group = {k: v for k, v in chosen.items() if k != "platform"}
    people = [n for n in range(6) if _kept(world, group, n, "")]
    assert totals["influencers"] == len(people)
    months = {m["month"]: m["posts"] for m in kpis["monthly"]}
    for month in ("2026-01", "2026-02", "2026-03"):
        assert months[month] == sum(1 for p in posts if f"{p[1]:%Y-%m}" == month)
    by_format = {r["key"]: r["posts"] for r in kpis["by_format"]}
    formats = {f: sum(1 for p in posts if p[3] == f) for f in FORMATS}
    assert by_format == {f: n for f, n in formats.items() if n}
    by_platform = {r["key"]: r["posts"] for r in kpis["by_platform"]}
    platforms = {f: sum(1 for p in posts if p[2] == f) for f in PLATFORMS}
    assert by_platform == {f: n for f, n in platforms.items() if n}
    # Each group counts its people, also where the rollups do not say (a platform's formats).
    for name, column in (("by_platform", 2), ("by_format", 3)):
        counted = {r["key"]: r["people"] for r in kpis[name]}
        expected = {key: len({p[0] for p in posts if p[column] == key}) for key in counted}
        assert counted == expected, name
    by_cohort = {r["key"]: r["posts"] for r in kpis["by_cohort"]}
    assert sum(by_cohort.values()) == len(posts)
    top = {(p["published_on"], p["platform"]) for p in kpis["top_posts"]}
    assert top <= {(p[1].isoformat(), p[2]) for p in posts}
    # Outcomes: the person's filter; with a platform only those recorded with a post on it.
    outcomes = sum(kpis["outcomes_by_type"].values())
    expected = {
        "linkedin": 1,
        "Pilot": 1,
        "Multis": 1,
        "instagram+Welle 2": 0,
        "tiktok+Pilot+Multis": 0,
    }["+".join(chosen.values())]
    assert outcomes == totals["outcomes"] == expected
    assert kpis["filter"]["cohort"] == chosen.get("cohort")
    assert kpis["filter"]["team"] == chosen.get("team")
    assert kpis["filter"]["platform"] == chosen.get("platform")
    # The influencer table lists the filter's people, with their posts on its platform.
    listed = client.get(f"{url}/influencers", params=_params(world, chosen)).json()
    table = listed["items"]
    assert len(table) == len(people) == listed["total"]
    # A page of one still counts them all.
    one = client.get(f"{url}/influencers", params=_params(world, chosen) | {"per_page": 1})
    assert one.json()["total"] == len(people) and len(one.json()["items"]) == min(1, len(people))
    for row in table:
        who = world["people"].index(uuid.UUID(row["member_id"]))
        mine = [p for p in posts if p[0] == who]
        assert row["posts"] == len(mine)
        assert sum(row["monthly_posts"]) == len(mine)


def test_the_download_and_the_report_say_the_filter_and_carry_its_figures(client, db, world):
    url = f"/api/v1/programs/{world['program']}/kpis"
    params = _params(world, {"cohort": "Pilot", "platform": "linkedin"})
    kpis = client.get(url, params=params).json()
    text = client.get(f"{url}/export", params={**params, "format": "csv", "lang": "en"}).text
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter=";"))
    # The filter comes first, in words (with the code for machines last).
    assert rows[1][0] == "Filter" and rows[1][1] == "Figure"
    assert rows[2][:4] == ["Filter", "Platform", "LinkedIn", "linkedin"]
    assert rows[3][:3] == ["Filter", "Cohort", "Pilot"]
    posts = next(r for r in rows if r[0] == "Totals" and r[-1] == "posts")
    assert int(posts[2]) == kpis["totals"]["posts"]
    pdf = client.get(f"{url}/report.pdf", params={**params, "lang": "de"})
    assert pdf.status_code == 200, pdf.text
    words = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "Kohorte" in words and "Pilot" in words and "LinkedIn" in words
    with db.session() as session:
        details = session.scalars(
            select(AuditEvent.details).where(AuditEvent.program_id == world["program"])
        ).all()
    exported = [d for d in details if d and d.get("what") in ("kpis", "kpi_report")]
    assert len(exported) == 2
    assert all(d["cohort"] == "Pilot" and d["platform"] == "linkedin" for d in exported)


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"platform": "myspace"}, "platform"),
        ({"cohort": "pilot"}, "cohort"),
        ({"cohort": "00000000-0000-4000-8000-000000000000"}, "cohort"),
        ({"team": "00000000-0000-4000-8000-000000000000"}, "team"),
    ],
)
def test_a_filter_the_program_does_not_have_names_the_field(client, world, params, field):
    for path in ("", "/influencers", "/export", "/report.pdf"):
        url = f"/api/v1/programs/{world['program']}/kpis{path}"
        response = client.get(url, params=params)
        assert response.status_code == 422, (path, response.text)
        assert [e["field"] for e in response.json()["errors"]] == [field]


def test_another_programs_cohort_or_team_is_refused(client, db, world):
    other = make_program(db)
    with db.session() as session:
        cohort, team = Cohort(program_id=other, name="Fremd"), Team(program_id=other, name="X")
        session.add_all([cohort, team])
        session.flush()
        ids = {"cohort": str(cohort.id), "team": str(team.id)}
    url = f"/api/v1/programs/{world['program']}/kpis"
    for field, value in ids.items():
        response = client.get(url, params={field: value})
        assert response.status_code == 422
        assert response.json()["errors"][0] == {
            "field": field,
            "message": f"No such {field} in this program.",
            "type": "unknown",
        }
