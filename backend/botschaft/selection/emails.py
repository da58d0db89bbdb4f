"""Email texts of the selection (German and English)."""

from botschaft.notifications.templates import register_template

register_template(
    "selection.selected",
    de=(
        "Willkommen im Programm: {program_name}",
        "Hallo {name},\n\nherzlichen Glückwunsch: Sie sind für „{cohort_name}“ im Programm "
        "{program_name} ausgewählt. Wir freuen uns auf Sie!\n\nMelden Sie sich hier an, um "
        "Ihre Lernreise und die ersten Termine zu sehen:\n{link}",
    ),
    en=(
        "Welcome to the program: {program_name}",
        "Hello {name},\n\ncongratulations: you have been selected for “{cohort_name}” in "
        "{program_name}. We look forward to working with you!\n\nSign in here to see your "
        "learning journey and the first meetings:\n{link}",
    ),
)

# For a new account without single sign-on: the link sets the first password.
register_template(
    "selection.selected_invitation",
    de=(
        "Willkommen im Programm: {program_name}",
        "Hallo {name},\n\nherzlichen Glückwunsch: Sie sind für „{cohort_name}“ im Programm "
        "{program_name} ausgewählt. Wir freuen uns auf Sie!\n\nLegen Sie hier Ihr Passwort "
        "fest; danach sehen Sie gleich Ihre Lernreise und die ersten Termine:\n{link}\n\nDer "
        "Link funktioniert einmal und {days} Tage lang. Ist er abgelaufen, bitten Sie das "
        "Kernteam um einen neuen.",
    ),
    en=(
        "Welcome to the program: {program_name}",
        "Hello {name},\n\ncongratulations: you have been selected for “{cohort_name}” in "
        "{program_name}. We look forward to working with you!\n\nSet your password here; "
        "right after you see your learning journey and the first meetings:\n{link}\n\nThe "
        "link works once and for {days} days. If it has expired, ask the core team for a "
        "new one.",
    ),
)

register_template(
    "selection.alternate",
    de=(
        "Ihre Bewerbung: {program_name}",
        "Hallo {name},\n\nvielen Dank für Ihre Bewerbung. Für „{cohort_name}“ stehen Sie auf "
        "der Nachrückliste (Platz {rank}). Wird ein Platz frei, melden wir uns bei Ihnen.",
    ),
    en=(
        "Your application: {program_name}",
        "Hello {name},\n\nthank you for applying. For “{cohort_name}” you are on the reserve "
        "list (place {rank}). If a place becomes free, we will contact you.",
    ),
)

register_template(
    "selection.not_selected",
    de=(
        "Ihre Bewerbung: {program_name}",
        "Hallo {name},\n\nvielen Dank für Ihre Bewerbung. Für „{cohort_name}“ konnten wir Sie "
        "dieses Mal nicht auswählen: Wir haben die Gruppe fair und möglichst vielfältig "
        "zusammengestellt, und es gab mehr Bewerbungen als Plätze. Wir würden uns freuen, "
        "wenn Sie sich bei einer nächsten Runde wieder bewerben.",
    ),
    en=(
        "Your application: {program_name}",
        "Hello {name},\n\nthank you for applying. For “{cohort_name}” we could not select you "
        "this time: we put the group together fairly and as diverse as possible, and there "
        "were more applications than places. We would be glad if you applied again in a "
        "later round.",
    ),
)
