"""Replacements after a confirmed selection, and second waves over an existing cohort."""

from __future__ import annotations

import uuid
from collections import Counter

import pytest
from sqlalchemy import select

from botschaft.audit.models import AuditEvent
from botschaft.calls.models import Application
from botschaft.selection.models import SelectionReplacement
from botschaft.tenancy.models import Cohort, CohortKind, ProgramMembership
from tests.support.clock import local_today
from tests.support.jobs import run_jobs
from tests.support.selection import closed_pool, confirmed_round, new_round, proposed


@pytest.fixture
def pool(client, db, new_client):
    return closed_pool(client, db, new_client)


def _within(report):
    return all(
        (v["min"] is None or v["min"] <= v["selected"])
        and (v["max"] is None or v["selected"] <= v["max"])
        for d in report
        for v in d["values"]
    )


def _statuses(db):
    with db.session() as session:
        return {str(a.id): a.status.value for a in session.scalars(select(Application))}


def test_a_withdrawal_is_replaced_from_the_lottery_keeping_every_quota(
    client, db, app, pool, smtp_server
):
    url, run, round_ = confirmed_round(client, pool, seed=3)
    assert [s["application_id"] for s in round_["seats"]] == run_selected(run)
    assert round_["locked"] is None and _within(round_["seats_report"])
    leaving = round_["seats"][0]["application_id"]
    run_jobs(app)
    smtp_server.clear()

    response = client.post(
        f"{url}/replacements", json={"version": round_["version"], "application_id": leaving}
    )

    assert response.status_code == 201, response.text
    after = response.json()
    seats = [s["application_id"] for s in after["seats"]]
    [drawn] = after["replacements"]
    assert leaving not in seats and drawn["replacement"] in seats and len(seats) == 6
    assert drawn["withdrawn"] == leaving and drawn["method"] == "distribution"
    assert drawn["seed"] == 3 and drawn["draw"] == 1
    assert (
        next(s for s in after["seats"] if s["replaces"] == leaving)["application_id"]
        == (drawn["replacement"])
    )
    assert _within(after["seats_report"])
    assert abs(sum(c["probability"] for c in drawn["chances"]) - 1) < 1e-9
    assert drawn["replacement"] in {c["application_id"] for c in drawn["chances"]}
    statuses = _statuses(db)
    assert statuses[leaving] == "withdrawn" and statuses[drawn["replacement"]] == "selected"
    with db.session() as session:
        cohort = session.get(Cohort, uuid.UUID(round_["cohort_id"]))
        members = session.scalars(
            select(ProgramMembership).where(ProgramMembership.cohort_id == cohort.id)
        ).all()
        [event] = session.scalars(
            select(AuditEvent).where(AuditEvent.action == "selection.replacement_drawn")
        ).all()
    assert len(members) == 6
    assert event.details["withdrawn"] == leaving and event.details["seed"] == 3
    run_jobs(app)
    [mail] = smtp_server.wait_for(1)
    assert mail["Subject"].startswith(("Willkommen", "Welcome"))

    # The next withdrawal is the round's second draw; the first replacement can withdraw too.
    again = client.post(
        f"{url}/replacements",
        json={"version": after["version"], "application_id": drawn["replacement"]},
    )
    assert again.status_code == 201, again.text
    assert [r["draw"] for r in again.json()["replacements"]] == [1, 2]
    assert _within(again.json()["seats_report"])


def run_selected(run):
    return list(run_panel(run))


def run_panel(run):
    """The run's panel in its stored order (the seats keep it)."""
    return [p["application_id"] for p in run["people"] if p["outcome"] == "selected"]


def test_bad_replacement_requests_are_refused_and_change_nothing(client, db, pool):
    draft = new_round(client, pool)
    someone = client.get(f"{pool.base}/applications").json()["items"][0]["id"]
    refused = client.post(
        f"{pool.base}/selection-rounds/{draft['id']}/replacements",
        json={"version": draft["version"], "application_id": someone},
    )
    assert refused.status_code == 422
    assert refused.json()["type"].endswith("/round_not_confirmed")

    url, run, round_ = confirmed_round(client, pool)
    before = _statuses(db)
    outsider = next(p for p in run["people"] if p["outcome"] != "selected")["application_id"]
    refused = client.post(
        f"{url}/replacements", json={"version": round_["version"], "application_id": outsider}
    )
    assert refused.status_code == 422
    assert refused.json()["type"].endswith("/not_in_cohort")
    assert refused.json()["errors"][0]["field"] == "application_id"

    stale = client.post(
        f"{url}/replacements",
        json={
            "version": round_["version"] - 1,
            "application_id": round_["seats"][0]["application_id"],
        },
    )
    assert stale.status_code == 409

    with db.session() as session:
        session.get(Cohort, uuid.UUID(round_["cohort_id"])).starts_on = local_today()
        session.commit()
    started = client.get(url).json()
    assert started["locked"]
    refused = client.post(
        f"{url}/replacements",
        json={
            "version": started["version"],
            "application_id": started["seats"][0]["application_id"],
        },
    )
    assert refused.status_code == 422
    assert refused.json()["type"].endswith("/cohort_started")
    assert _statuses(db) == before
    with db.session() as session:
        assert session.scalar(select(SelectionReplacement.id)) is None


