"""Page actions and the accessibility check shared by browser tests."""

from __future__ import annotations

from axe_playwright_python.sync_playwright import Axe

from tests.browser.conftest import DEMO, DEMO_PASSWORD

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
_axe = Axe()


def assert_accessible(page, label: str) -> None:
    """axe-core with the WCAG 2.1 A/AA rules: no violation allowed."""
    results = _axe.run(
        page,
        options={"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]},
    )
    violations = results.response["violations"]
    details = "\n".join(
        f"- {v['id']} ({v['impact']}): {v['help']} -> {[n['target'] for n in v['nodes']][:5]}"
        for v in violations
    )
    assert not violations, f"{label}: accessibility violations\n{details}"


def assert_no_sideways_scroll(page, width: int) -> None:
    """Nothing on the page is wider than the window (a phone never scrolls sideways)."""
    scroll = page.evaluate("document.documentElement.scrollWidth")
    assert scroll <= width, f"the page scrolls sideways ({scroll}px)"


def confirm(page, button: str) -> None:
    """Presses `button` in the app's confirmation dialog (components/feedback.tsx)."""
    page.get_by_role("alertdialog").get_by_role("button", name=button, exact=True).click()


def sign_in(page, base_url: str, role: str, *, locale: str = "de") -> None:
    labels = {"de": ("E-Mail", "Passwort", "Anmelden"), "en": ("Email", "Password", "Sign in")}[
        locale
    ]
    page.goto(f"{base_url}/login")
    page.get_by_label(labels[0], exact=True).fill(DEMO[role])
    page.get_by_label(labels[1], exact=True).fill(DEMO_PASSWORD)
    page.get_by_role("button", name=labels[2], exact=True).click()
    page.wait_for_url(lambda url: "/login" not in url)
