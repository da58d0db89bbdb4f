"""The demo's calls: a closed pilot call with 72 realistically spread applications and its
confirmed selection round, and an open second call."""

from __future__ import annotations

from collections import Counter
from datetime import datetime
from zoneinfo import ZoneInfo

from sqlalchemy import func, select

from botschaft.calls.models import Application, Call
from botschaft.core.database import utcnow
from botschaft.demo import data as demo_data
from botschaft.demo.calls import FIRST
from botschaft.demo.service import load_demo
from botschaft.posts.models import Post
from botschaft.selection.models import SelectionRound, SelectionRun
from botschaft.tenancy.models import Program, ProgramMembership


def test_the_demo_has_a_closed_call_with_72_applications_and_an_open_call(db):
    with db.session() as session:
        load_demo(session)
    with db.session() as session:
        load_demo(session)  # idempotent
    with db.session() as session:
        calls = {c.status.value: c for c in session.scalars(select(Call))}
        assert set(calls) == {"closed", "open"}
        pool = session.scalars(
            select(Application).where(Application.call_id == calls["closed"].id)
        ).all()
        assert len(pool) == 72
        statuses = Counter(a.status.value for a in pool)
        assert statuses["selected"] == 16 and statuses["alternate"] >= 1
        [round_] = session.scalars(select(SelectionRound)).all()
        run = session.get(SelectionRun, round_.confirmed_run_id)
        assert round_.status == "confirmed" and round_.cohort_id is not None
        selected = {str(a.id) for a in pool if a.status == "selected"}
        assert set(run.panel) == selected, "the statuses are the confirmed run's"
        influencers = {a.email for a in pool if a.user_id is not None}
        assert len(influencers) == 16 and all(
            a.status == "selected" for a in pool if a.user_id is not None
        )
        for quota in run.quotas:
            chosen = sum(1 for i in run.panel if run.pool[i][quota["dimension"]] == quota["value"])
            assert quota["min"] <= chosen <= quota["max"]
        for dimension in ("gender", "age_band", "experience", "occupation_group"):
            counts = Counter(a.answers[dimension] for a in pool)
            assert len(counts) >= 3, f"{dimension} has several values"
            assert max(counts.values()) >= 2 * min(counts.values()), f"{dimension} is not uniform"
        assert (
            session.scalar(
                select(func.count())
                .select_from(Application)
                .where(Application.call_id == calls["open"].id)
            )
            > 0
        )


def test_the_demo_is_coherent_and_running_on_the_day_it_is_loaded(db):
    """A newcomer sees a living program: the pilot call closed before the program started, the
    program runs today, no post lies in the future, and each influencer's name and occupation
    agree with the answers in their application."""
    with db.session() as session:
        load_demo(session)
    with db.session() as session:
        program = session.scalar(select(Program))
        today = datetime.now(ZoneInfo(program.timezone)).date()
        assert program.starts_on < today <= program.ends_on
        pilot = session.scalar(select(Call).where(Call.status == "closed"))
        assert pilot.closes_at.date() < program.starts_on
        [round_] = session.scalars(select(SelectionRound)).all()
        assert round_.confirmed_at.date() < program.starts_on
        first, last = session.execute(
            select(func.min(Post.published_on), func.max(Post.published_on))
        ).one()
        assert program.starts_on <= first and last < today
        assert all(a.submitted_at <= utcnow() for a in session.scalars(select(Application)))
        women = set(FIRST["female"]) | {"Sophie"}
        men = set(FIRST["male"])
        rows = session.execute(
            select(Application, ProgramMembership)
            .join(ProgramMembership, ProgramMembership.user_id == Application.user_id)
            .where(Application.user_id.is_not(None))
        ).all()
        assert len(rows) == 16
        for application, member in rows:
            gender, group = application.answers["gender"], application.answers["occupation_group"]
            first_name = application.name.split()[0]
            if gender == "female":
                assert first_name in women, application.name
            elif gender == "male":
                assert first_name in men, application.name
            assert member.occupation_group == demo_data.GROUPS[group]
            fitting = {demo_data.occupation(group, gender, i)[0] for i in range(4)}
            assert member.occupation in fitting, (application.name, member.occupation)
