"""Demo data for the support side: cohort, team, modules, check-ins, briefings (idempotent)."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from botschaft.briefings.models import Briefing
from botschaft.core.database import utcnow
from botschaft.demo.calls import pilot_cohort
from botschaft.learning.models import Module, ModuleProgress, ProgressState
from botschaft.learning.service import TEMPLATE
from botschaft.meetings.models import Meeting, MeetingInvitation, MeetingSeries, Rsvp
from botschaft.meetings.service import expand
from botschaft.programs import history
from botschaft.teams.models import Team, TeamMember
from botschaft.tenancy.models import Program, ProgramMembership

CHECK_IN_RULE = "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU;COUNT=4"


def load_demo_learning(
    session: Session, program: Program, memberships: list[ProgramMembership]
) -> None:
    if session.scalar(select(Module.id).where(Module.program_id == program.id)):
        return  # already there
    zone = ZoneInfo(program.timezone)
    now = utcnow()
    cohort = pilot_cohort(session, program)
    for member in memberships:
        history.set_cohort(session, member, cohort.id, program.today())
    team = Team(
        program_id=program.id,
        name="Multiplikatoren",
        profile="Große Netzwerke, teilen Stellenanzeigen und Veranstaltungen.",
    )
    session.add(team)
    session.flush()
    multipliers = [m.id for m in memberships[:3]]
    history.set_team(session, team.id, [], multipliers, program.starts_on or program.today())
    session.add_all(TeamMember(team_id=team.id, member_id=m) for m in multipliers)

    today = now.astimezone(zone).date()
    modules = []
    for position, values in enumerate(TEMPLATE):
        due = today - timedelta(days=42 - 21 * position)
        session_start = datetime.combine(due - timedelta(days=7), time(14), zone)
        module = Module(
            program_id=program.id,
            position=position,
            due_on=due,
            session_starts_at=session_start,
            session_ends_at=session_start + timedelta(hours=3),
            session_place="Rathaus, Sitzungssaal",
            materials=[{"title": "Folien", "url": "https://example.org/botschaft/folien.pdf"}],
            **values,
        )
        session.add(module)
        modules.append(module)
    session.flush()
    for index, member in enumerate(memberships):
        for position, module in enumerate(modules):
            if index % 4 == 3 and position > 0:
                continue  # some have not finished: the matrix shows it
            # The first influencer (the demo sign-in) still has the last module to do.
            done = position < 2 or (index % 2 == 0 and index > 0)
            session.add(
                ModuleProgress(
                    module_id=module.id,
                    member_id=member.id,
                    state=ProgressState.done if done else ProgressState.started,
                    started_at=now - timedelta(days=50),
                    done_at=now - timedelta(days=40 - 10 * position) if done else None,
                    rating=5 - (index % 2) if done else None,
                )
            )

    # A past series of digital check-ins (every second Tuesday), attendance taken.
    first = today - timedelta(days=63)
    first += timedelta(days=(1 - first.weekday()) % 7)  # a Tuesday
    start = datetime.combine(first, time(9), zone)
    series = MeetingSeries(
        program_id=program.id,
        rrule=CHECK_IN_RULE,
        timezone=program.timezone,
        starts_at=start,
        ends_at=start + timedelta(minutes=45),
    )
    session.add(series)
    session.flush()
    meetings = []
    for occurrence in expand(CHECK_IN_RULE, start, program.timezone):
        meetings.append(
            Meeting(
                program_id=program.id,
                series_id=series.id,
                original_starts_at=occurrence,
                kind="check_in",
                title="Digitaler Check-in",
                agenda="Was lief gut, wo hakt es, was steht an?",
                starts_at=occurrence,
                ends_at=occurrence + timedelta(minutes=45),
                timezone=program.timezone,
                video_url="https://meet.example.org/botschaft-checkin",
                audience="cohort",
                cohort_id=cohort.id,
                notes="Kurze Runde, alle Fragen beantwortet.",
            )
        )
    # Within the next week, so the core team's Today page shows who has not answered yet.
    network_day = today + timedelta(days=5)
    network_start = datetime.combine(network_day, time(17), zone)
    meetings.append(
        Meeting(
            program_id=program.id,
            kind="network",
            title="Netzwerktreffen im Klärwerk",
            agenda="Führung durch das Klärwerk, danach Austausch und Fotos für eure Kanäle.",
            starts_at=network_start,
            ends_at=network_start + timedelta(hours=2),
            timezone=program.timezone,
            place="Klärwerk Nord, Besucherzentrum",
            audience="program",
        )
    )
    session.add_all(meetings)
    session.flush()
    # Attendance is taken for every past check-in but the latest (Today asks for it); a few
    # people have not answered the coming network meeting yet.
    latest_past = max((m.starts_at for m in meetings if m.ends_at < now), default=None)
    for meeting in meetings:
        past = meeting.ends_at < now
        taken = past and meeting.starts_at != latest_past
        for index, member in enumerate(memberships):
            open_answer = not past and index % 4 == 3
            session.add(
                MeetingInvitation(
                    meeting_id=meeting.id,
                    member_id=member.id,
                    rsvp=Rsvp.pending if open_answer else Rsvp.yes if index % 5 else Rsvp.maybe,
                    responded_at=None if open_answer else now - timedelta(days=70),
                    attended=(index % 5 != 4) if taken else None,
                )
            )

    week = now + timedelta(days=7)
    session.add_all(
        [
            Briefing(
                program_id=program.id,
                kind="briefing",
                stance="share",
                title="Ausbildungsmesse am Samstag",
                body="Gern teilen: Stand der Stadt in Halle 2, **Fotos ausdrücklich erwünscht**.",
                link_url="https://example.org/ausbildungsmesse",
                expires_at=week,
            ),
            Briefing(
                program_id=program.id,
                kind="briefing",
                stance="hold_back",
                title="Neubau Hallenbad",
                body="Bitte noch nicht posten: Der Rat entscheidet nächste Woche.",
                expires_at=week,
            ),
            Briefing(
                program_id=program.id,
                kind="briefing",
                stance="info",
                title="Neue Kampagnenmotive",
                body="Die neuen Motive liegen ab Montag im Intranet.",
            ),
            Briefing(
                program_id=program.id,
                kind="guideline",
                title="Social-Media-Leitfaden",
                body="Sprechen Sie für sich, nicht für die Verwaltung. Keine internen Vorgänge.",
            ),
            Briefing(
                program_id=program.id,
                kind="legal_faq",
                title="Darf ich Kolleginnen und Kollegen fotografieren?",
                body="Nur mit deren Einverständnis (Recht am eigenen Bild).",
            ),
            Briefing(
                program_id=program.id,
                kind="idea",
                title="Ein Blick in die Leitstelle",
                body="Ein Foto vom Arbeitsplatz und ein Satz, was Sie heute bewegt hat.",
                link_url="https://example.org/leitstelle",
                author_member_id=memberships[0].id,
            ),
        ]
    )
    session.flush()
