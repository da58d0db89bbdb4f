"""Reading a person's own posts from the data archive a platform lets them download.

Layouts (from the platforms' help pages and public examples of the files):
- LinkedIn, "Get a copy of your data": a ZIP of CSV files; the person's posts are in
  `Shares.csv` (columns Date, ShareLink, ShareCommentary, SharedUrl, MediaUrl, Visibility;
  Date as "YYYY-MM-DD HH:MM:SS" in UTC).
- Instagram, "Download your information" in JSON: posts in `…/content/posts_1.json` (a list of
  {media: [{uri, creation_timestamp, title}], title, creation_timestamp}) and reels in
  `…/content/reels.json` ({ig_reels_media: [...]}); timestamps in Unix seconds; no link to the
  post (the person pastes it). Text is UTF-8 written as Latin-1 escapes ("Ã¤" for "ä").
- TikTok, "Download your data" in JSON: `user_data_tiktok.json` (older: `user_data.json`),
  the person's videos at Video → Videos → VideoList (newer: Post → Posts → VideoList) with
  Date ("YYYY-MM-DD HH:MM:SS", UTC) and Link (https://www.tiktokv.com/share/video/ID/).

Only the members named above are opened: messages, contacts and everything else in an
archive are never read. Nothing is stored; the caller discards the upload. Limits keep a
hostile ZIP (a "zip bomb") harmless: members counted, each post file's size checked before
and while reading, one nested ZIP at most.
"""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import PurePosixPath
from typing import IO, Any
from zoneinfo import ZoneInfo

from botschaft.core.errors import Unprocessable
from botschaft.core.tables import decode
from botschaft.posts.models import PostFormat

MAX_MEMBERS = 50_000  # a full Instagram archive with media has thousands of files
MAX_POST_FILE_BYTES = 50 * 1024 * 1024  # one posts file, uncompressed
MAX_TOTAL_BYTES = 150 * 1024 * 1024  # all post files read, uncompressed
MAX_NESTED_BYTES = 1024 * 1024 * 1024  # a ZIP inside the archive, uncompressed
MAX_DEPTH = 2  # the archive, and one ZIP inside it (some people zip the folder again)
MAX_POSTS = 5_000

_HASHTAG = re.compile(r"#(\w[\w-]{0,98})", re.UNICODE)
_INSTAGRAM_POSTS = re.compile(r"^posts_\d+\.json$")


@dataclass(frozen=True)
class FoundPost:
    platform: str  # linkedin | instagram | tiktok
    published_on: date
    url: str | None  # None: the archive does not say (Instagram)
    text: str
    hashtags: tuple[str, ...]
    format: PostFormat


@dataclass
class Found:
    source: str | None = None
    files: list[str] = field(default_factory=list)
    posts: list[FoundPost] = field(default_factory=list)


def _refuse(message: str, type_: str) -> Unprocessable:
    return Unprocessable.for_field("file", message, type_)


def read_archive(filename: str, upload: IO[bytes], timezone: str) -> Found:
    """The person's own posts in an uploaded archive (a ZIP) or one of its post files."""
    tz = ZoneInfo(timezone)
    head = upload.read(4)
    upload.seek(0)
    found = Found()
    if head.startswith(b"PK"):
        _read_zip(upload, found, tz, depth=1)
    else:
        data = upload.read(MAX_POST_FILE_BYTES + 1)
        if len(data) > MAX_POST_FILE_BYTES:
            raise _refuse("The file is too large to be a posts file.", "archive_too_large")
        name = PurePosixPath(filename or "upload").name
        if not _read_member(name, data, found, tz, guess=True):
            raise _unknown()
    if found.source is None:
        raise _unknown()
    if len(found.posts) > MAX_POSTS:
        raise _refuse(f"The archive holds more than {MAX_POSTS:,} posts.", "archive_too_many")
    found.posts.sort(key=lambda p: p.published_on, reverse=True)
    return found


def _unknown() -> Unprocessable:
    return _refuse(
        "No posts found: upload the ZIP from LinkedIn (“Get a copy of your data”), Instagram "
        "(“Download your information”, JSON) or TikTok (“Download your data”, JSON), or its "
        "posts file (Shares.csv, posts_1.json, reels.json, user_data_tiktok.json).",
        "archive_unknown",
    )


