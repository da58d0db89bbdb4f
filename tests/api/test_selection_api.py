"""The selection workbench's API: rounds, quotas, runs, report, confirmation."""

from __future__ import annotations

import csv
import io
from collections import Counter

import pytest
from sqlalchemy import select

from botschaft.audit.models import AuditEvent
from botschaft.calls.models import Application
from botschaft.tenancy.models import Cohort, ProgramMembership
from tests.support.jobs import run_jobs
from tests.support.selection import closed_pool, new_round, proposed
from tests.support.smtp import body_text


@pytest.fixture
def pool(client, db, new_client):
    return closed_pool(client, db, new_client)


def test_a_round_shows_the_pool_per_dimension_value(client, pool):
    round_ = new_round(client, pool)
    assert round_["pool_size"] == 20
    gender = next(d for d in round_["pool"] if d["key"] == "gender")
    assert {v["value"]: v["count"] for v in gender["values"]} == {
        "female": 11,
        "male": 7,
        "diverse": 1,
        "no_answer": 1,
    }


def test_a_leximin_run_meets_every_quota_and_is_reproducible(client, pool):
    round_ = proposed(client, pool, new_round(client, pool, seed=42))
    url = f"{pool.base}/selection-rounds/{round_['id']}/runs"
    first = client.post(url)
    assert first.status_code == 201, first.text
    run = first.json()
    assert run["status"] == "optimal" and run["selected"] == 6
    assert sum(p["probability"] for p in run["people"]) == pytest.approx(6, abs=1e-4)
    assert run["min_probability"] > 0
    for dimension in run["report"]:
        for value in dimension["values"]:
            if value["min"] is not None:
                assert value["min"] <= value["selected"] <= value["max"], value
    selected = [p["name"] for p in run["people"] if p["outcome"] == "selected"]
    again = client.post(url).json()
    assert [p["name"] for p in again["people"] if p["outcome"] == "selected"] == selected
    assert [p["alternate_rank"] for p in run["people"] if p["outcome"] == "alternate"][:3] == [
        1,
        2,
        3,
    ]
    listed = client.get(f"{pool.base}/selection-rounds/{round_['id']}").json()["runs"]
    assert len(listed) == 2
    report = client.get(f"{url}/{run['id']}/report", params={"format": "csv"})
    rows = list(csv.reader(io.StringIO(report.text.lstrip("\ufeff")), delimiter=";"))
    assert rows[0][:4] == ["Name", "Ergebnis", "Nachrückplatz", "Auswahlwahrscheinlichkeit"]
    assert sum(1 for r in rows[1:21] if r[1] == "ausgewählt") == 6
    code = rows[0].index("Ergebnis (Code)")
    assert sum(1 for r in rows[1:21] if r[code] == "selected") == 6
    english = client.get(
        f"{url}/{run['id']}/report", params={"format": "csv"}, headers={"Accept-Language": "en"}
    )
    rows = list(csv.reader(io.StringIO(english.text.lstrip("\ufeff")), delimiter=";"))
    assert rows[0][:2] == ["Name", "Outcome"]
    assert {r[1] for r in rows[1:21]} <= {"selected", "reserve list", "not selected"}


@pytest.mark.parametrize("algorithm", ["maximin", "nash", "diverse"])
def test_the_other_algorithms_run_through_the_api(client, pool, algorithm):
    round_ = proposed(client, pool, new_round(client, pool, seed=5, algorithm=algorithm))
    run = client.post(f"{pool.base}/selection-rounds/{round_['id']}/runs")
    assert run.status_code == 201, run.text
    run = run.json()
    assert run["algorithm"] == algorithm and run["status"] == "optimal" and run["selected"] == 6
    assert sum(p["probability"] for p in run["people"]) == pytest.approx(6, abs=1e-4)
    chances = {round(p["probability"], 9) for p in run["people"]}
    if algorithm == "diverse":  # one deterministic panel: in or out
        assert chances == {0.0, 1.0} and run["panels_in_distribution"] == 1
    else:
        assert min(chances) > 0 and run["panels_in_distribution"] >= 2


