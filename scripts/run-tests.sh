#!/usr/bin/env bash
# Runs every test of the build in $1 (default: build); further arguments go to ctest. One private PostgreSQL cluster (initdb under
# the build folder, a free loopback port) serves the whole run through
# COURSEDIST_TEST_POSTGRES_URI, and is removed at the end; tests that stop PostgreSQL start their
# own. Redis is started by the tests that need it.
set -euo pipefail
build_dir=$(cd "${1:-build}" && pwd)
scripts_dir=$(cd "$(dirname "$0")" && pwd)

if [[ -z ${COURSEDIST_TEST_POSTGRES_URI:-} ]]; then
    cluster_dir="$build_dir/postgres-test/run-$$"
    trap '"$scripts_dir/test-postgres.sh" destroy "$cluster_dir"' EXIT
    COURSEDIST_TEST_POSTGRES_URI=$("$scripts_dir/test-postgres.sh" start "$cluster_dir")
    export COURSEDIST_TEST_POSTGRES_URI
fi

cd "$build_dir"
ctest --output-on-failure -j2 --timeout 600 "${@:2}"  # e.g. -L http to run one layer
