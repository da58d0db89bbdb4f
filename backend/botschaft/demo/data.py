"""The demo program, modelled on the reference case in DESIGN.md (a city administration's
pilot: a core team of two, an HR viewer, 16 influencers diverse in age, gender, experience and
occupation). Names and the city are invented.

Every date is relative to the day the demo is loaded, so a newcomer always sees a living
program: the pilot call closed three weeks before the program started, the program started four
months ago and runs six months, and its posts fill the months up to the last one."""

from datetime import date

PROGRAM = {
    "name": "Wir sind Musterstadt – Corporate-Influencer-Pilot",
    "slug": "wir-sind-musterstadt",
    "description": (
        "Pilot des Corporate-Influencer-Programms der Stadtverwaltung: 16 Beschäftigte erzählen "
        "auf LinkedIn, Instagram und TikTok unter #WirSindMusterstadt von ihrer Arbeit."
    ),
    "hashtags": ["#WirSindMusterstadt", "#ArbeitenFürMusterstadt"],
    "platforms": ["linkedin", "instagram", "tiktok"],
    "timezone": "Europe/Berlin",
    "target_posts_per_month": 3,
}
PROGRAM_MONTHS = 6
MONTHS_RUNNING = 4  # months between the program's start and the month the demo is loaded


def add_months(day: date, months: int) -> date:
    month = day.month - 1 + months
    return date(day.year + month // 12, month % 12 + 1, 1)


def months_so_far(today: date) -> tuple[date, date]:
    """The program's whole months before `today`'s month: where the demo's posts are."""
    starts, _ = program_period(today)
    return starts, date.fromordinal(today.replace(day=1).toordinal() - 1)


def program_period(today: date) -> tuple[date, date]:
    """First day of the month four months ago, to the last day of its sixth month."""
    starts = add_months(today.replace(day=1), -MONTHS_RUNNING)
    ends = date.fromordinal(add_months(starts, PROGRAM_MONTHS).toordinal() - 1)
    return starts, ends


DOMAIN = "musterstadt.example"

ADMIN = ("Armin Keller", "admin")
CORE_TEAM = [("Katrin Vogt", "Personalmarketing"), ("Jonas Albrecht", "Employer Branding")]
HR_VIEWER = ("Dr. Ursula Brandt", "Leitung Personal")

# The influencer whose sign-in the README publishes; she takes a selected applicant's place.
DEMO_INFLUENCER = ("Sophie", "Wagner")

# Occupational groups (the reference questionnaire's codes) with their names and, per group,
# occupations as (female, male, neutral) with the department. An influencer's occupation
# follows their answers in the application, so the demo never contradicts itself.
GROUPS = {
    "tech": "Technik und Bau",
    "social": "Soziales, Erziehung und Gesundheit",
    "admin": "Verwaltung und IT",
    "green": "Grün und Umwelt",
    "safety": "Sicherheit und Ordnung",
}
OCCUPATIONS = {
    "admin": [
        (("Juristin", "Jurist", "Fachkraft Recht"), "Rechtsamt"),
        (("IT-Architektin", "IT-Architekt", "IT-Fachkraft"), "IT-Dienstleistungen"),
        (
            ("Verwaltungsfachangestellte", "Verwaltungsfachangestellter", "Fachkraft Verwaltung"),
            "Bürgerbüro",
        ),
        (
            ("Organisationsberaterin", "Organisationsberater", "Fachkraft Organisation"),
            "Personal- und Organisationsamt",
        ),
    ],
    "social": [
        (("Erzieherin", "Erzieher", "Fachkraft Kita"), "Kita Sonnenstraße"),
        (("Sozialpädagogin", "Sozialpädagoge", "Fachkraft Sozialpädagogik"), "Jugendamt"),
        (("Amtsärztin", "Amtsarzt", "Fachkraft Amtsmedizin"), "Gesundheitsamt"),
        (("Bibliothekarin", "Bibliothekar", "Fachkraft Bibliothek"), "Stadtbibliothek"),
    ],
    "tech": [
        (("Bauingenieurin", "Bauingenieur", "Fachkraft Bauingenieurwesen"), "Tiefbauamt"),
        (("Stadtplanerin", "Stadtplaner", "Fachkraft Stadtplanung"), "Stadtplanungsamt"),
        (("Straßenbaumeisterin", "Straßenbaumeister", "Fachkraft Straßenbau"), "Tiefbauamt"),
    ],
    "green": [
        (("Gärtnermeisterin", "Gärtnermeister", "Fachkraft Gartenbau"), "Gartenbauamt"),
        (("Forstwirtin", "Forstwirt", "Fachkraft Forst"), "Forstamt"),
    ],
    "safety": [
        (("Brandmeisterin", "Brandmeister", "Fachkraft Brandschutz"), "Feuerwehr"),
        (
            (
                "Mitarbeiterin Ordnungsdienst",
                "Mitarbeiter Ordnungsdienst",
                "Fachkraft Ordnungsdienst",
            ),
            "Kommunaler Ordnungsdienst",
        ),
    ],
}


def occupation(group: str, gender: str, index: int) -> tuple[str, str]:
    """The `index`-th occupation of a group in the form that fits the gender answer."""
    forms, department = OCCUPATIONS[group][index % len(OCCUPATIONS[group])]
    female, male, neutral = forms
    return {"female": female, "male": male}.get(gender, neutral), department


# The reference case's six-month figures (DESIGN.md), reproduced exactly by the demo posts.
POST_TOTALS = {"posts": 326, "likes": 15_496, "comments": 3_692}
