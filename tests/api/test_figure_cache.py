"""Cached figures (kpis/cache.py) are never older than the data: after any change to what the
figures are computed from, each view equals the figures computed anew by an app without a
cache (the oracle), on the same database; changes that touch no figure keep the cache."""

from __future__ import annotations

import threading
from dataclasses import dataclass
from datetime import date, timedelta

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select, update

from botschaft.app import create_app
from botschaft.followers.models import FollowerReading
from botschaft.identity.models import User
from botschaft.kpis.cache import FigureCache
from botschaft.posts.models import Outcome, OutcomeType, Post
from botschaft.tenancy.models import Program, ProgramMembership
from tests.support.api import sign_in
from tests.support.factories import add_post, make_team

START = date(2026, 1, 1)


@pytest.fixture
def team(db):
    program, people = make_team(db, starts_on=START, min_group_size=2)
    with db.session() as session:
        for n, name in enumerate(("ada", "bob", "ada")):
            add_post(
                session,
                program_id=program,
                member_id=people[name][1],
                published_on=START + timedelta(days=3 + n),
                likes=10 + n,
                comments=n,
                shares=0,
            )
    return program, people


@pytest.fixture
def oracle(settings, db):
    """The same database through an app that keeps nothing."""
    uncached = settings.model_copy(update={"figure_cache_entries": 0})
    with TestClient(create_app(uncached, db, serve_spa=False), base_url="http://testserver") as c:
        yield c


def _views(program, people) -> list[tuple[str, str, dict]]:
    period = {"from": START.isoformat(), "to": (START + timedelta(days=40)).isoformat()}
    whole = {"from": "2026-01-01", "to": "2026-01-31"}
    return [
        ("core", f"/api/v1/programs/{program}/kpis", period),
        ("core", f"/api/v1/programs/{program}/kpis/influencers", {**period, "sort": "name"}),
        ("hr", f"/api/v1/programs/{program}/kpis", whole),
        ("ada", f"/api/v1/programs/{program}/kpis/me", period),
        ("bob", f"/api/v1/programs/{program}/kpis/me", period),
        ("ada", f"/api/v1/programs/{program}/home", {}),
    ]


def _version(db, program) -> int:
    with db.session() as session:
        return session.scalar(select(Program.data_version).where(Program.id == program))


def _first(session, model, **where):
    return session.scalars(select(model).filter_by(**where)).first()


def _add_post(session, program, people):
    add_post(session, program_id=program, member_id=people["bob"][1],
             published_on=START + timedelta(days=9), likes=7, comments=2, shares=1)  # fmt: skip


def _add_outcome(session, program, people):
    session.add(Outcome(program_id=program, member_id=people["ada"][1],
                        type=OutcomeType.speaker_request, occurred_on=START + timedelta(days=5)))  # fmt: skip


def _add_followers(session, program, people):
    session.add(FollowerReading(program_id=program, member_id=people["ada"][1],
                                platform="linkedin", counted_on=START + timedelta(days=6),
                                followers=321))  # fmt: skip


def _rename(session, program, people):
    _first(session, User, id=people["ada"][0].id).name = "Ada Lovelace"


def _target(session, program, people):
    _first(session, Program, id=program).target_posts_per_month = 7


def _occupation(session, program, people):
    _first(session, ProgramMembership, id=people["bob"][1]).occupation_group = "Technik"


def _delete_post(session, program, people):
    session.delete(_first(session, Post, member_id=people["bob"][1]))


def _bulk_likes(session, program, people):
    session.execute(update(Post).where(Post.program_id == program).values(shares=Post.shares + 1))


CHANGES = {
    "a post is logged": _add_post,
    "an outcome is recorded": _add_outcome,
    "a follower count is recorded": _add_followers,
    "a person is renamed": _rename,
    "the program's target changes": _target,
    "a membership changes": _occupation,
    "a post is deleted": _delete_post,
    "a bulk statement changes posts": _bulk_likes,
}


