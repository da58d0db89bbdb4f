"""Text written in Markdown shows formatted, never as syntax, and hostile Markdown (script,
javascript: links, images with onerror, raw HTML) renders as harmless text."""

from __future__ import annotations

import httpx
import pytest

from tests.browser.conftest import DEMO, DEMO_PASSWORD
from tests.browser.helpers import assert_accessible, sign_in

pytestmark = pytest.mark.browser

HOSTILE = (
    "## Vorsicht\n\n"
    "<script>window.__pwned = 1</script>\n\n"
    '<img src="x" onerror="window.__pwned = 2">\n\n'
    "![Bild](x) und [Skript](javascript:window.__pwned=3) und "
    "[Daten](data:text/html,hi) und [Leitfaden](https://example.org/leitfaden)\n\n"
    '<a href="javascript:window.__pwned=4">roh</a> *kursiv*'
)


def test_markdown_renders_formatted_and_safe(server, context_factory):
    core = httpx.Client(base_url=server.url)
    core.post(
        "/api/v1/auth/login", json={"email": DEMO["core_team"], "password": DEMO_PASSWORD}
    ).raise_for_status()
    core.headers["X-CSRF-Token"] = core.cookies["botschaft_csrf"]
    program = core.get("/api/v1/me").json()["programs"][0]["id"]
    created = core.post(
        f"/api/v1/programs/{program}/briefings",
        json={"kind": "briefing", "stance": "info", "title": "Markdown-Probe", "body": HOSTILE},
    )
    assert created.status_code == 201, created.text

    page = context_factory(phone=True).new_page()
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    sign_in(page, server.url, "influencer")
    slug = page.url.split("/p/")[1].split("/")[0]
    page.goto(f"{server.url}/p/{slug}/briefings")
    card = page.locator("li.card", has_text="Markdown-Probe")
    card.wait_for()

    # The demo's bold text is bold, and no Markdown syntax is visible anywhere on the page.
    strong = page.locator("main strong", has_text="Fotos ausdrücklich erwünscht")
    assert strong.count() == 1
    main_text = page.locator("main").inner_text()
    assert "**" not in main_text and "](" not in main_text and "## " not in main_text

    # Hostile input: no script ran, no image or unsafe link exists, raw HTML shows as text.
    assert page.evaluate("window.__pwned") is None
    assert dialogs == []
    assert card.locator("script, img, iframe").count() == 0
    hrefs = card.locator("a").evaluate_all("els => els.map(e => e.getAttribute('href'))")
    assert hrefs == ["https://example.org/leitfaden"]
    link = card.get_by_role("link", name="Leitfaden")
    assert link.get_attribute("rel") == "noopener noreferrer"
    assert link.get_attribute("target") == "_blank"
    assert "<script>" in card.inner_text()
    assert card.locator("em", has_text="kursiv").count() == 1
    # A heading inside the text sits below the card's h2.
    assert card.locator("h5", has_text="Vorsicht").count() == 1
    assert_accessible(page, "briefings with Markdown")
