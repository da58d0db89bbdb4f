"""Art. 17: a person asks to be erased, the core team (or an administrator) confirms; the
account and everything naming the person goes, the program's totals keep their sums."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from sqlalchemy import select

from botschaft.audit.models import AuditEvent
from botschaft.calls.models import Application
from botschaft.core.database import Base
from botschaft.erasure.models import ErasureRequest
from botschaft.erasure.policy import ON_ERASURE
from botschaft.identity.models import Role, User
from botschaft.notifications.models import EmailMessage
from botschaft.tenancy.models import ProgramMembership, ProgramRole
from botschaft.transparency.facts import erased_with_membership
from tests.support.api import add_member, make_program, make_user, sign_in
from tests.support.clock import local_today

ASK = "/api/v1/me/erasure-request"
REQUESTS = "/api/v1/erasure-requests"
LINK = "https://www.linkedin.com/posts/ada-lovelace_wirsindstadt-activity-7100000000000000001"
SECRET_NOTE = "Ada braucht Hilfe beim Fotografieren"


def _world(db):
    today = local_today()
    program = make_program(db, starts_on=today - timedelta(days=120), hashtags=["wirsindstadt"])
    core = make_user(db, Role.core_team, name="Kim Kern")
    core2 = make_user(db, Role.core_team, name="Kai Kern")
    ada = make_user(db, email="ada.lovelace@stadt.example", name="Ada Lovelace")
    bob = make_user(db, name="Bob Beispiel")
    add_member(db, program, core, ProgramRole.core_team)
    add_member(db, program, core2, ProgramRole.core_team)
    ada_member = add_member(
        db, program, ada, ProgramRole.influencer, occupation="Gärtnerin", occupation_group="Grün"
    )
    add_member(db, program, bob, ProgramRole.influencer)
    return program, core, core2, ada, ada_member, bob


def _fill(client, new_client, db, program, core, ada, ada_member, bob):
    """Ada logs posts with figures and an outcome, sets her reminder; the core team writes a
    support note; Ada once applied through a call with the same address; Bob logs a post."""
    me = sign_in(new_client(), ada)
    today = local_today()
    for n, days_ago in enumerate((2, 35, 70)):
        post = me.post(
            f"/api/v1/programs/{program}/posts",
            json={
                "url": LINK[:-1] + str(n),
                "published_on": str(today - timedelta(days=days_ago)),
                "hashtags": ["wirsindstadt", "adagärtnert"],
                "note": "mein Garten",
            },
        )
        assert post.status_code == 201, post.text
        figures = me.post(
            f"/api/v1/programs/{program}/posts/{post.json()['id']}/figures",
            json={"likes": 10 + n, "comments": n, "impressions": 500},
        )
        assert figures.status_code in (200, 201), figures.text
    outcome = me.post(
        f"/api/v1/programs/{program}/outcomes",
        json={"type": "internship_request", "note": "Nichte von Ada"},
    )
    assert outcome.status_code == 201, outcome.text
    request = me.post(
        f"/api/v1/programs/{program}/requests",
        json={"type": "speaker", "asker": "Schule von Adas Tochter", "note": "ruft Ada privat an"},
    )
    assert request.status_code == 201, request.text
    assert me.put(f"/api/v1/programs/{program}/nudges/me", json={"frequency": "weekly"}).is_success
    kim = sign_in(new_client(), core)
    note = kim.post(
        f"/api/v1/programs/{program}/influencers/{ada_member}/notes", json={"text": SECRET_NOTE}
    )
    assert note.status_code == 201, note.text
    b = sign_in(new_client(), bob)
    assert (
        b.post(
            f"/api/v1/programs/{program}/posts",
            json={"url": "https://www.instagram.com/p/Bob123/", "published_on": str(today)},
        ).status_code
        == 201
    )
    from datetime import UTC, datetime

    from botschaft.calls.models import Call

    with db.session() as session:
        now = datetime.now(UTC)
        call = Call(
            program_id=program,
            title="Aufruf",
            opens_at=now,
            closes_at=now,
            form_token=f"t{program}",
        )
        session.add(call)
        session.flush()
        session.add(
            Application(
                call_id=call.id,
                name="Ada Lovelace",
                email="ada.lovelace@stadt.example",
                access_digest=f"d{program}",
                privacy_version=1,
                consent_version=1,
            )
        )
    return me


def _kpis(client, program):
    today = local_today()
    answer = client.get(
        f"/api/v1/programs/{program}/kpis",
        params={"from": str(today - timedelta(days=100)), "to": str(today)},
    )
    assert answer.status_code == 200, answer.text
    data = answer.json()
    return data["totals"], data["monthly"], data.get("outcomes_by_type")


def _everything(db) -> str:
    """Every row of every table, as text: what a database dump would show."""
    out = []
    with db.session() as session:
        for table in Base.metadata.sorted_tables:
            for row in session.execute(select(table)).all():
                out.append(json.dumps([str(v) for v in row], ensure_ascii=False))
    return "\n".join(out).lower()


def test_erasure_takes_the_person_and_keeps_the_programs_sums(client, new_client, db):
    program, core, core2, ada, ada_member, bob = _world(db)
    me = _fill(client, new_client, db, program, core, ada, ada_member, bob)
    kim = sign_in(client, core)
    before = _kpis(kim, program)
    assert before[0]["posts"] == 4 and before[0]["active_influencers"] == 2

    # Ada asks; the core team hears of it by email and sees the request.
    assert me.get(ASK).json()["requested_at"] is None
    asked = me.put(ASK, json={"note": "Ich verlasse die Stadt."})
    assert asked.status_code == 200, asked.text
    assert asked.json()["requested_at"] and asked.json()["note"] == "Ich verlasse die Stadt."
    with db.session() as session:
        told = session.scalars(
            select(EmailMessage.to_address).where(EmailMessage.template == "erasure.requested")
        ).all()
    assert sorted(told) == sorted([core.email, core2.email])
    listed = kim.get(REQUESTS).json()
    assert [(r["name"], r["programs"], r["can_confirm"]) for r in listed] == [
        ("Ada Lovelace", [listed[0]["programs"][0]], True)
    ]

    confirmed = kim.post(f"{REQUESTS}/{listed[0]['id']}/confirm")
    assert confirmed.status_code == 204, confirmed.text

    # The program's figures are those of before, to the last like and outcome.
    assert _kpis(kim, program) == before
    # Ada is gone: no sign-in, her session ends, no list names her.
    assert me.get("/api/v1/me").status_code == 401
    assert kim.get(REQUESTS).json() == []
    members = kim.get(f"/api/v1/programs/{program}/members").json()
    assert "Ada Lovelace" not in json.dumps(members)
    posts = kim.get(f"/api/v1/programs/{program}/posts", params={"per_page": 100}).json()
    assert [p["url"] for p in posts["items"]] == ["https://www.instagram.com/p/Bob123/"]
    assert posts["total"] == 1  # her kept posts count in the sums, not in the list
    assert kim.get(f"/api/v1/programs/{program}/influencers/{ada_member}").status_code == 404
    # Nowhere in the database: not her name, address, links, hashtags or the notes about her.
    dump = _everything(db)
    for trace in (
        "ada lovelace",
        "ada.lovelace",
        "activity-71000",
        "adagärtnert",
        SECRET_NOTE.lower(),
        "nichte von ada",
        "schule von adas tochter",
        "ruft ada privat an",
        "mein garten",
        "gärtnerin",
    ):
        assert trace not in dump, trace
    # (A later sign-in attempt with the address is logged like any unknown address.)
    again = new_client().post(
        "/api/v1/auth/login", json={"email": ada.email, "password": ada.password}
    )
    assert again.status_code == 401
    # The log keeps what happened, under one pseudonym.
    with db.session() as session:
        events = session.scalars(select(AuditEvent).order_by(AuditEvent.at)).all()
        erased = [e for e in events if e.action == "account.erased"]
        assert len(erased) == 1 and erased[0].target_id.startswith("erased:")
        pseudonym = erased[0].target_id
        hers = [e for e in events if pseudonym in (e.actor_label, e.target_id)]
        assert {"auth.login", "erasure.requested", "account.erased"} <= {e.action for e in hers}
        assert all(e.ip is None for e in hers if e.actor_label == pseudonym)
        assert erased[0].details == {"programs": 1, "posts_kept": 3, "applications": 1}
        placeholder = session.get(ProgramMembership, ada_member)
        assert placeholder.user_id is None and placeholder.occupation_group is None


def test_a_post_of_an_erased_person_can_be_logged_again_by_someone_else(client, new_client, db):
    program, core, _, ada, ada_member, bob = _world(db)
    _fill(client, new_client, db, program, core, ada, ada_member, bob)
    sign_in(new_client(), ada).put(ASK, json={})
    kim = sign_in(client, core)
    kim.post(f"{REQUESTS}/{kim.get(REQUESTS).json()[0]['id']}/confirm")
    again = sign_in(new_client(), bob).post(
        f"/api/v1/programs/{program}/posts", json={"url": LINK[:-1] + "0"}
    )
    assert again.status_code == 201, again.text


def test_withdrawing_and_asking_twice(client, db):
    program, core, _, ada, *_ = _world(db)
    me = sign_in(client, ada)
    first = me.put(ASK, json={}).json()["requested_at"]
    assert me.put(ASK, json={"note": "bitte bald"}).json()["requested_at"] == first
    assert me.delete(ASK).status_code == 204
    assert me.get(ASK).json()["requested_at"] is None
    gone = me.delete(ASK)
    assert gone.status_code == 404 and gone.json()["type"].endswith("/no_erasure_request")
    with db.session() as session:
        actions = session.scalars(select(AuditEvent.action)).all()
    assert actions.count("erasure.requested") == 1 and "erasure.withdrawn" in actions


def test_who_may_confirm(client, new_client, db):
    program, core, _, ada, ada_member, bob = _world(db)
    other = make_program(db)
    stranger_core = make_user(db, Role.core_team)
    add_member(db, other, stranger_core, ProgramRole.core_team)
    add_member(db, other, ada, ProgramRole.influencer)  # Ada is in two programs now
    boss = make_user(db, Role.admin)
    sign_in(new_client(), ada).put(ASK, json={})
    # No one is in both core teams: the administrators are told, not one core team alone.
    with db.session() as session:
        told = session.scalars(
            select(EmailMessage.to_address).where(EmailMessage.template == "erasure.requested")
        ).all()
    assert told == [boss.email]

    kim = sign_in(client, core)
    [req] = kim.get(REQUESTS).json()
    assert req["can_confirm"] is False  # Kim is not in the other program's core team
    refused = kim.post(f"{REQUESTS}/{req['id']}/confirm")
    assert refused.status_code == 403 and refused.json()["type"].endswith("/erasure_not_yours")
    # An influencer sees no one's request and cannot confirm by guessing the id.
    b = sign_in(new_client(), bob)
    assert b.get(REQUESTS).json() == []
    assert b.post(f"{REQUESTS}/{req['id']}/confirm").status_code == 404
    # An administrator can.
    admin = sign_in(new_client(), boss)
    assert admin.get(REQUESTS).json()[0]["can_confirm"] is True
    assert admin.post(f"{REQUESTS}/{req['id']}/confirm").status_code == 204
    # The log's download names her by the pseudonym, in words, and nowhere by address.
    log = admin.get("/api/v1/audit-events/export", params={"lang": "en"}).text
    assert "Erased person (" in log and ada.email not in log
    with db.session() as session:
        assert session.get(User, ada.id) is None
        left = session.scalars(
            select(ProgramMembership).where(ProgramMembership.user_id.is_(None))
        ).all()
        assert len(left) == 2


def test_nobody_confirms_their_own_and_the_last_ones_stay(client, new_client, db):
    program, core, core2, *_ = _world(db)
    kim = sign_in(client, core)
    kim.put(ASK, json={})
    [req] = kim.get(REQUESTS).json()
    assert req["can_confirm"] is False
    assert kim.post(f"{REQUESTS}/{req['id']}/confirm").status_code == 403
    # Kai confirms Kim; then Kai is the last of the core team and cannot go.
    kai = sign_in(new_client(), core2)
    assert kai.post(f"{REQUESTS}/{req['id']}/confirm").status_code == 204
    kai.put(ASK, json={})
    admin = sign_in(new_client(), make_user(db, Role.admin))
    [kais] = admin.get(REQUESTS).json()
    last = admin.post(f"{REQUESTS}/{kais['id']}/confirm")
    assert last.status_code == 409 and last.json()["type"].endswith("/last_core_team")
    with db.session() as session:  # nothing half-done
        assert session.get(User, core2.id) is not None
        assert session.scalar(select(ErasureRequest).where(ErasureRequest.user_id == core2.id))


def test_the_last_administrator_cannot_be_erased(client, new_client, db):
    program, core, *_ = _world(db)
    first, second = make_user(db, Role.admin), make_user(db, Role.admin)
    add_member(db, program, second, ProgramRole.influencer)
    a1 = sign_in(client, first)
    a1.put(ASK, json={})
    a2 = sign_in(new_client(), second)
    [req] = a2.get(REQUESTS).json()
    assert a2.post(f"{REQUESTS}/{req['id']}/confirm").status_code == 204  # two admins: fine
    # Now `second` is the last administrator; the core team of the one program they are in
    # could confirm, but the service keeps the last administrator.
    a2.put(ASK, json={})
    kim = sign_in(new_client(), core)
    [mine] = kim.get(REQUESTS).json()
    assert mine["can_confirm"] is True
    last = kim.post(f"{REQUESTS}/{mine['id']}/confirm")
    assert last.status_code == 409 and last.json()["type"].endswith("/last_admin")
    with db.session() as session:
        assert session.get(User, second.id) is not None


def test_a_bad_note_is_refused_and_nothing_stored(client, db):
    *_, ada, _, _ = _world(db)
    me = sign_in(client, ada)
    bad = me.put(ASK, json={"note": "a\u0000b"})
    assert bad.status_code == 422 and bad.json()["errors"][0]["field"].endswith("note")
    too_long = me.put(ASK, json={"note": "x" * 2001})
    assert too_long.status_code == 422
    assert me.get(ASK).json()["requested_at"] is None


@pytest.mark.parametrize("table", sorted(erased_with_membership()))
def test_every_table_hanging_on_a_membership_has_a_fate(table):
    assert table in ON_ERASURE, f"{table}: say in erasure/policy.py what erasure does with it"
