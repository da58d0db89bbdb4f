"""Which column of an exported table holds which figure: ready mappings and header synonyms.

`linkedin` fits LinkedIn's post analytics export (XLSX or CSV: "Post URL", "Post publish date",
"Impressions", "Reactions", "Comments", "Reposts", "Clicks"); `generic` is the template the
user guide describes (columns named like the fields below). Other tables are mapped by the
synonyms, in German and English, or by a mapping the user sends.
"""

from __future__ import annotations

FIELDS = (
    "url",
    "published_on",
    "read_at",
    "impressions",
    "likes",
    "comments",
    "shares",
    "clicks",
    "saves",
    "member_email",
    "format",
)
COUNTS = ("impressions", "likes", "comments", "shares", "clicks", "saves")

PRESETS: dict[str, dict[str, str]] = {
    "generic": {field: field for field in FIELDS},
    "linkedin": {
        "url": "Post URL",
        "published_on": "Post publish date",
        "impressions": "Impressions",
        "likes": "Reactions",
        "comments": "Comments",
        "shares": "Reposts",
        "clicks": "Clicks",
    },
}

SYNONYMS: dict[str, tuple[str, ...]] = {
    "url": (
        "url",
        "post url",
        "post link",
        "update link",
        "link",
        "permalink",
        "beitrag",
        "link zum beitrag",
    ),
    "published_on": (
        "published_on",
        "post publish date",
        "publish date",
        "created date",
        "date",
        "datum",
        "veröffentlicht am",
        "veröffentlicht",
    ),
    "read_at": ("read_at", "read at", "abgelesen am", "stand"),
    "impressions": (
        "impressions",
        "impressionen",
        "views",
        "video views",
        "aufrufe",
        "reach",
        "reichweite",
    ),
    "likes": ("likes", "reactions", "reaktionen", "gefällt mir"),
    "comments": ("comments", "kommentare"),
    "shares": ("shares", "reposts", "geteilt", "weitergeleitet"),
    "clicks": ("clicks", "klicks"),
    "saves": ("saves", "gespeichert"),
    "member_email": ("member_email", "email", "e-mail", "influencer", "author email"),
    "format": (
        "format",
        "post type",
        "content type",
        "media type",
        "type",
        "beitragsart",
        "beitragstyp",
        "art",
        "typ",
        "medientyp",
    ),
}

# The words exports and people use for a post's format (lower case), in German and English.
FORMAT_WORDS: dict[str, str] = {
    **{w: "text" for w in ("text", "text only", "nur text", "status", "post", "beitrag")},
    **{w: "image" for w in ("image", "photo", "picture", "bild", "foto", "grafik")},
    **{w: "video" for w in ("video", "reel", "reels", "short", "clip")},
    **{w: "carousel" for w in ("carousel", "karussell", "document", "dokument", "album", "slides")},
    **{w: "live" for w in ("live", "livestream", "live video", "live-video", "event")},
    **{w: "article" for w in ("article", "artikel", "newsletter", "blog")},
}


def with_suggestions(mapping: dict[str, str], columns: list[str]) -> dict[str, str]:
    """A preset's mapping plus the synonyms for the fields it leaves out (the influencer's
    email, the format ...), where a column of the file is still free."""
    used = set(mapping.values())
    extra = {f: c for f, c in suggest(columns).items() if f not in mapping and c not in used}
    return mapping | extra


def suggest(columns: list[str]) -> dict[str, str]:
    """field -> column, by exact header synonyms (case and spaces ignored)."""
    normal = {c.strip().lower(): c for c in columns if c}
    mapping = {}
    for field, names in SYNONYMS.items():
        for name in names:
            if name in normal:
                mapping[field] = normal[name]
                break
    return mapping
