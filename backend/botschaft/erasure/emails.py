"""Telling the core team that someone asks to be erased (German and English)."""

from botschaft.notifications.templates import register_template

register_template(
    "erasure.requested",
    de=(
        "Löschantrag: {person}",
        "Hallo {name},\n\n{person} bittet darum, das Konto und die persönlichen Daten zu "
        "löschen (Art. 17 DSGVO). Bitte bestätigen Sie den Antrag in Botschaft: {link}\n\n"
        "Die Summen des Programms bleiben erhalten, ohne die Person.",
    ),
    en=(
        "Erasure request: {person}",
        "Hello {name},\n\n{person} asks to have their account and personal data erased "
        "(GDPR Art. 17). Please confirm the request in Botschaft: {link}\n\nThe program's "
        "totals keep their sums, without the person.",
    ),
)
