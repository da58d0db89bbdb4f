"""The SPA shell in Chromium: sign-in per role, navigation, language, sign-out, WCAG 2.1 AA."""

from __future__ import annotations

import re

import httpx
import pytest

from tests.browser.helpers import assert_accessible, sign_in

pytestmark = pytest.mark.browser

NAV = {
    "core_team": (
        [
            "Heute",
            "Bewerbungen",
            "Auswahl",
            "Kohorten & Teams",
            "Lernreise",
            "Termine",
            "Briefings",
            "Beiträge",
            "Controlling",
            "Mitglieder",
            "Programm-Einstellungen",
        ],
        "Today",
    ),
    "influencer": (["Start", "Meine Beiträge", "Lernreise", "Termine", "Briefings"], "Home"),
    "hr_viewer": (["Kennzahlen", "Bericht"], "KPIs"),
    "admin": (["Programme", "Benutzerkonten", "Protokoll", "Zustellung", "Löschanträge"], "Users"),
}
NOT_IN_NAV = {
    "influencer": ["Mitglieder", "Controlling", "Benutzerkonten"],
    "hr_viewer": ["Mitglieder", "Meine Beiträge", "Benutzerkonten"],
    "core_team": ["Benutzerkonten", "Meine Beiträge"],
}


def nav_links(page):
    return page.get_by_role("navigation", name=re.compile("Hauptnavigation|Main navigation"))


@pytest.mark.parametrize("locale", ["de-DE", "en-US"])
def test_login_page_is_accessible_and_follows_the_browser_language(
    live_server, context_factory, locale
):
    page = context_factory(locale=locale).new_page()
    page.goto(f"{live_server.url}/login")
    expected = "de" if locale.startswith("de") else "en"
    page.wait_for_function(f"document.documentElement.lang === '{expected}'")
    heading = page.get_by_role("heading", level=1)
    assert heading.inner_text() == ("Anmelden" if expected == "de" else "Sign in")
    assert_accessible(page, f"login ({locale})")


def test_wrong_password_shows_a_generic_error(live_server, page):
    page.goto(f"{live_server.url}/login")
    page.get_by_label("E-Mail", exact=True).fill("katrin.vogt@musterstadt.example")
    page.get_by_label("Passwort", exact=True).fill("not-the-password")
    page.get_by_role("button", name="Anmelden", exact=True).click()
    alert = page.get_by_text(
        "Die Anmeldung ist fehlgeschlagen. Bitte prüfen Sie E-Mail-Adresse und Passwort."
    )
    alert.wait_for()
    assert "/login" in page.url
    assert_accessible(page, "login with error")


@pytest.mark.parametrize("role", ["core_team", "influencer", "hr_viewer", "admin"])
def test_each_role_gets_its_navigation_every_page_is_accessible_in_both_languages(
    live_server, page, role
):
    sign_in(page, live_server.url, role)
    nav = nav_links(page)
    nav.wait_for()
    expected, english_label = NAV[role]
    labels = [text.strip() for text in nav.get_by_role("link").all_inner_texts()]
    for label in expected:
        assert label in labels, f"{role}: '{label}' missing from {labels}"
    for label in NOT_IN_NAV.get(role, []):
        assert label not in labels, f"{role} must not see '{label}'"

    hrefs = [link.get_attribute("href") for link in nav.get_by_role("link").all()]
    for href in hrefs:
        page.goto(f"{live_server.url}{href}")
        page.get_by_role("heading", level=1).wait_for()
        assert_accessible(page, f"{role} {href} (de)")

    page.get_by_label("Sprache", exact=True).select_option("en")
    page.wait_for_function("document.documentElement.lang === 'en'")
    nav_links(page).get_by_role("link", name=english_label, exact=True).wait_for()
    for href in hrefs:
        page.goto(f"{live_server.url}{href}")
        page.get_by_role("heading", level=1).wait_for()
        assert_accessible(page, f"{role} {href} (en)")

    # Back to German (the choice is stored with the account, and other tests sign in as it too).
    page.get_by_label("Language", exact=True).select_option("de")
    page.wait_for_function("document.documentElement.lang === 'de'")
    page.get_by_role("button", name=re.compile("^Konto: ")).click()
    page.get_by_role("button", name="Abmelden", exact=True).click()
    page.wait_for_url(re.compile(r"/login"))
    page.goto(f"{live_server.url}/")
    page.wait_for_url(re.compile(r"/login"))


def test_core_team_sees_the_demo_program(live_server, page):
    sign_in(page, live_server.url, "core_team")
    page.locator("main").get_by_text("#WirSindMusterstadt").first.wait_for()
    body = page.locator("main").inner_text()
    assert "Wir sind Musterstadt" in body
    assert "#WirSindMusterstadt" in body
    assert "16" in body  # influencers