@pytest.mark.parametrize(
    ("change", "field", "kind"),
    [
        ({"k": 25}, "k", "k_above_pool"),
        (
            {"quotas": [{"dimension": "gender", "value": "female", "min": 7, "max": 5}]},
            "quotas[0].min",
            "min_above_max",
        ),
        (
            {
                "quotas": [
                    {"dimension": "gender", "value": "female", "min": 4, "max": 6},
                    {"dimension": "gender", "value": "male", "min": 4, "max": 6},
                ]
            },
            "quotas.gender",
            "mins_above_k",
        ),
        (
            {"quotas": [{"dimension": "gender", "value": "shoe", "min": 0, "max": 1}]},
            "quotas[0].value",
            "invalid",
        ),
        (
            {"quotas": [{"dimension": "gender", "value": "diverse", "min": 2, "max": 2}]},
            "quotas.gender.diverse",
            "min_above_pool",
        ),
    ],
)
def test_bad_rounds_are_refused_naming_the_constraint(client, pool, change, field, kind):
    round_ = new_round(client, pool)
    url = f"{pool.base}/selection-rounds/{round_['id']}"
    response = client.patch(url, json={"version": round_["version"], **change})
    if response.status_code == 200:
        response = client.post(f"{url}/runs")
    assert response.status_code == 422, response.text
    [error] = response.json()["errors"]
    assert (error["field"], error["type"]) == (field, kind)


def test_pins_that_alone_break_a_quota_are_refused(client, pool):
    round_ = new_round(client, pool)
    rows = client.get(f"{pool.base}/applications", params={"filter": "gender:male"}).json()
    url = f"{pool.base}/selection-rounds/{round_['id']}"
    body = {
        "version": round_["version"],
        "pinned": [r["id"] for r in rows["items"][:3]],
        "quotas": [{"dimension": "gender", "value": "male", "min": 0, "max": 2}],
    }
    assert client.patch(url, json=body).status_code == 200
    response = client.post(f"{url}/runs")
    assert response.status_code == 422
    assert response.json()["errors"][0]["type"] == "pins_break_quota"


def test_quotas_that_conflict_give_the_smallest_relaxation(client, pool):
    # Persons 14 and 17 are the only ones aged 55+, and both are men: an all-female cohort
    # with someone aged 55+ cannot exist, though each quota alone can be met.
    round_ = new_round(client, pool, k=4)
    url = f"{pool.base}/selection-rounds/{round_['id']}"
    quotas = [
        {"dimension": "gender", "value": "female", "min": 4, "max": 4},
        {"dimension": "age_band", "value": "55_plus", "min": 1, "max": 2},
    ]
    assert (
        client.patch(url, json={"version": round_["version"], "quotas": quotas}).status_code == 200
    )
    run = client.post(f"{url}/runs").json()
    assert run["status"] == "infeasible"
    assert run["selected"] == 0 and run["relaxation"]
    assert "relaxation" in run["explanation"]
    relaxed = {
        (r["dimension"], r["value"]): (r["new_min"], r["new_max"]) for r in run["relaxation"]
    }
    assert (
        relaxed.get(("gender", "female"), (4, 4))[0] < 4
        or relaxed.get(("age_band", "55_plus"), (1, 2))[0] < 1
    )


def test_confirmation_creates_the_cohort_marks_and_notifies_everyone(
    client, db, app, pool, smtp_server
):
    round_ = proposed(client, pool, new_round(client, pool))
    url = f"{pool.base}/selection-rounds/{round_['id']}"
    run = client.post(f"{url}/runs").json()
    round_ = client.get(url).json()
    smtp_server.clear()
    run_jobs(app)
    smtp_server.clear()
    confirmed = client.post(
        f"{url}/confirm",
        json={"version": round_["version"], "run_id": run["id"], "cohort_name": "Pilot 2027"},
    )
    assert confirmed.status_code == 200, confirmed.text
    assert confirmed.json()["status"] == "confirmed"
    with db.session() as session:
        cohort = session.scalars(select(Cohort).where(Cohort.name == "Pilot 2027")).one()
        members = session.scalars(
            select(ProgramMembership).where(ProgramMembership.cohort_id == cohort.id)
        ).all()
        statuses = Counter(a.status.value for a in session.scalars(select(Application)))
        [event] = session.scalars(
            select(AuditEvent).where(AuditEvent.action == "selection.confirmed")
        ).all()
    assert len(members) == 6 and {m.role.value for m in members} == {"influencer"}
    alternates = [p for p in run["people"] if p["outcome"] == "alternate"]
    assert statuses["selected"] == 6 and statuses["alternate"] == len(alternates)
    assert statuses["selected"] + statuses["alternate"] + statuses["not_selected"] == 20
    assert event.details["selected"] == 6
    run_jobs(app)
    mails = smtp_server.wait_for(20)
    subjects = Counter(m["Subject"].split(":")[0] for m in mails)
    assert subjects["Willkommen im Programm"] + subjects["Welcome to the program"] == 6
    # New accounts get a link that sets their first password, not just the sign-in page.
    welcomes = [body_text(m) for m in mails if m["Subject"].startswith(("Willk", "Welc"))]
    assert all("http://testserver/invitation#" in text for text in welcomes), welcomes[0]

    locked = client.patch(url, json={"version": confirmed.json()["version"], "k": 5})
    assert locked.status_code == 409

    second = proposed(client, pool, new_round(client, pool, name="Pilot neu", seed=9))
    url2 = f"{pool.base}/selection-rounds/{second['id']}"
    run2 = client.post(f"{url2}/runs").json()
    second = client.get(url2).json()
    replaced = client.post(
        f"{url2}/confirm", json={"version": second["version"], "run_id": run2["id"]}
    )
    assert replaced.status_code == 200, replaced.text
    assert client.get(url).json()["status"] == "replaced"
    with db.session() as session:
        assert session.scalars(select(Cohort.name)).all() == ["Pilot neu"]


