"""The reference case's questionnaire (DESIGN.md): a few short questions about the person and
their job, and the four dimensions the pilot cohort was balanced on."""

from __future__ import annotations

from botschaft.calls.schemas import OptionIn, QuestionIn


def _options(*values: tuple[str, str, str]) -> list[OptionIn]:
    return [OptionIn(value=v, label_de=de, label_en=en) for v, de, en in values]


NO_ANSWER = ("no_answer", "Keine Angabe", "Prefer not to say")

REFERENCE_QUESTIONS: list[QuestionIn] = [
    QuestionIn(
        key="motivation",
        type="long_text",
        required=True,
        max_length=1500,
        label_de="Warum möchten Sie Corporate Influencer werden?",
        label_en="Why would you like to become a corporate influencer?",
        help_de="Ein paar Sätze genügen.",
        help_en="A few sentences are enough.",
    ),
    QuestionIn(
        key="topics",
        type="long_text",
        required=True,
        max_length=1000,
        label_de="Über welche Themen aus Ihrer Arbeit würden Sie gern berichten?",
        label_en="Which topics from your work would you like to talk about?",
    ),
    QuestionIn(
        key="platforms",
        type="multiple_choice",
        label_de="Welche Plattformen nutzen Sie bereits?",
        label_en="Which platforms do you already use?",
        options=_options(
            ("linkedin", "LinkedIn", "LinkedIn"),
            ("instagram", "Instagram", "Instagram"),
            ("tiktok", "TikTok", "TikTok"),
            ("xing", "XING", "XING"),
            ("facebook", "Facebook", "Facebook"),
            ("youtube", "YouTube", "YouTube"),
            ("none", "Noch keine", "None yet"),
        ),
    ),
    QuestionIn(
        key="profile_url",
        type="url",
        label_de="Link zu Ihrem Profil",
        label_en="Link to your profile",
    ),
    QuestionIn(
        key="experience",
        type="single_choice",
        required=True,
        is_dimension=True,
        label_de="Wie viel Erfahrung haben Sie mit sozialen Medien?",
        label_en="How much experience do you have with social media?",
        options=_options(
            ("none", "Kaum – ich lese eher mit", "Hardly any – I mostly read"),
            ("some", "Ich poste gelegentlich", "I post now and then"),
            ("regular", "Ich poste regelmäßig", "I post regularly"),
            ("creator", "Ich habe eine größere Reichweite", "I have a sizeable audience"),
        ),
    ),
    QuestionIn(
        key="time_available",
        type="single_choice",
        required=True,
        label_de="Wie viel Zeit könnten Sie pro Woche investieren?",
        label_en="How much time could you spend per week?",
        options=_options(
            ("lt1h", "Weniger als eine Stunde", "Less than an hour"),
            ("1to2h", "Ein bis zwei Stunden", "One to two hours"),
            ("gt2h", "Mehr als zwei Stunden", "More than two hours"),
        ),
    ),
    QuestionIn(
        key="age_band",
        type="single_choice",
        required=True,
        is_dimension=True,
        label_de="Altersgruppe",
        label_en="Age group",
        options=_options(
            ("under_25", "unter 25", "under 25"),
            ("25_34", "25–34", "25–34"),
            ("35_44", "35–44", "35–44"),
            ("45_54", "45–54", "45–54"),
            ("55_plus", "55 und älter", "55 and over"),
            NO_ANSWER,
        ),
    ),
    QuestionIn(
        key="gender",
        type="single_choice",
        required=True,
        is_dimension=True,
        label_de="Geschlecht",
        label_en="Gender",
        options=_options(
            ("female", "weiblich", "female"),
            ("male", "männlich", "male"),
            ("diverse", "divers", "diverse"),
            NO_ANSWER,
        ),
    ),
    QuestionIn(
        key="occupation_group",
        type="single_choice",
        required=True,
        is_dimension=True,
        label_de="Berufsgruppe",
        label_en="Occupational group",
        options=_options(
            ("tech", "Technik und Bau", "Engineering and construction"),
            ("social", "Soziales, Erziehung und Gesundheit", "Social work, education, health"),
            ("admin", "Verwaltung und IT", "Administration and IT"),
            ("green", "Grün und Umwelt", "Parks and environment"),
            ("safety", "Sicherheit und Ordnung", "Public safety"),
        ),
    ),
    QuestionIn(
        key="department",
        type="short_text",
        max_length=200,
        label_de="Amt oder Abteilung",
        label_en="Office or department",
    ),
]

REFERENCE_PRIVACY = {
    "de": (
        "Wir verarbeiten Ihre Angaben nur, um das Corporate-Influencer-Programm zu besetzen. "
        "Zugriff hat nur das Kernteam. Werden Sie nicht ausgewählt, löschen wir Ihre "
        "Bewerbung spätestens sechs Monate nach Ende der Bewerbungsfrist. Sie können Ihre "
        "Bewerbung jederzeit über Ihren persönlichen Link einsehen, ändern, zurückziehen, "
        "herunterladen oder löschen."
    ),
    "en": (
        "We process your details only to staff the corporate-influencer program. Only the core "
        "team has access. If you are not selected, your application is erased at the latest "
        "six months after the closing date. You can view, change, withdraw, download or erase "
        "your application at any time through your private link."
    ),
}
REFERENCE_CONSENT = {
    "de": (
        "Ich willige ein, dass meine Angaben zu Altersgruppe, Geschlecht, Erfahrung und "
        "Berufsgruppe ausschließlich für eine faire und vielfältige Auswahl verwendet werden."
    ),
    "en": (
        "I agree that my answers on age group, gender, experience and occupational group are "
        "used only for a fair and diverse selection."
    ),
}
