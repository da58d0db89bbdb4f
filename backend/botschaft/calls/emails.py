"""Email texts for applicants (German and English)."""

from botschaft.notifications.templates import register_template

register_template(
    "calls.application_received",
    de=(
        "Ihre Bewerbung: {call_title}",
        "Hallo {name},\n\nvielen Dank für Ihre Bewerbung „{call_title}“. Wir melden uns nach "
        "dem Ende der Bewerbungsfrist ({closes_at}).\n\nÜber diesen persönlichen Link können "
        "Sie Ihre Bewerbung bis dahin ansehen, ändern oder zurückziehen, und Ihre Daten "
        "herunterladen oder löschen lassen. Bitte geben Sie ihn nicht weiter:\n{link}",
    ),
    en=(
        "Your application: {call_title}",
        "Hello {name},\n\nthank you for applying to “{call_title}”. We will be in touch after "
        "the closing date ({closes_at}).\n\nWith this private link you can view, change or "
        "withdraw your application until then, and download or erase your data. Please do not "
        "share it:\n{link}",
    ),
)

register_template(
    "calls.application_exists",
    de=(
        "Sie haben sich bereits beworben: {call_title}",
        "Hallo,\n\nfür diese Adresse liegt schon eine Bewerbung „{call_title}“ vor; ein "
        "zweites Formular haben wir nicht gespeichert. Über diesen neuen persönlichen Link "
        "können Sie Ihre Bewerbung ansehen und ändern (frühere Links gelten nicht mehr):\n"
        "{link}\n\nWaren Sie das nicht, können Sie diese Nachricht ignorieren.",
    ),
    en=(
        "You have already applied: {call_title}",
        "Hello,\n\nthere is already an application to “{call_title}” for this address; we "
        "did not store a second form. With this new private link you can view and change "
        "your application (earlier links no longer work):\n{link}\n\nIf this was not you, "
        "you can ignore this message.",
    ),
)

register_template(
    "calls.application_withdrawn",
    de=(
        "Bewerbung zurückgezogen: {call_title}",
        "Hallo {name},\n\nIhre Bewerbung „{call_title}“ ist zurückgezogen. Sie wird nicht "
        "berücksichtigt und nach Ablauf der Aufbewahrungsfrist gelöscht.",
    ),
    en=(
        "Application withdrawn: {call_title}",
        "Hello {name},\n\nyour application to “{call_title}” has been withdrawn. It will not "
        "be considered and is erased when the retention period ends.",
    ),
)
