"""Erasure on request, as people do it: an influencer asks on her phone (English), withdraws,
asks again; the core team sees it on Today and confirms on a desktop (German); the audit log
then names her only by a pseudonym, and she can no longer sign in."""

from __future__ import annotations

from tests.browser.conftest import DEMO, DEMO_PASSWORD
from tests.browser.helpers import assert_accessible, confirm, sign_in

SLUG = "wir-sind-musterstadt"


def test_an_influencer_asks_to_be_erased_and_the_core_team_confirms(server, context_factory):
    phone = context_factory(locale="en-GB", phone=True)
    phone.add_init_script("localStorage.setItem('botschaft.locale', 'en')")
    page = phone.new_page()
    sign_in(page, server.url, "influencer", locale="en")
    page.goto(f"{server.url}/profile")
    card = page.locator("section", has=page.get_by_role("heading", name="Delete my account"))
    card.get_by_text("What stays:").wait_for()
    card.get_by_label("Message to the core team").fill("I am leaving the city.")
    card.get_by_role("button", name="Ask for erasure").click()
    confirm(page, "Ask for erasure")
    page.locator(".toast").filter(has_text="Your request is made.").wait_for()
    card.get_by_text("You asked for erasure on").wait_for()
    assert_accessible(page, "profile with an erasure request (en, phone)")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"the profile scrolls sideways ({width}px)"
    card.get_by_role("button", name="Withdraw request").click()
    page.locator(".toast").filter(has_text="Your request is withdrawn.").wait_for()
    card.get_by_role("button", name="Ask for erasure").click()
    confirm(page, "Ask for erasure")
    card.get_by_text("You asked for erasure on").wait_for()

    desk = context_factory(locale="de-DE")
    desk.add_init_script("localStorage.setItem('botschaft.locale', 'de')")
    core = desk.new_page()
    sign_in(core, server.url, "core_team")
    core.goto(f"{server.url}/p/{SLUG}/overview")
    core.get_by_text("Ein Löschantrag wartet auf Ihre Bestätigung.").wait_for()
    core.get_by_role("link", name="Löschanträge ansehen").click()
    core.get_by_role("heading", name="Löschanträge", level=1).wait_for()
    request = core.locator("li", has=core.get_by_text(DEMO["influencer"]))
    request.get_by_text("I am leaving the city.").wait_for()
    name = request.get_by_role("heading").inner_text()
    assert_accessible(core, "erasure requests (de, desktop)")
    request.get_by_role("button", name="Löschen bestätigen").click()
    dialog = core.get_by_role("alertdialog")
    dialog.get_by_text(f"{name} endgültig löschen?").wait_for()
    confirm(core, "Löschen bestätigen")
    core.locator(".toast").filter(has_text=f"{name} ist gelöscht.").wait_for()
    core.get_by_text("Keine offenen Löschanträge.").wait_for()
    core.goto(f"{server.url}/erasure-requests")  # the address in the email opens the page too
    core.get_by_role("heading", name="Löschanträge", level=1).wait_for()
    core.get_by_text("Keine offenen Löschanträge.").wait_for()

    # The log keeps what happened, under a pseudonym in words.
    admin = desk.new_page()
    admin.context.clear_cookies()
    sign_in(admin, server.url, "admin")
    admin.goto(f"{server.url}/admin/audit")
    admin.locator("table td", has_text="Konto gelöscht (Art. 17)").first.wait_for()
    admin.locator("table td", has_text="Gelöschte Person (").first.wait_for()
    assert name not in admin.locator("table").inner_text()

    # She is gone: her sign-in is refused.
    page.context.clear_cookies()
    page.goto(f"{server.url}/login")
    page.get_by_label("Email", exact=True).fill(DEMO["influencer"])
    page.get_by_label("Password", exact=True).fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Sign in", exact=True).click()
    page.get_by_role("alert").wait_for()
    assert "/login" in page.url
