"""Takes docs/screenshot.png: the demo core team's program overview (run with the venv python)."""

import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parents[1]))

from playwright.sync_api import sync_playwright  # noqa: E402
from tests.browser.conftest import CHROMIUM, CHROMIUM_FLAGS  # noqa: E402
from tests.browser.helpers import sign_in  # noqa: E402
from tests.support.live import ROOT, start_server  # noqa: E402

with tempfile.TemporaryDirectory() as data_dir:
    server = start_server(Path(data_dir), "--demo")
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
            page = browser.new_page(viewport={"width": 1280, "height": 760}, locale="de-DE")
            sign_in(page, server.url, "core_team")
            page.locator("main").get_by_text("#WirSindMusterstadt").first.wait_for()
            page.screenshot(path=str(ROOT / "docs" / "screenshot.png"))
            browser.close()
    finally:
        server.stop()
print("wrote docs/screenshot.png")
