"""The demo's request inbox: the demo's requests (outcomes of a request kind) as they came
in, the latest still new, older ones answered or done, and the hires as the results of
earlier job or internship requests of the same person."""

from __future__ import annotations

import random
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from botschaft.inbox.models import COUNTED_AS, InboundRequest, RequestChannel, RequestState
from botschaft.posts.models import Outcome, OutcomeType, Post
from botschaft.posts.service import program_today
from botschaft.tenancy.models import Program, ProgramMembership

ASKERS = [
    "Schülerin, 10. Klasse",
    "Student der Verwaltungswissenschaft",
    "Radio Musterstadt",
    "Gymnasium am Park",
    "Stadtanzeiger",
    "Quereinsteigerin aus der IT",
    "Podcast „Amtsstube“",
    None,
]
NEW, ANSWERED = 3, 5  # the latest three are new, the five before answered, the rest done


def load_demo_requests(session: Session, program: Program, signed_in: ProgramMembership) -> None:
    """`signed_in` is the demo's influencer sign-in: they get a request of their own, new."""
    if session.scalar(select(InboundRequest.id).where(InboundRequest.program_id == program.id)):
        return
    rng = random.Random(11)
    latest = session.scalar(
        select(Post).where(Post.member_id == signed_in.id).order_by(Post.published_on.desc())
    )
    if latest is not None:
        # Newer than the other requests (they end last month): it shows as new.
        day = min(program_today(program), latest.published_on + timedelta(days=3))
        session.add(
            Outcome(
                program_id=program.id,
                member_id=signed_in.id,
                post_id=latest.id,
                type=OutcomeType.speaker_request,
                occurred_on=day,
                created_by=signed_in.user_id,
                from_request=True,
                created_at=datetime.combine(day, time(12), ZoneInfo(program.timezone)),
            )
        )
        session.flush()
    kind_of = {outcome: kind for kind, outcome in COUNTED_AS.items()}
    outcomes = session.scalars(
        select(Outcome)
        .where(Outcome.program_id == program.id)
        .order_by(Outcome.occurred_on.desc(), Outcome.id)
    ).all()
    hires = [o for o in outcomes if o.type == OutcomeType.hire]
    requests = []
    for n, outcome in enumerate(o for o in outcomes if o.type in kind_of):
        state = (
            RequestState.new
            if n < NEW
            else RequestState.answered
            if n < NEW + ANSWERED
            else RequestState.closed
        )
        outcome.from_request = True
        request = InboundRequest(
            program_id=program.id,
            member_id=outcome.member_id,
            post_id=outcome.post_id,
            type=kind_of[outcome.type],
            channel=rng.choice(list(RequestChannel)),
            received_on=outcome.occurred_on,
            asker=rng.choice(ASKERS),
            state=state,
            outcome_id=outcome.id,
            created_by=outcome.created_by,
        )
        requests.append(request)
    for hire in hires:
        earlier = [
            r
            for r in requests
            if r.member_id == hire.member_id
            and r.type in ("job_application", "internship")
            and r.received_on <= hire.occurred_on
            and r.result_id is None
        ]
        if earlier:
            earlier[0].result_id = hire.id
            hire.from_request = True
            earlier[0].state = RequestState.closed
            hire.post_id = earlier[0].post_id
    session.add_all(requests)
    session.flush()
