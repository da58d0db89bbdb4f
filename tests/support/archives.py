"""Small data archives in the layouts the platforms use (see posts/archive_files.py), made by
the tests themselves: no real person's data. Each also holds files Botschaft must never read
(messages, contacts), with a marker that must not appear anywhere in an answer."""

from __future__ import annotations

import io
import json
import zipfile
from datetime import UTC, date, datetime, time

NEVER_READ = "GEHEIM-NACHRICHT-4711"


def _stamp(day: date) -> str:
    return datetime.combine(day, time(9, 30)).strftime("%Y-%m-%d %H:%M:%S")


def _zip(files: dict[str, bytes | str]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in files.items():
            archive.writestr(name, content)
    return out.getvalue()


def linkedin(days: list[date], tag: str = "#WirSindMusterstadt") -> bytes:
    """LinkedIn's "Get a copy of your data": Shares.csv beside messages and connections."""
    lines = ["Date,ShareLink,ShareCommentary,SharedUrl,MediaUrl,Visibility"]
    for n, day in enumerate(days):
        text = f'"Mein Tag im Bürgeramt {tag if n % 2 == 0 else ""} – ""Service"" zählt"'
        link = f"https://www.linkedin.com/feed/update/urn%3Ali%3Ashare%3A71000000000000000{n:02d}"
        media = "https://www.linkedin.com/dms/prv/image/abc" if n == 1 else ""
        lines.append(f"{_stamp(day)},{link},{text},,{media},MEMBER_NETWORK")
    return _zip(
        {
            "Shares.csv": "\n".join(lines) + "\n",
            "messages.csv": f"CONVERSATION ID,FROM,CONTENT\n1,Jemand,{NEVER_READ}\n",
            "Connections.csv": f"First Name,Last Name,Email Address\nMax,{NEVER_READ},m@x.example\n",
        }
    )


def instagram(days: list[date], tag: str = "#WirSindMusterstadt") -> bytes:
    """Instagram's "Download your information" (JSON): posts_1.json and reels.json."""

    def entry(n: int, day: date) -> dict:
        stamp = int(datetime.combine(day, time(12), tzinfo=UTC).timestamp())
        # Instagram writes UTF-8 as Latin-1 escapes: "Grüße" arrives as "GrÃ¼Ã\x9fe".
        title = f"Grüße aus dem Rathaus {tag} #{n}".encode().decode("latin-1")
        return {
            "media": [{"uri": f"media/posts/{n}.jpg", "creation_timestamp": stamp, "title": title}]
        }

    posts = [entry(n, day) for n, day in enumerate(days[:-1])]
    last = days[-1]
    reels = {"ig_reels_media": [{"media": [{
        "uri": "media/reels/1.mp4",
        "creation_timestamp": int(datetime.combine(last, time(12), tzinfo=UTC).timestamp()),
        "title": "Ein Reel ohne Hashtag",
    }]}]}  # fmt: skip
    return _zip(
        {
            "your_instagram_activity/content/posts_1.json": json.dumps(posts),
            "your_instagram_activity/content/reels.json": json.dumps(reels),
            "your_instagram_activity/messages/inbox/x/message_1.json": json.dumps(
                {"messages": [{"content": NEVER_READ}]}
            ),
            "connections/followers_and_following/followers_1.json": json.dumps([NEVER_READ]),
            "media/posts/0.jpg": b"\xff\xd8\xff" + b"0" * 100,
        }
    )


def tiktok(days: list[date]) -> bytes:
    """TikTok's "Download your data" (JSON): user_data_tiktok.json, videos without captions."""
    document = {
        "Profile": {"Profile Information": {"ProfileMap": {"userName": "test"}}},
        "Direct Message": {"Direct Messages": {"ChatHistory": {"x": [{"Content": NEVER_READ}]}}},
        "Video": {
            "Videos": {
                "VideoList": [
                    {
                        "Date": _stamp(day),
                        "Link": f"https://www.tiktokv.com/share/video/72290000000000000{n:02d}/",
                        "Likes": "12",
                    }
                    for n, day in enumerate(days)
                ]
            }
        },
    }
    return _zip({"user_data_tiktok.json": json.dumps(document)})


def bomb() -> bytes:
    """Shares.csv that unpacks to 60 MB of zeros (a few dozen kB packed)."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive,
        archive.open("Shares.csv", "w", force_zip64=True) as member,
    ):
        chunk = b"0" * (1024 * 1024)
        for _ in range(60):
            member.write(chunk)
    return out.getvalue()


def nested(depth: int, inner: bytes) -> bytes:
    for n in range(depth):
        inner = _zip({f"level{n}.zip": inner})
    return inner


def unknown_layout() -> bytes:
    return _zip({"readme.txt": "hello", "photos/1.jpg": b"\xff\xd8"})
