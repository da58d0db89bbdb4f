"""The annex's words, German and English, keyed by the codes in visibility.py and facts.py.

Only words live here; every number and every yes/no comes from the live facts (facts.py).
"""

from __future__ import annotations

LANGS = ("de", "en")

CATEGORIES = {
    "application": {
        "de": (
            "Bewerbung",
            "Name, E-Mail-Adresse, Sprache, Antworten auf die Fragen des Aufrufs (auch Angaben "
            "zur Vielfalt wie Altersgruppe, Geschlecht, Berufsgruppe, Social-Media-Erfahrung), "
            "Einwilligungen mit Version und Zeitpunkt, Bewertungen und Schlagworte des "
            "Kernteams, Status",
            "Auswahl einer fairen und vielfältigen Gruppe; nur dafür",
        ),
        "en": (
            "Application",
            "Name, email address, language, answers to the call's questions (including "
            "diversity answers such as age band, gender, occupational group, social-media "
            "experience), consents with version and time, the core team's reviews and tags, "
            "status",
            "Selecting a fair and diverse group; for nothing else",
        ),
    },
    "account": {
        "de": (
            "Konto",
            "Name, E-Mail-Adresse, Rolle, Sprache",
            "Anmeldung, Zuordnung zum Programm",
        ),
        "en": (
            "Account",
            "Name, email address, role, language",
            "Signing in, membership of the program",
        ),
    },
    "sessions": {
        "de": (
            "Anmeldesitzungen",
            "Angemeldete Sitzungen mit Zeitpunkt, Adresse und Browser; bei Single Sign-on die "
            "Kennung beim Anbieter",
            "Anmeldung, Schutz vor Missbrauch",
        ),
        "en": (
            "Sign-in sessions",
            "Signed-in sessions with time, address and browser; with single sign-on the "
            "identifier at the provider",
            "Signing in, protection against misuse",
        ),
    },
    "membership": {
        "de": (
            "Teilnahme am Programm",
            "Rolle im Programm, Tätigkeit, Organisationseinheit, Berufsgruppe, Kohorte, Teams, "
            "Status (aktiv, pausiert, Alumni), Beitrittsdatum",
            "Begleitung durch das Kernteam; zusammengefasste Auswertungen",
        ),
        "en": (
            "Program membership",
            "Role in the program, occupation, department, occupational group, cohort, teams, "
            "status (active, paused, alumni), date joined",
            "Support by the core team; aggregated reports",
        ),
    },
    "posts": {
        "de": (
            "Beiträge und Kennzahlen",
            "Link, Plattform, Datum, Format, Hashtags, Thema, Notiz; Reichweite, Likes, "
            "Kommentare, Shares, Klicks, Speicherungen und deren Verlauf",
            "Controlling des Programms; nie für Beurteilungen",
        ),
        "en": (
            "Posts and figures",
            "Link, platform, date, format, hashtags, topic, note; impressions, likes, comments, "
            "shares, clicks, saves and their history",
            "Controlling the program; never for appraisals",
        ),
    },
    "outcomes": {
        "de": (
            "Ergebnisse",
            "Anfragen und Ergebnisse (Praktikum, Bewerbung, Vortrag, Podcast, Presse, "
            "Einstellung) mit Datum, zugeordnet zu Person und Beitrag; bei Anfragen auch Weg, "
            "Stand und wer fragte (als Rolle oder Organisation, ohne Namen)",
            "Zeigen, was das Programm bewirkt",
        ),
        "en": (
            "Outcomes",
            "Requests and outcomes (internship, application, speaker, podcast, press, hire) "
            "with date, attributed to a person and a post; for requests also the channel, "
            "the state and who asked (as a role or an organisation, without a name)",
            "Showing what the program achieves",
        ),
    },
    "learning": {
        "de": (
            "Lernreise",
            "Fortschritt je Modul (offen, begonnen, erledigt)",
            "Begleitung durch das Kernteam",
        ),
        "en": (
            "Learning journey",
            "Progress per module (open, started, done)",
            "Support by the core team",
        ),
    },
    "meetings": {
        "de": (
            "Treffen",
            "Einladungen, Zu- und Absagen, Anwesenheit bei Check-ins und Netzwerktreffen",
            "Organisation der Treffen, Begleitung",
        ),
        "en": (
            "Meetings",
            "Invitations, replies, attendance at check-ins and network meetings",
            "Organising meetings, support",
        ),
    },
    "audit": {
        "de": (
            "Audit-Protokoll",
            "Wer wann von welcher Adresse eine der unten genannten Aktionen ausgeführt hat",
            "Nachvollziehbarkeit, Schutz vor Missbrauch",
        ),
        "en": (
            "Audit log",
            "Who did one of the actions listed below, when and from which address",
            "Accountability, protection against misuse",
        ),
    },
}

