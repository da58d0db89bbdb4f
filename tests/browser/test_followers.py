"""Follower counts in the browser: an influencer records today's count on the phone (German)
and on a desktop (English), confirms a count far below the one before, deletes it again; the
core team sees the followers on controlling and on the influencer's page."""

from __future__ import annotations

import os
import re
from pathlib import Path

from tests.browser.helpers import assert_accessible, confirm, sign_in
from tests.support.clock import local_today

SLUG = "wir-sind-musterstadt"
SHOTS = os.environ.get("BOTSCHAFT_SHOTS")


def _shot(target, name: str) -> None:
    """A page or one part of it."""
    if SHOTS:
        target.screenshot(path=str(Path(SHOTS) / f"{name}.png"))


def test_an_influencer_records_followers(live_server, context_factory):
    for lang, phone, words in (
        ("de", True, ("Meine Follower", "Plattform", "Follower oder Kontakte", "Zahl speichern",
                      "LinkedIn: 4.321 Follower gespeichert.", "Ja, die Zahl stimmt",
                      "Letzte Zahl löschen", "Löschen", "Zahl gelöscht.", "Links zu meinen Konten",
                      "Mein Konto auf LinkedIn", "Links speichern", "Das ist keine Adresse auf "
                      "dieser Plattform.", "Links gespeichert.")),
        ("en", False, ("My followers", "Platform", "Followers or connections", "Save count",
                       "LinkedIn: 4,321 followers saved.", "Yes, it is right",
                       "Delete latest count", "Delete", "Count deleted.", "Links to my accounts",
                       "My account on LinkedIn", "Save links", "This is not an address on "
                       "that platform.", "Links saved.")),
    ):  # fmt: skip
        record = "Follower-Zahl eintragen" if lang == "de" else "Record a follower count"
        title, platform, count, save, saved, sure, delete_latest, delete, deleted = words[:9]
        links_summary, account_on, save_links, not_there, links_saved = words[9:]
        context = context_factory(locale="de-DE" if lang == "de" else "en-GB", phone=phone)
        context.add_init_script(f"localStorage.setItem('botschaft.locale', '{lang}')")
        page = context.new_page()
        sign_in(page, live_server.url, "influencer", locale=lang)
        page.goto(f"{live_server.url}/p/{SLUG}/my-posts")
        card = page.locator("section", has=page.get_by_role("heading", name=title))
        # The record form, not the file import below it (it has a platform field too and
        # appears once the counts have loaded).
        form = card.get_by_role("form", name=record)
        form.get_by_label(platform, exact=True).select_option("linkedin")
        card.get_by_label(re.compile(f"^{count}")).fill("4321")
        card.get_by_role("button", name=save).click()
        page.get_by_text(saved).first.wait_for()
        card.get_by_text(re.compile(r"4[.,]321")).first.wait_for()
        assert_accessible(page, f"my followers ({lang})")
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= (390 if phone else 1366), f"the posts page scrolls sideways ({width}px)"
        _shot(card, f"followers-{lang}")

        # Far below the count before: the app asks, and keeps it when confirmed.
        card.get_by_label(re.compile(f"^{count}")).fill("12")
        card.get_by_role("button", name=save).click()
        confirm(page, sure)
        card.get_by_text(re.compile(r"LinkedIn\s*: 12\b")).wait_for()
        # Undo: delete the latest count (today's 12 replaced today's 4,321), with a
        # confirmation; the count of the month's start is the latest again.
        card.locator("li", has_text="LinkedIn").get_by_role("button", name=delete_latest).click()
        confirm(page, delete)
        page.get_by_text(deleted).first.wait_for()
        card.get_by_text(re.compile(r"LinkedIn\s*: 12\b")).wait_for(state="detached")
        assert card.locator("li", has_text="LinkedIn").count() == 1
        # A link to one's own account: checked against the platform, then saved.
        card.locator("summary", has_text=links_summary).click()
        field = card.get_by_label(re.compile(f"^{account_on}"))
        field.fill("https://www.instagram.com/mia")
        card.get_by_role("button", name=save_links).click()
        card.get_by_text(not_there).wait_for()
        field.fill(f"https://www.linkedin.com/in/demo-{lang}")
        card.get_by_role("button", name=save_links).click()
        page.get_by_text(links_saved).first.wait_for()
        assert_accessible(page, f"links to my accounts ({lang})")
        context.close()


