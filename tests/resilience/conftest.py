"""Resilience tests run real `botschaft serve` processes on a database of their own."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest
from sqlalchemy import create_engine, text

from tests.support.databases import (
    create_postgres_database,
    drop_postgres_database,
    require_postgres,
    sqlite_url,
)
from tests.support.fuzz import DEMO_ACCOUNTS, DEMO_PASSWORD

SERVER_ENV = {
    "BOTSCHAFT_LOGIN_LIMIT_PER_ADDRESS": "1000000/minute",
    "BOTSCHAFT_LOGIN_LIMIT_PER_ACCOUNT": "1000000/minute",
    "BOTSCHAFT_SECRET_KEY": "resilience-secret-" + "x" * 32,
}


@pytest.fixture(params=["sqlite", "postgresql"])
def server_database(request, tmp_path) -> Iterator[str]:
    """An empty database URL; the server migrates it on start."""
    if request.param == "sqlite":
        yield sqlite_url(tmp_path)
        return
    require_postgres()
    name, url = create_postgres_database()
    try:
        yield url
    finally:
        drop_postgres_database(name)


def signed_in(
    url: str, email: str = DEMO_ACCOUNTS["core_team"], timeout: float = 20
) -> httpx.Client:
    """A client of the live server, signed in, sending the CSRF header like the SPA."""
    client = httpx.Client(base_url=url, timeout=timeout)
    client.post(
        "/api/v1/auth/login", json={"email": email, "password": DEMO_PASSWORD}
    ).raise_for_status()
    client.headers["X-CSRF-Token"] = client.cookies["botschaft_csrf"]
    return client


def scalar(url: str, sql: str, **params):
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            return connection.execute(text(sql), params).scalar()
    finally:
        engine.dispose()


__all__ = ["DEMO_ACCOUNTS", "DEMO_PASSWORD", "SERVER_ENV", "scalar", "signed_in"]
