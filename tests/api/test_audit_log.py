"""The audit log reads like a log: names instead of IDs, filters by event, person, program and
period, and a CSV download in the reader's language that is itself written to the log."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime

from botschaft.audit.models import AuditEvent
from botschaft.identity.models import Role
from tests.support.api import make_program, make_user, sign_in


def _event(db, action: str, at: datetime, **fields) -> None:
    with db.session() as session:
        session.add(AuditEvent(action=action, at=at, details={}, **fields))


def _admin(client, db):
    admin = make_user(db, Role.admin, name="Armin Admin")
    sign_in(client, admin)
    return admin


def test_events_name_their_actor_and_target(client, db):
    admin = _admin(client, db)
    created = client.post(
        "/api/v1/users",
        json={"email": "neu@example.org", "name": "Nora Neu", "role": "influencer", "locale": "de"},
    )
    assert created.status_code == 201, created.text
    program = make_program(db, name="Wir sind Musterstadt")
    _event(db, "program.created", datetime.now(UTC), target_type="program", target_id=str(program))
    items = client.get("/api/v1/audit-events").json()["items"]
    by_action = {item["action"]: item for item in items}
    user_created = by_action["user.created"]
    assert user_created["actor_id"] == str(admin.id)
    assert user_created["actor_name"] == "Armin Admin"
    assert user_created["target_label"] == "Nora Neu"
    assert by_action["program.created"]["target_label"] == "Wir sind Musterstadt"
    assert by_action["program.created"]["actor_name"] is None  # no actor: the system


def test_filters_by_action_person_program_and_period(client, db):
    _admin(client, db)
    kim = make_user(db, name="Kim 100% Sicher")
    program = make_program(db)
    _event(db, "data.exported", datetime(2026, 3, 1, 0, 0, tzinfo=UTC), actor_id=kim.id,
           actor_label=kim.email, program_id=program)  # fmt: skip
    _event(db, "data.exported", datetime(2026, 3, 31, 23, 59, tzinfo=UTC), actor_label="x@y.z")
    _event(db, "auth.logout", datetime(2026, 4, 1, 0, 0, tzinfo=UTC), actor_id=kim.id)

    def total(**params) -> int:
        answer = client.get("/api/v1/audit-events", params=params)
        assert answer.status_code == 200, answer.text
        return answer.json()["total"]

    assert total(action="data.exported") == 2
    assert total(person="kim 100% s") == 2  # the name, case-insensitive; % is a character
    assert total(person="100%", action="auth.logout") == 1
    assert total(person="%") == 2  # not a wildcard: only Kim's name has a percent sign
    assert total(person="x@y") == 1  # the email kept with the event
    assert total(program_id=str(program)) == 1
    # The period is whole days, both inclusive.
    assert total(since="2026-03-01", until="2026-03-31") == 2
    assert total(since="2026-03-31", until="2026-04-01") == 2
    assert total(since="2026-04-01", until="2026-04-01") == 1


def test_a_period_that_ends_before_it_starts_names_the_field(client, db):
    _admin(client, db)
    answer = client.get(
        "/api/v1/audit-events", params={"since": "2026-05-02", "until": "2026-05-01"}
    )
    assert answer.status_code == 422
    problem = answer.json()
    assert answer.headers["content-type"].startswith("application/problem+json")
    assert [(e["field"], e["type"]) for e in problem["errors"]] == [("until", "date_order")]


def test_the_download_speaks_the_readers_language_and_is_logged(client, db):
    _admin(client, db)
    _event(db, "selection.confirmed", datetime(2026, 2, 3, 10, 0, tzinfo=UTC),
           actor_label="k@example.org", target_type="selection_round", target_id="r1")  # fmt: skip
    german = client.get("/api/v1/audit-events/export", params={"action": "selection.confirmed"})
    assert german.status_code == 200, german.text
    assert german.headers["content-type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(german.text.lstrip("\ufeff")), delimiter=";"))
    assert rows[0][:4] == ["Zeitpunkt (UTC)", "Person", "Aktion", "Ziel"]
    assert rows[1][:4] == [
        "2026-02-03 10:00:00",
        "k@example.org",
        "Auswahl bestätigt",
        "Auswahlrunde",
    ]
    assert rows[1][-2:] == ["selection.confirmed", "r1"]  # codes for machines
    assert len(rows) == 2
    english = client.get(
        "/api/v1/audit-events/export", params={"action": "selection.confirmed", "lang": "en"}
    )
    rows = list(csv.reader(io.StringIO(english.text.lstrip("\ufeff")), delimiter=";"))
    assert rows[0][2] == "Action" and rows[1][2:4] == ["Selection confirmed", "Selection round"]
    logged = client.get("/api/v1/audit-events", params={"action": "data.exported"}).json()
    assert logged["total"] == 2
    assert logged["items"][0]["details"] == {"what": "audit_log", "format": "csv", "rows": 1}


def test_only_administrators_read_or_download_the_log(client, db):
    sign_in(client, make_user(db, Role.core_team))
    assert client.get("/api/v1/audit-events").status_code == 403
    assert client.get("/api/v1/audit-events/export").status_code == 403
