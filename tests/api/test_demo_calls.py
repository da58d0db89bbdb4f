"""The demo's calls: a closed pilot call with 72 realistically spread applications and its
confirmed selection round, and an open second call."""

from __future__ import annotations

from collections import Counter

from sqlalchemy import func, select

from botschaft.calls.models import Application, Call
from botschaft.demo.service import load_demo
from botschaft.selection.models import SelectionRound, SelectionRun


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
