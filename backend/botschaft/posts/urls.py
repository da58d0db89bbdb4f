"""Recognise the platform of a post URL and normalise it, so one post is counted once.

Normalising: https, lower-case host without "www."/"m."/"mobile.", no fragment, no tracking
parameters, no trailing slash; platform aliases unified (twitter.com → x.com, youtu.be and
/shorts/ → youtube.com/watch?v=). Query parameters that identify content (YouTube's `v`,
Facebook's `story_fbid`/`id`/`v`) are kept; all others are dropped, since a post URL is
identified by its path on every platform we know.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from botschaft.core.text import TextError, check_text
from botschaft.programs.models import Platform

_HOSTS: dict[str, Platform] = {
    "linkedin.com": Platform.linkedin,
    "lnkd.in": Platform.linkedin,
    "instagram.com": Platform.instagram,
    "tiktok.com": Platform.tiktok,
    "vm.tiktok.com": Platform.tiktok,
    "youtube.com": Platform.youtube,
    "youtu.be": Platform.youtube,
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
