"""Matrix rows for an influencer's page and the core team's private support notes."""

from __future__ import annotations

from tests.authz.rules import Rule
from tests.authz.world import World

CORE = frozenset({"core_team"})


def build(world: World) -> None:
    from botschaft.influencers.models import SupportNote

    with world.db.session() as session:
        note = SupportNote(
            membership_id=world.members["influencer"],
            author_id=world.accounts["core_team"].id,
            text="Möchte Hilfe beim ersten Video.",
        )
        session.add(note)
        session.flush()
        world.objects["support_note"] = note.id


def _person(w: World) -> dict:
    return {"program_id": w.program, "member_id": w.members["influencer"]}


def _note(w: World) -> dict:
    return {**_person(w), "note_id": w["support_note"]}


RULES = {
    "influencer_get": Rule(CORE, path=_person),
    "support_notes_list": Rule(CORE, path=_person),
    "support_notes_create": Rule(CORE, path=_person, body=lambda w: {"text": "Kurz nachfragen"}),
    "support_notes_update": Rule(CORE, path=_note, body=lambda w: {"text": "Nachgefragt"}),
    "support_notes_delete": Rule(CORE, path=_note),
}
