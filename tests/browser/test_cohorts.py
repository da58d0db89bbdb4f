"""The core team manages cohorts, each influencer's cohort and status, and teams in Chromium."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import (
    assert_accessible,
    assert_no_sideways_scroll,
    confirm,
    sign_in,
)
from tests.browser.test_rsvp import signed_in

pytestmark = pytest.mark.browser
SLUG = "wir-sind-musterstadt"


def test_the_core_team_runs_cohorts_statuses_and_teams(server, page):
    sign_in(page, server.url, "core_team")
    page.goto(f"{server.url}/p/{SLUG}/cohorts")
    cohorts = page.get_by_role("table", name="Kohorten des Programms")
    cohorts.locator("tbody tr").first.wait_for()
    before = cohorts.locator("tbody tr").count()
    assert_accessible(page, "cohorts and teams")

    page.get_by_text("Neue Kohorte").click()
    page.get_by_label("Name", exact=True).fill("Re-Call 2027")
    page.get_by_label("Art", exact=True).select_option("recall")
    page.get_by_label("Beginn").fill("2027-03-01")
    page.get_by_label("Ende").fill("2027-02-01")
    page.get_by_role("button", name="Kohorte anlegen").click()
    page.get_by_role("alert").get_by_text("ends_on").wait_for()  # the period is refused, named
    page.get_by_label("Ende").fill("2027-06-30")
    page.get_by_role("button", name="Kohorte anlegen").click()
    page.get_by_text("Die Kohorte „Re-Call 2027“ ist angelegt.").wait_for()
    assert cohorts.locator("tbody tr").count() == before + 1
    row = cohorts.get_by_role("row", name=re.compile("^Re-Call 2027"))
    assert "Re-Call" in row.inner_text() and "0" in row.inner_text()

    people = page.get_by_role("table", name="Influencer*innen des Programms")
    first = people.locator("tbody tr").first.locator("th").inner_text().split("\n")[0]
    people.get_by_label(f"Status von {first}").select_option("alumni")
    page.get_by_text(f"Gespeichert: {first}.").wait_for()
    assert people.get_by_label(f"Status von {first}").input_value() == "alumni"
    # An alumna assigned to a re-call is invited back: active again, in the new cohort.
    people.get_by_label(f"Kohorte von {first}").select_option(label="Re-Call 2027")
    row.get_by_role("cell", name="1", exact=True).wait_for()
    # The cohort count and the person's row refresh separately: wait for the status too.
    expect(people.get_by_label(f"Status von {first}")).to_have_value("active")
    second = people.locator("tbody tr").nth(1).locator("th").inner_text().split("\n")[0]
    people.get_by_label(f"Status von {second}").select_option("paused")
    page.get_by_text(f"Gespeichert: {second}.").wait_for()

    page.get_by_text("Neues Team").click()
    page.get_by_label("Name des Teams").fill("Fachleute Verkehr")
    page.get_by_label("Profil").fill("Fragen zu Mobilität und Verkehr")
    page.get_by_role("button", name="Team anlegen").click()
    page.get_by_text("Das Team „Fachleute Verkehr“ ist angelegt.").wait_for()
    # Two people far down the list (the demo's pilot is drawn anew), each found by a search.
    core = signed_in(server.url, "core_team")
    program = core.get("/api/v1/me").json()["programs"][0]["id"]
    everyone = core.get(
        f"/api/v1/programs/{program}/members", params={"role": "influencer", "per_page": 200}
    ).json()["items"]
    one, other = (m["name"] for m in everyone[-2:])
    members = page.get_by_role("group", name="Mitglieder von Fachleute Verkehr")
    members.get_by_text("Noch niemand ausgewählt.").wait_for()
    search = members.get_by_label("Name oder E-Mail suchen")
    search.fill(one)
    expect(members.get_by_role("checkbox", name=other, exact=True)).to_have_count(0)
    members.get_by_role("checkbox", name=one, exact=True).check()
    search.fill(other)
    expect(members.get_by_role("checkbox", name=one, exact=True)).to_have_count(0)
    members.get_by_role("checkbox", name=other, exact=True).check()
    # The chosen stay listed by name although the search no longer finds them.
    members.get_by_text("2 ausgewählt").wait_for()
    members.get_by_role("button", name=f"{one} entfernen").wait_for()
    assert_accessible(page, "team checklist with a search")
    page.get_by_role("button", name="Mitglieder von Fachleute Verkehr speichern").click()
    page.get_by_text("Die Mitglieder von Fachleute Verkehr sind gespeichert.").wait_for()
    page.get_by_text("alle Kohorten · 2 Mitglieder").wait_for()

    page.reload()
    people = page.get_by_role("table", name="Influencer*innen des Programms")
    assert people.get_by_label(f"Status von {second}").input_value() == "paused"
    assert people.get_by_label(f"Kohorte von {first}").input_value() != ""
    members = page.get_by_role("group", name="Mitglieder von Fachleute Verkehr")
    members.get_by_text("2 ausgewählt").wait_for()
    for name in (one, other):
        members.get_by_role("button", name=f"{name} entfernen").wait_for()
        expect(members.get_by_role("checkbox", name=name, exact=True)).to_be_checked()
    assert members.get_by_role("checkbox", checked=True).count() == 2
    assert_accessible(page, "cohorts after changes")


def test_the_core_team_edits_the_learning_journey(server, page):
    sign_in(page, server.url, "core_team")
    page.goto(f"{server.url}/p/{SLUG}/learning")
    page.get_by_role("heading", name="Module der Lernreise").wait_for()
    page.get_by_text("Neues Modul").click()
    form = page.locator("details form")
    form.get_by_label("Titel", exact=True).fill("Barrierefrei posten")
    form.get_by_label("Thema").fill("Inklusion")
    form.get_by_label("Zu erledigen bis").fill("2031-05-31")
    form.get_by_label("Geschätzter Aufwand in Minuten").fill("45")
    form.get_by_label("Live-Termin: Beginn").fill("2031-05-20T16:00")
    form.get_by_label("Live-Termin: Ende").fill("2031-05-20T17:30")
    form.get_by_label("Titel des Materials").fill("Leitfaden Alt-Texte")
    form.get_by_label("Link (https://…)").fill("https://example.org/alt-texte")
    form.get_by_role("button", name="Link hinzufügen").click()
    upload = form.get_by_label(re.compile("^Datei hochladen"))
    upload.set_input_files(
        files=[
            {"name": "tool.exe", "mimeType": "application/octet-stream", "buffer": b"MZ\x90\x00"}
        ]
    )
    form.get_by_role("button", name="Hochladen und hinzufügen").click()
    form.get_by_role("alert").get_by_text("Diese Datei ist nicht erlaubt", exact=False).wait_for()
    form.get_by_label("Titel des Materials").fill("Checkliste")
    pdf = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
    upload.set_input_files(
        files=[{"name": "checkliste.pdf", "mimeType": "application/pdf", "buffer": pdf}]
    )
    form.get_by_role("button", name="Hochladen und hinzufügen").click()
    form.get_by_text("Die Datei „checkliste.pdf“ ist hochgeladen.").wait_for()
    materials = form.get_by_role("table", name="Materialien des Moduls")
    assert materials.locator("tbody tr").count() == 2
    assert_accessible(page, "module editor")
    form.get_by_role("button", name="Modul anlegen").click()
    page.get_by_text("Das Modul „Barrierefrei posten“ ist gespeichert.").wait_for()
    matrix = page.get_by_role("table", name=re.compile("Fortschritt"))
    matrix.get_by_role("columnheader", name=re.compile("Barrierefrei posten")).wait_for()

    card = page.locator("li.card", has=page.get_by_role("heading", name="Barrierefrei posten"))
    assert "Inklusion" in card.inner_text() and "31.05.2031" in card.inner_text()
    page.get_by_role("button", name="Modul Barrierefrei posten bearbeiten").click()
    edit = card.locator("form")
    assert edit.get_by_label("Live-Termin: Beginn").input_value() == "2031-05-20T16:00"
    file_link = edit.get_by_role("link", name="Checkliste").get_attribute("href")
    edit.get_by_label("Titel", exact=True).fill("Barrierefrei posten – Grundlagen")
    edit.get_by_role("button", name="Leitfaden Alt-Texte entfernen").click()
    edit.get_by_role("button", name="Modul speichern").click()
    page.get_by_text("Das Modul „Barrierefrei posten – Grundlagen“ ist gespeichert.").wait_for()
    download = page.request.get(f"{server.url}{file_link}")
    assert download.ok and download.body() == pdf
    assert "attachment" in download.headers["content-disposition"]

    page.get_by_role("button", name="Modul Barrierefrei posten – Grundlagen löschen").click()
    confirm(page, "Löschen")
    page.get_by_text("Das Modul ist gelöscht.").wait_for()
    assert page.get_by_role("heading", name="Barrierefrei posten – Grundlagen").count() == 0


def test_a_team_checklist_pages_and_searches_beyond_the_first_page(server, context_factory):
    """With more influencers than one page holds: "Weitere anzeigen" loads the next page, the
    search finds anybody, and a team's members keep their names when they are far down the
    list (the people table pages too)."""
    core = signed_in(server.url, "core_team")
    program = core.get("/api/v1/me").json()["programs"][0]["id"]
    for i in range(1, 41):
        added = core.post(
            f"/api/v1/programs/{program}/members",
            json={
                "email": f"zora.test{i:02}@musterstadt.example",
                "name": f"Zora Test {i:02}",
                "role": "influencer",
            },
        )
        assert added.status_code == 201, added.text
    members_url = f"/api/v1/programs/{program}/members"
    total = core.get(members_url, params={"role": "influencer", "per_page": 1}).json()["total"]
    assert total > 50

    page = context_factory().new_page()
    sign_in(page, server.url, "core_team")
    page.goto(f"{server.url}/p/{SLUG}/cohorts")
    team = page.get_by_role("group", name="Mitglieder von Multiplikatoren")
    team.get_by_text(f"24 von {total} angezeigt").wait_for()
    before = team.get_by_role("checkbox", checked=True).count()
    last = team.get_by_role("checkbox", name="Zora Test 40", exact=True)
    assert last.count() == 0
    more = team.get_by_role("button", name="Weitere anzeigen")
    more.click()
    team.get_by_text(f"48 von {total} angezeigt").wait_for()
    # The keyboard goes on at the first new match.
    assert page.evaluate("document.activeElement.type") == "checkbox"
    more.click()
    team.get_by_text(f"{total} von {total} angezeigt").wait_for()
    assert more.count() == 0
    last.check()
    team.get_by_label("Name oder E-Mail suchen").fill("Zora Test 39")
    team.get_by_text("1 von 1 angezeigt").wait_for()
    team.get_by_role("checkbox", name="Zora Test 39", exact=True).check()
    team.get_by_text(f"{before + 2} ausgewählt").wait_for()
    page.get_by_role("button", name="Mitglieder von Multiplikatoren speichern").click()
    page.get_by_text("Die Mitglieder von Multiplikatoren sind gespeichert.").wait_for()

    teams = core.get(f"/api/v1/programs/{program}/teams").json()
    [saved] = [t for t in teams if t["name"] == "Multiplikatoren"]
    everyone = core.get(members_url, params={"role": "influencer", "per_page": 200}).json()
    names = {m["id"]: m["name"] for m in everyone["items"]}
    assert {"Zora Test 39", "Zora Test 40"} <= {names[i] for i in saved["member_ids"]}

    # After a reload the team's members are named, also those beyond the people table's page.
    page.reload()
    people = page.get_by_role("table", name="Influencer*innen des Programms")
    people.locator("tbody tr").first.wait_for()
    assert people.locator("tbody tr").count() == 50
    assert people.get_by_role("rowheader", name="Zora Test 40").count() == 0
    team = page.get_by_role("group", name="Mitglieder von Multiplikatoren")
    team.get_by_role("button", name="Zora Test 40 entfernen").wait_for()
    team.get_by_role("button", name="Zora Test 39 entfernen").wait_for()
    pages = page.get_by_role("navigation", name="Seiten: Influencer*innen des Programms")
    pages.get_by_role("button", name="Nächste Seite").click()
    people.get_by_role("rowheader", name=re.compile("^Zora Test 40")).wait_for()
    assert people.locator("tbody tr").count() == total - 50
    assert_accessible(page, "cohorts with more than one page of influencers")

    phone = context_factory(phone=True).new_page()
    sign_in(phone, server.url, "core_team")
    phone.goto(f"{server.url}/p/{SLUG}/cohorts")
    team = phone.get_by_role("group", name="Mitglieder von Multiplikatoren")
    team.get_by_role("button", name="Weitere anzeigen").click()
    team.get_by_text(f"48 von {total} angezeigt").wait_for()
    assert_no_sideways_scroll(phone, 390)
