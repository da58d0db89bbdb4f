"""An influencer reads "What HR sees about me" on a phone in German and English; the core
team downloads the staff-council annex from the program settings."""

from __future__ import annotations

import io
from pathlib import Path

from pypdf import PdfReader

from tests.browser.helpers import assert_accessible, sign_in

SLUG = "wir-sind-musterstadt"


def test_an_influencer_reads_what_hr_sees_on_a_phone_in_both_languages(
    live_server, context_factory
):
    for locale, lang, title, minimum in (
        ("de-DE", "de", "Was HR über mich sieht", "Gruppen mit weniger als 5 Personen"),
        ("en-GB", "en", "What HR sees about me", "Groups of fewer than 5 people"),
    ):
        context = context_factory(locale=locale, phone=True)
        # This device's explicit choice (as the language menu stores it) wins over the
        # account's language, without changing the shared demo account.
        context.add_init_script(f"localStorage.setItem('botschaft.locale', '{lang}')")
        page = context.new_page()
        sign_in(page, live_server.url, "influencer", locale=lang)
        page.goto(f"{live_server.url}/p/{SLUG}/what-hr-sees")
        page.get_by_role("heading", name=title, level=1).wait_for()
        page.get_by_text(minimum).wait_for()
        groups = page.get_by_test_id("tr-groups")
        groups.wait_for()
        assert groups.locator("li[data-status]").count() >= 3, "platform, format, group, cohort"
        months = page.get_by_role(
            "table",
            name="Monate mit Ihren Beiträgen oder Ergebnissen"
            if lang == "de"
            else "Months with your posts or outcomes",
        )
        assert months.locator("tbody tr").count() >= 1
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 390, f"page scrolls sideways on a phone ({width}px, {lang})"
        assert_accessible(page, f"what HR sees ({lang}, phone)")


def test_the_page_is_in_the_influencer_navigation(live_server, page):
    sign_in(page, live_server.url, "influencer")
    page.goto(f"{live_server.url}/p/{SLUG}/home")
    page.get_by_role("navigation").get_by_role("link", name="Was HR über mich sieht").click()
    page.wait_for_url(f"**/p/{SLUG}/what-hr-sees")
    page.get_by_role("heading", name="Wer was über Sie sieht").wait_for()
    assert_accessible(page, "what HR sees (desktop)")


def test_the_core_team_downloads_the_annex(live_server, page):
    sign_in(page, live_server.url, "core_team")
    page.goto(f"{live_server.url}/p/{SLUG}/settings")
    section = page.get_by_role("region", name="Anlage für den Personalrat")
    section.wait_for()
    with page.expect_download() as info:
        section.get_by_role("link", name="PDF, Deutsch").click()
    pdf = PdfReader(io.BytesIO(Path(info.value.path()).read_bytes()))
    text = " ".join(" ".join(p.extract_text() for p in pdf.pages).split())
    assert "Mindestgruppengröße: 5 Personen" in text
    with page.expect_download() as info:
        section.get_by_role("link", name="Markdown, Englisch").click()
    assert info.value.suggested_filename.endswith("-en.md")
    markdown = Path(info.value.path()).read_text(encoding="utf-8")
    assert "Minimum group size: 5 people" in markdown
    assert_accessible(page, "program settings with the annex")
