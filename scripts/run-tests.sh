#!/usr/bin/env bash
# Runs every test of the build in $1 (default: build). Servers the tests need (Redis,
# PostgreSQL) are started by the tests themselves on free loopback ports and stopped by them.
set -euo pipefail
build_dir=${1:-build}
cd "$build_dir"
ctest --output-on-failure -j2 --timeout 600
