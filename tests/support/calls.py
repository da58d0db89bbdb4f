"""Helpers for tests of application calls: a program with a core team and an open call."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from fastapi.testclient import TestClient

from botschaft.identity.models import Role
from botschaft.tenancy.models import ProgramRole
from tests.support.api import Account, add_member, make_program, make_user, sign_in


@dataclass
class CallWorld:
    program: object
    core: Account
    core_client: TestClient
    call: dict

    @property
    def base(self) -> str:
        return f"/api/v1/programs/{self.program}/calls/{self.call['id']}"

    @property
    def form(self) -> str:
        return f"/api/v1/public/calls/{self.call['form_token']}"


def open_call(
    client: TestClient, db, *, access: str = "link", closes_in: timedelta = timedelta(days=14)
) -> CallWorld:
    program = make_program(db, name="Musterstadt", timezone="Europe/Berlin")
    core = make_user(db, Role.core_team, name="Katrin Kern")
    add_member(db, program, core, ProgramRole.core_team)
    sign_in(client, core)
    now = datetime.now(UTC)
    created = client.post(
        f"/api/v1/programs/{program}/calls",
        json={
            "title": "Werde Stimme der Stadt",
            "opens_at": (now - timedelta(days=1)).isoformat(),
            "closes_at": (now + closes_in).isoformat(),
            "access": access,
            "template": "reference",
        },
    )
    assert created.status_code == 201, created.text
    call = created.json()
    opened = client.post(
        f"/api/v1/programs/{program}/calls/{call['id']}/status",
        json={"status": "open", "version": call["version"]},
    )
    assert opened.status_code == 200, opened.text
    return CallWorld(program=program, core=core, core_client=client, call=opened.json())


ANSWERS = {
    "motivation": "Ich zeige gern, wie vielfältig die Arbeit bei der Stadt ist.",
    "topics": "Brandschutz, Ausbildung",
    "platforms": ["instagram", "linkedin"],
    "experience": "some",
    "time_available": "1to2h",
    "age_band": "25_34",
    "gender": "female",
    "occupation_group": "safety",
}


def application(call: dict, **overrides) -> dict:
    body = {
        "name": "Mia Brand",
        "email": "mia.brand@example.org",
        "locale": "de",
        "answers": dict(ANSWERS),
        "privacy_version": call["privacy_version"],
        "consent_version": call["consent_version"],
        "accept_privacy": True,
        "accept_consent": True,
    }
    body.update(overrides)
    return body


LINK = re.compile(r"/application/([A-Za-z0-9_\-]+)")


def private_link(body: str) -> str:
    match = LINK.search(body)
    assert match, f"no private link in: {body}"
    return match.group(1)
