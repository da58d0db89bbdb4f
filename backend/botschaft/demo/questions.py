"""The demo's applicant questions: what people asked the influencers over the last months,
most sorted into the core team's topics, the latest few not yet."""

from __future__ import annotations

import random
from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from botschaft.posts.service import program_today
from botschaft.questions.models import ApplicantQuestion, QuestionTopic
from botschaft.tenancy.models import Program, ProgramMembership

# topic -> questions people asked (None: not sorted yet)
QUESTIONS: dict[str | None, list[str]] = {
    "Ausbildung und duales Studium": [
        "Wann beginnt die Bewerbungsphase für die Ausbildung?",
        "Kann man bei der Stadt dual studieren?",
        "Brauche ich für die Verwaltungsausbildung Abitur?",
        "Gibt es ein Praktikum vor der Ausbildung?",
        "Wie lange dauert die Ausbildung zur Verwaltungsfachangestellten?",
    ],
    "Arbeitszeit und Teilzeit": [
        "Gibt es Gleitzeit?",
        "Kann man in Teilzeit arbeiten?",
        "Wie viele Tage Homeoffice sind möglich?",
        "Gibt es Schichtdienst bei der Feuerwehr auch in Teilzeit?",
    ],
    "Quereinstieg": [
        "Kann ich als Quereinsteigerin aus der IT bei der Stadt anfangen?",
        "Werden Berufserfahrungen aus der Privatwirtschaft angerechnet?",
        "Gibt es Weiterbildungen für Quereinsteiger?",
    ],
    None: [
        "Wie läuft das Vorstellungsgespräch ab?",
        "Gibt es ein Jobticket?",
        "Darf ich meinen Hund mit ins Büro bringen?",
    ],
}


def load_demo_questions(
    session: Session, program: Program, memberships: list[ProgramMembership]
) -> None:
    if session.scalar(
        select(ApplicantQuestion.id).where(ApplicantQuestion.program_id == program.id)
    ):
        return
    rng = random.Random(5)
    today = program_today(program)
    for name, texts in QUESTIONS.items():
        topic = None
        if name is not None:
            topic = QuestionTopic(program_id=program.id, name=name)
            session.add(topic)
            session.flush()
        for text in texts:
            # Asked once or more often (by several people), spread over the last months; the
            # ones without a topic came in this week.
            for _ in range(1 if name is None else rng.randint(1, 3)):
                back = rng.randint(0, 6) if name is None else rng.randint(7, 150)
                day = max(program.starts_on or today, today - timedelta(days=back))
                session.add(
                    ApplicantQuestion(
                        program_id=program.id,
                        member_id=rng.choice(memberships).id,
                        text=text,
                        asked_on=day,
                        topic_id=topic.id if topic else None,
                    )
                )
    session.flush()
