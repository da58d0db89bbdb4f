"""The demo's follower counts: each influencer noted their followers on every platform they
post on at the start of each program month, growing a few percent a month (the reference
program's evaluation reports about 15,700 followers for its 16 influencers)."""

from __future__ import annotations

import random
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from botschaft.demo.data import add_months
from botschaft.followers.models import FollowerReading
from botschaft.posts.models import Post
from botschaft.posts.service import program_today
from botschaft.tenancy.models import Program

# Typical first counts per platform (LinkedIn counts connections).
_FIRST = {"linkedin": 620, "instagram": 380, "tiktok": 240}


def load_demo_followers(session: Session, program: Program) -> None:
    if session.scalar(
        select(func.count(FollowerReading.id)).where(FollowerReading.program_id == program.id)
    ):
        return  # already loaded
    rng = random.Random(1567)
    series = session.execute(
        select(Post.member_id, Post.platform)
        .distinct()
        .where(Post.program_id == program.id)
        .order_by(Post.member_id, Post.platform)
    ).all()
    today = program_today(program)
    for member_id, platform in series:
        count = int(_FIRST.get(str(platform), 300) * rng.lognormvariate(0, 0.6))
        day: date = program.starts_on
        while day <= today:
            session.add(
                FollowerReading(
                    program_id=program.id,
                    member_id=member_id,
                    platform=platform,
                    counted_on=day,
                    followers=count,
                )
            )
            count += int(count * rng.uniform(0.02, 0.09))
            day = add_months(day, 1)
