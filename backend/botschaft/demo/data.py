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

# name, occupation, department
INFLUENCERS = [
    ("Sophie Wagner", "Juristin", "Rechtsamt"),
    ("Maximilian Huber", "Brandmeister", "Feuerwehr"),
    ("Lena Schmid", "Bauingenieurin", "Tiefbauamt"),
    ("Aylin Yılmaz", "Erzieherin", "Kita Sonnenstraße"),
    ("Thomas Bauer", "Gärtnermeister", "Gartenbauamt"),
    ("Julia Fischer", "Organisationsberaterin", "Personal- und Organisationsamt"),
    ("Mehmet Demir", "Erzieher", "Kita Am Park"),
    ("Katharina Weber", "Sozialpädagogin", "Jugendamt"),
    ("Florian Maier", "IT-Architekt", "IT-Dienstleistungen"),
    ("Anna Hofmann", "Verwaltungsfachangestellte", "Bürgerbüro"),
    ("Stefan Koch", "Straßenbaumeister", "Tiefbauamt"),
    ("Dr. Marie Schulz", "Amtsärztin", "Gesundheitsamt"),
    ("Lukas Becker", "Auszubildender Verwaltungsinformatik", "Ausbildung"),
    ("Sabine Richter", "Bibliothekarin", "Stadtbibliothek"),
    ("Dominik Wolf", "Forstwirt", "Forstamt"),
    ("Elif Kaya", "Stadtplanerin", "Stadtplanungsamt"),
]
