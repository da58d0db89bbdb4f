"""Matrix rows for follower counts: influencers record and delete their own, the core team
anyone's; HR leadership and other programs never."""

from __future__ import annotations

from datetime import date

from tests.authz.rules import Rule
from tests.authz.world import World

OWNER = frozenset({"core_team", "influencer"})


def build(world: World) -> None:
    from botschaft.followers.models import FollowerReading

    with world.db.session() as session:
        reading = FollowerReading(
            program_id=world.program,
            member_id=world.members["influencer"],
            platform="linkedin",
            counted_on=date(2026, 1, 5),
            followers=480,
        )
        session.add(reading)
        session.flush()
        world.objects["follower_reading"] = reading.id


RULES = {
    "followers_mine": Rule(
        frozenset({"influencer", "peer_influencer"}), path=lambda w: {"program_id": w.program}
    ),
    # For the influencer: another's count is refused even to an influencer of the program.
    "followers_record": Rule(
        OWNER,
        path=lambda w: {"program_id": w.program},
        body=lambda w: {
            "platform": "linkedin",
            "followers": 500,
            "member_id": str(w.members["influencer"]),
        },
    ),
    "followers_profile_set": Rule(
        OWNER,
        path=lambda w: {"program_id": w.program},
        body=lambda w: {
            "platform": "linkedin",
            "url": "https://www.linkedin.com/in/beispiel",
            "member_id": str(w.members["influencer"]),
        },
    ),
    # Without the form's platform this world's file is refused with 422 (the caller passed).
    "followers_import": Rule(
        frozenset({"core_team", "influencer", "peer_influencer"}),
        path=lambda w: {"program_id": w.program},
        files=lambda w: {"file": ("f.csv", b"Date,Followers\n2026-01-06,490\n", "text/csv")},
        also_ok=frozenset({422}),
    ),
    "followers_delete": Rule(
        OWNER,
        path=lambda w: {"program_id": w.program, "reading_id": w["follower_reading"]},
    ),
}
