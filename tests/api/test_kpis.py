"""KPIs: SQL aggregates, exact demo totals, and the privacy rules for HR leadership."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from botschaft.demo import data as demo_data
from botschaft.demo.service import DEMO_PASSWORD, load_demo
from botschaft.identity.models import Role
from botschaft.tenancy.models import ProgramRole
from tests.support.api import Account, add_member, make_program, make_user, place_in_groups, sign_in
from tests.support.factories import add_post

# The demo's posts fill the program's whole months before this one (dates relative to today).
_FROM, _TO = demo_data.months_so_far(datetime.now(ZoneInfo("Europe/Berlin")).date())
DEMO_PERIOD = {"from": _FROM.isoformat(), "to": _TO.isoformat()}
DEMO_MONTHS = [
    f"{_FROM.year + (_FROM.month - 1 + i) // 12}-{(_FROM.month - 1 + i) % 12 + 1:02d}"
    for i in range(demo_data.MONTHS_RUNNING)
]


def _demo(db):
    with db.session() as session:
        load_demo(session)
    from sqlalchemy import select

    from botschaft.tenancy.models import Program

    with db.session() as session:
        return session.scalar(select(Program.id).where(Program.slug == "wir-sind-musterstadt"))


def _demo_account(email: str) -> Account:
    return Account(id=None, email=email, password=DEMO_PASSWORD)


def test_the_demo_dashboard_shows_the_reference_totals(client, db):
    program = _demo(db)
    sign_in(client, _demo_account("ursula.brandt@musterstadt.example"))
    kpis = client.get(f"/api/v1/programs/{program}/kpis", params=DEMO_PERIOD).json()
    totals = kpis["totals"]
    assert (totals["posts"], totals["likes"], totals["comments"]) == (326, 15_496, 3_692)
    assert totals["engagements"] == totals["likes"] + totals["comments"] + totals["shares"]
    assert totals["influencers"] == 16 and totals["active_influencers"] == 16
    assert [m["month"] for m in kpis["monthly"]] == DEMO_MONTHS
    assert sum(m["posts"] for m in kpis["monthly"]) == 326
    assert sum(kpis["outcomes_by_type"].values()) == totals["outcomes"] > 0
    assert kpis["top_posts"] is None, "HR leadership gets no individual posts"
    assert "impressions" in kpis["formulas"]["engagement_rate"]


def test_the_core_team_sees_top_posts_and_the_influencer_table(client, db):
    program = _demo(db)
    sign_in(client, _demo_account("katrin.vogt@musterstadt.example"))
    kpis = client.get(f"/api/v1/programs/{program}/kpis", params=DEMO_PERIOD).json()
    top = kpis["top_posts"]
    assert len(top) == 5 and top[0]["engagements"] >= top[-1]["engagements"]
    table = client.get(
        f"/api/v1/programs/{program}/kpis/influencers", params={**DEMO_PERIOD, "per_page": 20}
    ).json()
    assert table["total"] == 16
    rows = table["items"]
    assert sum(r["posts"] for r in rows) == 326
    assert [r["posts"] for r in rows] == sorted((r["posts"] for r in rows), reverse=True)
    assert all(
        len(r["monthly_posts"]) == len(DEMO_MONTHS) and sum(r["monthly_posts"]) == r["posts"]
        for r in rows
    )
    by_name = client.get(
        f"/api/v1/programs/{program}/kpis/influencers", params={**DEMO_PERIOD, "sort": "name"}
    ).json()["items"]
    assert [r["name"] for r in by_name] == sorted(r["name"] for r in by_name)


def test_an_influencer_sees_their_own_figures_and_the_team_totals_only(client, db):
    program = _demo(db)
    sign_in(client, _demo_account("sophie.wagner@musterstadt.example"))
    mine = client.get(f"/api/v1/programs/{program}/kpis/me", params=DEMO_PERIOD).json()
    assert mine["me"]["name"] == "Sophie Wagner" and mine["me"]["posts"] > 0
    assert mine["team"]["posts"] == 326
    assert client.get(f"/api/v1/programs/{program}/kpis", params=DEMO_PERIOD).status_code == 403
    assert client.get(f"/api/v1/programs/{program}/kpis/influencers").status_code == 403


def _post(db, program, member, day: date, likes: int, comments: int = 0, impressions=None):
    with db.session() as session:
        n = session.info.setdefault("n", 0)
        add_post(
            session,
            program_id=program,
            member_id=member,
            url=f"https://linkedin.com/posts/x-{member}-{day}-{likes}",
            normalized_url=f"https://linkedin.com/posts/x-{member}-{day}-{likes}-{n}",
            platform="linkedin",
            published_on=day,
            likes=likes,
            comments=comments,
            impressions=impressions,
        )


def test_small_groups_are_merged_into_other_for_hr_leadership(client, new_client, db):
    program = make_program(db, min_group_size=5, starts_on=date(2026, 1, 1))
    hr = make_user(db, Role.hr_viewer)
    add_member(db, program, hr, ProgramRole.hr_viewer)
    core = make_user(db, Role.core_team)
    add_member(db, program, core, ProgramRole.core_team)
    groups = {"Technik": 6, "Soziales": 5, "Forst": 2, "Bibliothek": 1}
    for group, size in groups.items():
        for _ in range(size):
            member = add_member(
                db, program, make_user(db), ProgramRole.influencer, occupation_group=group
            )
            _post(db, program, member, date(2026, 2, 1), likes=10, comments=1, impressions=100)
    period = {"from": "2026-01-01", "to": "2026-03-31"}
    sign_in(client, hr)
    shown = client.get(f"/api/v1/programs/{program}/kpis", params=period).json()["by_occupation"]
    # Forst (2) and Bibliothek (1) make an "other" of 3, still too small: Soziales joins it.
    assert {g["key"]: g["people"] for g in shown} == {"Technik": 6, "other": 8}
    assert all(g["people"] >= 5 for g in shown)
    assert sum(g["posts"] for g in shown) == 14
    core_view = sign_in(new_client(), core)
    full = core_view.get(f"/api/v1/programs/{program}/kpis", params=period).json()["by_occupation"]
    assert {g["key"] for g in full} == set(groups)
    totals = core_view.get(f"/api/v1/programs/{program}/kpis", params=period).json()["totals"]
    assert totals["engagement_rate"] == 11.0  # (10 + 1 + 0) / 100 × 100
    assert totals["participation_rate"] == 100.0


def test_teams_and_cohorts_are_breakdowns_and_small_teams_stay_hidden_from_hr(
    client, new_client, db
):
    from botschaft.teams.models import Team
    from botschaft.tenancy.models import Cohort

    program = make_program(db, min_group_size=3, starts_on=date(2026, 1, 1))
    hr = make_user(db, Role.hr_viewer)
    add_member(db, program, hr, ProgramRole.hr_viewer)
    core = make_user(db, Role.core_team)
    add_member(db, program, core, ProgramRole.core_team)
    with db.session() as session:
        pilot = Cohort(program_id=program, name="Pilot")
        wave = Cohort(program_id=program, name="Zweite Welle")
        big = Team(program_id=program, name="Multiplikatoren")
        small = Team(program_id=program, name="Fachleute")
        session.add_all([pilot, wave, big, small])
        session.flush()
        ids = {"pilot": pilot.id, "wave": wave.id, "big": big.id, "small": small.id}
    members = []
    for i in range(5):
        cohort = ids["pilot"] if i < 3 else ids["wave"]
        member = add_member(db, program, make_user(db), ProgramRole.influencer)
        with db.session() as session:
            from botschaft.tenancy.models import ProgramMembership

            teams = [ids["big"]] + ([ids["small"]] if i == 0 else [])
            place_in_groups(session, session.get(ProgramMembership, member), cohort, teams)
        members.append(member)
        _post(db, program, member, date(2026, 2, 1), likes=10 * (i + 1))
    period = {"from": "2026-01-01", "to": "2026-03-31"}
    core_view = sign_in(client, core)
    kpis = core_view.get(f"/api/v1/programs/{program}/kpis", params=period).json()
    assert {g["key"]: g["posts"] for g in kpis["by_cohort"]} == {"Pilot": 3, "Zweite Welle": 2}
    teams = {g["key"]: (g["people"], g["posts"], g["engagements"]) for g in kpis["by_team"]}
    # Overlapping teams: the first person's post counts for both of their teams.
    assert teams == {"Multiplikatoren": (5, 5, 150), "Fachleute": (1, 1, 10)}
    hr_view = sign_in(new_client(), hr)
    shown = hr_view.get(f"/api/v1/programs/{program}/kpis", params=period).json()["by_team"]
    assert all(g["people"] >= 3 for g in shown), "a one-person team is never shown to HR"
    assert "Fachleute" not in {g["key"] for g in shown}
    export = core_view.get(
        f"/api/v1/programs/{program}/kpis/export", params={**period, "format": "csv", "lang": "en"}
    )
    assert "By team" in export.text and "Multiplikatoren" in export.text


def test_a_small_other_group_takes_in_the_next_smallest_group():
    from botschaft.kpis.privacy import merge_small_groups
    from botschaft.kpis.schemas import GroupRow

    rows = [
        GroupRow(key="A", people=9, posts=30, engagements=300),
        GroupRow(key="B", people=5, posts=10, engagements=100),
        GroupRow(key="C", people=2, posts=4, engagements=40),
    ]
    merged = merge_small_groups(rows, 5)
    assert [(g.key, g.people, g.posts) for g in merged] == [("A", 9, 30), ("other", 7, 14)]
    assert merge_small_groups(rows[2:], 5) == [], "two people in all: nothing is shown"


@pytest.mark.parametrize(
    ("params", "field"),
    [({"from": "2026-05-01", "to": "2026-01-01"}, "from"), ({"from": "yesterday"}, "from")],
)
def test_a_bad_period_names_the_field(client, db, params, field):
    program = make_program(db)
    core = make_user(db, Role.core_team)
    add_member(db, program, core, ProgramRole.core_team)
    sign_in(client, core)
    response = client.get(f"/api/v1/programs/{program}/kpis", params=params)
    assert response.status_code == 422 and response.json()["errors"][0]["field"] == field


def test_the_influencer_table_shows_check_in_attendance_and_modules(client, db):
    from datetime import UTC, datetime

    from botschaft.learning.models import Module, ModuleProgress
    from botschaft.meetings.models import Meeting, MeetingInvitation

    program = make_program(db, starts_on=date(2026, 1, 1))
    core = make_user(db, Role.core_team)
    add_member(db, program, core, ProgramRole.core_team)
    ada = add_member(db, program, make_user(db, name="Ada"), ProgramRole.influencer)
    with db.session() as session:
        modules = [Module(program_id=program, title=f"Modul {n}", position=n) for n in range(3)]
        session.add_all(modules)
        meetings = [
            Meeting(
                program_id=program,
                kind=kind,
                title=kind,
                starts_at=datetime(2026, 2, day, 16, tzinfo=UTC),
                ends_at=datetime(2026, 2, day, 17, tzinfo=UTC),
                timezone="Europe/Berlin",
                audience="program",
            )
            for kind, day in [("check_in", 3), ("check_in", 17), ("network", 20)]
        ]
        session.add_all(meetings)
        session.flush()
        session.add(ModuleProgress(module_id=modules[0].id, member_id=ada, state="done"))
        for meeting, attended in zip(meetings, [True, False, True], strict=True):
            session.add(MeetingInvitation(meeting_id=meeting.id, member_id=ada, attended=attended))
    sign_in(client, core)
    row = client.get(
        f"/api/v1/programs/{program}/kpis/influencers",
        params={"from": "2026-01-01", "to": "2026-03-31"},
    ).json()["items"][0]
    assert (row["check_ins_attended"], row["check_ins_recorded"]) == (1, 2), (
        "network meetings do not count"
    )
    assert (row["modules_done"], row["modules_total"]) == (1, 3)


def test_earned_media_value_is_off_until_the_program_sets_its_rates(client, db):
    program = make_program(db, starts_on=date(2026, 1, 1))
    core = make_user(db, Role.core_team)
    add_member(db, program, core, ProgramRole.core_team)
    member = add_member(db, program, make_user(db), ProgramRole.influencer)
    _post(db, program, member, date(2026, 2, 1), likes=90, comments=10, impressions=20_000)
    sign_in(client, core)
    url = f"/api/v1/programs/{program}/kpis"
    params = {"from": "2026-01-01", "to": "2026-03-31"}
    assert client.get(url, params=params).json()["totals"]["earned_media_value"] is None
    version = client.get(f"/api/v1/programs/{program}").json()["version"]
    updated = client.patch(
        f"/api/v1/programs/{program}",
        json={"version": version, "emv_per_thousand_impressions": 8.5, "emv_per_engagement": 0.5},
    )
    assert updated.status_code == 200, updated.text
    kpis = client.get(url, params=params).json()
    # 20,000 / 1,000 × 8.50 + 100 engagements × 0.50
    assert kpis["totals"]["earned_media_value"] == 170 + 50
    assert "1,000" in kpis["formulas"]["earned_media_value"]
    negative = client.patch(
        f"/api/v1/programs/{program}",
        json={"version": updated.json()["version"], "emv_per_engagement": -1},
    )
    assert negative.status_code == 422


def test_outcomes_are_counted_per_type_now_and_in_total_for_the_period_before(client, db):
    """Both periods' outcomes come from one statement: a type seen only in the period before
    counts there and is not listed for this one; days on the edges belong to their period."""
    from botschaft.posts.models import Outcome, OutcomeType

    program = make_program(db, starts_on=date(2025, 1, 1))
    core = make_user(db, Role.core_team)
    add_member(db, program, core, ProgramRole.core_team)
    member = add_member(db, program, make_user(db), ProgramRole.influencer)
    # Period 2026-03-01..2026-03-31 (a whole month); the one before is February.
    days = {
        date(2026, 3, 1): OutcomeType.job_application,
        date(2026, 3, 31): OutcomeType.job_application,
        date(2026, 3, 15): OutcomeType.hire,
        date(2026, 2, 28): OutcomeType.press_request,
        date(2026, 2, 1): OutcomeType.press_request,
        date(2026, 1, 31): OutcomeType.talk,  # the day before the period before
        date(2026, 4, 1): OutcomeType.talk,  # after the period
    }
    with db.session() as session:
        for day, kind in days.items():
            session.add(Outcome(program_id=program, member_id=member, type=kind, occurred_on=day))
    sign_in(client, core)
    kpis = client.get(
        f"/api/v1/programs/{program}/kpis", params={"from": "2026-03-01", "to": "2026-03-31"}
    ).json()
    assert kpis["outcomes_by_type"] == {"job_application": 2, "hire": 1}
    assert kpis["totals"]["outcomes"] == 3
    assert (kpis["previous_from"], kpis["previous_to"]) == ("2026-02-01", "2026-02-28")
    assert kpis["previous"]["outcomes"] == 2


def test_what_the_posts_brought_ranks_them_by_outcomes_of_the_period(client, db):
    """The posts with the most outcomes in the period first (at most ten; ties by the newer
    post), each with its outcomes per kind, requests and results; outcomes outside the period
    or without a post do not count."""
    import random

    from botschaft.kpis.brought import MOST
    from botschaft.posts.models import REQUEST_OUTCOMES, RESULT_OUTCOMES, Outcome, OutcomeType

    rng = random.Random(5)
    program = make_program(db, starts_on=date(2025, 1, 1))
    core = make_user(db, Role.core_team)
    add_member(db, program, core, ProgramRole.core_team)
    member = add_member(db, program, make_user(db), ProgramRole.influencer)
    expected: dict[str, dict[str, int]] = {}
    with db.session() as session:
        posts = [
            add_post(session, program_id=program, member_id=member,
                     published_on=date(2026, 2, 1 + n))
            for n in range(MOST + 3)
        ]  # fmt: skip
        session.flush()
        for post in posts:
            for _ in range(rng.randint(0, 4)):
                kind = rng.choice(list(OutcomeType))
                session.add(Outcome(program_id=program, member_id=member, post_id=post.id,
                                    type=kind, occurred_on=date(2026, 3, rng.randint(1, 31))))  # fmt: skip
                counts = expected.setdefault(str(post.id), {})
                counts[str(kind)] = counts.get(str(kind), 0) + 1
            # Outside the period, and without a post: neither counts.
            session.add(Outcome(program_id=program, member_id=member, post_id=post.id,
                                type=OutcomeType.hire, occurred_on=date(2026, 4, 1)))  # fmt: skip
        session.add(Outcome(program_id=program, member_id=member, type=OutcomeType.hire,
                            occurred_on=date(2026, 3, 2)))  # fmt: skip
        published = {str(p.id): p.published_on for p in posts}
    sign_in(client, core)
    brought = client.get(
        f"/api/v1/programs/{program}/kpis", params={"from": "2026-03-01", "to": "2026-03-31"}
    ).json()["brought"]
    total = {post: sum(kinds.values()) for post, kinds in expected.items()}
    # The ten with the most (ties: the first ids), shown with the newer posts first.
    chosen = sorted(total, key=lambda post: (-total[post], post))[:MOST]
    ranked = sorted(chosen, key=lambda post: (-total[post], -published[post].toordinal(), post))
    assert [b["post"]["id"] for b in brought] == ranked
    for entry in brought:
        kinds = expected[entry["post"]["id"]]
        assert entry["by_type"] == kinds
        assert entry["outcomes"] == sum(kinds.values())
        assert entry["requests"] == sum(n for k, n in kinds.items() if k in REQUEST_OUTCOMES)
        assert entry["results"] == sum(n for k, n in kinds.items() if k in RESULT_OUTCOMES)
