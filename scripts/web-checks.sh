#!/usr/bin/env bash
# The web's own tools on the pages of scripts/web-pages.txt, served by `coursedist serve --demo`
# on 127.0.0.1: the W3C Nu HTML checker (vnu-jar, on Debian's default-jre-headless) must find 0
# errors on every page; Lighthouse (on Debian's chromium, headless) must score accessibility,
# best practices and SEO 1.0 and performance at least 0.95 on the pages marked `lighthouse`, with
# its text-compression audit passed. Prints every score; any miss fails.
# Usage: scripts/web-checks.sh [build-dir]. The tools come from the npm registry into
# <build>/tools (scripts/npm-tool.sh).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
build_dir=$(cd "${1:-build}" && pwd)
vnu_version=26.9.27
lighthouse_version=12.2.3
chromium=${CHROMIUM:-/usr/bin/chromium}
started=$SECONDS

"$here/npm-tool.sh" "$build_dir/tools/vnu" "vnu-jar@$vnu_version" \
    node_modules/vnu-jar/build/dist/vnu.jar
"$here/npm-tool.sh" "$build_dir/tools/lighthouse" "lighthouse@$lighthouse_version" \
    node_modules/.bin/lighthouse
vnu_jar="$build_dir/tools/vnu/node_modules/vnu-jar/build/dist/vnu.jar"
lighthouse="$build_dir/tools/lighthouse/node_modules/.bin/lighthouse"

work=$(mktemp -d)
pid=
trap '[[ -n $pid ]] && { kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; }; [[ -n ${KEEP_WORK:-} ]] || rm -rf "$work"' EXIT
# A free port chosen first, so that the base URL (canonical links) is the address served.
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
base="http://127.0.0.1:$port"
COURSEDIST_ADMIN_TOKENS=web-checks-token-0123456789 "$build_dir/coursedist" serve --demo \
    --database "sqlite:$work/web.db" --listen "127.0.0.1:$port" --port-file "$work/port" \
    --base-url "$base" >"$work/serve.log" 2>&1 &
pid=$!
for _ in $(seq 1 100); do [[ -s "$work/port" ]] && break; sleep 0.1; done
[[ -s "$work/port" ]] || { cat "$work/serve.log"; echo "coursedist did not start" >&2; exit 1; }

failed=0
html_files=()
lighthouse_paths=()
n=0
while read -r path options; do
    [[ -z $path || $path == \#* ]] && continue
    expected=200
    [[ " $options " =~ \ status=([0-9]{3})\  ]] && expected=${BASH_REMATCH[1]}
    n=$((n + 1))
    file="$work/page-$n.html"
    status=$(curl -sS -o "$file" -w '%{http_code}' "$base$path")
    if [[ $status != "$expected" ]]; then
        if [[ $status == 404 ]]; then
            echo "skipped $path: answers 404 (not built on this branch?)"
            continue
        fi
        echo "FAIL $path: status $status, expected $expected"
        failed=1
        continue
    fi
    html_files+=("$file")
    echo "page $path -> $(basename "$file")"
    [[ " $options " == *" lighthouse "* ]] && lighthouse_paths+=("$path")
done <"$here/web-pages.txt"

echo "== W3C Nu HTML checker (vnu-jar $vnu_version) on ${#html_files[@]} pages"
if java -jar "$vnu_jar" --errors-only --format text "${html_files[@]}"; then
    echo "vnu: 0 errors"
else
    echo "FAIL vnu: errors above"
    failed=1
fi

echo "== Lighthouse $lighthouse_version"
for path in "${lighthouse_paths[@]}"; do
    report="$work/lighthouse.json"
    CHROME_PATH="$chromium" "$lighthouse" "$base$path" --quiet --output=json \
        --output-path="$report" --only-categories=performance,accessibility,best-practices,seo \
        --chrome-flags="--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage" \
        >"$work/lighthouse.log" 2>&1 || { cat "$work/lighthouse.log"; echo "FAIL lighthouse $path"; failed=1; continue; }
    node - "$report" "$path" <<'JS' || failed=1
const report = require(process.argv[2]);
const path = process.argv[3];
const minimum = {performance: 0.95, accessibility: 1, 'best-practices': 1, seo: 1};
let ok = true;
const scores = Object.entries(minimum).map(([id, min]) => {
  const score = report.categories[id].score;
  if (!(score >= min)) ok = false;
  return `${id} ${score}${score >= min ? '' : ` (< ${min})`}`;
});
const compression = report.audits['uses-text-compression'];
if (compression.score !== 1) ok = false;
console.log(`${ok ? 'ok  ' : 'FAIL'} ${path}: ${scores.join(', ')}, text compression ${compression.score}`);
if (!ok) {
  for (const [id, audit] of Object.entries(report.audits))
    if (audit.score !== null && audit.score < 1 && audit.scoreDisplayMode !== 'informative' &&
        audit.scoreDisplayMode !== 'manual' && audit.scoreDisplayMode !== 'notApplicable')
      console.log(`     ${id}: ${audit.score} ${audit.title}${audit.displayValue ? ' (' + audit.displayValue + ')' : ''}`);
}
process.exit(ok ? 0 : 1);
JS
done

echo "web-checks took $((SECONDS - started)) s"
[[ $failed == 0 ]] || { echo "web-checks: FAILED" >&2; exit 1; }
echo "web-checks: passed"
