"""An administrator reads the audit log in words, filters it by event and person, and downloads
what the filter shows; on a phone and on a desktop, in German and English."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from tests.browser.helpers import assert_accessible, sign_in


def test_an_administrator_filters_the_log_and_downloads_it(live_server, context_factory):
    for lang, phone, event, person, name, sign_in_word in (
        ("de", False, "Ereignis", "Person (Name oder E-Mail)", "Filtern", "Anmeldung"),
        ("en", True, "Event", "Person (name or email)", "Filter", "Sign-in"),
    ):
        context = context_factory(locale="de-DE" if lang == "de" else "en-GB", phone=phone)
        context.add_init_script(f"localStorage.setItem('botschaft.locale', '{lang}')")
        page = context.new_page()
        sign_in(page, live_server.url, "admin", locale=lang)
        page.goto(f"{live_server.url}/admin/audit")
        page.get_by_label(event).select_option(label=sign_in_word)
        page.get_by_label(person).fill("armin.keller@")
        page.get_by_role("button", name=name, exact=True).click()
        rows = page.get_by_role("table").locator("tbody tr")
        # The filtered list replaces the unfiltered one (whose newest row may also be a
        # sign-in): wait until every row is one.
        page.wait_for_function(
            """(word) => {
                const rows = [...document.querySelectorAll('table tbody tr')];
                return rows.length > 0 && rows.every((r) => r.innerText.includes(word));
            }""",
            arg=sign_in_word,
        )
        # Every row is a sign-in by the administrator, shown by name, not as a code.
        texts = rows.all_inner_texts()
        assert texts and all("Armin Keller" in row and sign_in_word in row for row in texts)
        assert "auth.login" not in page.inner_text("main")
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= (390 if phone else 1366), f"page scrolls sideways ({width}px, {lang})"
        assert_accessible(page, f"audit log ({lang}, {'phone' if phone else 'desktop'})")

        link = page.get_by_role(
            "link", name="Als CSV herunterladen" if lang == "de" else "Download as CSV"
        )
        with page.expect_download() as info:
            link.click()
        content = Path(info.value.path()).read_text(encoding="utf-8-sig")
        table = list(csv.reader(io.StringIO(content), delimiter=";"))
        assert table[0][2] == ("Aktion" if lang == "de" else "Action")
        assert len(table) == len(texts) + 1  # the file holds the filtered log (under one page)
        assert all(row[2] == sign_in_word and row[-2] == "auth.login" for row in table[1:])
