#!/usr/bin/env bash
# Quick start, command 2: install everything and run every test (backend on SQLite and
# PostgreSQL, frontend build and unit tests, SSO against a real OpenID provider, browser tests).
# Extra arguments go to pytest, e.g. ./scripts/test.sh -k programs
source "$(dirname "$0")/lib.sh"
CI="${CI:-}"

ensure_venv "[test]"
build_frontend
echo "==> frontend unit tests and API client check"
(cd frontend && npm test --silent && npm run check:api --silent)
echo "==> OpenID provider for the SSO tests"
(cd tests/oidc_provider && npm ci --no-audit --no-fund --loglevel=error)

if [ ! -x /usr/bin/chromium ]; then
  need_apt_package chromium || { [ -n "$CI" ] && { echo "Chromium is required in CI"; exit 1; }; echo "!! no Chromium: browser tests will be skipped"; }
fi

pg_up() { .venv/bin/python -c "import psycopg,os; psycopg.connect(os.environ.get('BOTSCHAFT_TEST_PG_DSN','host=127.0.0.1 port=5432 user=postgres dbname=postgres'), connect_timeout=3).close()" 2>/dev/null; }
if ! pg_up && command -v pg_ctlcluster >/dev/null; then
  echo "==> starting PostgreSQL"
  as_root pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -1)" main start || true
  for _ in $(seq 20); do pg_up && break; sleep 0.5; done
fi
pg_up || { [ -n "$CI" ] && { echo "PostgreSQL is required in CI"; exit 1; }; echo "!! no PostgreSQL: its tests will be skipped"; }

echo "==> lint"
.venv/bin/ruff check backend tests bench
echo "==> pytest"
# Two processes (this machine has two cores); more arguments go to pytest.
exec .venv/bin/python -m pytest -n "${BOTSCHAFT_TEST_WORKERS:-auto}" "$@"
