#!/usr/bin/env bash
# Quick start, command 1: install everything and serve Botschaft with the demo program.
#   HOST=0.0.0.0 PORT=8080 ./scripts/start.sh
source "$(dirname "$0")/lib.sh"
ensure_venv ""
build_frontend
exec .venv/bin/botschaft serve --demo --host "${HOST:-127.0.0.1}" --port "${PORT:-8000}"
