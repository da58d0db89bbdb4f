"""Matrix rows for erasure on request (Art. 17): everyone signed in asks for themselves; the
core team of the person's program or an administrator confirms."""

from __future__ import annotations

from botschaft.erasure.models import ErasureRequest
from tests.authz.rules import SIGNED_IN, Rule
from tests.authz.world import World


def build(world: World) -> None:
    """Every account has asked, so each caller has a request of their own to withdraw."""
    with world.db.session() as session:
        for caller, account in world.accounts.items():
            request = ErasureRequest(user_id=account.id)
            session.add(request)
            session.flush()
            world.objects[f"erasure_request:{caller}"] = request.id


RULES = {
    "my_erasure_get": Rule(SIGNED_IN),
    "my_erasure_ask": Rule(SIGNED_IN, body=lambda w: {"note": "Bitte löschen."}),
    "my_erasure_withdraw": Rule(SIGNED_IN),
    "erasure_requests_list": Rule(SIGNED_IN),
    "erasure_requests_confirm": Rule(
        frozenset({"core_team", "admin"}),
        path=lambda w: {"request_id": w["erasure_request:peer_influencer"]},
    ),
}
