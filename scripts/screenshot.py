"""Takes the screenshots in docs/screenshots/: the main page of each role on the demo, on a
desktop (1366 px) and a phone (390 px), in German, and a few features on a phone (logging from
a data archive, asking for erasure, follower counts, filtered KPIs, the request inbox). Run with the venv's python after
`cd frontend && npm run build`: .venv/bin/python scripts/screenshot.py"""

import sys
import tempfile
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parents[1]))

from playwright.sync_api import sync_playwright  # noqa: E402
from tests.browser.conftest import CHROMIUM, CHROMIUM_FLAGS  # noqa: E402
from tests.browser.helpers import sign_in  # noqa: E402
from tests.support import archives  # noqa: E402
from tests.support.live import ROOT, start_server  # noqa: E402

SLUG = "wir-sind-musterstadt"
# role -> (its main page, a heading that says the page has loaded)
PAGES = {
    "core_team": (f"/p/{SLUG}/overview", "Was heute ansteht"),
    "influencer": (f"/p/{SLUG}/home", "Nächste Termine"),
    "hr_viewer": (f"/p/{SLUG}/kpis", "Kennzahlen"),
    "admin": ("/admin/programs", "Programme"),
}
SIZES = {"desktop": {"width": 1366, "height": 900}, "phone": {"width": 390, "height": 844}}
OUT = ROOT / "docs" / "screenshots"


def features(browser, base: str, scratch: Path) -> None:
    """An influencer's phone: the posts found in a LinkedIn archive, and "Delete my account"."""
    page = browser.new_page(viewport=SIZES["phone"], locale="de-DE")
    sign_in(page, base, "influencer")
    archive = scratch / "linkedin.zip"
    archive.write_bytes(archives.linkedin([date.today() - timedelta(days=n) for n in (1, 3, 6)]))
    page.goto(f"{base}/p/{SLUG}/my-posts")
    section = page.locator("details", has=page.locator("summary", has_text="Datenarchiv"))
    section.locator("summary").click()
    section.get_by_label("Archiv (ZIP) oder Beitragsdatei").set_input_files(str(archive))
    section.get_by_role("button", name="Archiv lesen").click()
    section.get_by_text("3 Beiträge von LinkedIn gefunden.").wait_for()
    section.screenshot(path=str(OUT / "influencer-archive-phone.png"))
    page.goto(f"{base}/profile")
    card = page.locator("section", has=page.get_by_role("heading", name="Mein Konto löschen"))
    card.get_by_role("button", name="Löschung beantragen").wait_for()
    card.screenshot(path=str(OUT / "influencer-erasure-phone.png"))
    page.goto(f"{base}/p/{SLUG}/my-posts")
    card = page.locator("section", has=page.get_by_role("heading", name="Meine Follower"))
    card.get_by_text("Zahl speichern").wait_for()
    card.screenshot(path=str(OUT / "influencer-followers-phone.png"))
    page.close()
    filtered(browser, base)
    requests(browser, base)


def requests(browser, base: str) -> None:
    """The request inbox: the influencer's form on a phone, the core team's list on a desktop."""
    page = browser.new_page(viewport=SIZES["phone"], locale="de-DE")
    sign_in(page, base, "influencer")
    page.goto(f"{base}/p/{SLUG}/requests")
    page.get_by_role("radio", name="Vortrag").check()
    page.get_by_label("Wer hat gefragt?").fill("Gymnasium am Park")
    page.screenshot(path=str(OUT / "requests-phone.png"))
    page.close()
    page = browser.new_page(viewport=SIZES["desktop"], locale="de-DE")
    sign_in(page, base, "core_team")
    page.goto(f"{base}/p/{SLUG}/requests")
    page.locator("li.request").first.wait_for()
    page.screenshot(path=str(OUT / "requests-desktop.png"))
    page.goto(f"{base}/p/{SLUG}/questions")
    page.locator("li.question").first.wait_for()
    page.screenshot(path=str(OUT / "questions-desktop.png"))
    page.close()


def filtered(browser, base: str) -> None:
    """Controlling narrowed to Instagram (desktop) and HR's KPIs to the pilot cohort (phone)."""
    for role, size, path, label, choice, shot in (
        ("core_team", "desktop", "controlling", "Plattform", "Instagram", "controlling-filtered"),
        ("hr_viewer", "phone", "kpis", "Kohorte", "Pilot", "kpis-filtered"),
    ):
        page = browser.new_page(viewport=SIZES[size], locale="de-DE")
        sign_in(page, base, role)
        page.goto(f"{base}/p/{SLUG}/{path}")
        page.get_by_label(label, exact=True).select_option(label=choice)
        page.get_by_role("button", name="Anzeigen", exact=True).click()
        page.get_by_text("Gefiltert:").wait_for()
        page.wait_for_timeout(500)  # charts settle
        page.screenshot(path=str(OUT / f"{shot}-{size}.png"))
        page.close()


with tempfile.TemporaryDirectory() as data_dir:
    server = start_server(Path(data_dir), "--demo")
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
            OUT.mkdir(exist_ok=True)
            for role, (path, heading) in PAGES.items():
                for size, viewport in SIZES.items():
                    page = browser.new_page(viewport=viewport, locale="de-DE")
                    sign_in(page, server.url, role)
                    page.goto(f"{server.url}{path}")
                    page.get_by_role("heading", name=heading).first.wait_for()
                    page.wait_for_timeout(500)  # charts and late lists settle
                    page.screenshot(path=str(OUT / f"{role}-{size}.png"))
                    page.close()
            features(browser, server.url, Path(data_dir))
            browser.close()
    finally:
        server.stop()
print(f"wrote {len(PAGES) * len(SIZES) + 8} screenshots to docs/screenshots/")
