# Shared by scripts/start.sh and scripts/test.sh: a virtualenv with Botschaft installed.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else return 1; fi; }

need_apt_package() {  # $1 = package; installs it when missing and we may
  dpkg -s "$1" >/dev/null 2>&1 && return 0
  command -v apt-get >/dev/null || return 1
  echo "==> installing $1 (apt)"
  as_root apt-get update -qq && as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$1"
}

ensure_venv() {  # $1 = pip extras, e.g. "[test]"
  if [ ! -x .venv/bin/python ]; then
    python3 -m venv .venv 2>/dev/null || { need_apt_package python3-venv && python3 -m venv .venv; }
  fi
  echo "==> installing Python packages"
  .venv/bin/python -m pip install -q --upgrade pip
  .venv/bin/python -m pip install -q -e ".$1"
}

build_frontend() {
  command -v npm >/dev/null || { echo "Node.js 20+ with npm is needed (apt-get install nodejs npm)"; exit 1; }
  echo "==> building the web app"
  (cd frontend && npm ci --no-audit --no-fund --loglevel=error && npm run build --silent)
}
