#!/usr/bin/env bash
# Builds the libFuzzer targets (clang, ASan + UBSan; build folder $1, default build-fuzz) and runs
# each for FUZZ_SECONDS (default 60), starting from its seed corpus in fuzz/corpus/<name>. Fails on
# any crash, leak, timeout or sanitizer report; the input that caused it is left in
# <build>/fuzz/artifacts/<name>/. Fix the bug, then keep the input as a regression test by
# copying it to fuzz/regressions/<name>/ (replayed by `make test`).
#
# FUZZ_TARGETS="router slug" limits the run to some targets.
set -euo pipefail
cd "$(dirname "$0")/.."
build_dir=${1:-build-fuzz}
seconds=${FUZZ_SECONDS:-60}
targets=${FUZZ_TARGETS:-request_body router slug envelope}

if ! command -v clang++ >/dev/null; then
    echo "run-fuzz: clang++ is missing; run scripts/install-deps.sh --with-fuzz" >&2
    exit 1
fi
if [[ ! -f $build_dir/build.ninja ]]; then
    CC=clang CXX=clang++ cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
        -DCOURSEDIST_FUZZ=ON
fi
fuzzers=()
for name in $targets; do fuzzers+=("${name}_fuzzer"); done
cmake --build "$build_dir" --target "${fuzzers[@]}"

status=0
for name in $targets; do
    # Fuzzing adds inputs to the corpus: work on a copy so the repository keeps its small seeds.
    corpus="$build_dir/fuzz/corpus/$name"
    artifacts="$build_dir/fuzz/artifacts/$name/"
    mkdir -p "$corpus" "$artifacts"
    cp -n fuzz/corpus/"$name"/* "$corpus"/ 2>/dev/null || true
    regressions=()
    if compgen -G "fuzz/regressions/$name/*" >/dev/null; then regressions=("fuzz/regressions/$name"); fi
    echo "== fuzzing $name for ${seconds}s"
    if ! "$build_dir/fuzz/${name}_fuzzer" -max_total_time="$seconds" -timeout=10 \
        -rss_limit_mb=2048 -max_len=65536 -print_final_stats=1 -artifact_prefix="$artifacts" \
        "$corpus" "${regressions[@]}" >"$build_dir/fuzz/$name.log" 2>&1; then
        tail -n 60 "$build_dir/fuzz/$name.log" >&2
        echo "run-fuzz: $name FAILED; inputs in $artifacts (keep them in fuzz/regressions/$name/ once fixed)" >&2
        status=1
    else
        grep -E '^stat::number_of_executed_units|^Done' "$build_dir/fuzz/$name.log" || true
    fi
done
exit $status
