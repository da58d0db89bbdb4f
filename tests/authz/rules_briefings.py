"""Matrix rows for briefings, ideas, read marks and files.

"influencer" has a suggested idea nobody else but the core team may see: "peer_influencer"
gets 404 for it. Files are for members of the program only.
"""

from __future__ import annotations

from botschaft.briefings.models import Briefing
from botschaft.files.models import StoredFile
from tests.authz.rules import Rule
from tests.authz.world import World

CORE = frozenset({"core_team"})
CORE_OR_INFLUENCERS = frozenset({"core_team", "influencer", "peer_influencer"})
MEMBERS_AND_ADMIN = frozenset({"core_team", "influencer", "peer_influencer", "hr_viewer", "admin"})


def build(world: World) -> None:
    with world.db.session() as session:
        published = Briefing(
            program_id=world.program, kind="briefing", stance="share", title="Stadtfest"
        )
        idea = Briefing(
            program_id=world.program,
            kind="idea",
            status="suggested",
            title="Baustelle",
            link_url="https://example.org/baustelle",
            author_member_id=world.members["influencer"],
        )
        stored = StoredFile(
            program_id=world.program,
            filename="leitfaden.pdf",
            content_type="application/pdf",
            size=8,
            sha256="0" * 64,
            content=b"%PDF-1.4",
        )
        session.add_all([published, idea, stored])
        session.flush()
        world.objects.update(briefing=published.id, idea=idea.id, file=stored.id)


def _program(w: World) -> dict:
    return {"program_id": w.program}


RULES = {
    "briefings_list": Rule(CORE_OR_INFLUENCERS, path=_program),
    "briefings_create": Rule(
        CORE_OR_INFLUENCERS,
        path=_program,
        body=lambda w: {"kind": "idea", "title": "Idee", "link_url": "https://example.org/i"},
    ),
    "briefings_update": Rule(
        CORE,
        path=lambda w: {"program_id": w.program, "briefing_id": w["idea"]},
        body=lambda w: {"version": 1, "status": "published"},
    ),
    "briefings_delete": Rule(
        CORE, path=lambda w: {"program_id": w.program, "briefing_id": w["idea"]}
    ),
    "briefings_mark_read": Rule(
        frozenset({"influencer"}),
        path=lambda w: {"program_id": w.program, "briefing_id": w["idea"]},
    ),
    # JSON instead of a file: the allowed callers reach the body check (422).
    "files_upload": Rule(CORE_OR_INFLUENCERS, path=_program, also_ok=frozenset({422})),
    "files_get": Rule(
        MEMBERS_AND_ADMIN, path=lambda w: {"program_id": w.program, "file_id": w["file"]}
    ),
}

RULES["home_get"] = Rule(frozenset({"influencer", "peer_influencer"}), path=_program)
