"""An influencer on a phone answers an invitation and marks a module done on the home page."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import DEMO
from tests.browser.helpers import assert_accessible, confirm, sign_in

pytestmark = pytest.mark.browser


def test_an_influencer_rsvps_and_finishes_a_module_on_a_phone(live_server, context_factory):
    page = context_factory(phone=True).new_page()
    sign_in(page, live_server.url, "influencer")
    page.wait_for_url(re.compile(r"/home$"))
    page.get_by_role("heading", name="Nächste Termine").wait_for()
    assert_accessible(page, "influencer home (phone)")

    answers = page.get_by_role("group", name="Ihre Antwort für Netzwerktreffen im Klärwerk")
    yes = answers.get_by_role("button", name="Ja", exact=True)
    yes.click()
    page.wait_for_function(
        "() => [...document.querySelectorAll('fieldset.rsvp button[aria-pressed=\"true\"]')]"
        ".some(b => b.textContent === 'Ja')"
    )
    assert yes.get_attribute("aria-pressed") == "true"

    module = page.get_by_role("region", name="Nächstes Modul")
    assert "Rechtliche Grundlagen" in module.inner_text()
    module.get_by_role("button", name="Als erledigt markieren").click()
    module.get_by_text("Alle Module erledigt").wait_for()

    page.reload()
    page.get_by_role("heading", name="Nächste Termine").wait_for()
    assert (
        page.get_by_role("group", name="Ihre Antwort für Netzwerktreffen im Klärwerk")
        .get_by_role("button", name="Ja", exact=True)
        .get_attribute("aria-pressed")
        == "true"
    ), "the answer was stored"
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, "no sideways scrolling on a phone"


def test_the_core_team_takes_attendance(live_server, page):
    sign_in(page, live_server.url, "core_team")
    page.get_by_role("navigation", name=re.compile("Hauptnavigation")).get_by_role(
        "link", name="Termine"
    ).click()
    page.get_by_role("table", name="Termine, nach Beginn sortiert").wait_for()
    assert_accessible(page, "core team meetings")
    page.get_by_role("button", name=re.compile(r"^Anwesenheit: Digitaler Check-in")).last.click()
    table = page.get_by_role("table", name="Eingeladene Personen")
    table.wait_for()
    boxes = table.get_by_role("checkbox")
    count = boxes.count()
    assert count > 1
    first = boxes.nth(0)
    was = first.is_checked()
    first.set_checked(not was)
    page.get_by_role("button", name="Anwesenheit speichern").click()
    page.get_by_text(re.compile(r"Anwesenheit gespeichert: \d+ anwesend")).first.wait_for()
    page.get_by_role("textbox", name=re.compile("^Notizen")).fill(
        "Viele Fragen zur Kennzeichnung von Werbung."
    )
    page.get_by_label(re.compile("^Vereinbarte nächste Schritte")).fill(
        "FAQ zur Kennzeichnung ergänzen"
    )
    page.get_by_role("button", name="Notizen speichern").click()
    page.get_by_text("Die Notizen sind gespeichert.").wait_for()
    assert_accessible(page, "attendance form")
    page.reload()
    page.get_by_role("button", name=re.compile(r"^Anwesenheit: Digitaler Check-in")).last.click()
    table = page.get_by_role("table", name="Eingeladene Personen")
    table.wait_for()
    page.wait_for_timeout(300)
    assert table.get_by_role("checkbox").nth(0).is_checked() is (not was), "stored"
    assert page.get_by_label(re.compile("^Vereinbarte nächste Schritte")).input_value() == (
        "FAQ zur Kennzeichnung ergänzen"
    )


def test_the_learning_journey_and_the_progress_matrix_are_readable(
    live_server, context_factory, page
):
    phone = context_factory(phone=True).new_page()
    sign_in(phone, live_server.url, "influencer")
    phone.goto(phone.url.rsplit("/", 1)[0] + "/learning")
    phone.get_by_role("heading", name="Personal Branding").wait_for()
    assert_accessible(phone, "influencer learning journey (phone)")
    feedback = phone.locator("details", has_text="Ihre Rückmeldung zu Personal Branding")
    feedback.get_by_text("Ihre Rückmeldung zu Personal Branding").click()
    feedback.get_by_label("3 von 5").check()
    feedback.get_by_label(re.compile("^Kommentar")).fill("Gute Beispiele aus der Verwaltung.")
    assert_accessible(phone, "module feedback (phone)")
    feedback.get_by_role("button", name="Rückmeldung speichern").click()
    phone.get_by_text("Danke für Ihre Rückmeldung.").wait_for()
    phone.reload()
    feedback.get_by_text("Ihre Rückmeldung zu Personal Branding").click()
    assert feedback.get_by_label("3 von 5").is_checked()
    comment = feedback.get_by_label(re.compile("^Kommentar")).input_value()
    assert comment == "Gute Beispiele aus der Verwaltung."

    sign_in(page, live_server.url, "core_team")
    page.goto(page.url.rsplit("/", 1)[0] + "/learning")
    table = page.get_by_role("table", name="Fortschritt: Influencer × Module")
    table.wait_for()
    assert table.get_by_role("columnheader", name=re.compile("Rechtliche Grundlagen")).count() == 1
    assert "erledigt" in table.inner_text()
    assert_accessible(page, "progress matrix")


def test_briefings_an_influencer_suggests_an_idea_and_marks_one_read(live_server, context_factory):
    page = context_factory(phone=True).new_page()
    sign_in(page, live_server.url, "influencer")
    page.goto(page.url.rsplit("/", 1)[0] + "/briefings")
    page.get_by_text("Ausbildungsmesse am Samstag").first.wait_for()
    assert_accessible(page, "briefings (phone)")
    page.get_by_text("Idee vorschlagen").click()
    page.get_by_label("Titel").fill("Tag der offenen Tür")
    page.get_by_label("Link").fill("https://example.org/tag")
    page.get_by_role("button", name="Vorschlag senden").click()
    page.get_by_role("heading", name=re.compile("Tag der offenen Tür")).wait_for()
    page.get_by_role("button", name="Gelesen: Neubau Hallenbad").click()
    page.get_by_role("button", name="Gelesen: Neubau Hallenbad").wait_for(state="detached")


def test_the_core_team_creates_a_series_for_a_team(live_server, context_factory):
    # A browser in New York: the form still means 10:00 in the program's zone (Berlin).
    page = context_factory(timezone_id="America/New_York").new_page()
    sign_in(page, live_server.url, "core_team")
    page.goto(page.url.rsplit("/", 1)[0] + "/meetings")
    page.get_by_text("Neuer Termin").click()
    page.get_by_label("Titel", exact=True).fill("Sprechstunde")
    page.get_by_label("Beginn", exact=True).fill("2031-03-04T10:00")
    page.get_by_label("Ende", exact=True).fill("2031-03-04T11:00")
    assert "Europe/Berlin" in page.inner_text("form")
    page.get_by_label("Wiederholung").select_option("biweekly")
    page.get_by_label("Anzahl Termine").fill("3")
    page.get_by_label("Wer wird eingeladen?").select_option("team")
    page.get_by_label("Team", exact=True).select_option(label="Multiplikatoren")
    assert_accessible(page, "new meeting form")
    page.get_by_role("button", name="Termin anlegen und einladen").click()
    table = page.get_by_role("table", name="Termine, nach Beginn sortiert")
    table.get_by_role("rowheader", name="Sprechstunde").first.wait_for()
    assert table.get_by_role("rowheader", name="Sprechstunde").count() == 3
    # The result is visible, and the form is closed and empty (no double submission).
    page.locator(".toast").get_by_text("3 Termin(e) angelegt", exact=False).wait_for()
    summary = page.locator("summary", has_text="Neuer Termin")
    assert summary.evaluate("s => s === document.activeElement && !s.parentElement.open")
    summary.click()
    assert page.get_by_label("Titel", exact=True).input_value() == ""
    program = page.request.get(f"{live_server.url}/api/v1/me").json()["programs"][0]["id"]
    meetings = page.request.get(f"{live_server.url}/api/v1/programs/{program}/meetings").json()
    first = min((m for m in meetings if m["title"] == "Sprechstunde"), key=lambda m: m["starts_at"])
    assert first["starts_at"].startswith("2031-03-04T09:00"), first["starts_at"]  # 10:00 CET
    assert first["audience"] == "team" and first["team_id"]


def test_the_core_team_invites_people_found_by_search_to_a_meeting(live_server, context_factory):
    page = context_factory().new_page()
    sign_in(page, live_server.url, "core_team")
    page.goto(page.url.rsplit("/", 1)[0] + "/meetings")
    page.get_by_text("Neuer Termin").click()
    page.get_by_label("Titel", exact=True).fill("Runde Verkehr")
    page.get_by_label("Beginn", exact=True).fill("2031-04-08T10:00")
    page.get_by_label("Ende", exact=True).fill("2031-04-08T11:00")
    page.get_by_label("Wer wird eingeladen?").select_option("people")
    # Sophie (the demo's influencer) and two others of the pilot (drawn anew for each demo).
    program = page.request.get(f"{live_server.url}/api/v1/me").json()["programs"][0]["id"]
    members = page.request.get(
        f"{live_server.url}/api/v1/programs/{program}/members",
        params={"role": "influencer", "per_page": 200},
    ).json()["items"]
    sophie = next(m["name"] for m in members if m["email"] == DEMO["influencer"])
    active = [m["name"] for m in members if m["status"] == "active" and m["name"] != sophie]
    one, other = active[-2:]
    people = page.get_by_role("group", name="Eingeladene Personen")
    people.get_by_text("Noch niemand ausgewählt.").wait_for()
    search = people.get_by_label("Name oder E-Mail suchen")
    # The matches come from the server's search: only theirs are listed.
    search.fill(sophie)
    expect(people.get_by_role("checkbox", name=one, exact=True)).to_have_count(0)
    people.get_by_role("checkbox", name=sophie, exact=True).check()
    search.fill(one)
    expect(people.get_by_role("checkbox", name=sophie, exact=True)).to_have_count(0)
    people.get_by_role("checkbox", name=one, exact=True).check()
    search.press("Enter")  # searches; it does not send the form
    # The chosen stay on top by name, whatever the search shows.
    people.get_by_text("2 ausgewählt").wait_for()
    people.get_by_role("button", name=f"{sophie} entfernen").wait_for()
    people.get_by_role("button", name=f"{one} entfernen").click()
    people.get_by_text("1 ausgewählt").wait_for()
    expect(people.get_by_role("checkbox", name=one, exact=True)).not_to_be_checked()
    search.fill(other)
    expect(people.get_by_role("checkbox", name=one, exact=True)).to_have_count(0)
    people.get_by_role("checkbox", name=other, exact=True).check()
    # Switching the audience away and back keeps the choice and its names.
    page.get_by_label("Wer wird eingeladen?").select_option("program")
    page.get_by_label("Wer wird eingeladen?").select_option("people")
    people.get_by_role("button", name=f"{other} entfernen").wait_for()
    people.get_by_role("button", name=f"{sophie} entfernen").wait_for()
    assert_accessible(page, "meeting audience: chosen people")
    page.get_by_role("button", name="Termin anlegen und einladen").click()
    table = page.get_by_role("table", name="Termine, nach Beginn sortiert")
    table.get_by_role("rowheader", name="Runde Verkehr").wait_for()

    meetings = page.request.get(f"{live_server.url}/api/v1/programs/{program}/meetings").json()
    [meeting] = [m for m in meetings if m["title"] == "Runde Verkehr"]
    assert meeting["audience"] == "people"
    invited = page.request.get(
        f"{live_server.url}/api/v1/programs/{program}/meetings/{meeting['id']}/invitations"
    ).json()
    assert sorted(i["name"] for i in invited) == sorted([sophie, other])


def test_the_calendar_subscription_address_works_without_a_cookie(live_server, page):
    import httpx

    sign_in(page, live_server.url, "influencer")
    page.goto(f"{live_server.url}/profile")
    page.get_by_role("button", name="Neue Adresse erzeugen").click()
    field = page.get_by_label("Ihre private Kalender-Adresse")
    field.wait_for()
    assert_accessible(page, "profile with calendar address")
    url = field.input_value()
    path = url[url.index("/api/v1/") :]
    response = httpx.get(f"{live_server.url}{path}")
    assert response.status_code == 200
    from icalendar import Calendar

    titles = {str(e["summary"]) for e in Calendar.from_ical(response.content).walk("VEVENT")}
    assert "Netzwerktreffen im Klärwerk" in titles and "Digitaler Check-in" in titles
    page.get_by_role("button", name="Abo abschalten").click()
    confirm(page, "Abo abschalten")
    page.get_by_text("Das Kalender-Abo ist abgeschaltet.").wait_for()
    assert httpx.get(f"{live_server.url}{path}").status_code == 404
