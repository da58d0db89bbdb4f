"""The core team builds a call and works through its applications in Chromium: questionnaire,
publishing, filters, the pool per dimension, votes, tags, bulk status and the CSV export."""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from botschaft.demo.calls import OPEN_TITLE
from tests.browser.helpers import assert_accessible, confirm, sign_in

pytestmark = pytest.mark.browser
SLUG = "wir-sind-musterstadt"


def test_the_core_team_creates_and_publishes_a_call(live_server, page):
    sign_in(page, live_server.url, "core_team")
    page.goto(f"{live_server.url}/p/{SLUG}/applications")
    calls = page.get_by_role("table", name="Bewerbungsaufrufe, neueste zuerst")
    calls.get_by_role("link", name=OPEN_TITLE).wait_for()
    assert_accessible(page, "calls list")

    now = datetime.now()
    page.get_by_label("Titel", exact=True).fill("Azubi-Botschafter 2027")
    page.get_by_label("Bewerbung ab").fill(now.strftime("%Y-%m-%dT%H:%M"))
    page.get_by_label("Bewerbungsschluss").fill(
        (now + timedelta(days=20)).strftime("%Y-%m-%dT%H:%M")
    )
    page.get_by_role("button", name="Aufruf anlegen").click()
    page.get_by_role("heading", name="Azubi-Botschafter 2027", level=1).wait_for()
    page.get_by_role("heading", name="Aufruf und Texte").wait_for()
    assert (
        "Wir verarbeiten Ihre Angaben"
        in page.get_by_label("Datenschutzhinweise (Deutsch)").input_value()
    )

    page.get_by_role("link", name="Fragebogen").click()
    page.get_by_role("heading", name="Fragen").wait_for()
    assert page.locator("fieldset legend", has_text="Geschlecht").count() == 1
    page.get_by_role("button", name="Frage hinzufügen").click()
    added = page.locator("fieldset.card").last
    added.get_by_label("Schlüssel").fill("shift_work")
    added.get_by_label("Art", exact=True).select_option("yes_no")
    added.get_by_label("Frage (Deutsch)").fill("Arbeiten Sie im Schichtdienst?")
    added.get_by_label("Frage (Englisch)").fill("Do you work shifts?")
    added.get_by_label("Vielfaltsmerkmal für die Auswahl").check()
    page.get_by_role("button", name="Fragebogen speichern").click()
    page.get_by_text("Gespeichert.").wait_for()
    assert_accessible(page, "questionnaire builder")

    page.get_by_role("button", name="Veröffentlichen").click()
    confirm(page, "Veröffentlichen")
    page.get_by_text("Der Status ist geändert: Offen.").wait_for()
    link = page.get_by_label("Link zum Formular").input_value()
    assert re.search(r"/apply/[A-Za-z0-9_-]{20,}$", link)

    page.goto(link)
    page.get_by_role("heading", name="Azubi-Botschafter 2027").wait_for()
    page.get_by_role("group", name=re.compile("^Arbeiten Sie im Schichtdienst")).wait_for()


def test_the_core_team_filters_reviews_tags_and_exports_applications(live_server, page):
    sign_in(page, live_server.url, "core_team")
    page.goto(f"{live_server.url}/p/{SLUG}/applications")
    page.get_by_role("link", name=OPEN_TITLE).click()
    table = page.get_by_role("table", name=re.compile(r"^Bewerbungen \(\d+\)$"))
    table.wait_for()
    page.get_by_role("table", name="Geschlecht: Anzahl der Bewerbungen je Wert").wait_for()
    assert_accessible(page, "applications table")

    # The dimension filters fold away until opened, so the list starts near the top.
    assert not page.get_by_label("Geschlecht", exact=True).is_visible()
    page.get_by_text("Weitere Filter und Sortierung", exact=True).click()
    page.get_by_label("Geschlecht", exact=True).select_option("female")
    page.get_by_role("button", name="Anwenden", exact=True).click()
    page.get_by_text("Weitere Filter und Sortierung (1 gesetzt)").wait_for()
    page.wait_for_function(
        "() => [...document.querySelectorAll('caption')].some(c => /^Bewerbungen \\(\\d+\\)$/.test(c.textContent))"
    )
    gender_column = [h.inner_text() for h in table.locator("thead th").all()].index("Geschlecht")
    cells = table.locator(f"tbody tr td:nth-child({gender_column + 1})").all_inner_texts()
    assert cells and set(cells) == {"weiblich"}

    first = table.locator("tbody tr").first
    name = first.locator("th button").inner_text()
    first.locator("th button").click()
    dialog = page.get_by_role("dialog")
    dialog.get_by_role("heading", name="Antworten").wait_for()
    dialog.get_by_label("Dafür").check()
    dialog.get_by_label("Kommentar").fill("Starke Motivation, Instagram-Erfahrung.")
    dialog.get_by_role("button", name="Stimme und Kommentar speichern").click()
    dialog.get_by_text("Gespeichert.").wait_for()
    dialog.get_by_label("Tags").fill("video, feuerwehr")
    dialog.get_by_role("button", name="Tags speichern").click()
    assert_accessible(page, "review dialog")
    dialog.get_by_role("button", name="Schließen", exact=True).click()
    row = table.locator("tbody tr", has=page.get_by_role("button", name=f"Ansehen: {name}"))
    row.get_by_text("1 dafür, 0 dagegen").wait_for()
    assert "feuerwehr, video" in row.inner_text()

    boxes = table.locator("tbody input[type=checkbox]")
    boxes.nth(0).check()
    boxes.nth(1).check()
    page.get_by_label("Status setzen").select_option("shortlisted")
    page.get_by_role("button", name="Auf Auswahl anwenden").click()
    page.get_by_text("Status von 2 Bewerbungen geändert.").wait_for()

    with page.expect_download() as download:
        page.get_by_role("link", name="Als CSV exportieren").click()
    content = Path(download.value.path()).read_text(encoding="utf-8-sig")
    header, *rows = [line for line in content.splitlines() if line]
    assert header.startswith("Name;E-Mail;Status")
    assert rows and all(";weiblich;" in r for r in rows), "the filter applies to the export"
    assert any(name in r for r in rows)