SUBJECTS = {
    "applicants": {"de": "Bewerbende", "en": "Applicants"},
    "influencers": {"de": "Influencer", "en": "Influencers"},
    "everyone": {"de": "Alle", "en": "Everyone"},
}

AUDIENCES = {
    "self": {"de": "die Person selbst", "en": "the person"},
    "peers": {"de": "andere Influencer", "en": "other influencers"},
    "core_team": {"de": "Kernteam", "en": "core team"},
    "hr_viewer": {"de": "HR-Leitung", "en": "HR leadership"},
    "admin": {"de": "Administration", "en": "administrators"},
}

LEVELS = {
    "individual": {"de": "einzeln, mit Namen", "en": "individually, with names"},
    "own": {"de": "nur die eigenen", "en": "only their own"},
    "aggregate": {"de": "zusammengefasst", "en": "aggregates only"},
    "none": {"de": "nichts", "en": "nothing"},
}

BREAKDOWNS = {
    "platform": {"de": "Plattform", "en": "platform"},
    "format": {"de": "Format", "en": "format"},
    "occupational_group": {"de": "Berufsgruppe", "en": "occupational group"},
    "cohort": {"de": "Kohorte", "en": "cohort"},
    "team": {"de": "Team", "en": "team"},
}

FIGURES = {
    "posts": {"de": "Beiträge", "en": "posts"},
    "impressions": {"de": "Reichweite", "en": "impressions"},
    "engagements": {"de": "Interaktionen", "en": "engagements"},
    "outcomes": {"de": "Ergebnisse", "en": "outcomes"},
    "followers": {"de": "Follower", "en": "followers"},
}

AUDIT_ACTIONS = {
    "auth.login": {"de": "Anmeldung (auch fehlgeschlagene)", "en": "sign-in (also failed ones)"},
    "auth.logout": {"de": "Abmeldung", "en": "sign-out"},
    "auth.sso_refused": {
        "de": "abgelehnte Anmeldung über Single Sign-on",
        "en": "refused single sign-on",
    },
    "auth.login_failed": {
        "de": "fehlgeschlagene Anmeldung (mit der eingegebenen Adresse)",
        "en": "failed sign-in (with the address entered)",
    },
    "auth.invitation_sent": {"de": "Einladung verschickt", "en": "invitation sent"},
    "auth.invitation_resent": {"de": "Einladung erneut verschickt", "en": "invitation resent"},
    "auth.password_set_by_invitation": {
        "de": "Passwort über eine Einladung gesetzt",
        "en": "password set through an invitation",
    },
    "auth.password_reset_requested": {
        "de": "neues Passwort angefordert (nur für bestehende Konten)",
        "en": "password reset requested (existing accounts only)",
    },
    "auth.password_reset_done": {
        "de": "Passwort über einen Zurücksetzen-Link geändert",
        "en": "password changed through a reset link",
    },
    "user.created": {"de": "Konto angelegt", "en": "account created"},
    "user.password_set": {
        "de": "Passwort von einer Administratorin oder einem Administrator gesetzt",
        "en": "password set by an administrator",
    },
    "user.deactivated": {"de": "Konto deaktiviert", "en": "account deactivated"},
    "user.activated": {"de": "Konto wieder aktiviert", "en": "account reactivated"},
    "user.role_changed": {"de": "Rolle eines Kontos geändert", "en": "account role changed"},
    "program.created": {"de": "Programm angelegt", "en": "program created"},
    "program.member_added": {"de": "Person ins Programm aufgenommen", "en": "member added"},
    "program.rankings_changed": {
        "de": "Ranglisten für die Personalleitung ein- oder ausgeschaltet",
        "en": "rankings for HR leadership turned on or off",
    },
    "program.min_group_size_changed": {
        "de": "Mindestgröße der Gruppen für die Personalleitung geändert",
        "en": "minimum group size for HR leadership changed",
    },
    "program.member_removed": {
        "de": "Person aus dem Programm entfernt (ihre Daten gelöscht)",
        "en": "member removed (their data erased)",
    },
    "program.member_role_changed": {
        "de": "Rolle im Programm geändert",
        "en": "program role changed",
    },
    "program.member_status_changed": {
        "de": "Status im Programm geändert",
        "en": "membership status changed",
    },
    "program.member_cohort_changed": {"de": "Kohorte geändert", "en": "cohort changed"},
    "selection.confirmed": {"de": "Auswahl bestätigt", "en": "selection confirmed"},
    "selection.replaced": {"de": "Auswahl ersetzt", "en": "selection replaced"},
    "selection.replacement_drawn": {"de": "Nachrücker ausgelost", "en": "replacement drawn"},
    "data.exported": {
        "de": "Export von Daten (Bewerbungen, Kennzahlen, eigene Daten)",
        "en": "data exported (applications, KPIs, own data)",
    },
    "application.erased": {"de": "Bewerbung gelöscht", "en": "application erased"},
    "erasure.requested": {
        "de": "Löschung eines Kontos beantragt",
        "en": "erasure of an account requested",
    },
    "erasure.withdrawn": {"de": "Löschantrag zurückgezogen", "en": "erasure request withdrawn"},
    "account.erased": {
        "de": "Konto gelöscht (Art. 17 DSGVO), die Person im Protokoll durch ein Pseudonym ersetzt",
        "en": "account erased (GDPR Art. 17), the person replaced by a pseudonym in the log",
    },
    "applications.erased": {
        "de": "Bewerbungen nach Ablauf der Aufbewahrungsfrist gelöscht",
        "en": "applications erased when the retention period ended",
    },
    "transparency.annex_downloaded": {
        "de": "diese Anlage heruntergeladen",
        "en": "this annex downloaded",
    },
}

