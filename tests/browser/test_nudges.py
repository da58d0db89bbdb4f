"""An influencer turns on a weekly reminder on their profile page (phone), sees when the next
one comes, and turns it off again; German and English."""

from __future__ import annotations

import re

from tests.browser.helpers import assert_accessible, sign_in


def test_an_influencer_chooses_a_reminder_on_a_phone(live_server, context_factory):
    for lang, weekly, off, next_one, heading in (
        ("de", "Wöchentlich, montags", "Aus", "Die nächste kommt am", "Erinnerung per E-Mail"),
        ("en", "Weekly, on Mondays", "Off", "The next one comes on", "Reminder by email"),
    ):
        context = context_factory(locale="de-DE" if lang == "de" else "en-GB", phone=True)
        context.add_init_script(f"localStorage.setItem('botschaft.locale', '{lang}')")
        page = context.new_page()
        sign_in(page, live_server.url, "influencer", locale=lang)
        page.goto(f"{live_server.url}/profile")
        section = page.get_by_role("region", name=heading)
        assert section.get_by_label(off, exact=True).is_checked()  # off unless chosen
        section.get_by_label(weekly).check()
        section.get_by_text(re.compile(next_one)).wait_for()
        page.locator(".toast").first.wait_for()
        assert_accessible(page, f"profile with a reminder ({lang})")
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 390, f"the profile scrolls sideways ({width}px)"
        page.reload()
        section = page.get_by_role("region", name=heading)
        section.get_by_label(weekly).wait_for()
        assert section.get_by_label(weekly).is_checked()  # stored
        section.get_by_label(off, exact=True).check()
        section.get_by_text(re.compile(next_one)).wait_for(state="detached")
