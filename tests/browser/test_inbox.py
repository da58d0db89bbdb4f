"""The request inbox in the browser: an influencer records a speaker request on the phone,
linked to one of their posts (German); the core team finds it from Today, marks it answered and
records the talk it led to (English, desktop), then takes it back; the post shows the outcomes."""

from __future__ import annotations

import os
from pathlib import Path

from tests.browser.helpers import assert_accessible, assert_no_sideways_scroll, confirm, sign_in

SLUG = "wir-sind-musterstadt"
SHOTS = os.environ.get("BOTSCHAFT_SHOTS")
NOTE = "Berufsinfotag am Gymnasium, 40 Minuten"


def _post(page, base: str, post_id: str) -> dict:
    me = page.request.get(f"{base}/api/v1/me").json()
    program = next(p for p in me["programs"] if p["slug"] == SLUG)["id"]
    posts = page.request.get(
        f"{base}/api/v1/programs/{program}/posts", params={"mine": "true", "per_page": "50"}
    ).json()["items"]
    return next(p for p in posts if p["id"] == post_id)


def _post_outcomes(page, base: str, post_id: str) -> int:
    return _post(page, base, post_id)["outcomes"]


def test_a_request_from_the_phone_becomes_an_outcome(live_server, context_factory):
    base = live_server.url
    phone = context_factory(locale="de-DE", phone=True)
    phone.add_init_script("localStorage.setItem('botschaft.locale', 'de')")
    page = phone.new_page()
    sign_in(page, base, "influencer")
    # From the home page, one tap to the form.
    page.goto(f"{base}/p/{SLUG}/home")
    page.get_by_role("link", name="Anfrage festhalten").click()
    page.get_by_role("heading", name="Anfragen", level=1).wait_for()

    # Saving without a kind says what is missing, and writes nothing.
    page.get_by_role("button", name="Anfrage speichern").click()
    page.get_by_text("Bitte füllen Sie dieses Feld aus.").first.wait_for()

    page.get_by_role("radio", name="Vortrag").check()
    page.get_by_label("Wie kam die Anfrage?").select_option("comment")
    posts = page.get_by_label("Beitrag, der dazu geführt hat")
    post_id = posts.locator("option").nth(1).get_attribute("value")
    assert post_id
    posts.select_option(post_id)
    before = _post_outcomes(page, base, post_id)
    page.get_by_label("Wer hat gefragt?").fill("Gymnasium am Park")
    page.get_by_label("Notiz").fill(NOTE)
    page.get_by_role("button", name="Anfrage speichern").click()
    page.locator(".toast").filter(has_text="Anfrage festgehalten: Vortrag.").wait_for()
    card = page.locator("li.request", has_text=NOTE)
    card.get_by_text("Neu", exact=True).wait_for()
    card.get_by_text("von Gymnasium am Park").wait_for()
    assert _post_outcomes(page, base, post_id) == before + 1  # counted from the day it came
    assert_accessible(page, "requests on the phone (de)")
    assert_no_sideways_scroll(page, 390)
    if SHOTS:
        page.screenshot(path=str(Path(SHOTS) / "requests-phone-de.png"), full_page=True)

    desk = context_factory(locale="en-GB")
    desk.add_init_script("localStorage.setItem('botschaft.locale', 'en')")
    core = desk.new_page()
    sign_in(core, base, "core_team", locale="en")
    core.goto(f"{base}/p/{SLUG}/overview")
    core.get_by_role("link", name="To the requests").click()
    core.get_by_role("heading", name="Requests", level=1).wait_for()
    # The core team records one for someone, found by name (programs have thousands).
    core.get_by_text("Record a request").click()
    picker = core.get_by_role("group", name="Who received the request?")
    picker.get_by_label("Search by name or email").fill("Wagner")
    picker.get_by_role("radio", name="Sophie Wagner").check()
    core.get_by_role("radio", name="Press").check()
    core.get_by_label("Who asked?").fill("Stadtanzeiger, Lokalredaktion")
    core.get_by_role("button", name="Save request").click()
    core.locator(".toast").filter(has_text="Request recorded: Press.").wait_for()
    core.locator("li.request", has_text="Stadtanzeiger, Lokalredaktion").get_by_text(
        "to Sophie Wagner"
    ).wait_for()
    card = core.locator("li.request", has_text=NOTE)
    card.get_by_role("button", name="Mark as answered").click()
    core.locator(".toast").filter(has_text="Marked as answered.").wait_for()
    card.wait_for(state="detached")  # it left the "New" list
    core.get_by_role("link", name="Answered").click()
    card = core.locator("li.request", has_text=NOTE)
    card.get_by_role("button", name="Record the outcome").click()
    card.get_by_label("What did it lead to?").select_option("talk")
    card.get_by_role("button", name="Save outcome").click()
    core.locator(".toast").filter(has_text="Outcome saved: Talk or appearance.").wait_for()
    core.get_by_role("link", name="Done").click()
    card = core.locator("li.request", has_text=NOTE)
    card.get_by_text("Outcome: Talk or appearance").wait_for()
    assert_accessible(core, "requests for the core team (en)")
    assert_no_sideways_scroll(core, 1366)
    if SHOTS:
        core.screenshot(path=str(Path(SHOTS) / "requests-desktop-en.png"), full_page=True)

    # The post shows both: the request and the talk it led to.
    assert _post_outcomes(page, base, post_id) == before + 2
    page.goto(f"{base}/p/{SLUG}/my-posts")
    link = page.locator(f'a[href="{_post(page, base, post_id)["url"]}"]')
    row = page.locator("tr", has=link)
    assert row.locator('td[data-label="Ergebnisse"]').inner_text().strip() == str(before + 2)

    # Controlling lists the post under what the posts brought.
    core.goto(f"{base}/p/{SLUG}/controlling")
    brought = core.locator(
        "section", has=core.get_by_role("heading", name="What the posts brought")
    )
    url = _post(page, base, post_id)["url"]
    row = brought.locator("tr", has=core.locator(f'a[href="{url}"]'))
    row.get_by_text("1 × Talk or appearance").wait_for()
    core.go_back()

    # Taking the outcome back asks first; the request is answered again.
    card = core.locator("li.request", has_text=NOTE)
    card.get_by_role("button", name="Take the outcome back").click()
    confirm(core, "Take the outcome back")
    core.locator(".toast").filter(has_text="Outcome taken back.").wait_for()
    assert _post_outcomes(page, base, post_id) == before + 1
