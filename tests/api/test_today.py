"""The core team's Today: what needs them now, each item exact, nothing when nothing is due."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import func, select

from botschaft.briefings.models import Briefing
from botschaft.calls.models import Application, ApplicationStatus, Call
from botschaft.demo.service import DEMO_PASSWORD, load_demo
from botschaft.identity.models import Role
from botschaft.meetings.models import Meeting, MeetingInvitation, Rsvp
from botschaft.tenancy.models import Program, ProgramRole
from tests.support.api import Account, add_member, make_program, make_user, sign_in
from tests.support.clock import local_today
from tests.support.factories import add_post

CORE = "katrin.vogt@musterstadt.example"


def _demo(db) -> Program:
    with db.session() as session:
        load_demo(session)
        return session.scalar(select(Program).where(Program.slug == "wir-sind-musterstadt"))


def _today(client, program_id, **params) -> dict:
    answer = client.get(f"/api/v1/programs/{program_id}/today", params=params)
    assert answer.status_code == 200, answer.text
    return answer.json()


def test_the_demo_shows_what_needs_the_core_team(client, db):
    program = _demo(db)
    sign_in(client, Account(id=None, email=CORE, password=DEMO_PASSWORD))
    today = _today(client, program.id)

    [coming] = today["meetings_missing_rsvp"]
    with db.session() as session:
        pending = session.scalar(
            select(func.count())
            .select_from(MeetingInvitation)
            .where(
                MeetingInvitation.meeting_id == uuid.UUID(coming["id"]),
                MeetingInvitation.rsvp == Rsvp.pending,
            )
        )
        meeting = session.get(Meeting, uuid.UUID(coming["id"]))
        assert meeting.title == coming["title"] == "Netzwerktreffen im Klärwerk"
    assert coming["pending"] == pending > 0

    [unrecorded] = today["meetings_without_attendance"]
    with db.session() as session:
        recorded = session.scalar(
            select(func.count())
            .select_from(MeetingInvitation)
            .where(
                MeetingInvitation.meeting_id == uuid.UUID(unrecorded["id"]),
                MeetingInvitation.attended.is_not(None),
            )
        )
    assert recorded == 0 and unrecorded["title"] == "Digitaler Check-in"

    [module] = today["overdue_modules"]
    assert module["title"] == "Content Creation" and len(module["behind"]) > 0
    names = [p["name"] for p in module["behind"]]
    assert len(names) == len(set(names))

    with db.session() as session:
        soon = datetime.now(UTC) + timedelta(days=7)
        expiring = session.scalars(
            select(Briefing.title).where(
                Briefing.program_id == program.id,
                Briefing.expires_at <= soon,
                Briefing.expires_at >= datetime.now(UTC),
            )
        ).all()
        to_review = session.scalar(
            select(func.count())
            .select_from(Application)
            .join(Call, Call.id == Application.call_id)
            .where(
                Call.program_id == program.id,
                Call.status.in_(["open", "closed"]),
                Application.status.in_(
                    [ApplicationStatus.submitted, ApplicationStatus.shortlisted]
                ),
            )
        )
    assert sorted(b["title"] for b in today["expiring_briefings"]) == sorted(expiring)
    # The demo's core team has reviewed none of its applications.
    assert today["applications_to_review"] == to_review > 0
    pulse = today["pulse"]
    assert pulse["target_posts"] == 16 * program.target_posts_per_month
    assert pulse["last_month_posts"] > 0


def test_a_new_program_has_nothing_to_do(client, db):
    program = make_program(db, starts_on=local_today() - timedelta(days=30))
    core = make_user(db, Role.core_team)
    add_member(db, program, core, ProgramRole.core_team)
    sign_in(client, core)
    today = _today(client, program)
    assert today["applications_to_review"] == today["new_requests"] == 0
    for item in (
        "open_rounds",
        "meetings_missing_rsvp",
        "meetings_without_attendance",
        "overdue_modules",
        "quiet_influencers",
        "expiring_briefings",
        "recent_outcomes",
    ):
        assert today[item] == [], item
    assert today["pulse"]["posts"] == today["pulse"]["target_posts"] == 0


def _post(db, program, member, day: date) -> None:
    with db.session() as session:
        add_post(
            session,
            program_id=program,
            member_id=member,
            url=f"https://www.linkedin.com/posts/x-{member}-{day}",
            normalized_url=f"https://www.linkedin.com/posts/x-{member}-{day}",
            platform="linkedin",
            published_on=day,
            likes=3,
        )


def test_quiet_influencers_are_a_gentle_alphabetical_list(client, db):
    program = make_program(db)
    core = make_user(db, Role.core_team)
    add_member(db, program, core, ProgramRole.core_team)
    now = datetime.now(UTC)
    today = local_today()
    people = {}
    for name, joined_days_ago in (("Zora", 60), ("Anna", 60), ("Carl", 2), ("Bert", 40)):
        account = make_user(db, name=name)
        people[name] = add_member(
            db,
            program,
            account,
            ProgramRole.influencer,
            joined_at=now - timedelta(days=joined_days_ago),
        )
    _post(db, program, people["Zora"], today - timedelta(days=30))
    _post(db, program, people["Anna"], today - timedelta(days=10))
    sign_in(client, core)

    three_weeks = _today(client, program)
    assert three_weeks["quiet_weeks"] == 3
    # Bert never posted and joined 40 days ago; Carl joined two days ago; Anna posted recently.
    assert [p["name"] for p in three_weeks["quiet_influencers"]] == ["Bert", "Zora"]
    assert three_weeks["quiet_influencers"][1]["last_post_on"] == str(today - timedelta(days=30))
    one_week = _today(client, program, quiet_weeks=1)
    assert [p["name"] for p in one_week["quiet_influencers"]] == ["Anna", "Bert", "Zora"]
    assert (
        client.get(f"/api/v1/programs/{program}/today", params={"quiet_weeks": 0}).status_code
        == 422
    )
    assert three_weeks["pulse"]["posts"] + three_weeks["pulse"]["last_month_posts"] <= 2


def test_only_the_core_team_sees_today(client, db):
    program = _demo(db)
    for email in ("ursula.brandt@musterstadt.example", "sophie.wagner@musterstadt.example"):
        sign_in(client, Account(id=None, email=email, password=DEMO_PASSWORD))
        assert client.get(f"/api/v1/programs/{program.id}/today").status_code == 403
        client.post("/api/v1/auth/logout")
