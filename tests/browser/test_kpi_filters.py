"""KPIs narrowed by platform, cohort and team: HR leadership filters by cohort and downloads
the filtered figures (phone, German; desktop, English); the core team filters controlling by
platform and its influencer table follows."""

from __future__ import annotations

import os
import re
from pathlib import Path

from tests.browser.helpers import assert_accessible, sign_in

SLUG = "wir-sind-musterstadt"
SHOTS = os.environ.get("BOTSCHAFT_SHOTS")  # a folder: also keep screenshots to look at


def _shot(page, name: str) -> None:
    if SHOTS:
        page.screenshot(path=str(Path(SHOTS) / f"{name}.png"), full_page=True)


def test_hr_filters_the_kpis_by_cohort_and_downloads_them(live_server, context_factory):
    for lang, phone, words in (
        ("de", True, ("Kohorte", "Anzeigen", "Gefiltert: Kohorte Pilot", "gibt es für die "
                      "Personalleitung nur ohne Filter", "CSV", "Filter aufheben", "Team", "außerhalb des Filters"
                      "|weniger als")),
        ("en", False, ("Cohort", "Show", "Filtered: Cohort Pilot", "shown to HR leadership "
                       "only without a filter", "CSV", "Clear filter", "Team", "outside the filter"
                       "|fewer than")),
    ):  # fmt: skip
        cohort, show, filtered, no_breakdown, csv_link, clear, team, hidden = words
        context = context_factory(locale="de-DE" if lang == "de" else "en-GB", phone=phone)
        context.add_init_script(f"localStorage.setItem('botschaft.locale', '{lang}')")
        page = context.new_page()
        sign_in(page, live_server.url, "hr_viewer", locale=lang)
        page.goto(f"{live_server.url}/p/{SLUG}/kpis")
        page.get_by_label(cohort, exact=True).select_option(label="Pilot")
        page.get_by_role("button", name=show, exact=True).click()
        page.get_by_text(filtered).wait_for()
        page.get_by_text(re.compile(no_breakdown)).wait_for()
        assert_accessible(page, f"KPIs filtered by cohort ({lang})")
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= (390 if phone else 1366), f"the KPI page scrolls sideways ({width}px)"
        _shot(page, f"kpis-hr-cohort-{lang}")

        with page.expect_download() as info:
            page.get_by_role("link", name=re.compile(csv_link)).click()
        text = Path(info.value.path()).read_text(encoding="utf-8-sig")
        assert "Pilot" in text.splitlines()[2], text.splitlines()[:4]

        # The demo's team has three people: too few for HR, so its months are hidden.
        page.get_by_label(team, exact=True).select_option(index=1)
        page.get_by_role("button", name=show, exact=True).click()
        page.get_by_text(re.compile(hidden)).first.wait_for()
        _shot(page, f"kpis-hr-team-{lang}")

        page.get_by_role("button", name=clear).click()
        page.get_by_text(filtered).wait_for(state="detached")
        context.close()


def test_the_core_team_filters_controlling_by_platform(live_server, context_factory):
    context = context_factory(locale="de-DE")
    page = context.new_page()
    sign_in(page, live_server.url, "core_team")
    page.goto(f"{live_server.url}/p/{SLUG}/controlling")
    tile = page.locator(".kpi-tiles li").first.locator(".kpi-value")
    tile.wait_for()
    everything = int(re.sub(r"\D", "", tile.inner_text()))
    page.get_by_label("Plattform", exact=True).select_option(label="Instagram")
    page.get_by_role("button", name="Anzeigen", exact=True).click()
    page.get_by_text("Gefiltert: Instagram").wait_for()
    page.wait_for_function(
        "n => Number(document.querySelector('.kpi-tiles .kpi-value').innerText.replace(/\\D/g, '')) < n",
        arg=everything,
    )
    # Per platform: one row, Instagram.
    platforms = page.locator("section[aria-labelledby=by-platform-h] tbody tr")
    assert platforms.count() == 1 and "Instagram" in platforms.first.inner_text()
    assert page.locator("#infl-c").is_visible() or page.locator("#infl-h").is_visible()
    assert_accessible(page, "controlling filtered by platform")
    _shot(page, "controlling-instagram-de")
    context.close()
