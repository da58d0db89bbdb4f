"""Email text of the monthly report (German and English); the figures are in the summary and
the attached PDF."""

from botschaft.notifications.templates import register_template

register_template(
    "reports.monthly",
    de=(
        "Monatsbericht {month}: {program_name}",
        "Hallo {name},\n\n{summary}\nSie bekommen diesen Bericht, weil Sie ihn im Programm "
        "abonniert haben; abbestellen können Sie ihn auf der Seite „Bericht“.",
    ),
    en=(
        "Monthly report {month}: {program_name}",
        "Hello {name},\n\n{summary}\nYou get this report because you subscribed to it in the "
        "program; you can unsubscribe on the “Report” page.",
    ),
)
