#!/usr/bin/env bash
# A private, throw-away PostgreSQL cluster for the tests.
#
#   scripts/test-postgres.sh start <dir>    initdb (first time) and start; prints the admin URI
#   scripts/test-postgres.sh stop <dir>     fast shutdown (the data stays; `start` again resumes)
#   scripts/test-postgres.sh destroy <dir>  immediate shutdown and removal of <dir>
#
# The cluster listens on a free loopback port (kept across stop/start, so URIs stay valid), with
# its data and socket in a folder under $TMPDIR (named in <dir>/location), trust authentication and no fsync (test data is disposable). PostgreSQL
# refuses to run as root: as root, the server runs as the `postgres` system user (override with
# COURSEDIST_TEST_POSTGRES_USER). Binaries: PG_BINDIR, else the newest /usr/lib/postgresql/*/bin,
# else PATH.
set -euo pipefail

command=${1:?usage: test-postgres.sh start|stop|destroy <dir>}
dir=${2:?usage: test-postgres.sh start|stop|destroy <dir>}
mkdir -p "$dir"
dir=$(cd "$dir" && pwd)
# The server's own files (data, socket, log) live where the server user can reach them: <dir> may
# sit in a checkout under /root, which only root may enter. <dir>/location points there.
if [[ -f $dir/location ]]; then
    home=$(cat "$dir/location")
else
    home=$(mktemp -d "${TMPDIR:-/tmp}/coursedist-pg.XXXXXX")
    echo "$home" >"$dir/location"
fi
data="$home/data"
# The server user inherits the working directory: it may be one it cannot enter (a build folder
# under /root), which PostgreSQL's tools warn about on every call.
cd /

bindir=${PG_BINDIR:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)}
pg() { local tool=$1; shift; if [[ -n $bindir ]]; then tool="$bindir/$tool"; fi; as_server_user "$tool" "$@"; }

if [[ $(id -u) == 0 ]]; then
    server_user=${COURSEDIST_TEST_POSTGRES_USER:-postgres}
    as_server_user() { runuser -u "$server_user" -- "$@"; }
else
    as_server_user() { "$@"; }
fi

port_is_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

init_cluster() {
    if [[ $(id -u) == 0 ]]; then
        chown "$server_user" "$home"
        # A root folder made by mktemp (minimal chroots) is 0700: the server user could not
        # reach anything. On an ordinary system / is already 0755 and this changes nothing.
        runuser -u "$server_user" -- test -x / 2>/dev/null || chmod o+x /
    fi
    pg initdb -D "$data" -U postgres -A trust -E UTF8 --no-locale --no-sync >"$dir/initdb.log" 2>&1 ||
        { cat "$dir/initdb.log" >&2; exit 1; }
    # The port stays the cluster's across stop/start, so it comes from below the kernel's
    # ephemeral range: a port inside it may be taken meanwhile as the local end of any outgoing
    # connection (the suites open thousands).
    local port ephemeral_low=32768
    read -r ephemeral_low _ </proc/sys/net/ipv4/ip_local_port_range 2>/dev/null || true
    ((ephemeral_low > 12000)) || ephemeral_low=32768
    for _ in $(seq 1 50); do
        port=$((10000 + RANDOM % (ephemeral_low - 10000)))
        port_is_free "$port" && break
    done
    cat >>"$data/postgresql.conf" <<CONF
port = $port
listen_addresses = '127.0.0.1'
unix_socket_directories = '$home'
fsync = off
synchronous_commit = off
full_page_writes = off
max_connections = 300
CONF
    echo "$port" >"$dir/port"
}

case $command in
start)
    [[ -f $data/PG_VERSION ]] || init_cluster
    pg pg_ctl -D "$data" -l "$home/server.log" -w -t 60 start >/dev/null ||
        { tail -n 20 "$home/server.log" >&2; exit 1; }
    echo "postgresql://postgres@127.0.0.1:$(cat "$dir/port")/postgres"
    ;;
stop)
    pg pg_ctl -D "$data" -m fast -w stop >/dev/null 2>&1 || true
    ;;
destroy)
    [[ -f $data/PG_VERSION ]] && { pg pg_ctl -D "$data" -m immediate -w stop >/dev/null 2>&1 || true; }
    rm -rf "$home" "$dir"
    ;;
*)
    echo "unknown command $command" >&2
    exit 2
    ;;
esac
