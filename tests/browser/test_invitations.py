"""Getting in without single sign-on: the invitation email's link sets a password on a phone and
lands on the influencer's home; "forgot password?" does the same for an existing account; the
core team sees who has got in and resends an invitation."""

from __future__ import annotations

import os
import re
import time
from pathlib import Path

import httpx
import pytest

from tests.browser.conftest import DEMO, DEMO_PASSWORD
from tests.browser.helpers import assert_accessible, sign_in
from tests.support.smtp import body_text

pytestmark = pytest.mark.browser
SHOTS = Path(os.environ.get("BOTSCHAFT_SCREENSHOTS", "/tmp/botschaft-screenshots"))
NEW_PASSWORD = "Lindenblüte am Isarufer 7"


def _shot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def _core(url: str) -> tuple[httpx.Client, str]:
    client = httpx.Client(base_url=url)
    login = {"email": DEMO["core_team"], "password": DEMO_PASSWORD}
    client.post("/api/v1/auth/login", json=login).raise_for_status()
    client.headers["X-CSRF-Token"] = client.cookies["botschaft_csrf"]
    program = client.get("/api/v1/me").json()["programs"][0]
    return client, program


def _link(mail, to: str, kind: str, timeout: float = 20) -> str:
    """The link in the newest email of `kind` to `to` (the jobs send it within seconds)."""
    pattern = re.compile(rf"http://127\.0\.0\.1:\d+/{kind}#[\w-]+")
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for message in reversed(mail.messages):
            found = pattern.search(body_text(message))
            if message["To"] == to and found:
                return found.group(0)
        time.sleep(0.1)
    raise AssertionError(f"no {kind} email to {to}")


def test_invitation_email_to_password_to_home_on_a_phone(server, mail, context_factory):
    core, program = _core(server.url)
    mail.clear()
    added = core.post(
        f"/api/v1/programs/{program['id']}/members",
        json={
            "email": "jonas.neumeier@musterstadt.example",
            "name": "Jonas Neumeier",
            "role": "influencer",
        },
    )
    assert added.status_code == 201, added.text
    link = _link(mail, "jonas.neumeier@musterstadt.example", "invitation")

    page = context_factory(phone=True).new_page()
    page.goto(link)
    page.get_by_role("heading", name="Passwort festlegen").wait_for()
    page.get_by_text("Willkommen, Jonas Neumeier!").wait_for()
    assert "mindestens 12 Zeichen" in page.inner_text("main"), "the rules are shown"
    assert_accessible(page, "set password (de, phone)")
    _shot(page, "set-password-de-390")

    page.get_by_label("Neues Passwort").fill("passwort12345")
    page.get_by_label("Passwort wiederholen").fill("passwort12345")
    page.get_by_role("button", name="Passwort speichern und anmelden").click()
    page.get_by_text("Dieses Passwort erfüllt die Regeln oben nicht.").first.wait_for()
    assert_accessible(page, "set password with an error (de, phone)")
    _shot(page, "set-password-error-de-390")

    page.get_by_label("Neues Passwort").fill(NEW_PASSWORD)
    page.get_by_label("Passwort wiederholen").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Passwort speichern und anmelden").click()
    page.wait_for_url(re.compile(rf"/p/{re.escape(program['slug'])}/home$"))
    page.get_by_role("heading", name="Start", level=1).wait_for()
    page.locator("#home-meetings").wait_for()
    me = page.request.get(f"{server.url}/api/v1/me").json()
    assert me["email"] == "jonas.neumeier@musterstadt.example", "signed in as the invitee"
    _shot(page, "home-after-invitation-de-390")

    # The link works once: opened again, it says so and offers the way on.
    second = context_factory(phone=True).new_page()
    second.goto(link)
    second.get_by_text("Dieser Link wurde bereits benutzt.").wait_for()
    assert_accessible(second, "used link (de, phone)")
    _shot(second, "link-used-de-390")
    core.close()


def test_forgot_password_on_a_phone_in_english(server, mail, context_factory):
    page = context_factory(locale="en-GB", phone=True).new_page()
    page.goto(f"{server.url}/login")
    page.get_by_role("link", name="Forgot password?").click()
    page.get_by_role("heading", name="Forgot password").wait_for()
    assert_accessible(page, "forgot password (en, phone)")
    _shot(page, "forgot-password-en-390")
    page.get_by_role("button", name="Send link").click()
    page.get_by_text("Please fill in this field.").first.wait_for()
    mail.clear()
    page.get_by_label("Email").fill(DEMO["influencer"].upper())
    page.get_by_role("button", name="Send link").click()
    page.get_by_role("heading", name="Check your mailbox").wait_for()
    assert_accessible(page, "check your mailbox (en, phone)")
    _shot(page, "forgot-password-sent-en-390")

    link = _link(mail, DEMO["influencer"], "reset-password")
    page.goto(link)
    page.get_by_role("heading", name="Set a new password").wait_for()
    _shot(page, "reset-password-en-390")
    page.get_by_label("New password").fill(NEW_PASSWORD)
    page.get_by_label("Repeat password").fill(NEW_PASSWORD + "!")
    page.get_by_role("button", name="Save password and sign in").click()
    page.get_by_text("The two passwords do not match.").first.wait_for()
    page.get_by_label("Repeat password").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Save password and sign in").click()
    page.wait_for_url(re.compile(r"/p/[^/]+/home$"))

    old = httpx.post(
        f"{server.url}/api/v1/auth/login",
        json={"email": DEMO["influencer"], "password": DEMO_PASSWORD},
    )
    assert old.status_code == 401, "the old password no longer works"


