"""Takes the screenshots in docs/screenshots/: the main page of each role on the demo, on a
desktop (1366 px) and a phone (390 px), in German. Run with the venv's python after
`cd frontend && npm run build`: .venv/bin/python scripts/screenshot.py"""

import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parents[1]))

from playwright.sync_api import sync_playwright  # noqa: E402
from tests.browser.conftest import CHROMIUM, CHROMIUM_FLAGS  # noqa: E402
from tests.browser.helpers import sign_in  # noqa: E402
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
            browser.close()
    finally:
        server.stop()
print(f"wrote {len(PAGES) * len(SIZES)} screenshots to docs/screenshots/")
