"""Browser tests: the built SPA served by a real `botschaft serve --demo`, driven in headless
Chromium (Debian's package; Playwright's own browser downloads are not used)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.support.databases import IN_CI
from tests.support.live import ROOT, start_server

CHROMIUM = os.environ.get("BOTSCHAFT_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
DIST = ROOT / "frontend" / "dist"
DEMO_PASSWORD = "Botschaft-Demo-2026"
DEMO = {
    "core_team": "katrin.vogt@musterstadt.example",
    "influencer": "sophie.wagner@musterstadt.example",
    "hr_viewer": "ursula.brandt@musterstadt.example",
    "admin": "armin.keller@musterstadt.example",
}


def _missing(reason: str):
    if IN_CI:
        pytest.fail(reason + " (CI must run the browser tests)")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def live_server(tmp_path_factory):
    if not (DIST / "index.html").is_file():
        _missing("frontend/dist is not built (cd frontend && npm run build)")
    server = start_server(tmp_path_factory.mktemp("browser-data"), "--demo")
    yield server
    server.stop()


@pytest.fixture(scope="module")
def mail():
    """A real SMTP server on 127.0.0.1 for the module's own `server`."""
    from tests.support.smtp import SmtpServer

    smtp = SmtpServer().start()
    yield smtp
    smtp.stop()


@pytest.fixture(scope="module")
def server(request, tmp_path_factory, mail, browser):
    """A `botschaft serve --demo` of the module's own that mails to `mail`: for tests that read
    email or change the demo (confirmations, statuses), away from the shared `live_server`."""
    env = {
        "BOTSCHAFT_SMTP_HOST": "127.0.0.1",
        "BOTSCHAFT_SMTP_PORT": str(mail.port),
        "BOTSCHAFT_SMTP_SECURITY": "none",
        "BOTSCHAFT_JOBS_POLL_SECONDS": "0.3",
    }
    name = request.module.__name__.rsplit(".", 1)[-1]
    live = start_server(tmp_path_factory.mktemp(name), "--demo", env=env)
    yield live
    live.stop()


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        _missing(f"Chromium not found at {CHROMIUM} (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_FLAGS
        )
        yield browser
        browser.close()


@pytest.fixture
def context_factory(browser):
    contexts = []

    def factory(locale: str = "de-DE", phone: bool = False, timezone_id: str | None = None):
        viewport = {"width": 390, "height": 844} if phone else {"width": 1366, "height": 900}
        context = browser.new_context(locale=locale, viewport=viewport, timezone_id=timezone_id)
        context.set_default_timeout(10_000)
        contexts.append(context)
        return context

    yield factory
    for context in contexts:
        context.close()


@pytest.fixture
def page(context_factory):
    return context_factory().new_page()
