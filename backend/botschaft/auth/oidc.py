"""OpenID Connect client (Authlib): discovery, PKCE, ID-token validation against the JWKS."""

from __future__ import annotations

from datetime import timedelta

from authlib.integrations.starlette_client import OAuth
from sqlalchemy import delete
from starlette.concurrency import run_in_threadpool

from botschaft.auth.models import OidcState
from botschaft.core.database import Database, utcnow
from botschaft.core.settings import Settings

CLIENT_NAME = "botschaft_oidc"


class DatabaseStateCache:
    """Authlib's state cache, kept in the database so every app process shares it."""

    def __init__(self, db: Database):
        self.db = db

    def _get(self, key: str) -> str | None:
        with self.db.session() as session:
            row = session.get(OidcState, key)
            if row is None or row.expires_at < utcnow():
                return None
            return row.value

    def _set(self, key: str, value: str, expires_in: int) -> None:
        with self.db.session() as session:
            session.execute(delete(OidcState).where(OidcState.expires_at < utcnow()))
            session.merge(
                OidcState(key=key, value=value, expires_at=utcnow() + timedelta(seconds=expires_in))
            )

    def _delete(self, key: str) -> None:
        with self.db.session() as session:
            session.execute(delete(OidcState).where(OidcState.key == key))

    async def get(self, key: str) -> str | None:
        return await run_in_threadpool(self._get, key)

    async def set(self, key: str, value: str, expires_in: int | None = None) -> None:
        await run_in_threadpool(self._set, key, value, expires_in or 600)

    async def delete(self, key: str) -> None:
        await run_in_threadpool(self._delete, key)


def build_oauth(settings: Settings, db: Database) -> OAuth | None:
    if not settings.oidc_enabled:
        return None
    oauth = OAuth(cache=DatabaseStateCache(db))
    issuer = settings.oidc_issuer.rstrip("/")
    oauth.register(
        name=CLIENT_NAME,
        client_id=settings.oidc_client_id,
        client_secret=settings.oidc_client_secret,
        server_metadata_url=settings.oidc_metadata_url
        or f"{issuer}/.well-known/openid-configuration",
        client_kwargs={"scope": "openid email profile", "code_challenge_method": "S256"},
    )
    # An SSO round trip that takes longer than ten minutes starts over.
    oauth.create_client(CLIENT_NAME).framework.expires_in = 600
    return oauth
