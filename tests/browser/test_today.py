"""The core team lands on Today, sends the reminder for an overdue module from there, and goes
from the meeting without attendance straight to taking it (desktop German, phone English)."""

from __future__ import annotations

import re

from tests.browser.helpers import assert_accessible, sign_in

SLUG = "wir-sind-musterstadt"


def test_the_core_team_works_from_today(server, context_factory):
    for lang, phone, w in (
        ("de", False, {
            "needs": "Was heute ansteht", "remind": "Freundlich erinnern: Content Creation",
            "reminded": re.compile(r"an „Content Creation“ erinnert"),
            "take": re.compile(r"^Anwesenheit eintragen: Digitaler Check-in"),
            "attendance": "Eingeladene Personen", "save": "Anwesenheit speichern",
            "quiet": "Rangliste", "rsvp": re.compile(r"Netzwerktreffen im Klärwerk: \d+ Antworten? fehl"),
        }),
        ("en", True, {
            "needs": "What needs you today", "remind": "Send a friendly reminder: Content Creation",
            "reminded": re.compile(r"of “Content Creation”"),
            "take": re.compile(r"^Take attendance: Digitaler Check-in"),
            "attendance": "Invited people", "save": "Save attendance",
            "quiet": "ranking", "rsvp": re.compile(r"Netzwerktreffen im Klärwerk: \d+ answers? missing"),
        }),
    ):  # fmt: skip
        context = context_factory(locale="de-DE" if lang == "de" else "en-GB", phone=phone)
        context.add_init_script(f"localStorage.setItem('botschaft.locale', '{lang}')")
        page = context.new_page()
        sign_in(page, server.url, "core_team", locale=lang)
        page.wait_for_url(re.compile(rf"/p/{SLUG}/overview$"))  # Today is the landing page
        page.get_by_role("heading", name=w["needs"]).wait_for()
        page.get_by_role("heading", name=w["rsvp"]).wait_for()
        assert_accessible(page, f"today ({lang})")
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= (390 if phone else 1366), f"Today scrolls sideways ({width}px)"

        page.get_by_role("button", name=w["remind"]).click()
        page.locator(".toast").filter(has_text=w["reminded"]).wait_for()
        if lang == "en":
            # The German round took the attendance already: nothing left to take.
            assert page.get_by_role("link", name=w["take"]).count() == 0
            continue

        page.get_by_role("link", name=w["take"]).click()
        page.wait_for_url(re.compile(r"/meetings\?attendance="))
        table = page.get_by_role("table", name=w["attendance"])
        table.wait_for()
        boxes = table.get_by_role("checkbox")
        for index in range(boxes.count()):
            boxes.nth(index).check()
        page.get_by_role("button", name=w["save"]).click()
        page.locator(".toast").first.wait_for()
        # Back on Today, the meeting no longer asks for attendance.
        page.goto(f"{server.url}/p/{SLUG}/overview")
        page.get_by_role("heading", name=w["needs"]).wait_for()
        page.get_by_role("heading", name=w["rsvp"]).wait_for()
        assert page.get_by_role("link", name=w["take"]).count() == 0
