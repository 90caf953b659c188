#!/usr/bin/env bash
# The cost of the stats routes (spec/analytics.md, "Time series"): 10,000 distributions (imported
# with bench/make_seed_json.py) with hourly counter buckets over the last 30 days, written
# directly with SQL (the database's triggers keep the rollups of migration 5 as they are written),
# then GET /api/stats (30 days) and GET /api/distributions/{id}/stats (30 days by day, 31 days by
# hour) timed with curl on SQLite. Target: /api/stats under 100 ms.
#
# usage: bench/stats.sh [BUILD_DIR] [VIEW_HOURS...]   (default: build 1 4)
#   VIEW_HOURS: hours with views per distribution and day (each its own referrer category), plus
#   one hour with clicks; 9 days in 10 have counts. 4 → 1.35 M bucket rows, 1 → 0.54 M.
# env: STATS_BENCH_RUNS (default 20) requests per route; STATS_BENCH_DIR (default
#   /tmp/coursedist-stats-bench) keeps the generated seed records between runs.
set -euo pipefail
build=${1:-build}
shift || true
densities=("$@")
[ ${#densities[@]} -gt 0 ] || densities=(1 4)
bench=$(dirname "$0")
runs=${STATS_BENCH_RUNS:-20}
keep="${STATS_BENCH_DIR:-/tmp/coursedist-stats-bench}"
work=$(mktemp -d)
pid=
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; wait 2>/dev/null || true; rm -rf "$work"' EXIT
token=bench-admin-token-0123456789
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
mkdir -p "$keep"
[ -f "$keep/seed-10000/distributions.json" ] || python3 "$bench/make_seed_json.py" 10000 "$keep/seed-10000"

# Bucket rows for every distribution over the 30 UTC days up to today: VIEW_HOURS view rows and
# one click row per day, on 9 days in 10 (varying by distribution), counts 1–9.
fill() {  # fill DB VIEW_HOURS
  local today_hour=$(( $(date +%s) / 86400 * 24 ))
  sqlite3 "$1" <<SQL
WITH RECURSIVE days(d) AS (SELECT 0 UNION ALL SELECT d + 1 FROM days WHERE d < 29),
slots(s) AS (SELECT 0 UNION ALL SELECT s + 1 FROM slots WHERE s < $2),
ds AS (SELECT distribution_id, rowid AS n FROM distributions)
INSERT INTO counter_buckets (distribution_id, hour, kind, category, variant, count)
SELECT distribution_id, $today_hour - d * 24 + (n * 7 + s * 5 + d) % 24,
       CASE WHEN s < $2 THEN 'view' ELSE 'click' END,
       CASE WHEN s = $2 THEN 'open_course'
            ELSE CASE (n + s + d) % 4 WHEN 0 THEN 'organic_search' WHEN 1 THEN 'direct'
                                      WHEN 2 THEN 'social' ELSE 'referral' END END,
       '', 1 + (n * 13 + d * 7 + s) % 9
FROM ds, days, slots WHERE (n * 3 + d) % 10 <> 0
ON CONFLICT DO UPDATE SET count = count + excluded.count;
SQL
}

# Prints min, median and p90 of RUNS requests (ms), after one warm-up request.
timed() {  # timed URL
  curl -sf -o /dev/null -H "Authorization: Bearer $token" "$1"
  for _ in $(seq "$runs"); do
    curl -sf -o /dev/null -w '%{time_total}\n' -H "Authorization: Bearer $token" "$1"
  done | python3 -c '
import sys
t = sorted(float(x) * 1000 for x in sys.stdin)
print(f"min {t[0]:7.1f} ms   median {t[len(t) // 2]:7.1f} ms   p90 {t[int(len(t) * 0.9)]:7.1f} ms")'
}

echo "## $(date -u +%F) $(nproc) cores, SQLite, 10,000 distributions, $runs requests per route"
for view_hours in "${densities[@]}"; do
  db="$work/stats-$view_hours.db"
  "$build/coursedist" import-json "$keep/seed-10000" --database "sqlite:$db" >/dev/null 2>&1
  "$build/coursedist" migrate --database "sqlite:$db" >/dev/null 2>&1
  fill "$db" "$view_hours"
  rows=$(sqlite3 "$db" "SELECT count(*) FROM counter_buckets")
  id=$(sqlite3 "$db" "SELECT distribution_id FROM distributions ORDER BY distribution_id LIMIT 1")
  port=$(free_port)
  base=http://127.0.0.1:$port
  COURSEDIST_ADMIN_TOKENS=$token "$build/coursedist" serve --listen "127.0.0.1:$port" \
    --database "sqlite:$db" --log-level warn --threads 2 >"$work/serve.log" 2>&1 &
  pid=$!
  for _ in $(seq 100); do curl -sf "$base/readyz" >/dev/null && break; sleep 0.1; done
  echo
  echo "### $view_hours view hours + 1 click hour a day: $rows bucket rows"
  printf '%-52s ' "GET /api/stats (30 days)"; timed "$base/api/stats"
  printf '%-52s ' "GET /api/stats?tz=Europe/Berlin (30 days)"; timed "$base/api/stats?tz=Europe/Berlin"
  printf '%-52s ' "GET /api/distributions/{id}/stats (30 days)"; timed "$base/api/distributions/$id/stats"
  printf '%-52s ' "GET /api/distributions/{id}/stats?granularity=hour"
  timed "$base/api/distributions/$id/stats?granularity=hour&from=$(date -u -d '-30 days' +%F)"
  kill "$pid"; wait "$pid" 2>/dev/null || true; pid=
done
