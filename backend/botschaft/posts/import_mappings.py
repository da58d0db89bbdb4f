"""Which column of an exported table holds which figure: ready mappings and header synonyms.

Four presets (`PRESETS`):

- `generic`: the template the user guide describes, columns named like the fields below.
- `linkedin`: LinkedIn's post analytics export (XLSX or CSV, often below a title block):
  "Post URL", "Post publish date", "Impressions", "Reactions", "Comments", "Reposts", "Clicks".
  Its creator analytics workbook ("AggregateAnalytics_….xlsx") is read from its TOP POSTS sheet
  (imports.read_table): the impressions per post; its "Engagements" (a total without the split
  into reactions, comments and reposts) has no place in a post and is listed as ignored.
- `instagram`: the content export of Instagram's professional dashboard / Meta Business Suite
  (Insights → Content → Export, CSV): "Permalink", "Publish time" (month first,
  "03/31/2026 09:15"), "Views", "Likes", "Comments", "Shares", "Saves" and "Post type"
  ("IG image", "IG carousel", "IG reel" ...). "Reach", "Follows", "Date" ("Lifetime") and the
  account columns are not read.
- `tiktok`: TikTok Studio's content export (CSV or XLSX): "Video link", "Post time",
  "Total views", "Total likes", "Total comments", "Total shares" and, where the export has it,
  "Add to favorites". It has no format column: new posts take the format their link shows
  (video, posts/urls.format_from_link).

A platform preset's link and date columns (`REQUIRED`) must be in the file: without them it is
another platform's export or another table, and the import says which columns are missing
rather than guessing. Its other columns missing from a file are left out; the synonyms (German
and English) add the fields a preset does not know (the influencer's email ...). Without a
preset the synonyms map the whole table, or the user sends a mapping.
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
    # Current exports count "Views" (Meta replaced the `impressions` metric by `views` in
    # 2025). An older export with "Impressions" instead still maps: a preset column missing
    # from the file is dropped and the synonyms then pick "Impressions" (before "Reach").
    # "Reach" (unique accounts) is not an impression count and stays unread.
    "instagram": {
        "url": "Permalink",
        "published_on": "Publish time",
        "impressions": "Views",
        "likes": "Likes",
        "comments": "Comments",
        "shares": "Shares",
        "saves": "Saves",
        "format": "Post type",
    },
    # The export has no format column: posts the import creates take the format their link
    # shows (a TikTok is a video, imports.py).
    "tiktok": {
        "url": "Video link",
        "published_on": "Post time",
        "impressions": "Total views",
        "likes": "Total likes",
        "comments": "Total comments",
        "shares": "Total shares",
        "saves": "Add to favorites",
    },
}

# The fields whose preset columns a file must have: the post's link and its publication date
# (every platform's export has both; the figures vary: an older Instagram export says
# "Impressions" instead of "Views", LinkedIn's TOP POSTS sheet has impressions only).
REQUIRED: dict[str, tuple[str, ...]] = {
    "linkedin": ("url", "published_on"),
    "instagram": ("url", "published_on"),
    "tiktok": ("url", "published_on"),
}

SYNONYMS: dict[str, tuple[str, ...]] = {
    "url": (
        "url",
        "post url",
        "post link",
        "update link",
        "video link",
        "link",
        "permalink",
        "beitrag",
        "link zum beitrag",
    ),
    "published_on": (
        "published_on",
        "post publish date",
        "publish time",
        "post time",
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
        "total views",
        "video views",
        "aufrufe",
        "reach",
        "reichweite",
    ),
    "likes": ("likes", "total likes", "reactions", "reaktionen", "gefällt mir"),
    "comments": ("comments", "total comments", "kommentare"),
    "shares": ("shares", "total shares", "reposts", "geteilt", "weitergeleitet"),
    "clicks": ("clicks", "klicks"),
    "saves": ("saves", "add to favorites", "favorites", "gespeichert"),
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
    # Instagram's "Post type" column. A story is a picture or a clip and the export does not
    # say which: it counts as an image.
    **{w: "image" for w in ("ig image", "ig story")},
    **{w: "video" for w in ("ig reel", "ig video")},
    "ig carousel": "carousel",
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
