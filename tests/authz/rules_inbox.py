"""Matrix rows for the request inbox: influencers record and handle their own requests, the
core team anyone's; HR leadership and other programs never (not even the counts)."""

from __future__ import annotations

from datetime import date

from tests.authz.rules import Rule
from tests.authz.world import World

OWNER = frozenset({"core_team", "influencer"})
READERS = frozenset({"core_team", "influencer", "peer_influencer"})


def build(world: World) -> None:
    from botschaft.inbox.models import InboundRequest

    with world.db.session() as session:
        request = InboundRequest(
            program_id=world.program,
            member_id=world.members["influencer"],
            type="speaker",
            channel="email",
            received_on=date(2026, 1, 5),
        )
        session.add(request)
        session.flush()
        world.objects["inbound"] = request.id


def _path(w: World) -> dict:
    return {"program_id": w.program, "inbound_id": w["inbound"]}


RULES = {
    # Each influencer records their own; the core team must name the person (422 here).
    "requests_create": Rule(
        READERS,
        path=lambda w: {"program_id": w.program},
        body=lambda w: {"type": "press"},
        also_ok=frozenset({422}),
    ),
    # Each influencer reads their own (a peer gets an empty list), the core team all.
    "requests_list": Rule(READERS, path=lambda w: {"program_id": w.program}),
    "requests_counts": Rule(READERS, path=lambda w: {"program_id": w.program}),
    "requests_update": Rule(OWNER, path=_path, body=lambda w: {"state": "answered"}),
    "requests_result_set": Rule(OWNER, path=_path, body=lambda w: {"type": "talk"}),
    "requests_result_delete": Rule(OWNER, path=_path),
    "requests_delete": Rule(OWNER, path=_path),
}