def test_signed_out_user_is_sent_to_login(live_server, page):
    page.goto(f"{live_server.url}/admin/users")
    page.wait_for_url(re.compile(r"/login"))


def test_phone_layout_has_a_menu_button_and_is_accessible(live_server, context_factory):
    page = context_factory(phone=True).new_page()
    sign_in(page, live_server.url, "influencer")
    menu = page.get_by_role("button", name="Menü", exact=True)
    menu.wait_for()
    menu.click()
    assert menu.get_attribute("aria-expanded") == "true"
    nav_links(page).get_by_role("link", name="Lernreise", exact=True).wait_for()
    assert_accessible(page, "influencer on a phone")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"page scrolls sideways on a phone ({width}px)"


CSP_LISTENER = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__cspViolations.push(`${e.violatedDirective}: ${e.blockedURI || "inline"} ${e.sample}`);
});
"""


def test_no_page_breaks_the_content_security_policy(live_server, context_factory):
    """The CSP allows no inline styles; the pages that draw bars and charts must not need them."""
    context = context_factory()
    context.add_init_script(CSP_LISTENER)
    console = []
    page = context.new_page()
    page.on(
        "console",
        lambda msg: console.append(msg.text) if "Content Security Policy" in msg.text else None,
    )
    sign_in(page, live_server.url, "core_team")
    nav = nav_links(page)
    nav.wait_for()
    hrefs = [link.get_attribute("href") for link in nav.get_by_role("link").all()]
    assert len(hrefs) >= 8
    for href in hrefs:
        page.goto(f"{live_server.url}{href}")
        page.get_by_role("heading", level=1).wait_for()
        page.wait_for_load_state("networkidle")
        assert page.evaluate("window.__cspViolations") == [], href
    assert console == []
    # Bars sized through the CSSOM are still drawn (the policy allows that, not attributes).
    page.goto(f"{live_server.url}{next(h for h in hrefs if h.endswith('/controlling'))}")
    bar = page.locator(".inline-bar > span").first
    bar.wait_for()
    assert bar.evaluate("el => el.style.width.endsWith('%') && el.offsetWidth > 0")
    # The listener works: an inline style attribute is reported.
    page.evaluate(
        """document.body.insertAdjacentHTML("beforeend", '<p style="color: red">x</p>')"""
    )
    page.wait_for_function("window.__cspViolations.length > 0")


@pytest.mark.parametrize(
    ("locale", "button", "expected"),
    [
        ("de-DE", "Anmelden", "Bitte versuchen Sie es in 15 Minuten erneut."),
        ("en-US", "Sign in", "Please try again in 15 minutes."),
    ],
)
def test_too_many_failures_say_when_to_try_again(
    live_server, context_factory, locale, button, expected
):
    email = f"locked-{locale}@musterstadt.example"
    for _ in range(10):  # the limit per account and address (10 failures in 15 minutes)
        httpx.post(
            f"{live_server.url}/api/v1/auth/login", json={"email": email, "password": "nope-nope-1"}
        )
    page = context_factory(locale=locale).new_page()
    page.goto(f"{live_server.url}/login")
    page.locator("#email").fill(email)
    page.locator("#password").fill("nope-nope-1")
    page.get_by_role("button", name=button, exact=True).click()
    page.get_by_role("alert").get_by_text(expected).wait_for()


def test_links_move_between_pages_without_a_reload_and_back_returns(live_server, page):
    """Plain links are followed by the SPA's router (preact-iso): no full page load, the new
    page starts at the top with focus on its heading, and the browser's back button returns."""
    sign_in(page, live_server.url, "core_team")
    page.get_by_role("heading", level=1).wait_for()
    start = page.url
    page.evaluate("window.__sameDocument = true")
    page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    nav_links(page).get_by_role("link", name="Beiträge").click()
    page.wait_for_url(re.compile(r"/posts$"))
    heading = page.get_by_role("heading", level=1)
    heading.wait_for()
    assert page.evaluate("window.__sameDocument === true"), "the link reloaded the page"
    assert page.evaluate("document.activeElement && document.activeElement.id") == "page-title"
    assert page.evaluate("window.scrollY") == 0
    page.go_back()
    page.wait_for_url(start)
    page.get_by_role("heading", level=1).wait_for()
    assert page.evaluate("window.__sameDocument === true"), "back reloaded the page"


def test_links_to_the_api_are_left_to_the_browser(live_server, page):
    """A download link under /api/ is a request to the server, not a page of the SPA."""
    sign_in(page, live_server.url, "core_team")
    page.get_by_role("heading", level=1).wait_for()
    page.evaluate(
        """() => { const a = document.createElement('a'); a.href = '/api/v1/healthz';
        a.id = 'api-link'; a.textContent = 'x'; document.querySelector('main').append(a); }"""
    )
    page.click("#api-link")
    page.wait_for_url(re.compile(r"/api/v1/healthz$"))
    assert "status" in page.content() or "ok" in page.content()
