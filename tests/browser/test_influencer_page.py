"""The core team opens an influencer's page from controlling, reads their figures and posts,
and writes, changes and deletes a private support note (desktop German, phone English)."""

from __future__ import annotations

import re

from tests.browser.helpers import assert_accessible, confirm, sign_in

SLUG = "wir-sind-musterstadt"


def test_the_core_team_opens_an_influencer_page_from_controlling(live_server, context_factory):
    for lang, phone, w in (
        ("de", False, {"nav": "Controlling", "posts": "Letzte Beiträge", "new": "Neue Notiz",
                       "add": "Notiz speichern", "added": "Die Notiz ist gespeichert.",
                       "edit": re.compile("^Notiz vom .* ändern$"), "change": "Notiz ändern",
                       "save": "Änderung speichern", "delete": re.compile("^Notiz vom .* löschen$"),
                       "confirm": "Löschen", "deleted": "Die Notiz ist gelöscht.",
                       "months": "Beiträge und Interaktionen pro Monat, seit die Person dabei ist",
                       "trend": "Interaktionen pro Beitrag", "per_post": "pro Beitrag"}),
        ("en", True, {"nav": "Controlling", "posts": "Latest posts", "new": "New note",
                      "add": "Save note", "added": "The note is saved.",
                      "edit": re.compile("^Change note of "), "change": "Change note",
                      "save": "Save change", "delete": re.compile("^Delete note of "),
                      "confirm": "Delete", "deleted": "The note is deleted.",
                      "months": "Posts and engagements per month since the person joined",
                      "trend": "Engagements per post", "per_post": "per post"}),
    ):  # fmt: skip
        context = context_factory(locale="de-DE" if lang == "de" else "en-GB", phone=phone)
        context.add_init_script(f"localStorage.setItem('botschaft.locale', '{lang}')")
        page = context.new_page()
        sign_in(page, live_server.url, "core_team", locale=lang)
        page.goto(f"{live_server.url}/p/{SLUG}/controlling")
        table = page.get_by_role(
            "table", name="Influencer im Überblick" if lang == "de" else "Influencers at a glance"
        )
        link = table.locator("tbody th a").first
        name = link.inner_text()
        link.click()
        page.get_by_role("heading", name=name, level=1).wait_for()
        page.get_by_role("heading", name=w["posts"]).wait_for()
        months = page.get_by_role("table", name=w["months"])
        months.wait_for()
        # The trend: engagements per post by month, as a chart and as a column of the table.
        page.get_by_role("heading", name=w["trend"], level=3).wait_for()
        assert months.get_by_role("columnheader", name=w["per_post"]).count() == 1
        cells = months.locator("tbody td:last-child").all_inner_texts()
        assert cells and any(re.fullmatch(r"[\d.,]+", c.strip()) for c in cells), cells

        page.get_by_label(w["new"]).fill("Möchte Hilfe beim ersten Reel.\nNächste Woche fragen.")
        page.get_by_role("button", name=w["add"]).click()
        page.locator(".toast").filter(has_text=w["added"]).wait_for()
        page.get_by_text("Nächste Woche fragen.").wait_for()
        assert_accessible(page, f"influencer page with a note ({lang})")
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= (390 if phone else 1366), f"the page scrolls sideways ({width}px)"

        page.get_by_role("button", name=w["edit"]).first.click()
        page.get_by_role("textbox", name=w["change"]).fill("Reel ist geplant.")
        page.get_by_role("button", name=w["save"]).click()
        page.get_by_text("Reel ist geplant.").wait_for()
        page.get_by_role("button", name=w["delete"]).first.click()
        confirm(page, w["confirm"])
        page.locator(".toast").filter(has_text=w["deleted"]).wait_for()
        page.get_by_text("Reel ist geplant.").wait_for(state="detached")
