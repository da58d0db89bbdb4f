"""The transparency page ("What HR sees about me") and the staff-council annex."""

from __future__ import annotations

import calendar
import re
from collections import Counter
from dataclasses import asdict
from datetime import UTC, date, datetime, timedelta
from functools import cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from sqlalchemy import select
from sqlalchemy.orm import Session

from botschaft.audit import service as audit
from botschaft.core.pdf import markdown_pdf
from botschaft.core.settings import Settings
from botschaft.followers import service as followers
from botschaft.kpis import service as kpis
from botschaft.kpis.privacy import HrView, describe_hr_view
from botschaft.posts.models import Outcome, Post
from botschaft.posts.service import program_today
from botschaft.teams.models import Team, TeamMember
from botschaft.tenancy.access import ProgramContext
from botschaft.tenancy.models import Cohort, Program, ProgramRole
from botschaft.transparency import texts
from botschaft.transparency.facts import ProgramFacts, program_facts, retention
from botschaft.transparency.schemas import (
    AccessOut,
    FigureOut,
    GroupOut,
    HrViewOut,
    MonthOut,
    MyTransparency,
    RetentionOut,
)
from botschaft.transparency.visibility import CATEGORIES

# The ProgramKpis field of each breakdown code (kpis.privacy.BREAKDOWNS).
BREAKDOWN_FIELDS = {
    "platform": "by_platform",
    "format": "by_format",
    "occupational_group": "by_occupation",
    "cohort": "by_cohort",
    "team": "by_team",
}


def hr_period(program: Program, hr: HrView) -> tuple[date, date]:
    """The program's whole period as HR leadership can ask for it: from the start of the
    program (default: as the KPIs choose) to today, in whole months when HR gets only those."""
    today = program_today(program)
    # A program that starts later has no period yet: today alone, rather than an error.
    start = min(program.starts_on or today - timedelta(days=180), today)
    start, end = kpis.resolve_period(program, max(start, today - timedelta(days=3650)), today)
    if hr.whole_months_only:
        start = start.replace(day=1)
        end = end.replace(day=calendar.monthrange(end.year, end.month)[1])
    return start, end


def _my_keys(session: Session, ctx: ProgramContext, posts: list) -> dict[str, list[str]]:
    """The groups this person counts in, the way kpis.service groups people."""
    me = ctx.membership
    cohort = (
        session.scalar(select(Cohort.name).where(Cohort.id == me.cohort_id))
        if me.cohort_id
        else None
    )
    teams = session.scalars(
        select(Team.name)
        .join(TeamMember, TeamMember.team_id == Team.id)
        .where(TeamMember.member_id == me.id)
        .order_by(Team.name)
    ).all()
    return {
        "platform": sorted({str(p.platform) for p in posts}),
        "format": sorted({str(p.format) for p in posts}),
        "occupational_group": [me.occupation_group or kpis.OTHER],
        "cohort": [cohort or kpis.OTHER],
        "team": list(teams),
    }


def _placement(breakdown: str, key: str, rows) -> GroupOut:
    """Where `key` ends up in the rows HR leadership gets (after merge_small_groups)."""
    shown = {r.key: r.people for r in rows}
    if key != kpis.OTHER and key in shown:
        return GroupOut(breakdown=breakdown, key=key, status="shown", people=shown[key])
    if kpis.OTHER in shown:
        return GroupOut(breakdown=breakdown, key=key, status="merged", people=shown[kpis.OTHER])
    return GroupOut(breakdown=breakdown, key=key, status="hidden", people=None)


def who_sees() -> list[AccessOut]:
    return [
        AccessOut(
            category=c.code,
            subjects=list(c.subjects),
            levels={str(a): str(level) for a, (level, _) in c.access.items()},
        )
        for c in CATEGORIES
    ]


