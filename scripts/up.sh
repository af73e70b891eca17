#!/usr/bin/env bash
# npm run up: install what is missing, build, and run the whole stack on SQLite and a local NATS.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -d node_modules ]; then
  echo "Installing npm dependencies…"
  npm ci
fi

if [ -z "${NATS_URL:-}" ] && ! command -v nats-server >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing nats-server from Debian…"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q nats-server >/dev/null
  else
    echo "nats-server is not installed: install it (apt-get install nats-server) or set NATS_URL." >&2
    exit 1
  fi
fi

npm run --silent build
exec node dist/tools/up.js
