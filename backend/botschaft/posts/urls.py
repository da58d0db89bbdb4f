"""Recognise the platform of a post URL, normalise it and name the post it points to.

`identify` is the one place that decides which post a link means: its canonical key (below)
is unique per program, so a post counts once whichever of its link forms was logged.

Normalising: https, lower-case host without "www."/"m."/"mobile.", no fragment, no tracking
parameters, no trailing slash; platform aliases unified (twitter.com → x.com, youtu.be and
/shorts/ → youtube.com/watch?v=). Query parameters that identify content (YouTube's `v`,
Facebook's `story_fbid`/`id`/`v`) are kept; all others are dropped, since a post URL is
identified by its path on every platform we know.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import parse_qsl, unquote, urlencode, urlsplit, urlunsplit

from botschaft.core.text import TextError, check_text
from botschaft.tenancy.models import Platform

_HOSTS: dict[str, Platform] = {
    "linkedin.com": Platform.linkedin,
    "lnkd.in": Platform.linkedin,
    "instagram.com": Platform.instagram,
    "instagr.am": Platform.instagram,
    "tiktok.com": Platform.tiktok,
    "vm.tiktok.com": Platform.tiktok,
    "tiktokv.com": Platform.tiktok,  # the links in TikTok's data download
    "youtube.com": Platform.youtube,
    "youtu.be": Platform.youtube,
    "youtube-nocookie.com": Platform.youtube,
    "x.com": Platform.x,
    "twitter.com": Platform.x,
    "facebook.com": Platform.facebook,
    "fb.com": Platform.facebook,
    "fb.watch": Platform.facebook,
    "xing.com": Platform.xing,
    "threads.net": Platform.threads,
    "threads.com": Platform.threads,
    "bsky.app": Platform.bluesky,
}
# Mastodon runs on many servers; its post URLs look like https://server/@user/123456.
_MASTODON_HOSTS = {"mastodon.social", "mastodon.online", "social.bund.de", "norden.social"}
_KEEP_PARAMS = {
    Platform.youtube: {"v"},
    Platform.facebook: {"story_fbid", "id", "v", "fbid"},
}
_STRIP_PREFIXES = ("www.", "m.", "mobile.", "de.", "en.")
MAX_URL_LENGTH = 2000
_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")


class InvalidPostUrl(ValueError):
    pass


def _host(netloc: str) -> str:
    host = netloc.rsplit("@", 1)[-1].split(":", 1)[0].lower().rstrip(".")
    for prefix in _STRIP_PREFIXES:
        if host.startswith(prefix) and host.count(".") >= 2:
            host = host[len(prefix) :]
    return host


def platform_of(host: str, path: str) -> Platform:
    if host in _HOSTS:
        return _HOSTS[host]
    for known, platform in _HOSTS.items():
        if host.endswith("." + known):
            return platform
    if host in _MASTODON_HOSTS or (
        path.startswith("/@") and path.rstrip("/").split("/")[-1].isdigit()
    ):
        return Platform.mastodon
    return Platform.other


def normalise(url: str) -> tuple[str, Platform]:
    """Returns (normalised URL, platform); raises InvalidPostUrl for anything but http(s)."""
    try:
        # Imported cells come here without a schema: the text rule applies to them too.
        text = check_text(url.strip())
    except TextError as error:
        raise InvalidPostUrl(error.message) from error
    if len(text) > MAX_URL_LENGTH:
        raise InvalidPostUrl(f"The address is longer than {MAX_URL_LENGTH} characters.")
    if not _SCHEME.match(text) and "." in text.split("/", 1)[0]:
        text = "https://" + text  # pasted without scheme, e.g. "linkedin.com/posts/..."
    parts = urlsplit(text)
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        raise InvalidPostUrl("Paste the web address of the post (starting with https://).")
    host = _host(parts.netloc)
    if "." not in host or any(c.isspace() for c in host):
        raise InvalidPostUrl("This is not a valid web address.")
    path = parts.path or "/"
    platform = platform_of(host, path)

    if host == "twitter.com":
        host = "x.com"
    query = parse_qsl(parts.query, keep_blank_values=False)
    if platform == Platform.youtube:
        if host == "youtu.be":
            query = [("v", path.strip("/"))]
            host, path = "youtube.com", "/watch"
        elif path.startswith("/shorts/"):
            query = [("v", path.split("/")[2])]
            path = "/watch"
    keep = _KEEP_PARAMS.get(platform, set())
    query = sorted((k, v) for k, v in query if k in keep)
    if len(path) > 1:
        path = path.rstrip("/")
    return urlunsplit(("https", host, path, urlencode(query), "")), platform


# --- One post, one identity -------------------------------------------------------------
# The canonical key names the post, not the link: every link form of one post that can be
# tied to it from the link alone gives the same key, e.g. "linkedin:activity:7150…",
# "instagram:DMs123", "tiktok:745…", "youtube:dQw4w9WgXcQ", "x:1234". A link no rule
# recognises (short links without an ID, articles, Mastodon, other sites) keeps its
# normalised URL as the key. Keys are unique per program (posts.post_key).

_LINKEDIN_URN = re.compile(r"urn:li:(activity|share|ugcpost):(\d+)", re.IGNORECASE)
# Share links: /posts/{author}_{slug}-{activity|share|ugcPost}-{ID}-{4 characters}
_LINKEDIN_SHARE = re.compile(
    r"[-_](activity|share|ugcpost)-(\d+)(?:-[A-Za-z0-9_-]{1,12})?$", re.IGNORECASE
)
_INSTAGRAM = re.compile(r"^/(?:[A-Za-z0-9._]+/)?(?:p|reel|reels|tv)/([A-Za-z0-9_-]+)$")
_TIKTOK = re.compile(
    r"^/(?:@[^/]+/(?:video|photo)/|embed/(?:v2/)?|player/v1/|v/|share/video/)(\d+)(?:\.html)?$"
)
_YOUTUBE_PATH = re.compile(r"^/(?:shorts|live|embed|v|e)/([A-Za-z0-9_-]+)$")
_YOUTUBE_ID = re.compile(r"^[A-Za-z0-9_-]+$")
_X = re.compile(r"^/(?:[A-Za-z0-9_]+|i/web|i)/status(?:es)?/(\d+)(?:/.*)?$")
_FACEBOOK_VIDEO = re.compile(r"^/(?:[^/]+/videos/(?:[^/]+/)?|reel/|watch/live/)(\d+)$")
_FACEBOOK_POST = re.compile(r"^/[^/]+/posts/([A-Za-z0-9]+)$")
_THREADS = re.compile(r"^/@[^/]+/post/([A-Za-z0-9_-]+)$")
_BLUESKY = re.compile(r"^/profile/([^/]+)/post/([A-Za-z0-9]+)$")


@dataclass(frozen=True)
class PostLink:
    """What a link says about a post: its canonical key, a clean URL and the platform."""

    key: str
    normalized_url: str
    platform: Platform


def identify(url: str) -> PostLink:
    """The canonical key of the post a link points to; raises InvalidPostUrl like normalise."""
    normalized, platform = normalise(url)
    return PostLink(key_of(normalized, platform), normalized, platform)


def key_of(normalized: str, platform: Platform) -> str:
    """The key of a normalised URL (normalise's output): one place decides post identity."""
    parts = urlsplit(normalized)
    path = unquote(parts.path)  # "urn%3Ali%3Aactivity%3A1" is the same link
    query = dict(parse_qsl(parts.query))
    key = _KEYS.get(platform, lambda *_: None)(parts.netloc, path, query)
    return key or normalized


def _linkedin(host: str, path: str, query: dict[str, str]) -> str | None:
    if host == "lnkd.in":
        return None  # a redirect; the post behind it is only known to LinkedIn
    if path.startswith(("/feed/update/", "/embed/feed/update/")):
        found = _LINKEDIN_URN.search(path)
    elif path.startswith("/posts/"):
        found = _LINKEDIN_SHARE.search(path)
    else:
        return None
    if found is None:
        return None
    # share and ugcPost IDs are other numbers than the activity ID of the same post; only the
    # API maps them, so each is its own namespace.
    return f"linkedin:{found.group(1).lower()}:{found.group(2)}"


def _instagram(host: str, path: str, query: dict[str, str]) -> str | None:
    found = _INSTAGRAM.match(path)
    return f"instagram:{found.group(1)}" if found else None  # shortcodes are case-sensitive


def _tiktok(host: str, path: str, query: dict[str, str]) -> str | None:
    found = _TIKTOK.match(path)
    return f"tiktok:{found.group(1)}" if found else None  # vm./vt. short links: no ID


def _youtube(host: str, path: str, query: dict[str, str]) -> str | None:
    if path == "/watch":
        video = query.get("v", "")
        return f"youtube:{video}" if _YOUTUBE_ID.match(video) else None
    found = _YOUTUBE_PATH.match(path)
    return f"youtube:{found.group(1)}" if found else None


def _x(host: str, path: str, query: dict[str, str]) -> str | None:
    found = _X.match(path)  # the status ID is global: the user name in the link can change
    return f"x:{found.group(1)}" if found else None


def _facebook(host: str, path: str, query: dict[str, str]) -> str | None:
    if path == "/watch" and query.get("v", "").isdigit():
        return f"facebook:video:{query['v']}"
    if path in ("/permalink.php", "/story.php") and query.get("story_fbid"):
        return f"facebook:post:{query['story_fbid']}"
    if found := _FACEBOOK_VIDEO.match(path):
        return f"facebook:video:{found.group(1)}"
    if found := _FACEBOOK_POST.match(path):
        return f"facebook:post:{found.group(1)}"
    return None


def _threads(host: str, path: str, query: dict[str, str]) -> str | None:
    found = _THREADS.match(path)  # threads.net and threads.com are one site
    return f"threads:{found.group(1)}" if found else None


def _bluesky(host: str, path: str, query: dict[str, str]) -> str | None:
    # The record key is unique per account, not globally; a handle and the account's DID
    # cannot be tied together without asking Bluesky, so the key keeps what the link names.
    found = _BLUESKY.match(path)
    return f"bluesky:{found.group(1).lower()}/{found.group(2)}" if found else None


_KEYS = {
    Platform.linkedin: _linkedin,
    Platform.instagram: _instagram,
    Platform.tiktok: _tiktok,
    Platform.youtube: _youtube,
    Platform.x: _x,
    Platform.facebook: _facebook,
    Platform.threads: _threads,
    Platform.bluesky: _bluesky,
}


def format_from_link(url: str) -> str | None:
    """The format the link itself shows, or None: a reel, a TikTok or a YouTube video is a
    video, a LinkedIn /pulse/ link an article (as the SPA's share target guesses, share.ts).
    An import gives it to a new post whose file names no format (TikTok's export names none)."""
    parts = urlsplit(url)
    host, path = (parts.hostname or "").lower(), parts.path
    if re.match(r"^/reels?/", path) or host == "youtu.be" or host.endswith("tiktok.com"):
        return "video"
    if host.endswith("youtube.com") and (path.startswith("/shorts/") or path == "/watch"):
        return "video"
    if host.endswith("linkedin.com") and path.startswith("/pulse/"):
        return "article"
    return None
