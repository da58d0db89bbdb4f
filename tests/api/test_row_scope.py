"""What comes back, not only who may call: on the demo program (16 influencers with posts,
outcomes, requests, briefings and modules), every row an influencer lists is their own or one
the program shares with everyone (tenancy/scope.py), and the core team lists every row. The
authorization matrix (tests/authz) checks the routes; this checks the rows."""

from __future__ import annotations

from sqlalchemy import func, select

from botschaft.demo.service import DEMO_PASSWORD, load_demo
from botschaft.identity.models import User
from botschaft.inbox.models import InboundRequest
from botschaft.posts.models import Outcome, Post
from botschaft.tenancy.models import Program, ProgramMembership, ProgramRole
from tests.support.api import Account, sign_in


def _all(client, url: str) -> list[dict]:
    """Every page of a paged list."""
    items, page = [], 1
    while True:
        body = client.get(url, params={"page": page, "per_page": 100}).json()
        items += body["items"]
        if len(items) >= body["total"] or not body["items"]:
            return items
        page += 1


def _demo(db) -> tuple[object, dict[str, tuple[Account, object, object]], dict[str, int]]:
    with db.session() as session:
        load_demo(session)
        program = session.scalar(select(Program))
        rows = session.execute(
            select(User.id, User.email, ProgramMembership.id, ProgramMembership.role)
            .join(ProgramMembership, ProgramMembership.user_id == User.id)
            .add_columns(ProgramMembership.cohort_id)
        ).all()
        people = {
            email: (Account(user_id, email, DEMO_PASSWORD), member_id, role, cohort)
            for user_id, email, member_id, role, cohort in rows
        }
        totals = {
            "posts": session.scalar(select(func.count()).select_from(Post)),
            "outcomes": session.scalar(select(func.count()).select_from(Outcome)),
            "requests": session.scalar(select(func.count()).select_from(InboundRequest)),
        }
        return program.id, people, totals


def test_an_influencer_lists_only_their_own_rows_and_the_core_team_all(new_client, db):
    program, people, totals = _demo(db)
    assert min(totals.values()) > 0, "the demo has rows of every kind"
    base = f"/api/v1/programs/{program}"
    influencers = [p for p in people.values() if p[2] == ProgramRole.influencer]
    assert len(influencers) >= 10
    seen = {"posts": 0, "outcomes": 0, "requests": 0}
    for account, member_id, _, cohort in influencers:
        client = sign_in(new_client(), account)
        for kind, url in (
            ("posts", f"{base}/posts"),
            ("outcomes", f"{base}/outcomes"),
            ("requests", f"{base}/requests"),
        ):
            rows = _all(client, url)
            assert {row["member_id"] for row in rows} <= {str(member_id)}, (kind, account.email)
            seen[kind] += len(rows)
        for briefing in client.get(f"{base}/briefings").json():
            assert briefing["status"] == "published" or briefing["author_member_id"] == str(
                member_id
            )
        for module in client.get(f"{base}/modules").json():
            assert module["cohort_id"] in (None, str(cohort) if cohort else None)
    # Everyone's own rows together are all the rows: nothing is hidden from its owner.
    assert seen == totals
    core = next(p for p in people.values() if p[2] == ProgramRole.core_team)
    team = sign_in(new_client(), core[0])
    for kind in ("posts", "outcomes", "requests"):
        rows = _all(team, f"{base}/{kind}")
        assert len(rows) == totals[kind]
        assert len({row["member_id"] for row in rows}) > 1


def test_a_reminder_and_a_report_subscription_are_their_owners_alone(new_client, db):
    """Personal rows (nudges/, reports/): each person reads their own choice, never another's,
    whatever their role."""
    program, people, _ = _demo(db)
    base = f"/api/v1/programs/{program}"
    by_role: dict[ProgramRole, list] = {}
    for account, _, role, _ in people.values():
        by_role.setdefault(role, []).append(account)
    first, second = (sign_in(new_client(), a) for a in by_role[ProgramRole.influencer][:2])
    assert first.put(f"{base}/nudges/me", json={"frequency": "weekly"}).status_code == 200
    assert first.get(f"{base}/nudges/me").json()["frequency"] == "weekly"
    assert second.get(f"{base}/nudges/me").json()["frequency"] == "off"
    subscriber, *others = (
        sign_in(new_client(), a)
        for a in by_role[ProgramRole.core_team] + by_role[ProgramRole.hr_viewer]
    )
    assert others, "another reader of the report"
    assert subscriber.put(f"{base}/report-subscription").json()["subscribed"] is True
    assert subscriber.get(f"{base}/report-subscription").json()["subscribed"] is True
    for other in others:
        assert other.get(f"{base}/report-subscription").json()["subscribed"] is False