RIGHTS = {
    "applicant_access": {
        "de": "Bewerbende sehen, ändern und laden alle Daten ihrer Bewerbung (JSON) über ihren "
        "privaten Link oder, angemeldet, unter „Meine Bewerbungen“ herunter.",
        "en": "Applicants view, change and download everything stored about their "
        "application (JSON) through their private link or, signed in, under “My applications”.",
    },
    "applicant_erasure": {
        "de": "Bewerbende löschen ihre Bewerbung jederzeit selbst, sofort und endgültig.",
        "en": "Applicants erase their application themselves at any time, at once and for good.",
    },
    "influencer_access": {
        "de": "Influencer sehen ihre Beiträge, Kennzahlen und Ergebnisse in der App und auf der "
        "Seite „Was HR über mich sieht“; eine vollständige Kopie (JSON und CSV in einer "
        "ZIP-Datei) laden sie unter „Meine Daten“ selbst herunter.",
        "en": "Influencers see their posts, figures and outcomes in the app and on the page "
        "“What HR sees about me”; they download a complete copy (JSON and CSV in one ZIP "
        "file) themselves under “My data”.",
    },
    "influencer_erasure": {
        "de": "Unter „Meine Daten“ beantragt die Person die Löschung; das Kernteam (oder eine "
        "Administratorin) bestätigt. Dann werden das Konto, die Anmeldedaten, Bewerbungen, "
        "E-Mails und alles, was die Person nennt, gelöscht; im Protokoll steht ein Pseudonym. "
        "Die Summen des Programms bleiben ohne Person erhalten: Beiträge ohne Link, Hashtags "
        "und Notizen, Ergebnisse ohne Notiz. Entfernt das Kernteam jemanden aus dem Programm, "
        "werden gelöscht: {tables}.",
        "en": "Under “My data” the person asks for erasure; the core team (or an administrator) "
        "confirms. Then the account, sign-in data, applications, emails and everything that "
        "names the person are erased; the log shows a pseudonym. The program's totals keep "
        "their sums without the person: posts without link, hashtags and notes, outcomes "
        "without a note. When the core team removes someone from a program, this erases: "
        "{tables}.",
    },
}

# Tables erased with a membership (found from the foreign keys, facts.erased_with_membership).
TABLES = {
    "posts": {"de": "Beiträge", "en": "posts"},
    "post_metric_snapshots": {"de": "Kennzahlen-Verlauf", "en": "figure history"},
    "post_rollups": {"de": "Monatssummen je Person", "en": "monthly sums per person"},
    "outcomes": {"de": "Ergebnisse", "en": "outcomes"},
    "inbound_requests": {"de": "Eingegangene Anfragen", "en": "requests received"},
    "applicant_questions": {
        "de": "Notierte Fragen von Bewerbenden",
        "en": "applicant questions noted",
    },
    "learning_progress": {"de": "Lernfortschritt", "en": "learning progress"},
    "meeting_invitations": {
        "de": "Einladungen und Anwesenheit",
        "en": "invitations and attendance",
    },
    "team_members": {"de": "Teamzugehörigkeit", "en": "team memberships"},
    "group_periods": {
        "de": "seit wann und bis wann in welcher Kohorte und welchem Team",
        "en": "from when to when in which cohort and team",
    },
    "group_edges": {
        "de": "Monate, in denen sich Kohorte oder Team änderten",
        "en": "months in which the cohort or team changed",
    },
    "briefing_reads": {"de": "Lesebestätigungen", "en": "read receipts"},
    "nudge_preferences": {"de": "Wahl der Erinnerungs-E-Mail", "en": "reminder email choice"},
    "report_subscriptions": {"de": "Abo des Monatsberichts", "en": "monthly report subscription"},
    "support_notes": {
        "de": "Unterstützungsnotizen des Kernteams",
        "en": "core team's support notes",
    },
    "follower_readings": {"de": "Follower-Zahlen", "en": "follower counts"},
    "social_profiles": {"de": "Links zu eigenen Konten", "en": "links to own accounts"},
}


def label(table: dict, code: str, lang: str) -> str:
    """The word for `code`, or the code itself when none is written yet (never a gap)."""
    return table.get(code, {}).get(lang, code)
