"""Demo application calls: the pilot's closed call with 72 applications whose dimensions are
spread like a real city administration's staff (not uniform), and an open second call. The
pilot's selected applicants become the demo's influencers, so names, answers and occupations
agree."""

from __future__ import annotations

import hashlib
import random
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from botschaft.calls.models import Application, ApplicationStatus, Call, CallStatus, Question
from botschaft.calls.templates import REFERENCE_CONSENT, REFERENCE_PRIVACY, REFERENCE_QUESTIONS
from botschaft.core.database import utcnow
from botschaft.demo import data
from botschaft.identity.models import User
from botschaft.selection import engine
from botschaft.selection.engine.quotas import propose
from botschaft.selection.models import RoundStatus, SelectionRound
from botschaft.selection.service import record_run
from botschaft.tenancy.models import Cohort, CohortKind, Program

PILOT_TITLE = "Werde Stimme der Stadt – Pilotgruppe"
OPEN_TITLE = "Werde Stimme der Stadt – zweite Welle"
PILOT_POOL = 72
PILOT_SIZE = 16

# Shares among applicants (weights), shaped like a German city administration's staff.
WEIGHTS = {
    "gender": {"female": 54, "male": 41, "diverse": 2, "no_answer": 3},
    "age_band": {
        "under_25": 9,
        "25_34": 31,
        "35_44": 27,
        "45_54": 21,
        "55_plus": 10,
        "no_answer": 2,
    },
    "experience": {"none": 24, "some": 41, "regular": 25, "creator": 10},
    "occupation_group": {"admin": 36, "social": 29, "tech": 19, "green": 8, "safety": 8},
    "time_available": {"lt1h": 30, "1to2h": 50, "gt2h": 20},
}
FIRST = {
    "female": [
        "Laura",
        "Sarah",
        "Lisa",
        "Hannah",
        "Lea",
        "Nina",
        "Miriam",
        "Carina",
        "Petra",
        "Tanja",
        "Selin",
        "Birgit",
        "Jana",
        "Ines",
        "Zeynep",
        "Monika",
        "Franziska",
    ],
    "male": [
        "Jan",
        "Tobias",
        "Markus",
        "Daniel",
        "Felix",
        "Kai",
        "Sven",
        "Yusuf",
        "Oliver",
        "Matthias",
        "Niklas",
        "Rainer",
        "Patrick",
        "Emre",
        "Uwe",
    ],
    "other": ["Alex", "Kim", "Robin", "Sascha", "Toni"],
}
LAST = [
    "Schneider",
    "Meyer",
    "Schäfer",
    "Krüger",
    "Neumann",
    "Schwarz",
    "Zimmermann",
    "Braun",
    "Hartmann",
    "Lange",
    "Werner",
    "Krause",
    "Lehmann",
    "Köhler",
    "Herrmann",
    "König",
    "Walter",
    "Peters",
    "Arslan",
    "Nowak",
    "Frank",
    "Berger",
    "Roth",
    "Vogel",
    "Jung",
]
MOTIVATION = [
    "Ich möchte zeigen, wie abwechslungsreich die Arbeit bei der Stadt ist.",
    "Viele wissen nicht, was unser Amt jeden Tag leistet – das will ich ändern.",
    "Ich poste schon privat über meine Arbeit und würde das gern offiziell tun.",
    "Wir suchen dringend Nachwuchs; ich möchte jungen Leuten meinen Beruf zeigen.",
]
TOPICS = [
    "Ausbildung und Einstieg",
    "Einsätze und Übungen",
    "Bauprojekte in der Stadt",
    "Kita-Alltag",
    "Digitalisierung der Verwaltung",
    "Stadtgrün und Klimaschutz",
]


def form_token(title: str) -> str:
    """The demo calls' form links are fixed, so the README and tests can point to them."""
    return hashlib.sha256(f"demo-{title}".encode()).hexdigest()[:24]


def _pick(rng: random.Random, dimension: str) -> str:
    values = WEIGHTS[dimension]
    return rng.choices(list(values), list(values.values()))[0]


