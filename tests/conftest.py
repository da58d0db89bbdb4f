"""Fixtures: every API test runs once on SQLite and once on PostgreSQL.

The schema comes from the migrations (not create_all), once per backend and run; each test
runs inside a transaction that is rolled back, with the app's commits turned into savepoints.
"""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import sessionmaker

from botschaft.app import create_app
from botschaft.core import migrate
from botschaft.core.database import Database, make_engine
from botschaft.core.settings import Settings
from tests.support.databases import (
    create_postgres_database,
    drop_postgres_database,
    require_postgres,
    sqlite_url,
)
from tests.support.smtp import SmtpServer

os.environ.setdefault("BOTSCHAFT_ENVIRONMENT", "test")


def make_settings(database_url: str, tmp_path, **overrides) -> Settings:
    values = dict(
        database_url=database_url,
        data_dir=tmp_path,
        secret_key="test-secret-key-" + "x" * 32,
        public_url="http://testserver",
        environment="test",
        # Tests run jobs explicitly (tests.support.jobs.run_jobs), with a clock they choose.
        jobs_in_process=False,
    )
    values.update(overrides)
    return Settings(**values)


@pytest.fixture(scope="session", params=["sqlite", "postgresql"])
def database_url(request, tmp_path_factory) -> Iterator[str]:
    if request.param == "sqlite":
        url = sqlite_url(tmp_path_factory.mktemp("sqlite"))
        migrate.upgrade(make_settings(url, tmp_path_factory.mktemp("data")))
        yield url
        return
    require_postgres()
    name, url = create_postgres_database()
    try:
        migrate.upgrade(make_settings(url, tmp_path_factory.mktemp("data")))
        yield url
    finally:
        drop_postgres_database(name)


@pytest.fixture(scope="session")
def engine(database_url):
    engine = make_engine(database_url)
    yield engine
    engine.dispose()


@pytest.fixture
def db(engine) -> Iterator[Database]:
    connection = engine.connect()
    transaction = connection.begin()
    factory = sessionmaker(
        bind=connection, join_transaction_mode="create_savepoint", expire_on_commit=False
    )
    try:
        yield Database(engine, factory)
    finally:
        transaction.rollback()
        connection.close()


@pytest.fixture(scope="session")
def _smtp_server() -> Iterator[SmtpServer]:
    server = SmtpServer().start()
    yield server
    server.stop()


@pytest.fixture
def smtp_server(_smtp_server) -> SmtpServer:
    """The real SMTP server every test's settings point to, emptied for this test."""
    _smtp_server.clear()
    return _smtp_server


@pytest.fixture
def settings(database_url, tmp_path, _smtp_server) -> Settings:
    return make_settings(database_url, tmp_path, **_smtp_server.settings_overrides())


@pytest.fixture
def app(settings, db):
    return create_app(settings, db, serve_spa=False)


@pytest.fixture
def client(app) -> Iterator[TestClient]:
    with TestClient(app, base_url="http://testserver") as test_client:
        yield test_client


@pytest.fixture
def new_client(app):
    """Factory for more clients of the same app (several people at once)."""
    clients = []

    def factory() -> TestClient:
        test_client = TestClient(app, base_url="http://testserver")
        clients.append(test_client)
        return test_client

    yield factory
    for test_client in clients:
        test_client.close()


# The quick subset (`pytest -m "not slow"`) leaves out what starts servers and browsers, storms
# and fuzzes, and the text rule's sweep over every operation.
SLOW_FOLDERS = ("browser", "resilience", "fuzz")
SLOW_MODULES = ("test_text_input.py", "test_migrations.py", "test_sso.py")


def pytest_collection_modifyitems(config, items):
    for item in items:
        parts = item.path.parts
        if any(folder in parts for folder in SLOW_FOLDERS) or item.path.name in SLOW_MODULES:
            item.add_marker(pytest.mark.slow)
        # The PostgreSQL run of a two-database test: `-m "not slow and not postgres"` is the
        # quick subset on SQLite alone (about 5 minutes on two cores).
        params = getattr(item, "callspec", None)
        if params is not None and "postgresql" in params.params.values():
            item.add_marker(pytest.mark.postgres)


def pytest_sessionfinish(session, exitstatus):
    """In CI nothing may be skipped: a skipped PostgreSQL or browser test fails the run."""
    from tests.support.databases import IN_CI

    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    skipped = reporter.stats.get("skipped", []) if reporter else []
    if IN_CI and skipped and session.exitstatus == 0:
        reporter.write_line(
            f"CI: {len(skipped)} test(s) were skipped, which CI does not allow.", red=True
        )
        session.exitstatus = 1


@pytest.fixture(params=["sqlite", "postgresql"])
def fresh_database_url(request, tmp_path_factory) -> Iterator[str]:
    """A migrated database of its own, for tests that commit for real (several processes)."""
    if request.param == "sqlite":
        url = sqlite_url(tmp_path_factory.mktemp("fresh"))
        migrate.upgrade(make_settings(url, tmp_path_factory.mktemp("data")))
        yield url
        return
    require_postgres()
    name, url = create_postgres_database()
    try:
        migrate.upgrade(make_settings(url, tmp_path_factory.mktemp("data")))
        yield url
    finally:
        drop_postgres_database(name)
