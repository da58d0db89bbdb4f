"""An applicant fills in the public form on a phone, gets the email with the private link,
changes and withdraws the application; the core team sees the withdrawal."""

from __future__ import annotations

import re

import httpx
import pytest

from botschaft.demo.calls import OPEN_TITLE, form_token
from tests.browser.conftest import DEMO, DEMO_PASSWORD
from tests.browser.helpers import assert_accessible
from tests.support.calls import private_link
from tests.support.smtp import body_text

pytestmark = pytest.mark.browser


def test_an_applicant_applies_on_a_phone_edits_and_withdraws(server, mail, context_factory):
    page = context_factory(phone=True).new_page()
    page.goto(f"{server.url}/apply/{form_token(OPEN_TITLE)}")
    page.get_by_role("heading", name=OPEN_TITLE).wait_for()
    assert "Infoveranstaltung" in page.inner_text("main")
    assert_accessible(page, "application form (phone)")

    page.get_by_role("button", name="Bewerbung absenden").click()
    page.get_by_role("alert").get_by_text("Bitte korrigieren").wait_for()
    motivation = page.get_by_label(re.compile("^Warum möchten Sie"))
    assert motivation.get_attribute("aria-invalid") == "true", "required answers are marked"

    page.get_by_label("Ihr Name").fill("Mia Brand")
    page.get_by_label("Ihre E-Mail-Adresse").fill("mia.brand")
    page.get_by_label("Ihr Name").click()
    page.get_by_text("Bitte geben Sie eine gültige E-Mail-Adresse an.").wait_for()
    page.get_by_label("Ihre E-Mail-Adresse").fill("mia.brand@musterstadt.example")
    motivation.fill("Ich zeige, wie spannend der Brandschutz ist.")
    page.get_by_label(re.compile("^Über welche Themen")).fill("Einsätze, Ausbildung")
    platforms = page.get_by_role("group", name=re.compile("Welche Plattformen"))
    platforms.get_by_label("Instagram").check()
    for group, answer in [
        ("Wie viel Erfahrung", "Ich poste gelegentlich"),
        ("Wie viel Zeit", "Ein bis zwei Stunden"),
        ("Altersgruppe", "25–34"),
        ("Geschlecht", "divers"),
        ("Berufsgruppe", "Sicherheit und Ordnung"),
    ]:
        page.get_by_role("group", name=re.compile(f"^{group}")).get_by_label(answer).check()
    page.get_by_label("Ich habe die Datenschutzhinweise gelesen.").check()
    page.get_by_label("Ich willige ein.").check()
    page.get_by_role("button", name="Bewerbung absenden").click()
    page.get_by_role("heading", name="Vielen Dank für Ihre Bewerbung!").wait_for()
    assert "mia.brand@musterstadt.example" in page.inner_text("main")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390

    [message] = mail.wait_for(1, timeout=20)
    assert message["To"] == "mia.brand@musterstadt.example"
    page.goto(f"{server.url}/application/{private_link(body_text(message))}")
    page.get_by_role("heading", name="Ihre Bewerbung").wait_for()
    assert "Eingegangen" in page.inner_text("main") and "divers" in page.inner_text("main")
    assert_accessible(page, "private application page")

    page.get_by_role("button", name="Bewerbung ändern").click()
    page.get_by_label(re.compile("^Über welche Themen")).fill("Einsätze und Übungen")
    page.get_by_label("Ich habe die Datenschutzhinweise gelesen.").check()
    page.get_by_label("Ich willige ein.").check()
    page.get_by_role("button", name="Änderungen speichern").click()
    page.get_by_text("Ihre Änderungen sind gespeichert.").wait_for()
    assert "Einsätze und Übungen" in page.inner_text("main")

    page.on("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Bewerbung zurückziehen").click()
    page.get_by_text("Ihre Bewerbung ist zurückgezogen.").wait_for()
    assert "Zurückgezogen" in page.inner_text("main")
    assert page.get_by_role("button", name="Bewerbung ändern").count() == 0

    with httpx.Client(base_url=server.url) as core:
        core.post(
            "/api/v1/auth/login", json={"email": DEMO["core_team"], "password": DEMO_PASSWORD}
        ).raise_for_status()
        program = core.get("/api/v1/me").json()["programs"][0]["id"]
        calls = core.get(f"/api/v1/programs/{program}/calls").json()
        open_call = next(c for c in calls if c["title"] == OPEN_TITLE)
        rows = core.get(
            f"/api/v1/programs/{program}/calls/{open_call['id']}/applications",
            params={"q": "mia.brand"},
        ).json()["items"]
    assert [(r["name"], r["status"]) for r in rows] == [("Mia Brand", "withdrawn")]


def test_the_info_event_place_is_text_and_only_a_web_address_is_a_link(server, page):
    """A place in words stays text; an http(s) address becomes a link; a javascript: link is
    refused by the server (so it can never reach the form as one)."""
    with httpx.Client(base_url=server.url) as core:
        core.post(
            "/api/v1/auth/login", json={"email": DEMO["core_team"], "password": DEMO_PASSWORD}
        ).raise_for_status()
        core.headers["X-CSRF-Token"] = core.cookies["botschaft_csrf"]
        program = core.get("/api/v1/me").json()["programs"][0]["id"]
        calls = core.get(f"/api/v1/programs/{program}/calls").json()
        call_url = f"/api/v1/programs/{program}/calls/" + next(
            c["id"] for c in calls if c["title"] == OPEN_TITLE
        )

        def set_location(value: str) -> httpx.Response:
            version = core.get(call_url).json()["version"]
            return core.patch(call_url, json={"version": version, "info_event_location": value})

        refused = set_location("javascript:alert(document.cookie)")
        assert refused.status_code == 422
        assert refused.json()["errors"][0]["field"] == "info_event_location"

        form = f"{server.url}/apply/{form_token(OPEN_TITLE)}"
        info = page.get_by_role("region", name="Infoveranstaltung")
        set_location("Rathaus, Sitzungssaal 2 (https://meet.example/info)").raise_for_status()
        page.goto(form)
        info.get_by_text("Rathaus, Sitzungssaal 2").wait_for()
        assert info.get_by_role("link").count() == 0

        set_location("https://meet.example/info").raise_for_status()
        page.goto(form)
        link = info.get_by_role("link", name="https://meet.example/info")
        link.wait_for()
        assert link.get_attribute("href") == "https://meet.example/info"
