#!/usr/bin/env bash
# Installs what the project needs and is missing, so that `npm test` and `npm run up` each work first on a fresh
# clone: the npm dependencies (npm ci when node_modules is absent), then the named system commands from Debian
# when running as root. Usage: ensure-installed.sh [nats-server] [chromium]
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -d node_modules ]; then
  echo "Installing npm dependencies (npm ci)…"
  npm ci
fi

need=()
for command in "$@"; do
  # A broker given by NATS_URL stands in for a local nats-server.
  if [ "$command" = nats-server ] && [ -n "${NATS_URL:-}" ]; then
    continue
  fi
  command -v "$command" >/dev/null 2>&1 || need+=("$command")
done
[ ${#need[@]} -eq 0 ] && exit 0

if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "Missing: ${need[*]}. Install them (apt-get install ${need[*]}) and run again." >&2
  exit 1
fi
echo "Installing ${need[*]} from Debian…"
export DEBIAN_FRONTEND=noninteractive
apt-get update -q >/dev/null
apt-get install -y -q --no-install-recommends "${need[@]}" >/dev/null