def _read_zip(stream: IO[bytes], found: Found, tz: ZoneInfo, depth: int) -> None:
    try:
        archive = zipfile.ZipFile(stream)
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        raise _refuse("The file is not a readable ZIP archive.", "archive_invalid") from error
    with archive:
        members = archive.infolist()
        if len(members) > MAX_MEMBERS:
            raise _refuse(f"The archive has more than {MAX_MEMBERS:,} files.", "archive_too_many")
        total = 0
        nested = []
        for info in members:
            name = PurePosixPath(info.filename).name
            if info.is_dir():
                continue
            if name.lower().endswith(".zip"):
                nested.append(info)
                continue
            if not _is_post_file(name):
                continue  # never opened: messages, contacts, media, everything else
            if info.file_size > MAX_POST_FILE_BYTES:
                raise _refuse(f"{name} is too large.", "archive_too_large")
            data = _read_bounded(archive, info, MAX_POST_FILE_BYTES)
            total += len(data)
            if total > MAX_TOTAL_BYTES:
                raise _refuse("The archive's post files are too large.", "archive_too_large")
            _read_member(name, data, found, tz)
        if found.source is None and nested:
            if depth >= MAX_DEPTH:
                raise _refuse("The archive is nested too deeply.", "archive_too_deep")
            for info in nested[:5]:
                # Read as a stream, never held in memory; zipfile stops a member at the size its
                # header gives, so checking that size bounds the work too.
                if info.file_size > MAX_NESTED_BYTES:
                    raise _refuse(
                        "The archive inside the archive is too large.", "archive_too_large"
                    )
                try:
                    with archive.open(info) as inner:
                        _read_zip(inner, found, tz, depth + 1)
                except (zipfile.BadZipFile, RuntimeError, OSError, EOFError) as error:
                    raise _refuse(
                        "A file in the archive cannot be read.", "archive_invalid"
                    ) from error


def _read_bounded(archive: zipfile.ZipFile, info: zipfile.ZipInfo, limit: int) -> bytes:
    """Reads at most `limit` bytes, whatever the member's header claims."""
    try:
        with archive.open(info) as member:
            data = member.read(limit + 1)
    except (zipfile.BadZipFile, RuntimeError, OSError, EOFError, NotImplementedError) as error:
        # RuntimeError: an encrypted member; NotImplementedError: an unknown compression.
        raise _refuse("A file in the archive cannot be read.", "archive_invalid") from error
    if len(data) > limit:
        raise _refuse(f"{PurePosixPath(info.filename).name} is too large.", "archive_too_large")
    return data


def _is_post_file(name: str) -> bool:
    lower = name.lower()
    return (
        lower == "shares.csv"
        or bool(_INSTAGRAM_POSTS.match(lower))
        or lower == "reels.json"
        or lower in ("user_data_tiktok.json", "user_data.json")
    )


def _read_member(name: str, data: bytes, found: Found, tz: ZoneInfo, guess: bool = False) -> bool:
    """Adds the posts of one file; False when it is no posts file of a known layout."""
    lower = name.lower()
    if lower.endswith(".csv") and (lower == "shares.csv" or guess):
        posts = _linkedin(data, tz)
        source = "linkedin"
    elif lower.endswith(".json") and (_is_post_file(lower) or guess):
        try:
            document = json.loads(data)
        except (ValueError, RecursionError) as error:
            raise _refuse(f"{name} is not valid JSON.", "archive_invalid") from error
        source, posts = _json_posts(document, tz)
        if source is None:
            return False
    else:
        return False
    if posts is None:
        return False
    if found.source not in (None, source):
        raise _refuse("The upload mixes archives of different platforms.", "archive_mixed")
    found.source = source
    found.files.append(name)
    found.posts.extend(posts)
    return True


# --- LinkedIn -----------------------------------------------------------------------------


def _linkedin(data: bytes, tz: ZoneInfo) -> list[FoundPost] | None:
    text = decode(data)
    try:
        rows = list(csv.DictReader(io.StringIO(text, newline="")))
    except csv.Error as error:
        raise _refuse("Shares.csv cannot be read.", "archive_invalid") from error
    if not rows or "ShareLink" not in rows[0] or "Date" not in rows[0]:
        return None
    posts = []
    for row in rows:
        day = _utc_day(row.get("Date"), tz)
        link = (row.get("ShareLink") or "").strip()
        if day is None or not link.startswith("http"):
            continue
        commentary = row.get("ShareCommentary") or ""
        posts.append(
            FoundPost(
                platform="linkedin",
                published_on=day,
                url=link,
                text=_excerpt(commentary),
                hashtags=_hashtags(commentary),
                format=PostFormat.image if (row.get("MediaUrl") or "").strip() else PostFormat.text,
            )
        )
    return posts