def _answers(rng: random.Random, gender: str, group: str | None = None) -> dict:
    experience = _pick(rng, "experience")
    platforms = (
        ["none"]
        if experience == "none"
        else sorted(
            rng.sample(["linkedin", "instagram", "tiktok", "xing", "facebook"], rng.randint(1, 3))
        )
    )
    return {
        "motivation": rng.choice(MOTIVATION),
        "topics": rng.choice(TOPICS),
        "platforms": platforms,
        "experience": experience,
        "time_available": _pick(rng, "time_available"),
        "age_band": _pick(rng, "age_band"),
        "gender": gender,
        "occupation_group": group or _pick(rng, "occupation_group"),
    }


def _call(program: Program, title: str, opens: datetime, closes: datetime, status: CallStatus):
    call = Call(
        program_id=program.id,
        title=title,
        description=(
            "Sie arbeiten gern bei der Stadt und erzählen davon? Dann werden Sie Teil unseres "
            "Corporate-Influencer-Programms. Wir begleiten Sie mit einer Lernreise und "
            "regelmäßigen Treffen; Sie zeigen auf LinkedIn, Instagram oder TikTok, was Ihre "
            "Arbeit ausmacht."
        ),
        opens_at=opens,
        closes_at=closes,
        info_event_at=opens + timedelta(days=7),
        info_event_location="https://meet.musterstadt.example/info",
        status=status,
        form_token=form_token(title),
        privacy_notice_de=REFERENCE_PRIVACY["de"],
        privacy_notice_en=REFERENCE_PRIVACY["en"],
        consent_text_de=REFERENCE_CONSENT["de"],
        consent_text_en=REFERENCE_CONSENT["en"],
    )
    call.questions = [
        Question(
            **q.model_dump(exclude={"options"}),
            options=[o.model_dump() for o in q.options],
            position=i,
        )
        for i, q in enumerate(REFERENCE_QUESTIONS)
    ]
    return call


def _application(call: Call, name: str, email: str, answers: dict, status, at: datetime, user=None):
    return Application(
        call_id=call.id,
        user_id=user.id if user else None,
        name=name,
        email=email,
        answers=answers,
        status=status,
        # Demo applicants have no private link; a random digest keeps the column unique.
        access_digest=hashlib.sha256(f"demo:{call.id}:{email}".encode()).hexdigest(),
        privacy_version=1,
        consent_version=1,
        consented_at=at,
        submitted_at=at,
        updated_at=at,
    )


def _others(
    rng: random.Random, call: Call, count: int, latest: datetime, taken: set[str], statuses
):
    """`count` applications submitted between the call's opening and `latest`."""
    span = latest - call.opens_at
    out = []
    while len(out) < count:
        gender = _pick(rng, "gender")
        first = rng.choice(
            FIRST["female" if gender == "female" else "male" if gender == "male" else "other"]
        )
        last = rng.choice(LAST)
        email = f"{first}.{last}".lower().replace("ä", "ae").replace("ö", "oe").replace("ü", "ue")
        email = f"{email}@{data.DOMAIN}"
        if email in taken:
            continue
        taken.add(email)
        # A day in the first three weeks and an hour of the working day, squeezed into the span
        # (the draws stay the same, so the pool and its selection stay the same).
        hours = rng.randint(0, 20) * 24 + rng.randint(7, 18)
        at = call.opens_at + span * (hours / (20 * 24 + 18))
        out.append(
            _application(
                call, f"{first} {last}", email, _answers(rng, gender), statuses(len(out)), at
            )
        )
    return out


def pilot_cohort(session: Session, program: Program) -> Cohort:
    """The cohort the pilot round was confirmed into."""
    cohort = session.scalar(
        select(Cohort).where(Cohort.program_id == program.id, Cohort.name == "Pilot")
    )
    if cohort is None:
        cohort = Cohort(
            program_id=program.id, name="Pilot", kind=CohortKind.pilot, starts_on=program.starts_on
        )
        session.add(cohort)
        session.flush()
    return cohort


