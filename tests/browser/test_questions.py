"""Applicant questions in the browser: an influencer notes a question on the phone (German);
the core team (English, desktop) adds a topic, sorts the question into it and turns the topic
into a briefing, which waits under Briefings as a suggestion with the question in it."""

from __future__ import annotations

from tests.browser.helpers import assert_accessible, assert_no_sideways_scroll, sign_in

SLUG = "wir-sind-musterstadt"
QUESTION = "Sind sichtbare Tattoos im Bürgerbüro erlaubt?"


def test_a_question_noted_on_the_phone_becomes_a_briefing(live_server, context_factory):
    base = live_server.url
    phone = context_factory(locale="de-DE", phone=True)
    phone.add_init_script("localStorage.setItem('botschaft.locale', 'de')")
    page = phone.new_page()
    sign_in(page, base, "influencer")
    page.goto(f"{base}/p/{SLUG}/questions")
    page.get_by_role("heading", name="Fragen von Interessierten", level=1).wait_for()
    page.get_by_label("Die Frage").fill("ab")
    page.get_by_role("button", name="Frage notieren").click()
    page.get_by_text("Das ist zu kurz.").wait_for()  # the server's rule, in German
    page.get_by_label("Die Frage").fill(QUESTION)
    page.get_by_role("button", name="Frage notieren").click()
    page.locator(".toast").filter(has_text="Frage notiert.").wait_for()
    page.locator("li.question", has_text=QUESTION).wait_for()
    assert_accessible(page, "questions on the phone (de)")
    assert_no_sideways_scroll(page, 390)

    desk = context_factory(locale="en-GB")
    desk.add_init_script("localStorage.setItem('botschaft.locale', 'en')")
    core = desk.new_page()
    sign_in(core, base, "core_team", locale="en")
    core.goto(f"{base}/p/{SLUG}/questions")
    core.get_by_label("New topic").fill("Tattoos")
    core.get_by_role("button", name="Add topic").click()
    core.locator(".toast").filter(has_text="Topic “Tattoos” added.").wait_for()
    item = core.locator("li.question", has_text=QUESTION)  # shown: questions without a topic
    item.get_by_role("combobox").select_option(label="Tattoos")
    core.locator(".toast").filter(has_text="Sorted into: Tattoos.").wait_for()
    item.wait_for(state="detached")  # it left the list of questions without a topic
    row = core.locator("tr", has=core.get_by_role("rowheader", name="Tattoos", exact=True))
    row.get_by_role("cell", name="1", exact=True).wait_for()
    assert_accessible(core, "questions for the core team (en)")
    assert_no_sideways_scroll(core, 1366)
    row.get_by_role("button", name="Make a briefing with answers").click()
    core.locator(".toast").filter(has_text="Made – under Briefings").wait_for()
    row.get_by_role("link", name="To the briefings").click()
    core.get_by_text(QUESTION).first.wait_for()