def _stop_engine_at_level(monkeypatch, level, error):
    """Column generation stops with `error` when level `level` starts: what a run reaching its
    time limit there (or a solver failing there) meets, without waiting for it."""
    from botschaft.selection.engine import leximin as lx

    made = []

    class Stopping(lx.PrimalRMP):
        def begin(self, unfixed):
            super().begin(unfixed)
            made.append(len(unfixed))  # one per level started

        def solve(self, time_limit):
            if len(made) >= level:
                raise error
            return super().solve(time_limit)

    monkeypatch.setattr(lx, "PrimalRMP", Stopping)


def test_a_run_reaching_its_time_limit_is_stored_with_its_best_distribution(
    client, pool, monkeypatch
):
    from botschaft.selection.engine.panels import Timeout

    round_ = proposed(client, pool, new_round(client, pool, seed=3), mode="balanced")
    url = f"{pool.base}/selection-rounds/{round_['id']}"
    full = client.post(f"{url}/runs").json()
    _stop_engine_at_level(monkeypatch, 2, Timeout("time limit"))
    response = client.post(f"{url}/runs")
    assert response.status_code == 201, response.text
    run = response.json()
    assert run["status"] == "time_limit" and "1 proven level(s)" in run["explanation"]
    assert run["selected"] == 6
    # The lowest level (MAXIMIN's) is kept exactly.
    assert run["min_probability"] == pytest.approx(full["min_probability"], abs=1e-9)
    assert sum(p["probability"] for p in run["people"]) == pytest.approx(6, abs=1e-9)
    stored = client.get(f"{url}/runs/{run['id']}").json()
    assert stored["status"] == "time_limit" and stored["explanation"] == run["explanation"]
    assert [r["status"] for r in client.get(url).json()["runs"]] == ["time_limit", "optimal"]
    confirmed = client.post(
        f"{url}/confirm", json={"version": client.get(url).json()["version"], "run_id": run["id"]}
    )
    assert confirmed.status_code == 200, confirmed.text


def test_a_solver_failure_is_stored_as_a_failed_run_not_a_server_error(client, pool, monkeypatch):
    from botschaft.selection.engine import api

    def broken(*args, **kwargs):
        raise FloatingPointError("numerical trouble")

    monkeypatch.setattr(api, "build_types", broken)
    round_ = proposed(client, pool, new_round(client, pool))
    url = f"{pool.base}/selection-rounds/{round_['id']}"
    response = client.post(f"{url}/runs")
    assert response.status_code == 201, response.text
    run = response.json()
    assert run["status"] == "failed" and run["selected"] == 0 and run["people"]
    assert "numerical trouble" in run["explanation"] and run["min_probability"] is None
    assert client.get(f"{url}/runs/{run['id']}").json()["status"] == "failed"
    refused = client.post(
        f"{url}/confirm", json={"version": client.get(url).json()["version"], "run_id": run["id"]}
    )
    assert refused.status_code == 422
    assert refused.json()["errors"][0]["type"] == "no_panel"
