"""The core team reschedules a meeting and then cancels it: the invitee gets an updated
invitation (same UID, higher SEQUENCE) and then a METHOD:CANCEL, and the page says so."""

from __future__ import annotations

import os
import re
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

from tests.browser.conftest import DEMO
from tests.browser.helpers import assert_accessible, sign_in
from tests.browser.test_rsvp import signed_in

pytestmark = pytest.mark.browser
TITLE = "Check-in zum Umzug"
SHOTS = os.environ.get("BOTSCHAFT_SCREENSHOTS")  # a folder: screenshots for a human look


def _shot(page, name: str) -> None:
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=f"{SHOTS}/{name}.png", full_page=True)


def _event(message):
    [part] = list(message.iter_attachments())
    [event] = Calendar.from_ical(part.get_content()).walk("VEVENT")
    return part.get_param("method"), event


def test_the_core_team_reschedules_and_cancels_a_meeting(server, mail, context_factory):
    core = signed_in(server.url, "core_team")
    program = core.get("/api/v1/me").json()["programs"][0]["id"]
    zone = ZoneInfo(core.get(f"/api/v1/programs/{program}").json()["timezone"])
    members = core.get(f"/api/v1/programs/{program}/members").json()["items"]
    sophie = next(m for m in members if m["email"] == DEMO["influencer"])
    start = (datetime.now(UTC) + timedelta(days=10)).astimezone(zone)
    start = start.replace(hour=10, minute=0, second=0, microsecond=0)
    created = core.post(
        f"/api/v1/programs/{program}/meetings",
        json={
            "kind": "check_in",
            "title": TITLE,
            "starts_at": start.isoformat(),
            "ends_at": (start + timedelta(hours=1)).isoformat(),
            "video_url": "https://meet.example.org/umzug",
            "audience": {"kind": "people", "member_ids": [sophie["id"]]},
        },
    )
    assert created.status_code == 201, created.text
    [invitation] = [m for m in mail.wait_for(1, timeout=20) if TITLE in m["Subject"]]
    _, invited = _event(invitation)
    mail.clear()

    page = context_factory().new_page()
    sign_in(page, server.url, "core_team")
    page.get_by_role("navigation", name=re.compile("Hauptnavigation")).get_by_role(
        "link", name="Termine"
    ).click()
    table = page.get_by_role("table", name="Termine, nach Beginn sortiert")
    table.wait_for()
    page.get_by_role("button", name=re.compile(rf"^Termin ändern: {TITLE}")).click()
    form = page.get_by_role("region", name=f"Termin ändern: {TITLE}")
    assert form.get_by_label("Beginn", exact=True).input_value() == f"{start:%Y-%m-%dT%H:%M}"
    later = start + timedelta(days=1, hours=4)
    form.get_by_label("Beginn", exact=True).fill(f"{later:%Y-%m-%dT%H:%M}")
    form.get_by_label("Ende", exact=True).fill(f"{later + timedelta(hours=1):%Y-%m-%dT%H:%M}")
    form.get_by_label("Ort").fill("Rathaus, Raum 101")
    assert_accessible(page, "edit meeting")
    _shot(page, "edit-de-1366")

    # Into the past: refused, named at the field, nothing written.
    form.get_by_label("Beginn", exact=True).fill("2020-01-01T10:00")
    form.get_by_label("Ende", exact=True).fill("2020-01-01T11:00")
    form.get_by_role("button", name="Änderungen speichern und mitteilen").click()
    page.get_by_text(
        "Ein Termin kann nicht in die Vergangenheit verschoben werden."
    ).first.wait_for()
    _shot(page, "edit-error-de-1366")
    form.get_by_label("Beginn", exact=True).fill(f"{later:%Y-%m-%dT%H:%M}")
    form.get_by_label("Ende", exact=True).fill(f"{later + timedelta(hours=1):%Y-%m-%dT%H:%M}")
    form.get_by_role("button", name="Änderungen speichern und mitteilen").click()
    form.wait_for(state="detached")

    meetings = core.get(f"/api/v1/programs/{program}/meetings").json()
    [moved] = [m for m in meetings if m["title"] == TITLE]
    assert datetime.fromisoformat(moved["starts_at"]) == later and moved["sequence"] == 1
    assert moved["place"] == "Rathaus, Raum 101"
    [update] = [m for m in mail.wait_for(1, timeout=20) if TITLE in m["Subject"]]
    assert update["Subject"].startswith("Geändert:")
    method, event = _event(update)
    assert method == "REQUEST" and str(event["uid"]) == str(invited["uid"])
    assert int(event["sequence"]) == 1 and event["dtstart"].dt == later
    mail.clear()

    page.get_by_role("button", name=re.compile(rf"^Termin absagen: {TITLE}")).click()
    dialog = page.get_by_role("dialog", name="Termin absagen?")
    dialog.wait_for()
    assert_accessible(page, "cancel dialog")
    _shot(page, "cancel-de-1366")
    dialog.get_by_role("button", name="Ja, absagen").click()
    row = table.get_by_role("row").filter(has_text=TITLE)
    row.get_by_text("abgesagt").wait_for()
    assert row.get_by_role("button").count() == 0, "a cancelled meeting is not edited again"
    [cancel] = [m for m in mail.wait_for(1, timeout=20) if TITLE in m["Subject"]]
    method, event = _event(cancel)
    assert method == "CANCEL" and str(event["uid"]) == str(invited["uid"])
    assert int(event["sequence"]) == 2 and str(event["status"]) == "CANCELLED"

    # The influencer sees it cancelled, with no answer buttons, on a phone, in both languages
    # (the interface speaks the account's language).
    sophie_api = signed_in(server.url, "influencer")
    for lang, cancelled in (("de", "abgesagt"), ("en", "cancelled")):
        sophie_api.patch("/api/v1/me", json={"locale": lang}).raise_for_status()
        locale = "de-DE" if lang == "de" else "en-GB"
        phone = context_factory(locale=locale, phone=True).new_page()
        sign_in(phone, server.url, "influencer", locale=lang)
        phone.goto(phone.url.rsplit("/", 1)[0] + "/meetings")
        card = phone.locator("li.card").filter(has_text=TITLE)
        card.get_by_text(cancelled, exact=True).wait_for()
        assert card.get_by_role("button").count() == 0
        link = card.get_by_role("link", name="https://meet.example.org/umzug")
        assert link.get_attribute("href") == "https://meet.example.org/umzug"
        assert_accessible(phone, f"influencer meetings ({lang})")
        _shot(phone, f"influencer-{lang}-390")
    sophie_api.patch("/api/v1/me", json={"locale": "de"}).raise_for_status()
    sophie_api.close()

    # The core team's edit form and cancel dialog in English, on a phone and a wide screen.
    core.patch("/api/v1/me", json={"locale": "en"}).raise_for_status()
    for phone_size, width in ((True, 390), (False, 1366)):
        en = context_factory(locale="en-GB", phone=phone_size).new_page()
        if not phone_size:
            en.set_viewport_size({"width": 1366, "height": 900})
        sign_in(en, server.url, "core_team", locale="en")
        en.goto(en.url.rsplit("/", 1)[0] + "/meetings")
        en.get_by_role("table", name=re.compile("Meetings")).wait_for()
        en.get_by_role("button", name=re.compile(r"^Edit meeting: Netzwerktreffen")).click()
        edit = en.get_by_role("region", name=re.compile(r"^Edit meeting: Netzwerktreffen"))
        edit.get_by_role("group", name="What should change?").wait_for(state="detached")
        assert edit.get_by_label("Title", exact=True).input_value().startswith("Netzwerktreffen")
        assert_accessible(en, f"edit meeting (en, {width})")
        _shot(en, f"edit-en-{width}")
        en.get_by_role("button", name=re.compile(r"^Cancel meeting: Netzwerktreffen")).click()
        en.get_by_role("dialog", name="Cancel this meeting?").wait_for()
        assert_accessible(en, f"cancel dialog (en, {width})")
        _shot(en, f"cancel-en-{width}")
        en.get_by_role("button", name="Keep meeting").click()
        if phone_size:
            assert en.evaluate("document.documentElement.scrollWidth") <= 390
    core.patch("/api/v1/me", json={"locale": "de"}).raise_for_status()
    core.close()
