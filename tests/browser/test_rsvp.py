"""An influencer answers a meeting invitation from the email's link, not signed in: the link
opens a page that shows the meeting and answers only when the button is pressed (mail
scanners that open every link answer nothing)."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import httpx
import pytest

from tests.browser.conftest import DEMO, DEMO_PASSWORD
from tests.browser.helpers import assert_accessible
from tests.support.smtp import body_text

pytestmark = pytest.mark.browser
TITLE = "Check-in im Stadtlabor"


def signed_in(url: str, who: str) -> httpx.Client:
    client = httpx.Client(base_url=url)
    login = {"email": DEMO[who], "password": DEMO_PASSWORD}
    client.post("/api/v1/auth/login", json=login).raise_for_status()
    client.headers["X-CSRF-Token"] = client.cookies["botschaft_csrf"]
    return client


def test_an_invitation_link_asks_before_it_answers(server, mail, context_factory):
    core = signed_in(server.url, "core_team")
    program = core.get("/api/v1/me").json()["programs"][0]["id"]
    members = core.get(f"/api/v1/programs/{program}/members").json()["items"]
    sophie = next(m for m in members if m["email"] == DEMO["influencer"])
    start = (datetime.now(UTC) + timedelta(days=9)).replace(microsecond=0)
    meeting = core.post(
        f"/api/v1/programs/{program}/meetings",
        json={
            "kind": "network",
            "title": TITLE,
            "agenda": "Rundgang und Austausch",
            "starts_at": start.isoformat(),
            "ends_at": (start + timedelta(hours=2)).isoformat(),
            "place": "Stadtlabor, Marktplatz 1",
            "audience": {"kind": "people", "member_ids": [sophie["id"]]},
        },
    )
    assert meeting.status_code == 201, meeting.text
    [meeting] = meeting.json() if isinstance(meeting.json(), list) else [meeting.json()]
    invitations = f"/api/v1/programs/{program}/meetings/{meeting['id']}/invitations"

    [message] = [m for m in mail.wait_for(1, timeout=20) if TITLE in m["Subject"]]
    assert message["To"] == DEMO["influencer"]
    link = next(
        line.split(": ", 1)[1]
        for line in body_text(message).splitlines()
        if line.startswith("Ja: ")
    )
    assert re.search(r"/rsvp/[A-Za-z0-9_-]+\?response=yes$", link), link

    page = context_factory(phone=True).new_page()
    page.goto(link)
    page.get_by_role("heading", name=TITLE).wait_for()
    assert "Stadtlabor, Marktplatz 1" in page.inner_text("main")
    assert page.get_by_label("Ja").is_checked(), "the email's choice is preselected"
    assert [i["rsvp"] for i in core.get(invitations).json()] == ["pending"], (
        "opening the link answered nothing"
    )
    assert_accessible(page, "RSVP page")
    page.get_by_label("Vielleicht").check()
    page.get_by_role("button", name="Antwort senden").click()
    page.get_by_text("Danke! Ihre Antwort ist gespeichert: Vielleicht.").wait_for()
    assert [i["rsvp"] for i in core.get(invitations).json()] == ["maybe"]

    page.goto(re.sub(r"/rsvp/[^?]+", "/rsvp/not-a-valid-token", link))
    page.get_by_text("Dieser Link ist nicht gültig.").wait_for()
    core.close()
