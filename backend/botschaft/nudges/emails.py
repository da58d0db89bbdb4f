"""The influencer's own reminder (German and English): their month so far, never a ranking."""

from botschaft.notifications.templates import register_template

register_template(
    "nudges.month_so_far",
    de=(
        "Ihr Monat bisher: {program_name}",
        "Hallo {name},\n\nIhr {month} bisher im Programm {program_name}: {posts} Beiträge "
        "(Ihr Ziel: {target} im Monat), {engagements} Interaktionen.\n\nEinen Beitrag "
        "erfassen: {link}\n\nDiese Erinnerung haben Sie selbst eingeschaltet; ausschalten "
        "können Sie sie unter „Meine Daten“: {profile_link}",
    ),
    en=(
        "Your month so far: {program_name}",
        "Hello {name},\n\nyour {month} so far in {program_name}: {posts} posts (your target: "
        "{target} a month), {engagements} engagements.\n\nLog a post: {link}\n\nYou turned "
        "this reminder on yourself; turn it off under “My data”: {profile_link}",
    ),
)
