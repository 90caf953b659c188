#!/usr/bin/env bash
# Counted writes beside reads (durability.md, "Commits never run on an HTTP thread"), with wrk
# against the running binary on SQLite (synchronous=FULL, the default):
# 1. public-detail reads on 16 connections alone, then the same while 16 other connections load
#    a landing page (a counted view each): prints both p99s and their ratio (target <= 2);
# 2. the enroll link (a durable click each) under wrk -t1 -c32: prints its p99 (target <= 10 ms).
# usage: bench/mixed_load.sh [BUILD_DIR]   BENCH_DURATION (10s), BENCH_THREADS (service default)
set -euo pipefail
# wrk sends no User-Agent: without one a page view or click is not counted (spec/analytics.md).
browser="User-Agent: Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0"
build=${1:-build}
bench=$(dirname "$0")
work=$(mktemp -d)
pid=
trap '[ -n "$pid" ] && kill $pid 2>/dev/null; wait 2>/dev/null || true; rm -rf "$work"' EXIT
duration=${BENCH_DURATION:-10s}
token=bench-admin-token-0123456789
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
base=http://127.0.0.1:$port

COURSEDIST_ADMIN_TOKENS=$token "$build/coursedist" serve --listen 127.0.0.1:$port \
  --database "sqlite:$work/bench.db" --log-level warn ${BENCH_THREADS:+--threads $BENCH_THREADS} \
  --public-rate-limit off >"$work/serve.log" 2>&1 &
pid=$!
for _ in $(seq 100); do curl -sf "$base/readyz" >/dev/null && break; sleep 0.1; done
curl -sf "$base/readyz" >/dev/null || { cat "$work/serve.log"; exit 1; }
read -r _id slug < <(python3 "$bench/seed.py" "$base" "$token" 100)

# p99 in milliseconds from wrk --latency output
p99_ms() {
  awk '$1 == "99%" {
    v = $2; unit = v; sub(/[0-9.]+/, "", unit); sub(/[a-z]+$/, "", v);
    f = (unit == "us") ? 0.001 : (unit == "ms") ? 1 : (unit == "s") ? 1000 : (unit == "m") ? 60000 : -1;
    printf "%.2f", v * f }'
}
summary() { grep -E "Requests/sec|Non-2xx|Socket errors" || true; }

detail=$base/api/distributions/$slug
landing=$base/courses/$slug
enroll=$base/courses/$slug/enroll
echo "## $(date -u +%F) $(nproc) cores, SQLite synchronous=FULL, $("$build/coursedist" --version 2>/dev/null || echo "$build/coursedist")"
echo
echo "### 1a. public detail alone: wrk -t1 -c16 -d$duration --latency $detail"
alone=$(wrk -t1 -c16 -d"$duration" --latency "$detail")
echo "$alone" | summary
alone_p99=$(echo "$alone" | p99_ms)
echo "detail p99 alone: $alone_p99 ms"
echo
echo "### 1b. the same, while wrk -t1 -c16 -d$duration --latency $landing runs beside it"
wrk -t1 -c16 -d"$duration" --latency -H "$browser" "$landing" >"$work/landing.out" &
landing_pid=$!
mixed=$(wrk -t1 -c16 -d"$duration" --latency "$detail")
wait $landing_pid
echo "$mixed" | summary
mixed_p99=$(echo "$mixed" | p99_ms)
echo "landing (counted views):"
summary <"$work/landing.out"
echo "landing p99: $(p99_ms <"$work/landing.out") ms"
echo "detail p99 beside the landing load: $mixed_p99 ms"
echo "ratio mixed/alone: $(python3 -c "print(f'{$mixed_p99 / $alone_p99:.2f}')") (target <= 2)"
echo
echo "### 2. enroll link (a durable click each): wrk -t1 -c32 -d$duration --latency $enroll"
clicks=$(wrk -t1 -c32 -d"$duration" --latency -H "$browser" "$enroll")
echo "$clicks" | grep -E "Latency  |Requests/sec|Socket errors" || true
echo "enroll p99: $(echo "$clicks" | p99_ms) ms (target <= 10)"
