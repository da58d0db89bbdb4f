"""Posts and KPIs in the browser: an influencer logs a post by pasting its URL and sees it in
their figures; HR leadership sees the dashboard with the demo's reference totals."""

from __future__ import annotations

import io
import re
import time
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from openpyxl import load_workbook

from botschaft.demo import data as demo_data
from tests.browser.helpers import assert_accessible, confirm, sign_in

SLUG = "wir-sind-musterstadt"


def test_an_influencer_logs_a_post_by_pasting_its_url(live_server, page):
    sign_in(page, live_server.url, "influencer")
    page.goto(f"{live_server.url}/p/{SLUG}/my-posts")
    page.get_by_role("heading", name="Meine Beiträge", level=1).wait_for()
    figures = page.get_by_role("region", name="Meine Zahlen")
    figures.wait_for()
    before = int(re.sub(r"\D", "", figures.locator(".kpi-value").first.inner_text()))

    url = f"https://www.linkedin.com/posts/sophie-wagner_test-activity-{int(time.time() * 1000)}?utm_source=share"
    page.get_by_label("Link zum Beitrag", exact=True).fill(url)
    page.get_by_role("button", name="Beitrag erfassen", exact=True).click()
    page.get_by_text("Der Beitrag wurde erfasst.").wait_for()
    table = page.get_by_role("table", name="Beiträge, neueste zuerst")
    mine = table.locator("tbody tr", has=page.locator(f'a[href="{url}"]'))
    assert "LinkedIn" in mine.inner_text()
    page.reload()
    page.get_by_role("region", name="Meine Zahlen").wait_for()
    after = int(
        re.sub(
            r"\D",
            "",
            page.get_by_role("region", name="Meine Zahlen")
            .locator(".kpi-value")
            .first.inner_text(),
        )
    )
    assert after == before + 1
    assert_accessible(page, "my posts after logging")

    # The same post again, by another form of its link: the form says so at the field and
    # names the link it was logged with.
    activity = re.search(r"activity-(\d+)", url).group(1)
    again = f"https://www.linkedin.com/feed/update/urn:li:activity:{activity}/"
    page.get_by_label("Link zum Beitrag", exact=True).fill(again)
    page.get_by_role("button", name="Beitrag erfassen", exact=True).click()
    page.get_by_text(f"Dieser Beitrag ist schon erfasst, mit dem Link {url}").wait_for()

    # Figures for the new post.
    mine.get_by_role("button", name="Zahlen eintragen").click()
    dialog = page.get_by_role("dialog")
    dialog.get_by_label("Likes", exact=True).fill("42")
    dialog.get_by_label("Kommentare", exact=True).fill("7")
    dialog.get_by_role("button", name="Zahlen speichern").click()
    page.get_by_text("Die Zahlen wurden gespeichert.").wait_for()
    mine.get_by_text("42", exact=True).wait_for()

    # Figures from a file, read after the ones just typed in: check, then import.
    page.get_by_text("Zahlen aus einer Datei übernehmen (CSV oder Excel)").click()
    read_at = datetime.now(UTC).isoformat()
    csv = f"url;read_at;likes;comments;impressions\n{url};{read_at};77;9;3000\n".encode()
    page.get_by_label("Datei", exact=True).set_input_files(
        files=[{"name": "zahlen.csv", "mimeType": "text/csv", "buffer": csv}]
    )
    page.get_by_role("button", name="Datei prüfen").click()
    page.get_by_text("1 Zeile, davon 1 erfasste Beiträge und 0 unbekannte Links.").wait_for()
    assert_accessible(page, "import preview")
    page.get_by_role("button", name="Zahlen übernehmen").click()
    page.get_by_text("1 Zeile übernommen, 0 Beiträge neu angelegt.").wait_for()
    mine.get_by_text("77", exact=True).wait_for()

    # Deleting asks first: "Abbrechen" keeps the post, "Löschen" removes it and says so.
    delete = mine.get_by_role("button", name=re.compile("^Löschen: "))
    delete.click()
    ask = page.get_by_role("alertdialog", name="Beitrag löschen?")
    ask.wait_for()
    assert ask.get_by_role("button", name="Abbrechen").evaluate("b => b === document.activeElement")
    assert_accessible(page, "confirm deleting a post")
    confirm(page, "Abbrechen")
    assert mine.count() == 1
    assert delete.evaluate("b => b === document.activeElement")
    delete.click()
    confirm(page, "Löschen")
    page.locator(".toast").get_by_text("Der Beitrag wurde gelöscht.").wait_for()
    assert mine.count() == 0
    page.get_by_role("button", name="Meldung schließen").click()
    assert page.locator(".toast").count() == 0


