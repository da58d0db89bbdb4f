"""Deactivating an account asks first: cancelling keeps it active, confirming locks it."""

from __future__ import annotations

import uuid

from tests.browser.helpers import assert_accessible, confirm, sign_in


def test_deactivating_an_account_asks_first(live_server, page):
    sign_in(page, live_server.url, "admin")
    name = f"Dora Deaktiv {uuid.uuid4().hex[:4]}"
    csrf = next(c["value"] for c in page.context.cookies() if c["name"].endswith("botschaft_csrf"))
    created = page.request.post(
        f"{live_server.url}/api/v1/users",
        data={"email": f"{uuid.uuid4().hex[:8]}@example.org", "name": name, "role": "influencer",
              "locale": "de"},
        headers={"X-CSRF-Token": csrf},
    )  # fmt: skip
    assert created.status == 201, created.text()
    page.goto(f"{live_server.url}/admin/users")
    page.get_by_label("Name oder E-Mail-Adresse").fill(name)
    page.get_by_role("button", name="Suchen", exact=True).click()
    row = page.get_by_role("row").filter(has_text=name)
    row.get_by_role("button", name=f"Bearbeiten: {name}").click()

    dialog = page.get_by_role("dialog")
    dialog.get_by_label("Konto ist aktiv").uncheck()
    dialog.get_by_role("button", name="Speichern").click()
    question = page.get_by_role("alertdialog", name=f"Konto von {name} deaktivieren?")
    question.wait_for()
    assert_accessible(page, "confirm deactivation")
    confirm(page, "Abbrechen")
    assert row.get_by_text("aktiv", exact=True).is_visible()  # nothing changed

    dialog.get_by_role("button", name="Speichern").click()
    confirm(page, "Deaktivieren")
    row.get_by_text("gesperrt", exact=True).wait_for()
