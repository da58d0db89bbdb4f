"""Matrix rows for applicant questions: influencers note and change their own, the core team
sorts them into topics; HR leadership and other programs never see a question."""

from __future__ import annotations

from datetime import date

from tests.authz.rules import Rule
from tests.authz.world import World

CORE = frozenset({"core_team"})
NOTERS = frozenset({"core_team", "influencer", "peer_influencer"})
OWNER = frozenset({"core_team", "influencer"})


def build(world: World) -> None:
    from botschaft.questions.models import ApplicantQuestion, QuestionTopic

    with world.db.session() as session:
        topic = QuestionTopic(program_id=world.program, name="Tattoos")
        session.add(topic)
        session.flush()
        question = ApplicantQuestion(
            program_id=world.program,
            member_id=world.members["influencer"],
            text="Sind Tattoos erlaubt?",
            asked_on=date(2026, 1, 5),
            topic_id=topic.id,
        )
        session.add(question)
        session.flush()
        world.objects["question"] = question.id
        world.objects["topic"] = topic.id


def _program(w: World) -> dict:
    return {"program_id": w.program}


def _question(w: World) -> dict:
    return {"program_id": w.program, "question_id": w["question"]}


def _topic(w: World) -> dict:
    return {"program_id": w.program, "topic_id": w["topic"]}


RULES = {
    "questions_create": Rule(NOTERS, path=_program, body=lambda w: {"text": "Gibt es Teilzeit?"}),
    "questions_list": Rule(NOTERS, path=_program),
    "questions_update": Rule(OWNER, path=_question, body=lambda w: {"text": "Tattoos erlaubt?"}),
    "questions_delete": Rule(OWNER, path=_question),
    "questions_topics": Rule(CORE, path=_program),
    "questions_topics_create": Rule(CORE, path=_program, body=lambda w: {"name": "Teilzeit"}),
    "questions_topics_delete": Rule(CORE, path=_topic),
    "questions_topics_turn": Rule(CORE, path=_topic, body=lambda w: {"kind": "faq"}),
}