@pytest.mark.parametrize("change", list(CHANGES))
def test_after_any_change_every_view_equals_figures_computed_anew(
    change, db, team, new_client, oracle, app
):
    program, people = team
    names = ("core", "hr", "ada", "bob")
    clients = {name: sign_in(new_client(), people[name][0]) for name in names}
    sign_in(oracle, people["core"][0])
    views = _views(program, people)
    first = [clients[who].get(url, params=params).json() for who, url, params in views]
    computed = app.state.figure_cache.misses
    again = [clients[who].get(url, params=params).json() for who, url, params in views]
    assert again == first and app.state.figure_cache.misses == computed, "kept, not recomputed"
    before = _version(db, program)

    with db.session() as session:
        CHANGES[change](session, program, people)
    assert _version(db, program) > before

    after = [clients[who].get(url, params=params).json() for who, url, params in views]
    assert after != first, "the change shows in some view"
    for (who, url, params), cached in zip(views, after, strict=True):
        oracle.cookies.clear()
        sign_in(oracle, people[who][0])
        assert cached == oracle.get(url, params=params).json(), (who, url)


def test_influencers_share_the_team_totals_and_each_sees_their_own_row(db, team, new_client, app):
    program, people = team
    ada, bob = (sign_in(new_client(), people[name][0]) for name in ("ada", "bob"))
    url = f"/api/v1/programs/{program}/kpis/me"
    hers = ada.get(url).json()
    computed = app.state.figure_cache.misses
    his = bob.get(url).json()
    assert app.state.figure_cache.misses == computed + 1, "only his own row is computed"
    assert his["team"] == hers["team"]
    assert hers["me"]["member_id"] == str(people["ada"][1])
    assert his["me"]["member_id"] == str(people["bob"][1])


def test_a_sign_in_or_a_rolled_back_change_keeps_the_figures(db, team, client, app):
    program, people = team
    before = _version(db, program)
    sign_in(client, people["core"][0])  # writes the person's last sign-in, not a figure
    client.get(f"/api/v1/programs/{program}/kpis")
    with pytest.raises(RuntimeError), db.session() as session:
        _add_post(session, program, people)
        session.flush()
        raise RuntimeError("given up")
    assert _version(db, program) == before
    client.get(f"/api/v1/programs/{program}/kpis")
    assert app.state.figure_cache.hits == 1


def test_a_change_in_one_program_keeps_the_other_programs_figures(db, team, client, app):
    program, people = team
    other, others = make_team(db, starts_on=START)
    before = _version(db, other)
    with db.session() as session:
        _add_outcome(session, program, people)
    assert _version(db, other) == before


class _Program:
    """What the cache reads of a Program row."""

    def __init__(self) -> None:
        self.id, self.data_version = "p", 1

    def today(self) -> date:
        return START


@dataclass
class _Ctx:
    program: _Program


class _Quiet:
    """A session that changed nothing."""

    info: dict = {}
    new = deleted = dirty = ()


def test_the_same_figures_missed_at_once_are_computed_once():
    cache = FigureCache(entries=8)
    started, release = threading.Event(), threading.Event()
    calls = []

    def compute():
        calls.append(1)
        started.set()
        release.wait(5)
        return {"posts": 3}

    ctx = _Ctx(_Program())

    results = []
    threads = [
        threading.Thread(
            target=lambda: results.append(cache.figures(_Quiet(), ctx, "core", "q", compute))
        )
        for _ in range(5)
    ]
    threads[0].start()
    assert started.wait(5)
    for thread in threads[1:]:
        thread.start()
    release.set()
    for thread in threads:
        thread.join(5)
    assert calls == [1] and results == [{"posts": 3}] * 5
    assert (cache.hits + cache.misses, cache.misses) == (5, 1)
    # A new data version is a new key: computed again.
    ctx.program.data_version = 2
    assert cache.figures(_Quiet(), ctx, "core", "q", compute) == {"posts": 3}
    assert len(calls) == 2


def test_no_more_figures_are_kept_than_the_setting_allows():
    cache = FigureCache(entries=2)

    ctx = _Ctx(_Program())

    for question in range(5):
        cache.figures(_Quiet(), ctx, "core", question, lambda q=question: q)
    assert cache.figures(_Quiet(), ctx, "core", 4, lambda: "recomputed") == 4
    assert cache.figures(_Quiet(), ctx, "core", 0, lambda: "recomputed") == "recomputed"
