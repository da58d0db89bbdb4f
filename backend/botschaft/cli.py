"""The `botschaft` command line."""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from pathlib import Path

from botschaft.core.settings import REPO_ROOT, Settings


def _cmd_migrate(settings: Settings, _: argparse.Namespace) -> int:
    from botschaft.core import migrate

    migrate.upgrade(settings)
    print("Database is up to date.")
    return 0


def _cmd_serve(settings: Settings, args: argparse.Namespace) -> int:
    import uvicorn

    from botschaft.core import migrate

    if "public_url" not in settings.model_fields_set:
        # Without a configured address, the one we listen on is the one people use.
        any_address = args.host in ("0.0.0.0", "::")  # noqa: S104 - comparing, not binding
        host = "127.0.0.1" if any_address else args.host  # noqa: S104
        settings.public_url = f"http://{host}:{args.port}"
        os.environ["BOTSCHAFT_PUBLIC_URL"] = settings.public_url  # for worker processes
    if os.environ.get("FORWARDED_ALLOW_IPS") and not settings.trusted_proxies:
        # The setting of earlier versions; silently ignoring it would make every user share
        # the proxy's address in the rate limits.
        print(
            "warning: FORWARDED_ALLOW_IPS is ignored; set BOTSCHAFT_TRUSTED_PROXIES instead",
            file=sys.stderr,
        )
    migrate.upgrade(settings)
    if args.demo:
        _load_demo(settings)
    options = dict(
        host=args.host,
        port=args.port,
        # The app decides the client address itself (BOTSCHAFT_TRUSTED_PROXIES); uvicorn's
        # own proxy handling would trust X-Forwarded-For from any loopback process.
        proxy_headers=False,
        # Longer than a reverse proxy's idle upstream connections (nginx: 60 s), so the proxy
        # never sends a request on a connection uvicorn is closing (uvicorn's default is 5 s).
        timeout_keep_alive=75,
        log_level=settings.log_level.lower(),
    )
    if args.workers > 1:
        # Several processes need the app as an import string; settings come from the environment.
        # Create the secret key file now, before workers race to generate different ones.
        settings.resolved_secret_key  # noqa: B018
        uvicorn.run("botschaft.asgi:app", workers=args.workers, **options)
        return 0
    from botschaft.app import create_app

    uvicorn.run(create_app(settings), **options)
    return 0


def _load_demo(settings: Settings) -> None:
    from botschaft.core.database import Database
    from botschaft.demo.service import DEMO_PASSWORD, load_demo

    db = Database.from_settings(settings)
    with db.session() as session:
        accounts = load_demo(session)
    print("\nDemo program loaded. Sign in at", settings.public_url, "with password", DEMO_PASSWORD)
    for label, email in accounts:
        print(f"  {label:<14} {email}")
    print()


def _cmd_demo(settings: Settings, _: argparse.Namespace) -> int:
    from botschaft.core import migrate

    migrate.upgrade(settings)
    _load_demo(settings)
    return 0


def _cmd_create_user(settings: Settings, args: argparse.Namespace) -> int:
    from botschaft.accounts.schemas import UserCreate
    from botschaft.accounts.service import create_user
    from botschaft.core import migrate
    from botschaft.core.database import Database
    from botschaft.core.errors import AppError
    from botschaft.identity.models import Role

    migrate.upgrade(settings)
    password = args.password
    if password is None and not args.no_password and sys.stdin.isatty():
        password = getpass.getpass("Password (empty for an SSO-only account): ") or None
    db = Database.from_settings(settings)
    try:
        with db.session() as session:
            user = create_user(
                session,
                UserCreate(
                    email=args.email, name=args.name, role=Role(args.role), password=password
                ),
                min_password_length=settings.min_password_length,
                actor_label="cli",
            )
            print(f"Created {user.role.value} {user.email} ({user.id})")
    except AppError as exc:
        details = "; ".join(f"{e.field}: {e.message}" for e in exc.errors or [])
        print(f"error: {exc.detail}{' (' + details + ')' if details else ''}", file=sys.stderr)
        return 1
    return 0


def _cmd_jobs_run(settings: Settings, args: argparse.Namespace) -> int:
    import time

    import botschaft.all_jobs  # noqa: F401  (registers every handler)
    from botschaft.core.database import Database
    from botschaft.jobs.service import run_due

    db = Database.from_settings(settings)
    while True:
        done = run_due(db, settings)
        if args.once:
            print(f"{done} job(s) done.")
            return 0
        time.sleep(settings.jobs_poll_seconds)


def _cmd_rebuild_rollup(settings: Settings, _: argparse.Namespace) -> int:
    from botschaft.core import migrate
    from botschaft.core.database import Database
    from botschaft.posts import rollup

    migrate.upgrade(settings)
    with Database.from_settings(settings).session() as session:
        rows = rollup.rebuild(session)
    print(f"Rebuilt the KPI rollup: {rows} row(s).")
    return 0


def _cmd_openapi(settings: Settings, args: argparse.Namespace) -> int:
    from botschaft.app import create_app
    from botschaft.core.openapi import write_openapi

    write_openapi(create_app(settings, serve_spa=False), Path(args.output))
    print("Wrote", args.output)
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="botschaft", description="Run a corporate-influencer program."
    )
    sub = parser.add_subparsers(dest="command", required=True)

    serve = sub.add_parser("serve", help="migrate the database, then serve the API and the web app")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)
    serve.add_argument(
        "--workers", type=int, default=1, help="app processes (PostgreSQL for more than one)"
    )
    serve.add_argument(
        "--demo", action="store_true", help="load the demo program first (idempotent)"
    )
    serve.set_defaults(func=_cmd_serve)

    sub.add_parser("migrate", help="apply database migrations").set_defaults(func=_cmd_migrate)
    sub.add_parser("demo", help="load the demo program (idempotent)").set_defaults(func=_cmd_demo)

    create = sub.add_parser("create-user", help="create an account")
    create.add_argument("--email", required=True)
    create.add_argument("--name", required=True)
    create.add_argument(
        "--role", required=True, choices=["admin", "core_team", "influencer", "hr_viewer"]
    )
    create.add_argument("--password", help="omit to be asked; --no-password for SSO-only accounts")
    create.add_argument("--no-password", action="store_true")
    create.set_defaults(func=_cmd_create_user)

    jobs = sub.add_parser("jobs", help="background jobs")
    jobs_sub = jobs.add_subparsers(dest="jobs_command", required=True)
    jobs_run = jobs_sub.add_parser("run", help="run due jobs (loops; --once for cron)")
    jobs_run.add_argument("--once", action="store_true", help="run what is due, then exit")
    jobs_run.set_defaults(func=_cmd_jobs_run)

    sub.add_parser(
        "rebuild-rollup",
        help="recompute the KPIs' monthly rollup from the posts (after editing posts by hand)",
    ).set_defaults(func=_cmd_rebuild_rollup)

    openapi = sub.add_parser("openapi", help="write the OpenAPI document")
    openapi.add_argument("--output", default=str(REPO_ROOT / "openapi.yaml"))
    openapi.set_defaults(func=_cmd_openapi)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return args.func(Settings(), args)


if __name__ == "__main__":
    sys.exit(main())
