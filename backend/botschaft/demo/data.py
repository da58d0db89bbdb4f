"""The demo program, modelled on the reference case in DESIGN.md (a city administration's
pilot: a core team of two, an HR viewer, 16 influencers diverse in age, gender, experience and
occupation). Names and the city are invented."""

PROGRAM = {
    "name": "Wir sind Musterstadt – Corporate-Influencer-Pilot",
    "slug": "wir-sind-musterstadt",
    "description": (
        "Pilot des Corporate-Influencer-Programms der Stadtverwaltung: 16 Beschäftigte erzählen "
        "auf LinkedIn, Instagram und TikTok unter #WirSindMusterstadt von ihrer Arbeit."
    ),
    "hashtags": ["#WirSindMusterstadt", "#ArbeitenFürMusterstadt"],
    "platforms": ["linkedin", "instagram", "tiktok"],
    "starts_on": "2026-01-01",
    "ends_on": "2026-06-30",
    "timezone": "Europe/Berlin",
    "target_posts_per_month": 3,
}

DOMAIN = "musterstadt.example"

ADMIN = ("Armin Keller", "admin")
CORE_TEAM = [("Katrin Vogt", "Personalmarketing"), ("Jonas Albrecht", "Employer Branding")]
HR_VIEWER = ("Dr. Ursula Brandt", "Leitung Personal")

TECH, SOCIAL, ADMIN_GROUP, GREEN = (
    "Technik und Bau",
    "Soziales, Erziehung und Gesundheit",
    "Verwaltung und IT",
    "Grün und Umwelt",
)

# name, occupation, department, occupational group
INFLUENCERS = [
    ("Sophie Wagner", "Juristin", "Rechtsamt", ADMIN_GROUP),
    ("Maximilian Huber", "Brandmeister", "Feuerwehr", TECH),
    ("Lena Schmid", "Bauingenieurin", "Tiefbauamt", TECH),
    ("Aylin Yılmaz", "Erzieherin", "Kita Sonnenstraße", SOCIAL),
    ("Thomas Bauer", "Gärtnermeister", "Gartenbauamt", GREEN),
    ("Julia Fischer", "Organisationsberaterin", "Personal- und Organisationsamt", ADMIN_GROUP),
    ("Mehmet Demir", "Erzieher", "Kita Am Park", SOCIAL),
    ("Katharina Weber", "Sozialpädagogin", "Jugendamt", SOCIAL),
    ("Florian Maier", "IT-Architekt", "IT-Dienstleistungen", ADMIN_GROUP),
    ("Anna Hofmann", "Verwaltungsfachangestellte", "Bürgerbüro", ADMIN_GROUP),
    ("Stefan Koch", "Straßenbaumeister", "Tiefbauamt", TECH),
    ("Dr. Marie Schulz", "Amtsärztin", "Gesundheitsamt", SOCIAL),
    ("Lukas Becker", "Auszubildender Verwaltungsinformatik", "Ausbildung", ADMIN_GROUP),
    ("Sabine Richter", "Bibliothekarin", "Stadtbibliothek", SOCIAL),
    ("Dominik Wolf", "Forstwirt", "Forstamt", GREEN),
    ("Elif Kaya", "Stadtplanerin", "Stadtplanungsamt", TECH),
]

# The reference case's six-month figures (DESIGN.md), reproduced exactly by the demo posts.
POST_TOTALS = {"posts": 326, "likes": 15_496, "comments": 3_692}
