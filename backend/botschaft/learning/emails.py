"""Email texts of the learning journey (German and English)."""

from botschaft.notifications.templates import register_template

register_template(
    "learning.module_reminder",
    de=(
        "Erinnerung: {module_title}",
        "Hallo {name},\n\nfreundliche Erinnerung: Das Modul „{module_title}“ im Programm "
        "{program_name} sollte bis {due_on} abgeschlossen sein. Wenn Sie Unterstützung "
        "brauchen, melden Sie sich gern beim Kernteam.\n\nZum Lernpfad: {link}",
    ),
    en=(
        "Reminder: {module_title}",
        "Hello {name},\n\na friendly reminder: the module “{module_title}” in {program_name} "
        "was planned to be finished by {due_on}. If you need support, just ask the core "
        "team.\n\nTo the learning journey: {link}",
    ),
)
