#!/usr/bin/env bash
# The cost of an active webhook on the click path (issue 17): track-click requests/s of two
# servers of one build side by side, A without a webhook and B with one subscribed to every event
# and delivering to a local receiver (python3, 127.0.0.1) while wrk clicks; wrk measures them in
# turn, A B B A per round, so that the noise of a shared machine falls on both alike. Both run
# with --counter-event-window 0 (one event per click: the webhook's worst case). Prints each run,
# the medians, the ratio B/A, and how many of B's events the webhook had delivered by the end.
# usage: bench/webhook_click_cost.sh [BUILD_DIR]   BENCH_ROUNDS (3), BENCH_DURATION (5s)
set -euo pipefail
build=${1:-build}
bench=$(dirname "$0")
rounds=${BENCH_ROUNDS:-3}
duration=${BENCH_DURATION:-5s}
token=bench-admin-token-0123456789
work=$(mktemp -d)
pids=()
trap 'for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$work"' EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

receiver_port=$(free_port)
python3 - "$receiver_port" >"$work/receiver.log" 2>&1 <<'PY' &
import http.server, sys
class Receiver(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        self.send_response(204)
        self.end_headers()
    def log_message(self, *args):
        pass
http.server.ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), Receiver).serve_forever()
PY
pids+=($!)

bases=() ids=()
for i in 0 1; do
  port=$(free_port)
  COURSEDIST_ADMIN_TOKENS=$token "$build/coursedist" serve --listen 127.0.0.1:$port \
    --database "sqlite:$work/$i.db" --log-level warn --counter-event-window 0 \
    --webhook-allow-private true >"$work/$i.log" 2>&1 &
  pids+=($!)
  base=http://127.0.0.1:$port
  for _ in $(seq 100); do curl -sf "$base/readyz" >/dev/null && break; sleep 0.1; done
  read -r id _ < <(python3 "$bench/seed.py" "$base" "$token" 10)
  bases+=("$base") ids+=("$id")
done
curl -sf -X POST -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
  "${bases[1]}/api/webhooks" \
  -d "{\"url\": \"http://127.0.0.1:$receiver_port/hook\", \"events\": [\"*\"]}" >/dev/null

measure() {  # measure INDEX -> requests/s
  ID=${ids[$1]} TOKEN=$token wrk -t1 -c32 -d"$duration" -s "$bench/track_click.lua" "${bases[$1]}" |
    awk '/Requests\/sec/ {print int($2)}'
}
median() { sort -n | awk '{v[NR] = $1} END {print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}'; }

: >"$work/a"; : >"$work/b"
for _ in $(seq "$rounds"); do
  for i in 0 1 1 0; do
    if [ "$i" = 0 ]; then measure 0 >>"$work/a"; else measure 1 >>"$work/b"; fi
  done
done
a=$(median <"$work/a"); b=$(median <"$work/b")
delivered=$(curl -sf "${bases[1]}/metrics" |
  awk '/^coursedist_webhook_deliveries_total\{.*outcome="delivered"\}/ {s += $2} END {print s + 0}')
events=$(curl -sf "${bases[1]}/metrics" |
  awk '/^coursedist_events_produced_total/ {s += $2} END {print s + 0}')
echo "## $(date -u +%F\ %H:%M) $(nproc) cores, SQLite, --counter-event-window 0; wrk -t1 -c32 -d$duration, $rounds rounds A B B A"
echo
echo "| track-click | A: no webhook | B: one active webhook | B/A |"
echo "| --- | --- | --- | --- |"
echo "| requests/s (median) | $a | $b | $(python3 -c "print(f'{$b / $a:.2f}')") |"
echo
echo "runs A: $(tr '\n' ' ' <"$work/a") B: $(tr '\n' ' ' <"$work/b")"
echo "B: $events events produced, $delivered delivered by the webhook when wrk stopped"
