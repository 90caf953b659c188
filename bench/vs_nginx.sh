#!/usr/bin/env bash
# The read path against its limit: coursedist's public detail and catalog beside nginx serving
# the same bytes (fetched from coursedist) from files, wrk -t1 -c32 against both alternately
# (nginx, coursedist, nginx, coursedist), and the ratio coursedist / nginx per pair.
# nginx runs in the foreground with its own config on 127.0.0.1 and a free port, as many workers
# as coursedist has HTTP threads, and is stopped by this script.
# usage: bench/vs_nginx.sh [BUILD_DIR]   BENCH_DURATION (10s), BENCH_ROUNDS (2), BENCH_PERF (below),
# BENCH_THREADS (coursedist --threads; default: cores), BENCH_BASELINE (another coursedist
# binary, e.g. of the commit before a change: served from the same database on a port of its
# own and measured in each round too, after coursedist).
# Each round prints its figures; at the end the median ratio per route (a noisy machine moves
# single rounds both ways).
# nginx: the Debian package nginx-light. It is not in scripts/install-deps.sh because installing
# it on a system with init scripts starts a system nginx on port 80; install it as root with
# `apt-get install nginx-light` where that is harmless (a container whose policy-rc.d forbids
# starting services), then `systemctl disable --now nginx` where it is not.
set -euo pipefail
# wrk sends no User-Agent: without one a page view or click is not counted (spec/analytics.md).
browser="User-Agent: Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0"
build=${1:-build}
duration=${BENCH_DURATION:-10s}
rounds=${BENCH_ROUNDS:-2}
threads=${BENCH_THREADS:-$(nproc)}
nginx_bin=$(command -v nginx || echo /usr/sbin/nginx)
[ -x "$nginx_bin" ] || { echo "nginx not found: apt-get install nginx-light (see the header)" >&2; exit 1; }

