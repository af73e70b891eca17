#!/usr/bin/env bash
# npm run up: install what is missing, build, and run the whole stack on a local NATS (SQLite, or PostgreSQL
# with POSTGRES_URL).
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/ensure-installed.sh nats-server
npm run --silent build
exec node dist/tools/up.js
