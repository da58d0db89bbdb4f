"""Post URLs: platform recognised, one normal form per post."""

from __future__ import annotations

import pytest

from botschaft.posts.urls import InvalidPostUrl, normalise
from botschaft.programs.models import Platform


@pytest.mark.parametrize(
    ("url", "normal", "platform"),
    [
        (
            "https://www.linkedin.com/posts/sophie-wagner_activity-7281?utm_source=share&utm_medium=member_desktop",
            "https://linkedin.com/posts/sophie-wagner_activity-7281",
            Platform.linkedin,
        ),
        (
            "linkedin.com/posts/sophie-wagner_activity-7281/",
            "https://linkedin.com/posts/sophie-wagner_activity-7281",
            Platform.linkedin,
        ),
        (
            "https://www.instagram.com/p/DMs123/?igsh=abc&img_index=1",
            "https://instagram.com/p/DMs123",
            Platform.instagram,
        ),
        (
            "https://www.tiktok.com/@stadt/video/745?is_from_webapp=1&sender_device=pc",
            "https://tiktok.com/@stadt/video/745",
            Platform.tiktok,
        ),
        (
            "https://youtu.be/dQw4w9WgXcQ?si=XYZ",
            "https://youtube.com/watch?v=dQw4w9WgXcQ",
            Platform.youtube,
        ),
        (
            "https://m.youtube.com/watch?v=dQw4w9WgXcQ&feature=share&t=10",
            "https://youtube.com/watch?v=dQw4w9WgXcQ",
            Platform.youtube,
        ),
        (
            "https://www.youtube.com/shorts/abc123",
            "https://youtube.com/watch?v=abc123",
            Platform.youtube,
        ),
        ("https://twitter.com/stadt/status/1?s=20", "https://x.com/stadt/status/1", Platform.x),
        (
            "https://www.facebook.com/permalink.php?story_fbid=99&id=7&fbclid=zz",
            "https://facebook.com/permalink.php?id=7&story_fbid=99",
            Platform.facebook,
        ),
        (
            "https://www.xing.com/discover/posts/1",
            "https://xing.com/discover/posts/1",
            Platform.xing,
        ),
        (
            "https://www.threads.net/@stadt/post/C1",
            "https://threads.net/@stadt/post/C1",
            Platform.threads,
        ),
        (
            "https://bsky.app/profile/stadt.bsky.social/post/3k",
            "https://bsky.app/profile/stadt.bsky.social/post/3k",
            Platform.bluesky,
        ),
        (
            "https://social.example.de/@stadt/112233445566",
            "https://social.example.de/@stadt/112233445566",
            Platform.mastodon,
        ),
        (
            "http://WWW.Musterstadt.de/news/2026#top",
            "https://musterstadt.de/news/2026",
            Platform.other,
        ),
    ],
)
def test_platform_and_normal_form(url, normal, platform):
    assert normalise(url) == (normal, platform)


def test_the_same_post_shared_differently_is_one_post():
    variants = [
        "https://www.linkedin.com/posts/x_activity-1",
        "https://linkedin.com/posts/x_activity-1/",
        "https://de.linkedin.com/posts/x_activity-1?trk=public_post",
        "HTTPS://WWW.LINKEDIN.COM/posts/x_activity-1#comments",
    ]
    assert len({normalise(v)[0] for v in variants}) == 1


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "ftp://example.org/x",
        "not a url",
        "https://",
        "mailto:a@b.de",
        "https://" + "a" * 2001 + ".de",
    ],
)
def test_non_http_addresses_are_refused(url):
    with pytest.raises(InvalidPostUrl):
        normalise(url)
