"""Words for stored codes in downloads, in the reader's language (German or English).

People read "ausgewählt" and "LinkedIn", not "selected" and "linkedin"; the codes stay in an
extra column for machines. The language comes from `?lang=` (the SPA sends its UI language),
else from Accept-Language, else German. Wording matches the SPA's catalog.
"""

from __future__ import annotations

from typing import Literal

from fastapi import Request

Lang = Literal["de", "en"]

_DE: dict[str, str] = {
    "yes": "ja",
    "no": "nein",
    "code": "Code",
    "status.submitted": "Eingegangen",
    "status.shortlisted": "In der engeren Wahl",
    "status.withdrawn": "Zurückgezogen",
    "status.selected": "Ausgewählt",
    "status.alternate": "Nachrückliste",
    "status.not_selected": "Nicht ausgewählt",
    "outcome.selected": "ausgewählt",
    "outcome.alternate": "Nachrückliste",
    "outcome.not_selected": "nicht ausgewählt",
    "platform.other": "Andere",
    "format.text": "Text",
    "format.image": "Bild",
    "format.video": "Video",
    "format.carousel": "Karussell",
    "format.live": "Live",
    "format.article": "Artikel",
    "type.internship_request": "Praktikumsanfrage",
    "type.job_application": "Bewerbung",
    "type.speaker_request": "Anfrage für einen Vortrag",
    "type.podcast_request": "Podcast-Anfrage",
    "type.press_request": "Presseanfrage",
    "type.hire": "Einstellung",
    "type.internship": "Praktikum vereinbart",
    "type.talk": "Vortrag oder Auftritt",
    "type.other": "Sonstiges",
    "group.other": "Weitere (kleine Gruppen)",
    "figure.posts": "Beiträge",
    "figure.impressions": "Impressionen",
    "figure.likes": "Likes",
    "figure.comments": "Kommentare",
    "figure.shares": "Geteilt",
    "figure.engagements": "Interaktionen",
    "figure.engagement_rate": "Interaktionsrate (%)",
    "figure.influencers": "Influencer",
    "figure.active_influencers": "Aktive Influencer",
    "figure.participation_rate": "Beteiligung (%)",
    "figure.outcomes": "Ergebnisse",
    "figure.followers": "Follower",
    "figure.follower_growth": "Neue Follower",
    "figure.posts_per_month": "Beiträge pro Monat",
    "figure.person_followers": "Follower je Person",
    "figure.person_follower_growth": "Neue Follower je Person",
    "figure.earned_media_value": "Werbewert",
    "col.figure": "Kennzahl",
    "col.month": "Monat",
    "col.group": "Gruppe",
    "col.people": "Personen",
    "col.type": "Art",
    "col.count": "Anzahl",
    "col.formula": "Formel",
    "col.section": "Bereich",
    "col.key": "Zeile",
    "col.value": "Wert",
    "sheet.totals": "Summen",
    "sheet.monthly": "Pro Monat",
    "sheet.by_platform": "Nach Plattform",
    "sheet.by_format": "Nach Format",
    "sheet.by_occupation": "Nach Berufsgruppe",
    "sheet.by_cohort": "Nach Kohorte",
    "sheet.by_team": "Nach Team",
    "sheet.outcomes": "Ergebnisse",
    "sheet.questions": "Häufige Fragen",
    "col.topic": "Thema",
    "sheet.formulas": "Formeln",
    "sheet.hidden": "Verborgen",
    "col.breakdown": "Aufschlüsselung",
    "col.why": "Warum",
    "hidden.fewer_than_min_group": "verborgen: weniger als {n} Personen",
    "hidden.month_not_over": "verborgen: der Monat ist noch nicht vorbei",
    "hidden.other": "verborgen",
    "hidden.rest_fewer_than_min_group": "verborgen: außerhalb des Filters weniger als {n} Personen",
    "hidden.filtered": "nicht aufgeschlüsselt, solange ein Filter gesetzt ist",
    "sheet.filter": "Filter",
    "filter.platform": "Plattform",
    "filter.cohort": "Kohorte",
    "filter.team": "Team",
    "app.name": "Name",
    "app.email": "E-Mail",
    "app.status": "Status",
    "app.submitted": "Eingang",
    "app.tags": "Tags",
    "app.for": "Stimmen dafür",
    "app.against": "Stimmen dagegen",
    "app.sheet": "Bewerbungen",
    "app.file": "bewerbungen",
}

