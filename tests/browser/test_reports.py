"""HR leadership subscribes to the monthly report on its report page, downloads the report
as PDF for the chosen months, and unsubscribes again (phone, German; desktop, English)."""

from __future__ import annotations

import re
from pathlib import Path

from pypdf import PdfReader

from tests.browser.helpers import assert_accessible, sign_in

SLUG = "wir-sind-musterstadt"


def test_hr_subscribes_to_the_monthly_report_and_downloads_it(live_server, context_factory):
    for lang, phone, words in (
        ("de", True, ("Monatsbericht abonnieren", "Der nächste kommt am", "Bericht als PDF",
                      "Monatsbericht: Wir sind Musterstadt", "Monatsbericht abbestellen")),
        ("en", False, ("Subscribe to the monthly report", "The next one comes on",
                       "Report as PDF", "Monthly report: Wir sind Musterstadt",
                       "Unsubscribe from the monthly report")),
    ):  # fmt: skip
        subscribe, next_one, pdf_link, pdf_title, unsubscribe = words
        context = context_factory(locale="de-DE" if lang == "de" else "en-GB", phone=phone)
        context.add_init_script(f"localStorage.setItem('botschaft.locale', '{lang}')")
        page = context.new_page()
        sign_in(page, live_server.url, "hr_viewer", locale=lang)
        page.goto(f"{live_server.url}/p/{SLUG}/report")
        page.get_by_role("button", name=subscribe).click()
        page.locator(".toast").first.wait_for()
        page.get_by_text(re.compile(next_one)).wait_for()
        assert_accessible(page, f"report page, subscribed ({lang})")
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= (390 if phone else 1366), f"the report page scrolls sideways ({width}px)"

        with page.expect_download() as info:
            page.get_by_role("link", name=pdf_link).click()
        pdf = PdfReader(Path(info.value.path()))
        text = " ".join(" ".join(p.extract_text() for p in pdf.pages).split())
        assert pdf_title in text

        page.get_by_role("button", name=unsubscribe).click()
        page.get_by_role("button", name=subscribe).wait_for()
