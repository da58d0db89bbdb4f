"""“Forgot password?”: the request is answered the same whether the address has an account or
not. The request only enqueues a job with the address entered (the same work either way);
the job looks the account up and sends the link, so neither the answer nor its timing tells
an outsider which addresses have accounts."""

from __future__ import annotations

from sqlalchemy.orm import Session

from botschaft.audit import service as audit
from botschaft.auth import account_tokens
from botschaft.auth.invitations import sso_link, uses_sso
from botschaft.auth.models import TokenPurpose
from botschaft.core.settings import Settings
from botschaft.identity.lookup import find_by_email, normalise_email
from botschaft.jobs.service import enqueue
from botschaft.notifications.service import send_email

ACCEPTED = (
    "If an account with this address exists, we have sent it an email with a link to set a "
    "new password."
)


def request_reset(session: Session, email: str, ip: str | None) -> None:
    enqueue(session, "auth.password_reset", {"email": normalise_email(email), "ip": ip})


def send_reset(session: Session, email: str, settings: Settings, ip: str | None) -> None:
    """Runs in the job: a link for an active account, nothing otherwise (the job itself, with
    the address typed in, is deleted a day after it is done: auth.jobs)."""
    user = find_by_email(session, email)
    if user is None or not user.is_active:
        return
    if uses_sso(user, settings):
        template, context = "auth.password_reset_sso", {"link": sso_link(settings)}
    else:
        token, _ = account_tokens.issue(session, user, TokenPurpose.reset, settings, actor=None)
        template = "auth.password_reset"
        context = {
            "link": account_tokens.link(settings, TokenPurpose.reset, token),
            "minutes": settings.password_reset_minutes,
        }
    send_email(
        session,
        to=user.email,
        template=template,
        locale=user.locale,
        context={"name": user.name, **context},
    )
    audit.record(
        session,
        "auth.password_reset_requested",
        actor=user,
        target_type="user",
        target_id=user.id,
        ip=ip,
        details={"via": "sso" if template == "auth.password_reset_sso" else "link"},
    )
