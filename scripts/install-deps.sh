#!/usr/bin/env bash
# Installs every Debian package the build, the tests and the benchmarks need.
# Skips apt entirely when all of them are already present, so re-runs are instant.
set -euo pipefail

packages=(
  make cmake ninja-build ccache g++ pkg-config git ca-certificates curl python3 procps
  libboost1.81-dev libboost-json1.81-dev libboost-url1.81-dev
  libsqlite3-dev sqlite3 libpqxx-dev libhiredis-dev
  libkainjow-mustache-dev libspdlog-dev libcli11-dev libhowardhinnant-date-dev tzdata
  libgtest-dev libgmock-dev libbenchmark-dev
  redis-server postgresql wrk clang-format time
  chromium libxml2-utils zlib1g-dev
  libssl-dev
  chromium-driver python3-selenium
  default-jre-headless
)
# clang, libFuzzer and clang's sanitizer runtimes, for scripts/run-fuzz.sh only.
if [ "${1:-}" = "--with-fuzz" ]; then
  packages+=(clang libclang-rt-14-dev)
fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" != 0 ]; then
  echo "missing packages: ${missing[*]}; run as root (or install them) first" >&2
  exit 1
fi
echo "installing: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