@pytest.mark.parametrize("locale", ["de", "en"])
def test_core_team_sees_access_and_resends_an_invitation(server, mail, context_factory, locale):
    core, program = _core(server.url)
    email = f"resend-{locale}@musterstadt.example"
    core.post(
        f"/api/v1/programs/{program['id']}/members",
        json={"email": email, "name": f"Rita Resend {locale}", "role": "influencer"},
    ).raise_for_status()
    first = _link(mail, email, "invitation")
    # The account's stored language applies after sign-in.
    core.patch("/api/v1/me", json={"locale": locale}).raise_for_status()

    page = context_factory(locale="de-DE" if locale == "de" else "en-GB").new_page()
    page.set_viewport_size({"width": 1366, "height": 900})
    sign_in(page, server.url, "core_team", locale=locale)
    page.goto(f"{server.url}/p/{program['slug']}/members")
    invited = "Eingeladen bis" if locale == "de" else "Invited until"
    row = page.get_by_role("row").filter(has_text=f"Rita Resend {locale}")
    row.get_by_text(invited).wait_for()
    assert_accessible(page, f"members with access ({locale})")
    _shot(page, f"members-access-{locale}-1366")
    resend = "Erneut senden: Einladung an {}" if locale == "de" else "Resend: invitation to {}"
    mail.clear()
    page.get_by_role("button", name=resend.format(f"Rita Resend {locale}")).click()
    sent = "ist verschickt" if locale == "de" else "has been sent"
    page.get_by_role("status").get_by_text(re.compile(sent)).wait_for()
    second = _link(mail, email, "invitation")
    assert second != first
    _shot(page, f"members-resent-{locale}-1366")
    page.set_viewport_size({"width": 390, "height": 844})
    assert_accessible(page, f"members with access ({locale}, phone)")
    _shot(page, f"members-resent-{locale}-390")

    # The replaced link explains itself.
    phone = context_factory(locale="de-DE" if locale == "de" else "en-GB", phone=True)
    old = phone.new_page()
    old.goto(first)
    replaced = "Es gibt einen neueren Link" if locale == "de" else "A newer link has replaced"
    old.get_by_text(re.compile(replaced)).wait_for()
    assert_accessible(old, f"replaced link ({locale}, phone)")
    _shot(old, f"link-replaced-{locale}-390")
    core.patch("/api/v1/me", json={"locale": "de"}).raise_for_status()
    core.close()


@pytest.mark.parametrize("locale", ["de", "en"])
def test_the_new_pages_in_both_languages_on_phone_and_desktop(
    server, mail, context_factory, locale
):
    core, program = _core(server.url)
    email = f"layout-{locale}@musterstadt.example"
    core.post(
        f"/api/v1/programs/{program['id']}/members",
        json={"email": email, "name": f"Lea Layout {locale}", "role": "influencer"},
    ).raise_for_status()
    link = _link(mail, email, "invitation")
    browser_locale = "de-DE" if locale == "de" else "en-GB"
    headings = {
        "de": ("Passwort festlegen", "Passwort vergessen", "Dieser Link funktioniert nicht"),
        "en": ("Set your password", "Forgot password", "This link does not work"),
    }[locale]
    for width in (390, 1366):
        page = context_factory(locale=browser_locale, phone=width == 390).new_page()
        page.set_viewport_size({"width": width, "height": 900})
        for url, heading, name in (
            (link, headings[0], "set-password"),
            (f"{server.url}/forgot-password", headings[1], "forgot-password"),
            (f"{server.url}/invitation#{'x' * 43}", headings[2], "link-invalid"),
        ):
            page.goto(url)
            page.get_by_role("heading", name=heading, level=1).wait_for()
            assert_accessible(page, f"{name} ({locale}, {width})")
            _shot(page, f"{name}-{locale}-{width}")
    core.close()


@pytest.mark.parametrize(("locale", "width"), [("de", 1366), ("en", 390)])
def test_an_administrator_sends_an_invitation_from_the_account_list(
    server, mail, context_factory, locale, width
):
    admin = httpx.Client(base_url=server.url)
    admin.post(
        "/api/v1/auth/login", json={"email": DEMO["admin"], "password": DEMO_PASSWORD}
    ).raise_for_status()
    admin.headers["X-CSRF-Token"] = admin.cookies["botschaft_csrf"]
    admin.patch("/api/v1/me", json={"locale": locale}).raise_for_status()
    name = f"Hanna Rat {locale}"
    email = f"hanna.rat.{locale}@musterstadt.example"
    admin.post(
        "/api/v1/users", json={"email": email, "name": name, "role": "hr_viewer"}
    ).raise_for_status()

    page = context_factory(locale="de-DE" if locale == "de" else "en-GB").new_page()
    page.set_viewport_size({"width": width, "height": 900})
    sign_in(page, server.url, "admin", locale=locale)
    page.goto(f"{server.url}/admin/users")
    button = "Einladung senden an {}" if locale == "de" else "Send invitation to {}"
    page.get_by_role("button", name=button.format(name)).click()
    sent = "ist verschickt" if locale == "de" else "has been sent"
    page.get_by_role("status").get_by_text(re.compile(sent)).wait_for()
    invited = "Eingeladen bis" if locale == "de" else "Invited until"
    page.get_by_role("row").filter(has_text=name).get_by_text(invited).wait_for()
    assert _link(mail, email, "invitation")
    assert_accessible(page, f"accounts with an invitation ({locale}, {width})")
    _shot(page, f"admin-users-invited-{locale}-{width}")
    admin.patch("/api/v1/me", json={"locale": "de"}).raise_for_status()
    admin.close()
