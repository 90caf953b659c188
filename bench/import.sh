#!/usr/bin/env bash
# Times `coursedist import-json` of generated seed-format records (bench/make_seed_json.py) into a
# fresh SQLite database, and prints wall time and peak RSS for each size.
#
# usage: bench/import.sh [BINARY] [SIZES...]   (default: build/coursedist 5000 20000 100000)
# env:   IMPORT_BENCH_DIR (default /tmp/coursedist-import-bench) keeps the generated records
#        between runs.
# cpu_s (user + system) is printed beside the wall time: the machine is shared, so compare both.
# Needs /usr/bin/time (Debian package `time`, in scripts/install-deps.sh).
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
binary="${1:-$here/../build/coursedist}"
shift || true
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(5000 20000 100000)
work="${IMPORT_BENCH_DIR:-/tmp/coursedist-import-bench}"
mkdir -p "$work"

printf '%-8s %-8s %-8s %-8s %-5s %s\n' records wall_s cpu_s peak_mb exit last_line
for n in "${sizes[@]}"; do
  seed="$work/seed-$n"
  [ -f "$seed/distributions.json" ] || python3 "$here/make_seed_json.py" "$n" "$seed"
  db="$work/import-$n.db"
  rm -f "$db" "$db-wal" "$db-shm"
  # import-json creates the schema itself; `time -f` writes its line last on stderr.
  set +e
  /usr/bin/time -f 'TIME %e %U %S %M' "$binary" import-json "$seed" --database "sqlite:$db" \
    >"$work/out-$n.txt" 2>"$work/err-$n.txt"
  status=$?
  set -e
  read -r _ wall user system kb < <(grep '^TIME ' "$work/err-$n.txt" | tail -1)
  cpu="$(python3 -c "print(f'{$user + $system:.2f}')")"
  printf '%-8s %-8s %-8s %-8s %-5s %s\n' "$n" "$wall" "$cpu" "$((kb / 1024))" "$status" \
    "$(tail -1 "$work/out-$n.txt")"
done
