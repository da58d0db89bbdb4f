"""Recording follower counts: each influencer their own, the core team for anyone."""

from __future__ import annotations

import uuid
from urllib.parse import urlsplit

from sqlalchemy import select
from sqlalchemy.orm import Session

from botschaft.core.errors import Conflict, FieldError, Forbidden, NotFound, Unprocessable
from botschaft.followers.models import FollowerReading, SocialProfile
from botschaft.followers.schemas import (
    FollowerLine,
    MyFollowers,
    ProfileIn,
    ProfileOut,
    ReadingIn,
    ReadingOut,
)
from botschaft.posts.service import program_today
from botschaft.tenancy.access import ProgramContext
from botschaft.tenancy.models import ProgramMembership, ProgramRole
from botschaft.tenancy.scope import own_only, own_rows

# A count under this share of the one before is more often a typo (a missing digit) than a
# lost audience: it is kept only when the person confirms it.
DROP_SHARE = 0.1


def own_or_named(session: Session, ctx: ProgramContext, member_id: uuid.UUID | None) -> uuid.UUID:
    """Whose count: the caller's own, or for the core team any influencer of the program."""
    if own_only(ctx):
        if member_id is not None and member_id != ctx.membership.id:
            raise Forbidden("Influencers record their own follower counts.")
        return ctx.membership.id
    if member_id is None:
        raise Unprocessable.for_field("member_id", "Say whose follower count this is.", "missing")
    found = session.scalar(
        select(ProgramMembership.id).where(
            ProgramMembership.id == member_id,
            ProgramMembership.program_id == ctx.program.id,
            ProgramMembership.role == ProgramRole.influencer,
            ProgramMembership.is_person,
        )
    )
    if found is None:
        raise NotFound("No such influencer in this program.")
    return found


def _out(reading: FollowerReading) -> ReadingOut:
    return ReadingOut(
        id=reading.id,
        member_id=reading.member_id,
        platform=str(reading.platform),
        counted_on=reading.counted_on,
        followers=reading.followers,
    )


def record(session: Session, ctx: ProgramContext, data: ReadingIn) -> ReadingOut:
    member_id = own_or_named(session, ctx, data.member_id)
    program = ctx.program
    today = program_today(program)
    day = data.counted_on or today
    if day > today:
        raise Unprocessable.for_field("counted_on", "A count cannot be from the future.", "future")
    if program.platforms and data.platform.value not in program.platforms:
        raise Unprocessable.for_field(
            "platform", "The program does not use this platform.", "not_in_program"
        )
    same = (FollowerReading.member_id == member_id) & (FollowerReading.platform == data.platform)
    before = session.scalar(
        select(FollowerReading.followers)
        .where(same, FollowerReading.counted_on < day)
        .order_by(FollowerReading.counted_on.desc())
        .limit(1)
    )
    if before and data.followers < before * DROP_SHARE and not data.confirm_drop:
        raise Conflict(
            f"That is less than a tenth of the {before} counted before. Is it right?",
            code="followers_drop",
            errors=[FieldError(field="followers", message="Far below the count before.",
                               type="followers_drop")],
        )  # fmt: skip
    reading = session.scalar(select(FollowerReading).where(same, FollowerReading.counted_on == day))
    if reading is None:
        reading = FollowerReading(
            program_id=program.id, member_id=member_id, platform=data.platform, counted_on=day
        )
        session.add(reading)
    reading.followers = data.followers
    reading.recorded_by = ctx.user.id
    session.flush()
    return _out(reading)


def readable(ctx: ProgramContext):
    """The program's follower counts the caller may see (an influencer: their own; another's
    is "not found", not "forbidden"); every read of counts by id starts here."""
    query = select(FollowerReading).where(FollowerReading.program_id == ctx.program.id)
    return own_rows(ctx, query, FollowerReading.member_id)


def delete(session: Session, ctx: ProgramContext, reading_id: uuid.UUID) -> None:
    reading = session.scalar(readable(ctx).where(FollowerReading.id == reading_id))
    if reading is None:
        raise NotFound("No such follower count.")
    session.delete(reading)
    session.flush()


def lines(session: Session, member_id: uuid.UUID) -> list[FollowerLine]:
    """Per platform: the latest count, the first, and the growth between them."""
    readings = session.scalars(
        select(FollowerReading)
        .where(FollowerReading.member_id == member_id)
        .order_by(FollowerReading.platform, FollowerReading.counted_on)
    ).all()
    series: dict[str, list[FollowerReading]] = {}
    for reading in readings:
        series.setdefault(str(reading.platform), []).append(reading)
    return [
        FollowerLine(
            platform=platform,
            followers=rows[-1].followers,
            counted_on=rows[-1].counted_on,
            first_followers=rows[0].followers,
            first_counted_on=rows[0].counted_on,
            growth=rows[-1].followers - rows[0].followers,
            latest_id=rows[-1].id,
        )
        for platform, rows in series.items()
    ]


def mine(session: Session, ctx: ProgramContext) -> MyFollowers:
    return MyFollowers(
        lines=lines(session, ctx.membership.id),
        profiles=profiles(session, ctx.membership.id),
        platforms=list(ctx.program.platforms or []),
    )


# The hosts of each platform's accounts (and their subdomains); platforms not named here
# (Mastodon's many servers, "other") take any web address.
PROFILE_HOSTS = {
    "linkedin": ("linkedin.com",),
    "instagram": ("instagram.com",),
    "tiktok": ("tiktok.com",),
    "youtube": ("youtube.com", "youtu.be"),
    "x": ("x.com", "twitter.com"),
    "facebook": ("facebook.com", "fb.com"),
    "xing": ("xing.com",),
    "threads": ("threads.net", "threads.com"),
    "bluesky": ("bsky.app",),
}


def _on_platform(url: str, platform: str) -> bool:
    hosts = PROFILE_HOSTS.get(platform)
    host = (urlsplit(url).hostname or "").lower()
    return hosts is None or any(host == h or host.endswith(f".{h}") for h in hosts)


def profiles(session: Session, member_id: uuid.UUID) -> list[ProfileOut]:
    rows = session.scalars(
        select(SocialProfile)
        .where(SocialProfile.member_id == member_id)
        .order_by(SocialProfile.platform)
    ).all()
    return [ProfileOut(platform=str(p.platform), url=p.url) for p in rows]


def set_profile(session: Session, ctx: ProgramContext, data: ProfileIn) -> list[ProfileOut]:
    """Sets (or, without a link, removes) the link to a person's account on a platform."""
    member_id = own_or_named(session, ctx, data.member_id)
    if data.url and not _on_platform(data.url, data.platform.value):
        raise Unprocessable.for_field(
            "url", "This is not an address on that platform.", "url_platform"
        )
    found = session.scalar(
        select(SocialProfile).where(
            SocialProfile.member_id == member_id, SocialProfile.platform == data.platform
        )
    )
    if data.url is None:
        if found is not None:
            session.delete(found)
    elif found is None:
        session.add(SocialProfile(member_id=member_id, platform=data.platform, url=data.url))
    else:
        found.url = data.url
    session.flush()
    return profiles(session, member_id)
