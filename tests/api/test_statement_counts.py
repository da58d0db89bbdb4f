"""A list's SQL statements do not grow with the rows it returns: a page of 2 rows and a page of
up to 200 rows cost the same number of statements (no per-row lazy loads or lookups).

Runs on the demo program plus 200 more influencers, so every list below has at least 10 rows
on its large page; statements are counted on the engine for the request alone.
"""

from __future__ import annotations

from contextlib import contextmanager

import pytest
from sqlalchemy import event, select

from botschaft.audit import service as audit
from botschaft.calls.models import Call
from botschaft.demo.service import DEMO_PASSWORD, load_demo
from botschaft.identity.models import Role, User
from botschaft.tenancy.models import Program, ProgramMembership, ProgramRole
from tests.support.api import _PASSWORD_HASH as PASSWORD_HASH
from tests.support.api import Account, sign_in

CORE_TEAM = "katrin.vogt@musterstadt.example"
ADMIN = "armin.keller@musterstadt.example"
EXTRA_INFLUENCERS = 200

# (who asks, path with {program} / {call}) for every list endpoint that pages.
LISTS = [
    (ADMIN, "/api/v1/users"),
    (ADMIN, "/api/v1/audit-events"),
    (CORE_TEAM, "/api/v1/programs/{program}/members"),
    (CORE_TEAM, "/api/v1/programs/{program}/posts"),
    (CORE_TEAM, "/api/v1/programs/{program}/kpis/influencers"),
    (CORE_TEAM, "/api/v1/programs/{program}/calls/{call}/applications"),
]


def _world(db) -> dict[str, object]:
    with db.session() as session:
        load_demo(session)
        program = session.scalar(select(Program).where(Program.slug == "wir-sind-musterstadt"))
        for n in range(EXTRA_INFLUENCERS):
            # Accounts with a password: one that is still pending runs one more (batched) query
            # for its invitation, which is not what this test is about.
            user = User(
                email=f"extra{n}@musterstadt.example",
                name=f"Extra {n}",
                role=Role.influencer,
                password_hash=PASSWORD_HASH,
            )
            session.add(user)
            session.flush()
            session.add(
                ProgramMembership(
                    program_id=program.id, user_id=user.id, role=ProgramRole.influencer
                )
            )
            # Each with an audit entry of their own, so actors differ from row to row.
            audit.record(session, "auth.login", actor=user, target_type="user", target_id=user.id)
        # The call with the most applications (the demo's closed pilot call).
        call = session.scalars(select(Call).where(Call.program_id == program.id)).first()
        return {"program": program.id, "call": call.id}


@contextmanager
def _counting(engine):
    counted: list[str] = []

    def count(_conn, _cursor, statement, *_args):
        counted.append(statement)

    event.listen(engine, "before_cursor_execute", count)
    try:
        yield counted
    finally:
        event.remove(engine, "before_cursor_execute", count)


@pytest.fixture
def world(db):
    return _world(db)


@pytest.mark.parametrize(("who", "path"), LISTS, ids=[path.rsplit("/", 1)[1] for _, path in LISTS])
def test_a_page_of_200_rows_costs_the_statements_of_a_page_of_2(client, db, world, who, path):
    sign_in(client, Account(id=None, email=who, password=DEMO_PASSWORD))
    url = path.format(**world)
    counts, sizes = [], []
    for per_page in (2, 200):
        client.get(url, params={"per_page": per_page}).raise_for_status()  # warm caches
        with _counting(db.engine) as statements:
            answer = client.get(url, params={"per_page": per_page})
        assert answer.status_code == 200, answer.text
        sizes.append(len(answer.json()["items"]))
        counts.append(len(statements))
    assert sizes[0] == 2 and sizes[1] >= 10, sizes
    assert counts[0] == counts[1], (
        f"{url}: {counts[0]} statements for 2 rows, {counts[1]} for {sizes[1]}"
    )


@pytest.mark.parametrize(("who", "path"), LISTS, ids=[path.rsplit("/", 1)[1] for _, path in LISTS])
def test_the_total_is_the_same_on_every_page_and_past_the_end(client, world, who, path):
    """The total rides on the page's rows (a window count): the last page, a page past the end
    and a page that holds everything all say how many rows there are."""
    sign_in(client, Account(id=None, email=who, password=DEMO_PASSWORD))
    url = path.format(**world)
    everything = client.get(url, params={"per_page": 200}).json()
    total = everything["total"]
    assert total == len(everything["items"]) or len(everything["items"]) == 200
    last = (total - 1) // 7 + 1
    for page in (1, last, last + 1, 100_000):
        answer = client.get(url, params={"per_page": 7, "page": page}).json()
        assert answer["total"] == total, (url, page)
        expected = 0 if page > last else (7 if page < last else total - 7 * (last - 1))
        assert len(answer["items"]) == expected, (url, page)
