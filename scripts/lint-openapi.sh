#!/usr/bin/env bash
# Lints the API description the service serves (/openapi.json) with Redocly's recommended rules:
# any error fails. Usage: scripts/lint-openapi.sh [build-dir]. @redocly/cli comes from the npm
# registry into <build>/tools (a dev tool only; the product needs no Node.js).
set -euo pipefail
build_dir=$(cd "${1:-build}" && pwd)
redocly_version=1.34.5  # runs on Debian 12's Node.js 18 too

tools="$build_dir/tools/redocly"
"$(dirname "$0")/npm-tool.sh" "$tools" "@redocly/cli@$redocly_version" node_modules/.bin/redocly

work=$(mktemp -d)
trap 'kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; rm -rf "$work"' EXIT
COURSEDIST_ADMIN_TOKENS=lint-token-0123456789 "$build_dir/coursedist" serve \
    --database "sqlite:$work/lint.db" --listen 127.0.0.1:0 --port-file "$work/port" \
    --base-url http://127.0.0.1:8080 >"$work/serve.log" 2>&1 &
pid=$!
for _ in $(seq 1 100); do [[ -s "$work/port" ]] && break; sleep 0.1; done
[[ -s "$work/port" ]] || { cat "$work/serve.log"; echo "coursedist did not start" >&2; exit 1; }
curl -fsS "http://127.0.0.1:$(cat "$work/port")/openapi.json" -o "$work/openapi.json"
"$tools/node_modules/.bin/redocly" lint --extends recommended "$work/openapi.json"