# --- Instagram and TikTok (JSON) ----------------------------------------------------------


def _json_posts(document: Any, tz: ZoneInfo) -> tuple[str | None, list[FoundPost] | None]:
    if isinstance(document, list) and all(isinstance(e, dict) for e in document):
        if all("media" in e for e in document):
            return "instagram", list(_instagram(document, tz, PostFormat.image))
        return None, None
    if isinstance(document, dict) and isinstance(document.get("ig_reels_media"), list):
        return "instagram", list(_instagram(document["ig_reels_media"], tz, PostFormat.video))
    if isinstance(document, dict):
        videos = _tiktok_videos(document)
        if videos is not None:
            return "tiktok", list(_tiktok(videos, tz))
    return None, None


def _instagram(entries: list, tz: ZoneInfo, default: PostFormat) -> Iterator[FoundPost]:
    for entry in entries:
        if not isinstance(entry, dict):
            continue
        media = [m for m in entry.get("media") or [] if isinstance(m, dict)]
        first = media[0] if media else {}
        stamp = entry.get("creation_timestamp") or first.get("creation_timestamp")
        if not isinstance(stamp, int | float):
            continue
        title = _mojibake(entry.get("title") or first.get("title") or "")
        video = any(str(m.get("uri", "")).lower().endswith((".mp4", ".mov")) for m in media)
        yield FoundPost(
            platform="instagram",
            published_on=datetime.fromtimestamp(stamp, UTC).astimezone(tz).date(),
            url=None,
            text=_excerpt(title),
            hashtags=_hashtags(title),
            format=PostFormat.video if video else default,
        )


_TIKTOK_PATHS = (
    ("Video", "Videos", "VideoList"),
    ("Post", "Posts", "VideoList"),
    ("Activity", "Video", "Videos", "VideoList"),
)


def _tiktok_videos(document: dict) -> list | None:
    for path in _TIKTOK_PATHS:
        node: Any = document
        for key in path:
            node = node.get(key) if isinstance(node, dict) else None
        if isinstance(node, list):
            return node
    # A TikTok export without own videos still names its parts: no posts, but known.
    if any(key in document for key in ("Profile", "Activity", "Video", "Post")):
        return []
    return None


def _tiktok(videos: list, tz: ZoneInfo) -> Iterator[FoundPost]:
    for video in videos:
        if not isinstance(video, dict):
            continue
        day = _utc_day(video.get("Date"), tz)
        link = str(video.get("Link") or "").strip()
        if day is None or not link.startswith("http"):
            continue
        caption = str(video.get("Title") or video.get("Desc") or "")
        yield FoundPost(
            platform="tiktok",
            published_on=day,
            url=link,
            text=_excerpt(caption),
            hashtags=_hashtags(caption),
            format=PostFormat.video,
        )


# --- small helpers ------------------------------------------------------------------------


def _utc_day(value: Any, tz: ZoneInfo) -> date | None:
    """A platform's "YYYY-MM-DD HH:MM:SS" (UTC) as the day in the program's time zone."""
    try:
        moment = datetime.strptime(str(value).strip()[:19], "%Y-%m-%d %H:%M:%S")
    except ValueError:
        return None
    return moment.replace(tzinfo=UTC).astimezone(tz).date()


def _mojibake(text: str) -> str:
    """Instagram writes UTF-8 bytes as Latin-1 characters; undo that when it is the case."""
    try:
        return text.encode("latin-1").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return text


def _hashtags(text: str) -> tuple[str, ...]:
    """ "#Tag" as written, each once (case-insensitively), at most 30 like a logged post."""
    seen: dict[str, str] = {}
    for tag in _HASHTAG.findall(text):
        seen.setdefault(tag.lower(), "#" + tag)
    return tuple(seen.values())[:30]


def _excerpt(text: str, limit: int = 280) -> str:
    clean = " ".join(text.split())
    return clean if len(clean) <= limit else clean[: limit - 1].rstrip() + "…"
