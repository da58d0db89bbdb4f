"""Configuration, read from environment variables prefixed ``BOTSCHAFT_``."""

from __future__ import annotations

import secrets
from functools import cached_property
from pathlib import Path
from typing import Literal
from urllib.parse import urlsplit

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

REPO_ROOT = Path(__file__).resolve().parents[3]


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="BOTSCHAFT_", env_file=".env", extra="ignore")

    # Where the embedded SQLite database, the generated secret key and uploads live.
    data_dir: Path = Path("data")
    # Default: SQLite file in data_dir. Production: postgresql+psycopg://user:pw@host/db
    database_url: str | None = None
    # PostgreSQL's work_mem on Botschaft's connections (core/database.py): room for the KPIs
    # to sort and hash every person of a large program in memory. Empty: the server's or the
    # database role's setting.
    database_work_mem: str = Field(default="32MB", pattern=r"^(\d+(kB|MB|GB))?$")
    # Signs the short-lived SSO cookie. Generated and kept in data_dir when not set.
    secret_key: str | None = None
    # The address people use to reach the service; https:// turns on Secure cookies and HSTS.
    public_url: str = "http://127.0.0.1:8000"
    # Reverse proxies whose X-Forwarded-For/-Proto count (IP addresses and CIDR ranges,
    # comma-separated). None by default: the direct peer is the client (see core.clientaddr).
    trusted_proxies: str = ""
    environment: Literal["development", "production", "test"] = "development"
    default_locale: Literal["de", "en"] = "de"
    # Largest accepted upload (files for modules, briefings and ideas).
    max_upload_bytes: int = 10 * 1024 * 1024
    # Largest platform data archive an influencer may upload to log posts from it (LinkedIn's
    # is small; Instagram's and TikTok's include photos and videos). It is read, never stored.
    max_archive_bytes: int = 300 * 1024 * 1024
    # Meeting reminders go out this long before the start (0 turns them off).
    meeting_reminder_minutes: int = 24 * 60
    # Every selection run stops after this long and returns what it knows.
    selection_time_limit_seconds: float = Field(default=60, gt=0, le=600)

    session_idle_minutes: int = Field(default=120, ge=5)
    session_absolute_hours: int = Field(default=12, ge=1)
    max_request_bytes: int = Field(default=1_048_576, ge=1024)
    max_page_size: int = Field(default=200, ge=10)
    # API requests worked on at once per process; more wait their turn. The work is Python
    # under one GIL: a few at once keep a core busy, more only take turns and queue in the
    # thread pool (docs/benchmarks.md, "Cost of one request"). At most 38: below the 40
    # request threads.
    max_concurrent_requests: int = Field(default=4, ge=1, le=38)
    # Computed KPI figures kept per process until the program's data changes (kpis/cache.py);
    # 0 computes every request anew.
    figure_cache_entries: int = Field(default=512, ge=0, le=100_000)

    # Rate limits use the `limits` notation; storage is in-process unless a shared one is set
    # (e.g. redis://127.0.0.1:6379) for several app processes.
    rate_limit_storage: str = "memory://"
    # Failed sign-ins (successes do not count); the rules are in auth.throttle.
    login_limit_per_account_and_address: str = "10/15minutes"
    login_limit_per_account: str = "50/hour"
    login_limit_per_address: str = "50/15minutes"
    min_password_length: int = Field(default=12, ge=8)
    # The public application form (rules in calls.throttle): accepted submissions per client
    # address and email, and a ceiling on all attempts per address (an office shares one).
    application_limit_per_address_and_email: str = "5/hour"
    application_limit_per_address: str = "300/hour"
    # Applications that were not selected are erased this many days after their call closed.
    application_retention_days: int = Field(default=183, ge=1)
    # Downloads of tables (CSV/XLSX) per user.
    export_limit_per_user: str = "30/hour"

    # Invitation links (set a first password) stay valid this many days; password-reset links
    # this many minutes. Both are single-use; a newer link replaces an older one.
    invitation_days: int = Field(default=14, ge=1, le=90)
    password_reset_minutes: int = Field(default=60, ge=5, le=24 * 60)
    # "Forgot password" requests per client address and per email address entered.
    reset_limit_per_address: str = "20/hour"
    reset_limit_per_email: str = "3/hour"
    # Opening or redeeming invitation and reset links per client address.
    link_limit_per_address: str = "60/15minutes"

    # Single sign-on (OpenID Connect). Enabled when issuer and client id are set.
    oidc_issuer: str | None = None
    oidc_client_id: str | None = None
    oidc_client_secret: str | None = None
    # Defaults to <issuer>/.well-known/openid-configuration.
    oidc_metadata_url: str | None = None
    oidc_label: str = "SSO"
    # "link": the first SSO sign-in links a verified email to an existing account.
    # "refuse": only identities an administrator linked before may sign in.
    oidc_link_policy: Literal["link", "refuse"] = "link"

    # Email (SMTP). Without a host, messages are written to the log instead of being sent.
    smtp_host: str | None = None
    smtp_port: int = 587
    smtp_security: Literal["none", "starttls", "tls"] = "starttls"
    smtp_username: str | None = None
    smtp_password: str | None = None
    smtp_timeout_seconds: float = 20
    mail_from: str = "Botschaft <botschaft@localhost>"

    # Background jobs run in every app process unless turned off (then run
    # `botschaft jobs run` from cron or a separate service).
    jobs_in_process: bool = True
    jobs_poll_seconds: float = Field(default=5, gt=0)

    # Built SPA; defaults to frontend/dist of the source tree.
    static_dir: Path | None = None
    migrations_dir: Path | None = None
    log_level: str = "INFO"

    @field_validator("trusted_proxies")
    @classmethod
    def _valid_proxies(cls, value: str) -> str:
        from botschaft.core.clientaddr import TrustedProxies

        TrustedProxies(value)  # a typo must stop the start, not silently trust nobody
        return value

    @field_validator("public_url")
    @classmethod
    def _strip_slash(cls, value: str) -> str:
        return value.rstrip("/")

    @cached_property
    def resolved_database_url(self) -> str:
        if self.database_url:
            return self.database_url
        return f"sqlite:///{(self.data_dir / 'botschaft.db').resolve()}"

    @property
    def is_sqlite(self) -> bool:
        return self.resolved_database_url.startswith("sqlite")

    @property
    def mail_domain(self) -> str:
        return urlsplit(self.public_url).hostname or "localhost"

    @property
    def https(self) -> bool:
        return urlsplit(self.public_url).scheme == "https"

    @property
    def oidc_enabled(self) -> bool:
        return bool(self.oidc_issuer and self.oidc_client_id)

    @property
    def session_cookie(self) -> str:
        # The __Host- prefix pins the cookie to this host and path "/" (needs Secure).
        return "__Host-botschaft_session" if self.https else "botschaft_session"

    @property
    def csrf_cookie(self) -> str:
        return "__Host-botschaft_csrf" if self.https else "botschaft_csrf"

    @property
    def sso_cookie(self) -> str:
        return "__Host-botschaft_sso" if self.https else "botschaft_sso"

    @cached_property
    def resolved_secret_key(self) -> str:
        if self.secret_key:
            return self.secret_key
        key_file = self.data_dir / "secret_key"
        if key_file.exists():
            return key_file.read_text().strip()
        self.data_dir.mkdir(parents=True, exist_ok=True)
        key = secrets.token_urlsafe(48)
        key_file.write_text(key)
        key_file.chmod(0o600)
        return key

    @property
    def resolved_static_dir(self) -> Path:
        return self.static_dir or REPO_ROOT / "frontend" / "dist"

    @property
    def resolved_migrations_dir(self) -> Path:
        return self.migrations_dir or REPO_ROOT / "migrations"
