"""An administrator creates a program in the wizard (phone, German; desktop, English): a step
with a mistake says what is wrong at the field, the program appears in the list with its
people, and it can be edited later with the settings form."""

from __future__ import annotations

import uuid

from tests.browser.helpers import assert_accessible, sign_in

WORDS = {
    "de": {
        "new": "Neues Programm",
        "name": "Name des Programms",
        "next": "Weiter",
        "start": "Beginn",
        "end": "Ende",
        "person_name": "Name",
        "email": "E-Mail",
        "role": "Rolle",
        "add": "Weitere Person",
        "create": "Programm anlegen",
        "twice": "Diese Person steht schon in der Liste",
        "created": "angelegt, mit 2 Personen",
        "edit": "Bearbeiten: ",
        "core": "Kernteam 1, Influencer 0, HR-Leitung 1",
        "hr": "HR-Leitung (nur lesen)",
    },
    "en": {
        "new": "New program",
        "name": "Program name",
        "next": "Next",
        "start": "Start",
        "end": "End",
        "person_name": "Name",
        "email": "Email",
        "role": "Role",
        "add": "Another person",
        "create": "Create program",
        "twice": "This person is already on the list",
        "created": "created, with 2 people",
        "edit": "Edit: ",
        "core": "Core team 1, influencers 0, HR leadership 1",
        "hr": "HR leadership (read-only)",
    },
}


def test_an_administrator_creates_a_program_in_the_wizard(live_server, context_factory):
    for lang, phone in (("de", True), ("en", False)):
        w = WORDS[lang]
        context = context_factory(locale="de-DE" if lang == "de" else "en-GB", phone=phone)
        context.add_init_script(f"localStorage.setItem('botschaft.locale', '{lang}')")
        page = context.new_page()
        sign_in(page, live_server.url, "admin", locale=lang)
        page.goto(f"{live_server.url}/admin/programs")
        page.get_by_role("link", name=w["new"]).click()
        name = f"Zweite Welle {lang} {uuid.uuid4().hex[:4]}"
        page.get_by_label(w["name"]).fill(name)
        page.get_by_role("button", name=w["next"], exact=True).click()

        page.get_by_label(w["start"], exact=True).fill("2027-01-01")
        page.get_by_label(w["end"], exact=True).fill("2027-06-30")
        page.get_by_role("button", name=w["next"], exact=True).click()

        # The same person twice: the step says so at the field and does not go on.
        email = f"kern-{uuid.uuid4().hex[:6]}@example.org"
        page.get_by_label(w["person_name"], exact=True).fill("Kim Kern")
        page.get_by_label(w["email"], exact=True).fill(email)
        page.get_by_role("button", name=w["add"]).click()
        second = page.get_by_role("group").nth(1)
        second.get_by_label(w["person_name"], exact=True).fill("Hanna Rat")
        second.get_by_label(w["email"], exact=True).fill(email.upper())
        second.get_by_label(w["role"], exact=True).select_option(label=w["hr"])
        page.get_by_role("button", name=w["next"], exact=True).click()
        page.get_by_text(w["twice"]).wait_for()
        assert_accessible(page, f"wizard with an error ({lang})")
        second.get_by_label(w["email"], exact=True).fill(f"hr-{uuid.uuid4().hex[:6]}@example.org")
        page.get_by_role("button", name=w["next"], exact=True).click()

        page.get_by_role("button", name=w["create"]).wait_for()
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= (390 if phone else 1366), f"the wizard scrolls sideways ({width}px)"
        assert_accessible(page, f"wizard review ({lang})")
        page.get_by_role("button", name=w["create"]).click()

        page.locator(".toast").filter(has_text=w["created"]).wait_for()
        row = page.get_by_role("row").filter(has_text=name)
        row.get_by_text(w["core"]).wait_for()
        row.get_by_role("link", name=w["edit"] + name).click()
        page.get_by_label(w["name"]).wait_for()
        assert page.get_by_label(w["name"]).input_value() == name
        assert_accessible(page, f"editing a program ({lang})")
