"""A page per influencer for the core team: figures over the months the person was in the
program, outcomes, and private support notes (only the author edits; audited without text)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from botschaft.audit.models import AuditEvent
from botschaft.identity.models import Role
from botschaft.posts.models import Outcome
from botschaft.tenancy.models import ProgramRole
from tests.support.api import add_member, make_program, make_user, sign_in
from tests.support.clock import local_today
from tests.support.factories import add_post


def _world(db):
    today = local_today()
    program = make_program(db, starts_on=today - timedelta(days=200), target_posts_per_month=2)
    core, other_core = make_user(db, Role.core_team, name="Kim Kern"), make_user(db, Role.core_team)
    add_member(db, program, core, ProgramRole.core_team)
    add_member(db, program, other_core, ProgramRole.core_team)
    person = make_user(db, name="Ada Lovelace")
    # Joined about two months ago: the page counts from then, not from the program's start.
    joined = datetime.now(UTC) - timedelta(days=62)
    member = add_member(
        db, program, person, ProgramRole.influencer, occupation="Gärtnerin", joined_at=joined
    )
    with db.session() as session:
        for n, days_ago in enumerate((1, 3, 40)):
            day = today - timedelta(days=days_ago)
            add_post(
                session,
                program_id=program,
                member_id=member,
                url=f"https://www.instagram.com/p/abc{n}/",
                normalized_url=f"https://www.instagram.com/p/abc{n}/",
                platform="instagram",
                published_on=day,
                likes=10 * (n + 1),
                comments=n,
            )
        session.add(
            Outcome(
                program_id=program, member_id=member, type="internship_request", occurred_on=today
            )
        )
    return program, member, core, other_core, joined


def test_the_page_shows_the_persons_figures_over_their_time(client, db):
    program, member, core, _, joined = _world(db)
    sign_in(client, core)
    page = client.get(f"/api/v1/programs/{program}/influencers/{member}")
    assert page.status_code == 200, page.text
    data = page.json()
    assert (data["name"], data["occupation"], data["status"]) == (
        "Ada Lovelace",
        "Gärtnerin",
        "active",
    )
    assert data["period_from"] == str(joined.date())  # from joining, not the program's start
    figures = data["figures"]
    assert figures["posts"] == 3
    assert figures["engagements"] == (10 + 0) + (20 + 1) + (30 + 2)
    assert figures["outcomes"] == 1 and figures["target_per_month"] == 2
    assert sum(m["posts"] for m in data["months"]) == 3
    assert [m["month"] for m in data["months"]][0] == f"{joined.date():%Y-%m}"
    # The trend: engagements per month and per post, from the same posts as the figures.
    expected: dict[str, list[int]] = {}
    for days_ago, engaged in ((1, 10), (3, 21), (40, 32)):
        month = f"{local_today() - timedelta(days=days_ago):%Y-%m}"
        expected.setdefault(month, []).append(engaged)
    for m in data["months"]:
        posts = expected.get(m["month"], [])
        assert (m["posts"], m["engagements"]) == (len(posts), sum(posts))
        assert m["engagements_per_post"] == (round(sum(posts) / len(posts), 1) if posts else None)
    assert sum(m["engagements"] for m in data["months"]) == figures["engagements"]
    assert [o["type"] for o in data["outcomes"]] == ["internship_request"]


def test_notes_are_private_audited_and_only_the_author_changes_them(client, new_client, db):
    program, member, core, other_core, _ = _world(db)
    sign_in(client, core)
    base = f"/api/v1/programs/{program}/influencers/{member}/notes"
    created = client.post(
        base, json={"text": "Möchte Hilfe beim ersten Reel.\nNächste Woche fragen."}
    )
    assert created.status_code == 201, created.text
    note = created.json()
    assert note["mine"] is True and note["author_name"] == "Kim Kern"
    edited = client.put(f"{base}/{note['id']}", json={"text": "Reel geplant."})
    assert edited.json()["text"] == "Reel geplant."

    colleague = sign_in(new_client(), other_core)
    [seen] = colleague.get(base).json()
    assert seen["mine"] is False and seen["text"] == "Reel geplant."
    refused = colleague.put(f"{base}/{note['id']}", json={"text": "x"})
    assert refused.status_code == 403 and refused.json()["type"].endswith("/not_author")
    assert colleague.delete(f"{base}/{note['id']}").status_code == 403

    for bad in ("", "a\u0000b", "x" * 4001):
        answer = client.post(base, json={"text": bad})
        assert answer.status_code == 422 and answer.json()["errors"][0]["field"] == "text"
    assert client.delete(f"{base}/{note['id']}").status_code == 204
    assert client.get(base).json() == []

    with db.session() as session:
        events = session.execute(
            select(AuditEvent.action, AuditEvent.details).where(
                AuditEvent.action.like("support_note.%")
            )
        ).all()
    assert sorted(a for a, _ in events) == [
        "support_note.created",
        "support_note.deleted",
        "support_note.updated",
    ]
    assert all("Reel" not in str(details) for _, details in events)  # never the note's text


def test_nobody_but_the_programs_core_team_sees_the_page(client, db):
    program, member, _, _, _ = _world(db)
    hr = make_user(db, Role.hr_viewer)
    add_member(db, program, hr, ProgramRole.hr_viewer)
    sign_in(client, hr)
    assert client.get(f"/api/v1/programs/{program}/influencers/{member}").status_code == 403
    assert client.get(f"/api/v1/programs/{program}/influencers/{member}/notes").status_code == 403
    # Another program's core team cannot reach this person through its own program.
    other = make_program(db)
    stranger = make_user(db, Role.core_team)
    add_member(db, other, stranger, ProgramRole.core_team)
    client.post("/api/v1/auth/logout")
    sign_in(client, stranger)
    assert client.get(f"/api/v1/programs/{other}/influencers/{member}").status_code == 404
