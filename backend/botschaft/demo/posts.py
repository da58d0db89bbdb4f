"""Demo posts, figures and outcomes in the program's whole months so far (from its start to the
end of last month), whose totals are exactly the reference case's: 326 posts, 15,496 likes and
3,692 comments. Whole months, so HR leadership's month-by-month view shows all of them."""

from __future__ import annotations

import random
import re
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from botschaft.core.database import utcnow
from botschaft.demo.data import POST_TOTALS
from botschaft.identity.models import User
from botschaft.posts import rollup
from botschaft.posts.models import Outcome, OutcomeType, Post, PostFormat, PostMetricSnapshot
from botschaft.posts.urls import identify
from botschaft.tenancy.models import Platform, Program, ProgramMembership

TOPICS = [
    "Ein Tag im Dienst",
    "Ausbildung bei der Stadt",
    "Hinter den Kulissen",
    "Projekt abgeschlossen",
    "Kolleginnen und Kollegen",
    "Stellenangebot",
    "Bürgerservice",
    "Nachhaltigkeit",
]
# How active each of the 16 influencers is (some post weekly, some rarely), and where.
ACTIVITY = [34, 31, 27, 25, 24, 23, 22, 21, 20, 19, 18, 17, 15, 12, 10, 8]
PLATFORM_MIX = [
    ([Platform.linkedin], [1]),
    ([Platform.instagram, Platform.tiktok], [2, 1]),
    ([Platform.linkedin, Platform.instagram], [2, 1]),
]
OUTCOMES = [
    (OutcomeType.internship_request, 9),
    (OutcomeType.job_application, 7),
    (OutcomeType.speaker_request, 4),
    (OutcomeType.podcast_request, 2),
    (OutcomeType.press_request, 3),
    (OutcomeType.hire, 2),
    (OutcomeType.other, 2),
]


def _split(total: int, weights: list[float]) -> list[int]:
    """Integers proportional to `weights` that sum to exactly `total` (largest remainders)."""
    raw = [total * w / sum(weights) for w in weights]
    parts = [int(x) for x in raw]
    for i in sorted(range(len(raw)), key=lambda i: raw[i] - parts[i], reverse=True)[
        : total - sum(parts)
    ]:
        parts[i] += 1
    return parts


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


def _url(platform: Platform, handle: str, n: int) -> str:
    if platform == Platform.linkedin:
        return f"https://www.linkedin.com/posts/{handle}_wirsindmusterstadt-activity-{7280000000000000000 + n}"
    if platform == Platform.instagram:
        return f"https://www.instagram.com/p/DMs{n:07d}/"
    return f"https://www.tiktok.com/@{handle}/video/{7450000000000000000 + n}"


def load_demo_posts(
    session: Session, program: Program, members: list[ProgramMembership], recorder: User
) -> None:
    if session.scalar(select(func.count(Post.id)).where(Post.program_id == program.id)):
        return  # already loaded
    rng = random.Random(2026)
    counts = _split(POST_TOTALS["posts"], ACTIVITY[: len(members)])
    # Posted from the program's start to the end of last month; figures read an hour ago.
    now = utcnow()
    start = program.starts_on
    end = now.astimezone(ZoneInfo(program.timezone)).date().replace(day=1) - timedelta(days=1)
    days = (end - start).days
    plans = []
    for member, count in zip(members, counts, strict=True):
        platforms, weights = PLATFORM_MIX[len(plans) % len(PLATFORM_MIX)]
        for _ in range(count):
            platform = rng.choices(platforms, weights)[0]
            fmt = (
                PostFormat.video
                if platform == Platform.tiktok
                else rng.choice(
                    [PostFormat.image, PostFormat.text, PostFormat.carousel, PostFormat.video]
                )
            )
            reach = rng.lognormvariate(0, 0.8) * (1.6 if fmt == PostFormat.video else 1.0)
            plans.append(
                (member, platform, fmt, start + timedelta(days=rng.randrange(days + 1)), reach)
            )
    likes = _split(POST_TOTALS["likes"], [p[4] for p in plans])
    comments = _split(POST_TOTALS["comments"], [p[4] * rng.uniform(0.5, 1.5) for p in plans])
    handles = {m.id: _slug(session.get(User, m.user_id).name) for m in members}
    read_at = now.replace(minute=0, second=0, microsecond=0) - timedelta(hours=1)
    posts = []
    for n, ((member, platform, fmt, day, _), like, comment) in enumerate(
        zip(plans, likes, comments, strict=True)
    ):
        url = _url(platform, handles[member.id], n)
        link = identify(url)
        impressions = like * rng.randint(18, 45) + rng.randint(50, 400)
        shares = rng.randint(0, max(1, like // 25))
        clicks = rng.randint(0, max(1, impressions // 60))
        tags = ["#WirSindMusterstadt"] + rng.sample(
            ["#Ausbildung", "#Karriere", "#ÖffentlicherDienst", "#Musterstadt"], 2
        )
        post = Post(
            program_id=program.id,
            member_id=member.id,
            url=url,
            normalized_url=link.normalized_url,
            post_key=link.key,
            platform=platform,
            published_on=day,
            format=fmt,
            hashtags=tags,
            uses_program_hashtag=True,
            topic=rng.choice(TOPICS),
            impressions=impressions,
            likes=like,
            comments=comment,
            shares=shares,
            clicks=clicks,
            figures_read_at=read_at,
            created_by=member.user_id,
        )
        session.add(post)
        posts.append(post)
    rollup.touch(session, posts)
    session.add_all(
        PostMetricSnapshot(
            post_id=p.id,
            read_at=read_at,
            impressions=p.impressions,
            likes=p.likes,
            comments=p.comments,
            shares=p.shares,
            clicks=p.clicks,
            recorded_by=recorder.id,
        )
        for p in posts
    )
    # Outcomes: most attributed to a post, with the busiest posters getting the most requests.
    for kind, count in OUTCOMES:
        for _ in range(count):
            post = rng.choices(posts, weights=[p.likes for p in posts])[0]
            attributed = rng.random() < 0.75
            day = min(end, post.published_on + timedelta(days=rng.randint(1, 20)))
            session.add(
                Outcome(
                    program_id=program.id,
                    member_id=post.member_id,
                    post_id=post.id if attributed else None,
                    type=kind,
                    occurred_on=day,
                    note=None,
                    created_by=recorder.id,
                    # Recorded the day it happened: Today lists only the last week's.
                    created_at=datetime.combine(day, time(12), ZoneInfo(program.timezone)),
                )
            )
    session.flush()
