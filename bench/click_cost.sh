#!/usr/bin/env bash
# The cost the outbox adds to a click (issue 3): track-click requests/s with embedded events (the
# outbox row only) and with Redis (outbox row + the relay publishing it concurrently), measured
# with wrk against the running binary; afterwards the Redis stream must hold every click.
# usage: bench/click_cost.sh [BUILD_DIR]
set -euo pipefail
build=${1:-build}
bench=$(dirname "$0")
work=$(mktemp -d)
pids=()
trap 'for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$work"' EXIT
duration=${BENCH_DURATION:-10s}
token=bench-admin-token-0123456789
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

redis_port=$(free_port)
redis-server --port "$redis_port" --bind 127.0.0.1 --save "" --appendonly no --daemonize no \
  --dir "$work" >"$work/redis.log" 2>&1 &
pids+=($!)
for _ in $(seq 100); do redis-cli -p "$redis_port" ping >/dev/null 2>&1 && break; sleep 0.1; done

run() {  # run LABEL [extra serve args…]
  local label=$1; shift
  local port; port=$(free_port)
  local base=http://127.0.0.1:$port
  COURSEDIST_ADMIN_TOKENS=$token "$build/coursedist" serve --listen 127.0.0.1:$port \
    --database "sqlite:$work/$label.db" --log-level warn --threads 2 "$@" >"$work/$label.log" 2>&1 &
  local pid=$!
  pids+=($pid)
  for _ in $(seq 100); do curl -sf "$base/readyz" >/dev/null && break; sleep 0.1; done
  read -r id _slug < <(python3 "$bench/seed.py" "$base" "$token" 1)
  echo "### track-click, $label: wrk -t1 -c32 -d$duration -s bench/track_click.lua"
  ID=$id TOKEN=$token wrk -t1 -c32 -d"$duration" --latency -s "$bench/track_click.lua" "$base" |
    grep -E "Requests/sec|99%|Non-2xx"
  curl -sf "$base/metrics" | grep -E "^coursedist_(events_published_total|outbox_backlog|relay_errors_total)" || true
  kill "$pid"; wait "$pid" 2>/dev/null || true
  echo
}
echo "## $(date -u +%F) $(nproc) cores, SQLite"
echo
run embedded
run redis --redis "redis://127.0.0.1:$redis_port"
echo "stream length after the Redis run: $(redis-cli -p "$redis_port" xlen brain:events:stream) (MAXLEN ~ 10000)"
