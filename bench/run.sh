#!/usr/bin/env bash
# HTTP benchmarks of the running binary with wrk: public detail, catalog (50 items of 1000
# published), landing page and track-click, then peak memory with 10,000 distributions stored.
# The public rate limit is switched off: wrk is one client.
# usage: bench/run.sh [BUILD_DIR] [DATABASE_URI]   (default: a fresh SQLite file)
# BENCH_THREADS / BENCH_DB_POOL (default: the service defaults, cores and cores + 2),
# BENCH_DURATION (10s), BENCH_PORT (18099).
set -euo pipefail
# wrk sends no User-Agent: without one a page view or click is not counted (spec/analytics.md).
browser="User-Agent: Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0"
build=${1:-build}
work=$(mktemp -d)
trap 'kill $pid 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$work"' EXIT
database=${2:-sqlite:$work/bench.db}
duration=${BENCH_DURATION:-10s}
token=bench-admin-token-0123456789
port=${BENCH_PORT:-18099}  # another free port when several run at once
base=http://127.0.0.1:$port

start() {
  COURSEDIST_ADMIN_TOKENS=$token "$build/coursedist" serve --listen 127.0.0.1:$port \
    --database "$database" --log-level warn ${BENCH_THREADS:+--threads $BENCH_THREADS} ${BENCH_DB_POOL:+--db-pool $BENCH_DB_POOL} --public-rate-limit off ${EXTRA_ARGS:-} \
    >"$work/serve.log" 2>&1 &
  pid=$!
  for _ in $(seq 100); do curl -sf "$base/readyz" >/dev/null && return; sleep 0.1; done
  cat "$work/serve.log"; exit 1
}
start
read -r id slug < <(python3 "$(dirname "$0")/seed.py" "$base" "$token" 1000)
echo "## $(date -u +%F) $(nproc) cores, database ${database%%:*}"
echo
echo "### public detail: wrk -t1 -c32 -d$duration $base/api/distributions/$slug"
wrk -t1 -c32 -d"$duration" --latency "$base/api/distributions/$slug" | grep -E "Requests/sec|99%|Non-2xx"
echo
echo "### catalog, 50 of 1000: wrk -t1 -c32 -d$duration '$base/api/distributions/catalog?limit=50'"
wrk -t1 -c32 -d"$duration" --latency "$base/api/distributions/catalog?limit=50" | grep -E "Requests/sec|99%|Non-2xx"
echo
echo "### landing page (counts a view each): wrk -t1 -c32 -d$duration $base/courses/$slug"
wrk -t1 -c32 -d"$duration" --latency -H "$browser" "$base/courses/$slug" | grep -E "Requests/sec|99%|Non-2xx"
echo
before=$(curl -sf -H "Authorization: Bearer $token" "$base/api/distributions/$id" | python3 -c 'import json,sys; print(json.load(sys.stdin)["enrollment_count"])')
echo "### track-click: wrk -t1 -c32 -d$duration -s bench/track_click.lua $base"
out=$(ID=$id TOKEN=$token wrk -t1 -c32 -d"$duration" --latency -s "$(dirname "$0")/track_click.lua" "$base")
echo "$out" | grep -E "Requests/sec|99%|Non-2xx"
requests=$(echo "$out" | awk '/requests in/ {print $1}')
after=$(curl -sf -H "Authorization: Bearer $token" "$base/api/distributions/$id" | python3 -c 'import json,sys; print(json.load(sys.stdin)["enrollment_count"])')
echo "clicks sent (completed responses): $requests, counter grew by: $((after - before))"
echo
python3 "$(dirname "$0")/seed.py" "$base" "$token" 9000 >/dev/null
echo "### memory with 10,000 distributions stored, after the runs above"
grep -E "VmHWM|VmRSS" /proc/$pid/status