def test_the_core_team_sees_followers_on_controlling_and_the_person_page(
    live_server, context_factory
):
    context = context_factory(locale="de-DE")
    page = context.new_page()
    sign_in(page, live_server.url, "core_team")
    page.goto(f"{live_server.url}/p/{SLUG}/controlling")
    tile = page.locator(".kpi-tiles li", has=page.get_by_text("Follower", exact=True))
    tile.wait_for()
    followers = int(re.sub(r"\D", "", tile.locator(".kpi-value").inner_text()))
    assert followers > 1000, "the demo's influencers have followers"
    gained = page.locator(".kpi-tiles li", has=page.get_by_text("Neue Follower", exact=True))
    assert int(re.sub(r"\D", "", gained.locator(".kpi-value").inner_text())) > 0
    page.locator("table", has=page.locator("#infl-c")).locator("tbody a").first.click()
    page.get_by_role("heading", name="Profil").wait_for()
    section = page.locator("section", has=page.get_by_role("heading", name="Follower"))
    section.get_by_text(re.compile(r"seit \d")).first.wait_for()
    # The core team records a count for the person (say, from a monthly check-in).
    section.get_by_label(re.compile("^Follower oder Kontakte")).fill("2500")
    section.get_by_role("button", name="Zahl speichern").click()
    page.get_by_text(re.compile(r"2\.500 Follower gespeichert")).first.wait_for()
    section.get_by_text(re.compile(r": 2\.500")).first.wait_for()
    assert_accessible(page, "influencer page with followers")
    _shot(section, "influencer-page-followers")
    context.close()


def test_an_influencer_imports_a_follower_history_on_the_phone(
    live_server, context_factory, tmp_path
):
    """The file is checked first (nothing stored), then imported; a bad row is named in German
    with its row and column, and nothing of that file is stored."""
    from datetime import timedelta

    days = [local_today() - timedelta(days=n) for n in (30, 20, 10)]
    good = tmp_path / "tiktok-followers.csv"
    good.write_text(
        "Date,Followers\n" + "".join(f"{d.isoformat()},{9000 + n}\n" for n, d in enumerate(days))
    )
    bad = tmp_path / "broken.csv"
    bad.write_text(f"Date,Followers\nirgendwann,9100\n{days[0].isoformat()},9101\n")
    context = context_factory(locale="de-DE", phone=True)
    context.add_init_script("localStorage.setItem('botschaft.locale', 'de')")
    page = context.new_page()
    sign_in(page, live_server.url, "influencer", locale="de")
    page.goto(f"{live_server.url}/p/{SLUG}/my-posts")
    card = page.locator("details", has=page.get_by_text("Follower-Zahlen aus einer Datei"))
    card.get_by_text("Follower-Zahlen aus einer Datei").click()
    card.get_by_label("Plattform").select_option("tiktok")

    card.get_by_label("Datei mit Follower-Zahlen").set_input_files(str(bad))
    card.get_by_role("button", name="Datei prüfen").click()
    card.get_by_text("Zeile 2, Datum: Kein Datum.").wait_for()

    # A file of daily gains (Meta's "Follows" export, UTF-16) is refused once, with the reason.
    gains = tmp_path / "Follows.csv"
    gains.write_bytes('sep=,\n"Follows"\n"Date","Primary"\n"2026-11-01","4"\n'.encode("utf-16"))
    card.get_by_label("Datei mit Follower-Zahlen").set_input_files(str(gains))
    card.get_by_role("button", name="Datei prüfen").click()
    reason = card.get_by_text(re.compile("zählt nur neue Follower pro Tag"))
    reason.wait_for()
    assert reason.count() == 1

    card.get_by_label("Datei mit Follower-Zahlen").set_input_files(str(good))
    card.get_by_role("button", name="Datei prüfen").click()
    card.get_by_text(re.compile(r"3 Zahlen, .*: 3 neu")).wait_for()
    assert_accessible(page, "follower import checked (de, phone)")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"the posts page scrolls sideways ({width}px)"
    _shot(card, "follower-import-de")
    card.get_by_role("button", name="Zahlen übernehmen").click()
    page.get_by_text("3 Zahlen übernommen, 0 geändert.").first.wait_for()
    followers = page.locator("section", has=page.get_by_role("heading", name="Meine Follower"))
    followers.get_by_text(re.compile(r"TikTok\s*: 9[.,]002")).first.wait_for()