work=$(mktemp -d)
pids=()
trap 'for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$work"' EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
wait_up() { for _ in $(seq 100); do curl -sf -o /dev/null "$1" && return; sleep 0.1; done; echo "not up: $1" >&2; cat "$work"/*.log >&2; exit 1; }

token=bench-admin-token-0123456789
port=$(free_port)
base=http://127.0.0.1:$port
COURSEDIST_ADMIN_TOKENS=$token "$build/coursedist" serve --listen 127.0.0.1:$port \
  --database "sqlite:$work/bench.db" --log-level warn --threads "$threads" \
  --public-rate-limit off >"$work/serve.log" 2>&1 &
pids+=($!)
coursedist_pid=$!
wait_up "$base/readyz"
if [ -n "${BENCH_BASELINE:-}" ]; then
  baseline_port=$(free_port)
  baseline_base=http://127.0.0.1:$baseline_port
fi
read -r _ slug < <(python3 "$(dirname "$0")/seed.py" "$base" "$token" 1000)

detail_path=/api/distributions/$slug
catalog_path='/api/distributions/catalog?limit=50'
mkdir -p "$work/www"
if [ -n "${BENCH_BASELINE:-}" ]; then  # started after the seeding: it reads what is there
  COURSEDIST_ADMIN_TOKENS=$token "$BENCH_BASELINE" serve --listen 127.0.0.1:$baseline_port \
    --database "sqlite:$work/bench.db" --log-level warn --threads "$threads" \
    --public-rate-limit off >"$work/baseline.log" 2>&1 &
  pids+=($!)
  wait_up "$baseline_base/readyz"
fi
curl -sf "$base$detail_path" -o "$work/www/detail.json"
curl -sf "$base$catalog_path" -o "$work/www/catalog.json"
chmod a+rx "$work" "$work/www" && chmod a+r "$work"/www/*  # nginx workers may run as another user

nginx_port=$(free_port)
cat >"$work/nginx.conf" <<CONF
daemon off;
master_process on;
worker_processes $threads;
pid $work/nginx.pid;
error_log stderr warn;
events { worker_connections 1024; }
http {
    access_log off;
    sendfile on;
    tcp_nopush on;
    keepalive_requests 100000000;
    open_file_cache max=16;
    open_file_cache_valid 60s;
    client_body_temp_path $work/nginx-body;
    proxy_temp_path $work/nginx-proxy;
    fastcgi_temp_path $work/nginx-fastcgi;
    uwsgi_temp_path $work/nginx-uwsgi;
    scgi_temp_path $work/nginx-scgi;
    server {
        listen 127.0.0.1:$nginx_port;
        default_type application/json;
        location = $detail_path { alias $work/www/detail.json; }
        location = /api/distributions/catalog { alias $work/www/catalog.json; }
    }
}
CONF
"$nginx_bin" -p "$work" -c "$work/nginx.conf" 2>"$work/nginx.log" &
pids+=($!)
nginx_base=http://127.0.0.1:$nginx_port
wait_up "$nginx_base$detail_path"
cmp -s <(curl -sf "$nginx_base$detail_path") "$work/www/detail.json" || { echo "nginx serves other bytes" >&2; exit 1; }

requests_per_second() {
  local out
  out=$(wrk -t1 -c32 -d"$duration" -H "$browser" "$1")
  if echo "$out" | grep -q "Non-2xx"; then echo "$out" >&2; exit 1; fi
  echo "$out" | awk '/Requests\/sec/ {print $2}'
}

echo "## $(date -u '+%F %H:%M') UTC, $(nproc) cores, coursedist $(git -C "$(dirname "$0")" describe --always --dirty) --threads $threads, nginx $threads workers, load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "wrk -t1 -c32 -d$duration per run, nginx then coursedist${BENCH_BASELINE:+ then baseline} in each round; bytes: detail $(stat -c%s "$work/www/detail.json"), catalog $(stat -c%s "$work/www/catalog.json")"
median() { python3 -c 'import statistics,sys; print(f"{statistics.median(float(x) for x in sys.argv[1:]):.2f}")' "$@"; }
for route in detail catalog; do
  path=$detail_path
  [ "$route" = catalog ] && path=$catalog_path
  ratios=()
  baseline_ratios=()
  for round in $(seq "$rounds"); do
    nginx_rps=$(requests_per_second "$nginx_base$path")
    ours_rps=$(requests_per_second "$base$path")
    ratio=$(python3 -c "print(f'{$ours_rps / $nginx_rps:.2f}')")
    ratios+=("$ratio")
    line="$route round $round: nginx $nginx_rps req/s, coursedist $ours_rps req/s, ratio $ratio"
    if [ -n "${BENCH_BASELINE:-}" ]; then
      baseline_rps=$(requests_per_second "$baseline_base$path")
      baseline_ratio=$(python3 -c "print(f'{$baseline_rps / $nginx_rps:.2f}')")
      baseline_ratios+=("$baseline_ratio")
      line+="; baseline $baseline_rps req/s, ratio $baseline_ratio"
    fi
    echo "$line"
  done
  [ "$rounds" -gt 0 ] && echo "$route: median ratio coursedist/nginx $(median "${ratios[@]}")${BENCH_BASELINE:+, baseline/nginx $(median "${baseline_ratios[@]}")}"
done
# BENCH_PERF=FILE: a perf profile of coursedist under the load of BENCH_PERF_ROUTE (detail or
# catalog), for `perf report -i FILE`.
if [ -n "${BENCH_PERF:-}" ]; then
  path=$detail_path
  [ "${BENCH_PERF_ROUTE:-detail}" = catalog ] && path=$catalog_path
  wrk -t1 -c32 -d"$duration" -H "$browser" "$base$path" >/dev/null &
  wrk_pid=$!
  perf record -F 999 -g -p "$coursedist_pid" -o "$BENCH_PERF" -- sleep 5 2>/dev/null
  wait "$wrk_pid" || true
fi