def test_when_no_one_keeps_the_quotas_the_refusal_proposes_the_smallest_relaxation(
    client, db, pool
):
    # One applicant is "diverse" and the quota asks for exactly one: no one can take that
    # person's seat within it.
    quotas = [{"dimension": "gender", "value": "diverse", "min": 1, "max": 1}]
    url, run, round_ = confirmed_round(client, pool, quotas=quotas, k=4)
    diverse = next(
        p["application_id"]
        for p in run["people"]
        if p["dimensions"]["gender"] == "diverse" and p["outcome"] == "selected"
    )
    before = _statuses(db)
    refused = client.post(
        f"{url}/replacements", json={"version": round_["version"], "application_id": diverse}
    )
    assert refused.status_code == 422, refused.text
    problem = refused.json()
    assert problem["type"].endswith("/no_replacement")
    assert problem["params"]["quotas"] == [
        {"dimension": "gender", "value": "diverse", "min": 1, "max": 1}
    ]
    [relax] = problem["params"]["relaxation"]
    assert (relax["new_min"], relax["new_max"]) == (0, 1)
    assert _statuses(db) == before

    accepted = client.post(
        f"{url}/replacements",
        json={"version": round_["version"], "application_id": diverse, "accept_relaxation": True},
    )
    assert accepted.status_code == 201, accepted.text
    [drawn] = accepted.json()["replacements"]
    assert drawn["method"] == "relaxed" and drawn["relaxation"] == [relax]


def test_a_second_wave_pins_the_cohort_and_fills_the_combined_quotas(client, db, pool):
    url, run, pilot = confirmed_round(client, pool)
    pilot_people = {s["application_id"] for s in pilot["seats"]}
    wave = new_round(client, pool, name="Welle 2", k=10, base_cohort_id=pilot["cohort_id"])
    assert wave["existing_members"] == 6 and wave["pool_size"] == 20
    wave = proposed(client, pool, wave)
    wave_url = f"{pool.base}/selection-rounds/{wave['id']}"
    ran = client.post(f"{wave_url}/runs")
    assert ran.status_code == 201, ran.text
    result = ran.json()
    existing = [p for p in result["people"] if p["existing_member"]]
    assert len(existing) == 6
    assert all(
        p["outcome"] == "selected" and p["probability"] == pytest.approx(1) for p in existing
    )
    # Their applications are not in the pool a second time.
    assert not pilot_people & {p["application_id"] for p in result["people"]}
    gender = Counter(
        p["dimensions"]["gender"] for p in result["people"] if p["outcome"] == "selected"
    )
    assert sum(gender.values()) == 10
    wave = client.get(wave_url).json()
    confirmed = client.post(
        f"{wave_url}/confirm", json={"version": wave["version"], "run_id": result["id"]}
    )
    assert confirmed.status_code == 200, confirmed.text
    assert len(confirmed.json()["seats"]) == 4
    assert _within(confirmed.json()["seats_report"])
    assert client.get(url).json()["status"] == "confirmed"  # the pilot stays
    with db.session() as session:
        cohorts = {c.name: c for c in session.scalars(select(Cohort))}
        sizes = Counter(
            session.scalars(
                select(ProgramMembership.cohort_id).where(ProgramMembership.cohort_id.is_not(None))
            )
        )
    assert cohorts["Welle 2"].kind == CohortKind.wave
    assert sizes[cohorts["Welle 2"].id] == 4 and sizes[cohorts["Pilot"].id] == 6


def test_a_second_wave_needs_a_cohort_of_the_program(client, pool):
    response = client.post(
        f"{pool.base}/selection-rounds",
        json={"name": "W", "k": 3, "base_cohort_id": "00000000-0000-0000-0000-000000000001"},
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "base_cohort_id"
