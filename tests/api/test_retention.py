"""Retention: applications that were not selected are erased a set time after the call closed,
leaving anonymous counts; the job runs with a moved clock."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from botschaft.audit.models import AuditEvent
from botschaft.calls.models import Application, Call
from tests.support.calls import ANSWERS, application, open_call
from tests.support.jobs import run_jobs


def _ready(client, db, new_client):
    world = open_call(client, db, closes_in=timedelta(days=2))
    anonymous = new_client()
    for i, gender in enumerate(["female", "male", "female"]):
        body = application(
            world.call,
            name=f"P{i}",
            email=f"p{i}@example.org",
            answers={**ANSWERS, "gender": gender},
        )
        anonymous.post(f"{world.form}/applications", json=body)
    rows = client.get(f"{world.base}/applications", params={"sort": "name"}).json()["items"]
    client.post(
        f"{world.base}/applications/status", json={"ids": [rows[0]["id"]], "status": "selected"}
    )
    return world


def test_the_job_closes_the_call_and_erases_after_the_retention_period(client, db, new_client, app):
    world = _ready(client, db, new_client)
    closes_at = datetime.fromisoformat(world.call["closes_at"])
    run_jobs(app, now=closes_at + timedelta(minutes=1))
    with db.session() as session:
        assert session.scalars(select(Call.status)).one() == "closed"
        assert len(session.scalars(select(Application)).all()) == 3

    run_jobs(app, now=closes_at + timedelta(days=182))
    with db.session() as session:
        assert len(session.scalars(select(Application)).all()) == 3, "not before 183 days"

    run_jobs(app, now=closes_at + timedelta(days=184))
    with db.session() as session:
        kept = session.scalars(select(Application)).all()
        call = session.scalars(select(Call)).one()
        [event] = session.scalars(
            select(AuditEvent).where(AuditEvent.action == "applications.erased")
        ).all()
    assert [a.name for a in kept] == ["P0"] and kept[0].status == "selected"
    assert call.erased_at is not None
    assert call.anonymous_counts["applications"] == 3
    assert call.anonymous_counts["by_dimension"]["gender"] == {"female": 2, "male": 1}
    assert event.details["erased"] == 2

    again = run_jobs(app, now=closes_at + timedelta(days=200))
    with db.session() as session:
        assert (
            len(
                session.scalars(
                    select(AuditEvent).where(AuditEvent.action == "applications.erased")
                ).all()
            )
            == 1
        ), "erased once"
    assert again >= 0


def test_the_retention_period_is_a_setting(client, db, new_client, app):
    app.state.settings.application_retention_days = 30
    world = _ready(client, db, new_client)
    closes_at = datetime.fromisoformat(world.call["closes_at"])
    run_jobs(app, now=closes_at + timedelta(days=31))
    with db.session() as session:
        assert len(session.scalars(select(Application)).all()) == 1
    assert datetime.now(UTC) < closes_at + timedelta(days=31)