def _confirmed_round(
    session: Session, program: Program, call: Call, pool: list[Application], core: User
) -> tuple[list[str], list[str]]:
    """Runs the engine on the pilot pool as the core team did, and stores the round confirmed:
    the demo's report is a real one. Returns the panel and the alternates."""
    keys = [q.key for q in call.questions if q.is_dimension]
    people = {str(a.id): {k: str(a.answers[k]) for k in keys} for a in pool}
    persons = tuple(engine.Person(id=i, features=f) for i, f in sorted(people.items()))
    quotas = tuple(propose(persons, PILOT_SIZE, keys, "proportional"))
    result = engine.run(
        engine.Instance(people=persons, k=PILOT_SIZE, quotas=quotas), seed=2023, time_limit=30
    )
    cohort = pilot_cohort(session, program)
    round_ = SelectionRound(
        program_id=program.id,
        call_id=call.id,
        name="Pilotgruppe",
        k=PILOT_SIZE,
        dimensions=keys,
        quotas=[vars(q) for q in quotas],
        seed=2023,
        status=RoundStatus.confirmed,
        confirmed_at=call.closes_at + timedelta(days=7),
        confirmed_by=core.id,
        cohort_id=cohort.id if cohort else None,
    )
    session.add(round_)
    session.flush()
    run = record_run(round_, result, people, core.id)
    run.created_at = call.closes_at + timedelta(days=6)
    session.add(run)
    session.flush()
    round_.confirmed_run_id = run.id
    return list(result.panel), list(result.alternates)


def _take_demo_sign_in(selected: list[Application]) -> None:
    """The README's influencer sign-in (Sophie Wagner) takes the place of a selected woman,
    preferably one in administration, as the person behind her application."""
    women = [a for a in selected if a.answers["gender"] == "female"] or selected
    chosen = next((a for a in women if a.answers["occupation_group"] == "admin"), women[0])
    first, last = data.DEMO_INFLUENCER
    chosen.name = f"{first} {last}"
    chosen.email = f"{first}.{last}@{data.DOMAIN}".lower()


def selected_applications(session: Session, program: Program) -> list[Application]:
    """The pilot's selected applicants, the demo sign-in first, then by name."""
    rows = session.scalars(
        select(Application)
        .join(Call, Call.id == Application.call_id)
        .where(
            Call.program_id == program.id,
            Call.title == PILOT_TITLE,
            Application.status == ApplicationStatus.selected,
        )
    ).all()
    first = " ".join(data.DEMO_INFLUENCER)
    return sorted(rows, key=lambda a: (a.name != first, a.name))


def load_demo_calls(session: Session, program: Program, core: User) -> list[Application]:
    """Creates the calls once; returns the pilot's selected applications."""
    if session.scalar(select(Call.id).where(Call.program_id == program.id)):
        return selected_applications(session, program)
    rng = random.Random(2022)
    now = utcnow().replace(minute=0, second=0, microsecond=0)
    # The pilot call closed three weeks before the program started (so its pool is still
    # within the retention period); the second wave's call is open now.
    starts = datetime.combine(program.starts_on, time(9), ZoneInfo(program.timezone))
    closes = starts - timedelta(days=21)
    opens = closes - timedelta(days=30)
    pilot = _call(program, PILOT_TITLE, opens, closes, CallStatus.closed)
    second = _call(
        program, OPEN_TITLE, now - timedelta(days=5), now + timedelta(days=30), CallStatus.open
    )
    session.add_all([pilot, second])
    session.flush()

    taken = {f"{'.'.join(data.DEMO_INFLUENCER)}@{data.DOMAIN}".lower()}
    pool = _others(rng, pilot, PILOT_POOL, closes, taken, lambda i: ApplicationStatus.submitted)
    late = _others(rng, second, 9, now, taken, lambda i: ApplicationStatus.submitted)
    session.add_all(pool + late)
    session.flush()
    panel, reserve = _confirmed_round(session, program, pilot, pool, core)
    selected, alternates = set(panel), set(reserve)
    for application in pool:
        key = str(application.id)
        application.status = (
            ApplicationStatus.selected
            if key in selected
            else ApplicationStatus.alternate
            if key in alternates
            else ApplicationStatus.not_selected
        )
    _take_demo_sign_in([a for a in pool if str(a.id) in selected])
    session.flush()
    return selected_applications(session, program)
