#!/usr/bin/env bash
# bench/run.sh's hot paths (public detail, catalog 50 of 1000, landing page, track-click), two
# builds side by side: both servers run at once (each seeded with the same 1000 published
# courses, SQLite), and wrk measures them in turn, A B B A per round, so that the noise of a
# shared machine falls on both alike. Prints each run, then the medians and the ratio B/A.
# usage: bench/ab_hot_paths.sh BUILD_A BUILD_B   BENCH_ROUNDS (3), BENCH_DURATION (5s),
# BENCH_PATHS (detail catalog landing track-click; enroll too: GET /courses/{slug}/enroll),
# BENCH_CONNECTIONS (32: wrk -c),
# ARGS_A / ARGS_B: extra serve arguments per side, e.g. one build twice with
# ARGS_A="--sqlite-synchronous normal" (B: the default, full) for the cost of durability;
# HEADER_A / HEADER_B: an extra request header per side, e.g. one build twice with
# HEADER_B="Accept-Encoding: gzip" for the cost of compression.
set -euo pipefail
# wrk sends no User-Agent: without one a page view or click is not counted (spec/analytics.md).
browser="User-Agent: Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0"
bench=$(dirname "$0")
builds=("$1" "$2")
rounds=${BENCH_ROUNDS:-3}
duration=${BENCH_DURATION:-5s}
connections=${BENCH_CONNECTIONS:-32}
token=bench-admin-token-0123456789
work=$(mktemp -d)
pids=()
trap 'for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$work"' EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

bases=() ids=() slugs=()
for i in 0 1; do
  port=$(free_port)
  extra=${ARGS_A:-}
  [ "$i" = 1 ] && extra=${ARGS_B:-}
  COURSEDIST_ADMIN_TOKENS=$token "${builds[$i]}/coursedist" serve --listen 127.0.0.1:$port \
    --database "sqlite:$work/$i.db" --log-level warn --public-rate-limit off $extra \
    >"$work/$i.log" 2>&1 &
  pids+=($!)
  base=http://127.0.0.1:$port
  for _ in $(seq 100); do curl -sf "$base/readyz" >/dev/null && break; sleep 0.1; done
  read -r id slug < <(python3 "$bench/seed.py" "$base" "$token" 1000)
  bases+=("$base") ids+=("$id") slugs+=("$slug")
done

measure() {  # measure PATH_KIND INDEX -> "requests/s p99_ms"
  local kind=$1 i=$2 base=${bases[$2]} out header extra=()
  header=${HEADER_A:-}
  [ "$i" = 1 ] && header=${HEADER_B:-}
  [ -n "$header" ] && extra=(-H "$header")
  case $kind in
    detail) out=$(wrk -t1 -c"$connections" -d"$duration" --latency "${extra[@]}" "$base/api/distributions/${slugs[$i]}") ;;
    catalog) out=$(wrk -t1 -c"$connections" -d"$duration" --latency "${extra[@]}" "$base/api/distributions/catalog?limit=50") ;;
    landing) out=$(wrk -t1 -c"$connections" -d"$duration" --latency "${extra[@]}" -H "$browser" "$base/courses/${slugs[$i]}") ;;
    enroll) out=$(wrk -t1 -c"$connections" -d"$duration" --latency "${extra[@]}" -H "$browser" "$base/courses/${slugs[$i]}/enroll") ;;
    track-click) out=$(ID=${ids[$i]} TOKEN=$token wrk -t1 -c"$connections" -d"$duration" --latency "${extra[@]}" \
      -s "$bench/track_click.lua" "$base") ;;
  esac
  echo "$out" | awk '/Requests\/sec/ {rps = $2}
    $1 == "99%" { v = $2; u = v; sub(/[0-9.]+/, "", u); sub(/[a-z]+$/, "", v);
                  p99 = v * ((u == "us") ? 0.001 : (u == "s") ? 1000 : 1) }
    END { printf "%.0f %.2f\n", rps, p99 }'
}

median() { sort -n | awk '{v[NR] = $1} END {print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}'; }

echo "## $(date -u +%F) $(nproc) cores, SQLite; A=${builds[0]} ${ARGS_A:-} ${HEADER_A:-} B=${builds[1]} ${ARGS_B:-} ${HEADER_B:-}; wrk -t1 -c$connections -d$duration, $rounds rounds A B B A"
echo
echo "| path | A req/s | B req/s | B/A req/s | A p99 ms | B p99 ms |"
echo "| --- | --- | --- | --- | --- | --- |"
for kind in ${BENCH_PATHS:-detail catalog landing track-click}; do
  : >"$work/$kind.0"; : >"$work/$kind.1"
  for _ in $(seq "$rounds"); do
    for i in 0 1 1 0; do measure "$kind" "$i" >>"$work/$kind.$i"; done
  done
  a_rps=$(cut -d' ' -f1 "$work/$kind.0" | median); b_rps=$(cut -d' ' -f1 "$work/$kind.1" | median)
  a_p99=$(cut -d' ' -f2 "$work/$kind.0" | median); b_p99=$(cut -d' ' -f2 "$work/$kind.1" | median)
  echo "| $kind | $a_rps | $b_rps | $(python3 -c "print(f'{$b_rps / $a_rps:.2f}')") | $a_p99 | $b_p99 |"
  echo "  runs A: $(tr '\n' ',' <"$work/$kind.0")  B: $(tr '\n' ',' <"$work/$kind.1")" >&2
done
