"""Email texts for meetings (German and English)."""

from botschaft.notifications.templates import register_template

register_template(
    "meetings.invitation",
    de=(
        "Einladung: {title} am {when}",
        "Hallo {name},\n\nSie sind eingeladen: {title}\nWann: {when}\nWo: {where}\n\n{agenda}\n\n"
        "Bitte sagen Sie kurz Bescheid:\nJa: {yes}\nVielleicht: {maybe}\nNein: {no}\n\n"
        "Den Termin für Ihren Kalender finden Sie im Anhang.",
    ),
    en=(
        "Invitation: {title} on {when}",
        "Hello {name},\n\nyou are invited: {title}\nWhen: {when}\nWhere: {where}\n\n{agenda}\n\n"
        "Please let us know:\nYes: {yes}\nMaybe: {maybe}\nNo: {no}\n\n"
        "The calendar entry is attached.",
    ),
)
register_template(
    "meetings.cancelled",
    de=(
        "Abgesagt: {title} am {when}",
        "Hallo {name},\n\nder Termin „{title}“ am {when} findet nicht statt.{more}\n\n"
        "Die Absage für Ihren Kalender finden Sie im Anhang.",
    ),
    en=(
        "Cancelled: {title} on {when}",
        "Hello {name},\n\nthe meeting “{title}” on {when} has been cancelled.{more}\n\n"
        "The cancellation for your calendar is attached.",
    ),
)
register_template(
    "meetings.updated",
    de=(
        "Geändert: {title} am {when}",
        "Hallo {name},\n\nder Termin wurde geändert: {title}\nWann: {when}\nWo: {where}\n\n"
        "{agenda}{more}\n\nDer geänderte Termin für Ihren Kalender ist im Anhang; er ersetzt "
        "den bisherigen Eintrag.",
    ),
    en=(
        "Changed: {title} on {when}",
        "Hello {name},\n\nthe meeting has changed: {title}\nWhen: {when}\nWhere: {where}\n\n"
        "{agenda}{more}\n\nThe updated calendar entry is attached; it replaces the earlier one.",
    ),
)
register_template(
    "meetings.reminder",
    de=(
        "Erinnerung: {title} am {when}",
        "Hallo {name},\n\nzur Erinnerung: {title}\nWann: {when}\nWo: {where}",
    ),
    en=(
        "Reminder: {title} on {when}",
        "Hello {name},\n\na reminder: {title}\nWhen: {when}\nWhere: {where}",
    ),
)