def my_page(session: Session, ctx: ProgramContext, settings: Settings) -> MyTransparency:
    program, me = ctx.program, ctx.membership
    hr = describe_hr_view(program)
    start, end = hr_period(program, hr)
    posts = session.execute(
        select(
            Post.published_on,
            Post.platform,
            Post.format,
            Post.impressions,
            Post.likes,
            Post.comments,
            Post.shares,
        ).where(
            Post.program_id == program.id,
            Post.member_id == me.id,
            Post.published_on.between(start, end),
        )
    ).all()
    outcomes = session.scalars(
        select(Outcome.occurred_on).where(
            Outcome.program_id == program.id,
            Outcome.member_id == me.id,
            Outcome.occurred_on.between(start, end),
        )
    ).all()
    post_months = Counter(f"{p.published_on:%Y-%m}" for p in posts)
    outcome_months = Counter(f"{d:%Y-%m}" for d in outcomes)
    months = [
        MonthOut(month=m, posts=post_months[m], outcomes=outcome_months[m])
        for m in sorted(post_months.keys() | outcome_months.keys())
    ]
    mine = {
        "posts": len(posts),
        "impressions": sum(p.impressions or 0 for p in posts),
        "engagements": sum(p.likes + p.comments + p.shares for p in posts),
        "outcomes": len(outcomes),
        "followers": sum(line.followers for line in followers.lines(session, me.id)),
    }
    figures = [
        FigureOut(figure=f, mine=mine.get(f, 0), included=mine.get(f, 0) > 0) for f in hr.figures
    ]
    groups: list[GroupOut] = []
    if posts:
        # The breakdowns exactly as HR leadership gets them for this period.
        as_hr = ProgramContext(program, ctx.user, ProgramRole.hr_viewer, None)
        shown = kpis.program_kpis(session, as_hr, start, end)
        keys = _my_keys(session, ctx, posts)
        for breakdown in hr.breakdowns:
            field = BREAKDOWN_FIELDS.get(breakdown)
            if field is None:
                continue
            rows = getattr(shown, field)
            groups += [_placement(breakdown, key, rows) for key in keys.get(breakdown, [])]
    return MyTransparency(
        program_name=program.name,
        period_from=start,
        period_to=end,
        hr=HrViewOut(**asdict(hr)),
        posted=bool(posts),
        months=months,
        figures=figures,
        groups=groups,
        who_sees=who_sees(),
        retention=RetentionOut(**asdict(retention(settings))),
    )


# --- The staff-council annex -------------------------------------------------------------

TEMPLATES = Path(__file__).parent / "templates"
TITLES = {
    "de": "Anlage zur Dienstvereinbarung: Datenverarbeitung im Programm „{name}“",
    "en": "Annex to the staff-council agreement: data processing in the program “{name}”",
}
FOOTERS = {"de": "Botschaft – Seite {page} von {pages}", "en": "Botschaft – page {page} of {pages}"}
# Only what means something in the middle of a line (emphasis, code, links, HTML, entities,
# table cells, a heading's closing #), so the downloaded Markdown stays readable as text.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>|#&])")


def _md(value: object) -> str:
    """Text from users (the program's name, hashtags) printed literally in Markdown."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", str(value)).replace("\n", " ")


@cache
def _environment() -> Environment:
    # Markdown, not HTML: no autoescaping; values from users go through the `md` filter.
    env = Environment(  # noqa: S701
        loader=FileSystemLoader(TEMPLATES),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["md"] = _md
    return env


def annex_markdown(facts: ProgramFacts, lang: str) -> str:
    def word(table: str, code: str) -> str:
        return texts.label(getattr(texts, table), code, lang)

    template = _environment().get_template(f"annex.{lang}.md.j2")
    return template.render(
        f=facts,
        title=TITLES[lang].format(name=_md(facts.program_name)),
        word=word,
        category=lambda code: texts.CATEGORIES[code][lang],
        audiences=list(texts.AUDIENCES),
        tables=", ".join(word("TABLES", t) for t in facts.retention.erased_with_membership),
        rights=[
            texts.RIGHTS[r.code][lang].format(
                tables=", ".join(word("TABLES", t) for t in facts.retention.erased_with_membership)
            )
            for r in facts.rights
        ],
    )


def annex(program: Program, settings: Settings, lang: str, fmt: str) -> tuple[bytes, str]:
    """The annex as Markdown or PDF, from the live settings; returns the bytes and the
    file name."""
    now = datetime.now(UTC)
    facts = program_facts(program, settings, now)
    text = annex_markdown(facts, lang)
    name = f"botschaft-{program.slug}-annex-{lang}.{fmt}"
    if fmt == "md":
        return text.encode(), name
    title = TITLES[lang].format(name=program.name)
    return markdown_pdf(text, title=title, lang=lang, footer=FOOTERS[lang], created=now), name


def download_annex(
    session: Session, ctx: ProgramContext, settings: Settings, lang: str, fmt: str, ip: str | None
) -> tuple[bytes, str]:
    """The annex (see `annex`), its download written to the audit log."""
    content, filename = annex(ctx.program, settings, lang, fmt)
    audit.record(
        session,
        "transparency.annex_downloaded",
        actor=ctx.user,
        program_id=ctx.program.id,
        ip=ip,
        details={"format": fmt, "lang": lang},
    )
    return content, filename