def test_hr_leadership_sees_the_reference_totals(live_server, page):
    sign_in(page, live_server.url, "hr_viewer")
    page.goto(f"{live_server.url}/p/{SLUG}/kpis")
    # HR leadership chooses whole months (kpis/privacy.py); the demo's posts fill the
    # program's whole months before this one.
    start, end = demo_data.months_so_far(datetime.now(ZoneInfo("Europe/Berlin")).date())
    assert page.get_by_label("Von", exact=True).get_attribute("type") == "month"
    page.get_by_label("Von", exact=True).fill(f"{start:%Y-%m}")
    page.get_by_label("Bis", exact=True).fill(f"{end:%Y-%m}")
    page.get_by_role("button", name="Anzeigen", exact=True).click()
    page.get_by_text(f"{start:%d.%m.%Y} – {end:%d.%m.%Y}").wait_for()
    tiles = page.locator(".kpi-tiles").first.inner_text()
    assert "326" in tiles and "15.496" in tiles and "3.692" in tiles
    table = page.get_by_role("table", name="Beiträge und Interaktionen pro Monat")
    assert table.locator("tbody tr").count() == demo_data.MONTHS_RUNNING
    assert page.get_by_role("table", name="Influencer im Überblick").count() == 0
    cohorts = page.get_by_role("table", name="Nach Kohorte")
    assert "Pilot" in cohorts.inner_text(), "a second wave can be compared with the pilot"
    # The demo's teams have fewer than 5 people each: HR sees them merged, never one by one.
    teams = page.get_by_role("table", name=re.compile("^Nach Team")).locator("tbody tr")
    assert all(int(r.locator("td").first.inner_text()) >= 5 for r in teams.all())
    assert_accessible(page, "HR KPIs")
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Als Excel-Datei herunterladen").click()
    book = load_workbook(io.BytesIO(download_info.value.path().read_bytes()))
    # The SPA asks for the download in its language; codes stay in the last column.
    totals = {row[3]: row[1] for row in book["Summen"].iter_rows(min_row=2, values_only=True)}
    assert (totals["posts"], totals["likes"], totals["comments"]) == (326, 15_496, 3_692)
    page.goto(f"{live_server.url}/p/{SLUG}/report")
    page.get_by_role("button", name="Drucken").wait_for()
    # A month before the pilot has no one in it: hidden, and the report says why.
    before = start - timedelta(days=1)
    page.get_by_label("Von", exact=True).fill(f"{before:%Y-%m}")
    page.get_by_label("Bis", exact=True).fill(f"{start:%Y-%m}")
    page.get_by_role("button", name="Anzeigen", exact=True).click()
    page.get_by_text(f"{before.replace(day=1):%d.%m.%Y} – ").wait_for()
    monthly = page.get_by_role("table", name="Beiträge und Interaktionen pro Monat")
    monthly.get_by_text("verborgen: weniger als 5 Personen").wait_for()
    months = "Januar Februar März April Mai Juni Juli August September Oktober November Dezember"
    assert f"{months.split()[start.month - 1]} {start.year}" in monthly.inner_text()
    assert_accessible(page, "HR report")


def test_an_influencer_updates_all_recent_posts_in_one_table(live_server, page):
    sign_in(page, live_server.url, "influencer")
    page.goto(f"{live_server.url}/p/{SLUG}/my-posts")
    url = f"https://www.instagram.com/p/bulk{int(time.time() * 1000)}/"
    page.get_by_label("Link zum Beitrag", exact=True).fill(url)
    page.get_by_role("button", name="Beitrag erfassen", exact=True).click()
    page.get_by_text("Der Beitrag wurde erfasst.").wait_for()
    posts = page.get_by_role("table", name="Beiträge, neueste zuerst")
    posts.locator(f'a[href="{url}"]').wait_for()
    recent = page.get_by_role("region", name="Zahlen der letzten Beiträge aktualisieren")
    recent.get_by_role("button", name=re.compile(r"Beitr(ag|äge) bearbeiten$")).click()
    table = recent.get_by_role("table", name="Ihre Beiträge der letzten Wochen mit ihren Zahlen")
    row = table.locator("tbody tr", has=page.locator(f'a[href="{url}"]'))
    row.get_by_label(re.compile("^Likes,")).fill("123")
    row.get_by_label(re.compile("^Impressionen,")).fill("4567")
    assert_accessible(page, "recent posts table")
    recent.get_by_role("button", name="1 geänderte speichern").click()
    page.get_by_text("Zahlen von 1 Beitrag gespeichert.").wait_for()
    row = posts.locator("tbody tr", has=page.locator(f'a[href="{url}"]'))
    row.get_by_text("123", exact=True).first.wait_for()  # likes (and engagements)
    assert "2,69 %" in row.inner_text(), "the impressions were saved too (123 / 4,567)"