_EN: dict[str, str] = {
    "yes": "yes",
    "no": "no",
    "code": "code",
    "status.submitted": "Received",
    "status.shortlisted": "Shortlisted",
    "status.withdrawn": "Withdrawn",
    "status.selected": "Selected",
    "status.alternate": "Reserve list",
    "status.not_selected": "Not selected",
    "outcome.selected": "selected",
    "outcome.alternate": "reserve list",
    "outcome.not_selected": "not selected",
    "platform.other": "Other",
    "format.text": "Text",
    "format.image": "Image",
    "format.video": "Video",
    "format.carousel": "Carousel",
    "format.live": "Live",
    "format.article": "Article",
    "type.internship_request": "Internship request",
    "type.job_application": "Job application",
    "type.speaker_request": "Speaker request",
    "type.podcast_request": "Podcast request",
    "type.press_request": "Press request",
    "type.hire": "Hire",
    "type.internship": "Internship agreed",
    "type.talk": "Talk or appearance",
    "type.other": "Other",
    "group.other": "Others (small groups)",
    "figure.posts": "Posts",
    "figure.impressions": "Impressions",
    "figure.likes": "Likes",
    "figure.comments": "Comments",
    "figure.shares": "Shares",
    "figure.engagements": "Engagements",
    "figure.engagement_rate": "Engagement rate (%)",
    "figure.influencers": "Influencers",
    "figure.active_influencers": "Active influencers",
    "figure.participation_rate": "Participation (%)",
    "figure.outcomes": "Outcomes",
    "figure.followers": "Followers",
    "figure.follower_growth": "Followers gained",
    "figure.posts_per_month": "Posts per month",
    "figure.person_followers": "Followers per person",
    "figure.person_follower_growth": "Followers gained per person",
    "figure.earned_media_value": "Earned-media value",
    "col.figure": "Figure",
    "col.month": "Month",
    "col.group": "Group",
    "col.people": "People",
    "col.type": "Type",
    "col.count": "Count",
    "col.formula": "Formula",
    "col.section": "Section",
    "col.key": "Row",
    "col.value": "Value",
    "sheet.totals": "Totals",
    "sheet.monthly": "Monthly",
    "sheet.by_platform": "By platform",
    "sheet.by_format": "By format",
    "sheet.by_occupation": "By occupational group",
    "sheet.by_cohort": "By cohort",
    "sheet.by_team": "By team",
    "sheet.outcomes": "Outcomes",
    "sheet.questions": "Frequent questions",
    "col.topic": "Topic",
    "sheet.formulas": "Formulas",
    "sheet.hidden": "Hidden",
    "col.breakdown": "Breakdown",
    "col.why": "Why",
    "hidden.fewer_than_min_group": "hidden: fewer than {n} people",
    "hidden.month_not_over": "hidden: the month is not over yet",
    "hidden.other": "hidden",
    "hidden.rest_fewer_than_min_group": "hidden: fewer than {n} people outside the filter",
    "hidden.filtered": "not broken down while a filter is set",
    "sheet.filter": "Filter",
    "filter.platform": "Platform",
    "filter.cohort": "Cohort",
    "filter.team": "Team",
    "app.name": "Name",
    "app.email": "Email",
    "app.status": "Status",
    "app.submitted": "Received",
    "app.tags": "Tags",
    "app.for": "Votes for",
    "app.against": "Votes against",
    "app.sheet": "Applications",
    "app.file": "applications",
}

# Platform names are the same in both languages (LinkedIn, TikTok, ...).
_PLATFORMS = {
    "linkedin": "LinkedIn",
    "instagram": "Instagram",
    "tiktok": "TikTok",
    "youtube": "YouTube",
    "x": "X",
    "facebook": "Facebook",
    "xing": "XING",
    "threads": "Threads",
    "bluesky": "Bluesky",
    "mastodon": "Mastodon",
}
for _code, _name in _PLATFORMS.items():
    _DE[f"platform.{_code}"] = _EN[f"platform.{_code}"] = _name

_CATALOG: dict[str, dict[str, str]] = {"de": _DE, "en": _EN}


def export_language(request: Request, lang: str | None = None) -> Lang:
    """`lang` if given, else the first German or English tag of Accept-Language, else German."""
    if lang in ("de", "en"):
        return lang  # type: ignore[return-value]
    for part in request.headers.get("accept-language", "").split(","):
        tag = part.split(";")[0].strip().lower()[:2]
        if tag in ("de", "en"):
            return tag  # type: ignore[return-value]
    return "de"


def word(lang: Lang, key: str, fallback: str | None = None) -> str:
    """The word for `key` (e.g. "platform.linkedin"); unknown keys give `fallback` or the code."""
    found = _CATALOG[lang].get(key)
    if found is not None:
        return found
    return fallback if fallback is not None else key.split(".", 1)[-1]
