#!/usr/bin/env bash
# A throwaway PostgreSQL server for tests.
#
#   scripts/postgres.sh start DIR   create (or restart) a server whose data, socket and log live in DIR;
#                                   prints ONE line on stdout: an Npgsql connection string
#                                   (also written to DIR/connection-string)
#   scripts/postgres.sh stop DIR    kill it at once (pg_ctl stop -m immediate) and remove DIR
#   scripts/postgres.sh status DIR  exit 0 and print the connection string if the server answers
#
# Everything but that one line goes to stderr, so callers can do
#   CS="$(scripts/postgres.sh start "$(mktemp -d)")"
#
# Notes
# - PostgreSQL refuses to run as root; when called as root the server runs as the `postgres`
#   system user (runuser), and DIR is chowned to it. Called as another user, it runs as that user.
# - The server listens on 127.0.0.1 only, on a free port picked here, with its unix socket in DIR
#   (never /var/run/postgresql), trust authentication for local and 127.0.0.1 connections.
# - fsync, synchronous_commit and full_page_writes stay ON: crash tests rely on committed data
#   surviving `stop -m immediate` / kill -9 followed by a new `start` on the same DIR.
# - `start` on a DIR that already holds a data directory reuses it (crash-recovery restarts);
#   if the server there is already running, it just prints the connection string again.
# - When no PostgreSQL is installed, it is installed with apt-get (postgresql-15, or the
#   distribution's default `postgresql` when 15 is not offered).
set -euo pipefail

# Keep stdout for the single result line; everything else goes to stderr.
exec 3>&1 1>&2

PROG="$(basename "$0")"
MARKER=".pitstop-postgres"

die() { echo "$PROG: $*" >&2; exit 1; }
log() { echo "$PROG: $*" >&2; }

usage() {
    cat >&2 <<EOF
usage: $PROG start DIR | stop DIR | status DIR
EOF
    exit 2
}

# --- locating / installing the binaries -------------------------------------------------------

find_bindir() {
    local d
    # Prefer 15, the version the project targets.
    if [[ -x /usr/lib/postgresql/15/bin/postgres ]]; then
        echo /usr/lib/postgresql/15/bin; return 0
    fi
    if command -v pg_config >/dev/null 2>&1; then
        d="$(pg_config --bindir 2>/dev/null || true)"
        if [[ -n "$d" && -x "$d/postgres" && -x "$d/initdb" ]]; then
            echo "$d"; return 0
        fi
    fi
    # Highest installed major version.
    d="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -t/ -k4,4 -n | tail -n 1 || true)"
    if [[ -n "$d" && -x "$d/postgres" && -x "$d/initdb" ]]; then
        echo "$d"; return 0
    fi
    return 1
}

install_postgres() {
    [[ $EUID -eq 0 ]] || die "PostgreSQL is not installed and we are not root; install postgresql-15 first"
    command -v apt-get >/dev/null 2>&1 || die "PostgreSQL is not installed and apt-get is not available"
    log "PostgreSQL not found; installing it with apt-get"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -q
    if apt-cache show postgresql-15 >/dev/null 2>&1; then
        apt-get install -y -q --no-install-recommends postgresql-15
    else
        log "postgresql-15 is not offered; installing the distribution's default postgresql"
        apt-get install -y -q --no-install-recommends postgresql
    fi
}

BINDIR=""
ensure_bindir() {
    if ! BINDIR="$(find_bindir)"; then
        install_postgres
        BINDIR="$(find_bindir)" || die "PostgreSQL binaries not found even after installation"
    fi
}

# --- running things as the database owner -----------------------------------------------------

# Run a command as the user that owns the cluster (postgres when we are root). cd / first so a
# cwd the postgres user cannot read (e.g. /root) does not produce warnings or failures. fd 3 (our
# real stdout) is closed for the child: a server inheriting it would keep `$(... start DIR)` waiting.
as_owner() {
    if [[ $EUID -eq 0 ]]; then
        (cd / && runuser -u postgres -- "$@") 3>&-
    else
        (cd / && "$@") 3>&-
    fi
}

# --- ports -----------------------------------------------------------------------------------

port_is_free() {
    local port="$1"
    if command -v ss >/dev/null 2>&1; then
        ! ss -Htln "sport = :$port" 2>/dev/null | grep -q .
    else
        ! (exec 9<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null
    fi
}

pick_port() {
    local port
    if command -v python3 >/dev/null 2>&1; then
        if port="$(python3 -c 'import socket
s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()' 2>/dev/null)" \
            && [[ "$port" =~ ^[0-9]+$ ]]; then
            echo "$port"; return 0
        fi
    fi
    local i
    for i in $(seq 1 200); do
        port=$(( 20000 + (RANDOM * 32768 + RANDOM) % 40000 ))
        if port_is_free "$port"; then echo "$port"; return 0; fi
    done
    die "could not find a free TCP port"
}

# --- helpers -----------------------------------------------------------------------------------

connection_string() {
    echo "Host=127.0.0.1;Port=$1;Username=postgres;Database=postgres;Pooling=true;Maximum Pool Size=100"
}

abs_dir() {
    # Absolute path without requiring it to exist; works from any cwd.
    local d="$1"
    [[ "$d" == /* ]] || d="$PWD/$d"
    # Normalise (removes trailing slashes, "." and "..").
    realpath -m -- "$d"
}

check_dir_arg() {
    local d="$1"
    [[ -n "$d" ]] || usage
    case "$d" in
        /|/bin|/boot|/dev|/etc|/home|/lib|/lib64|/opt|/proc|/root|/run|/sbin|/srv|/sys|/tmp|/usr|/var|/work)
            die "refusing to use '$d' as a server directory" ;;
    esac
}

postmaster_pid() {
    # $1 = data dir; the pid recorded by the server, if any.
    local pid
    [[ -f "$1/postmaster.pid" ]] || return 1
    pid="$(head -n 1 "$1/postmaster.pid" 2>/dev/null || true)"
    [[ "$pid" =~ ^[0-9]+$ ]] || return 1
    echo "$pid"
}

pid_alive() {
    # A killed postmaster can linger as a zombie until something reaps it; that is not alive.
    local state
    [[ -r "/proc/$1/stat" ]] || return 1
    state="$(sed 's/^.*) \(.\).*$/\1/' "/proc/$1/stat" 2>/dev/null || true)"
    [[ -n "$state" && "$state" != "Z" && "$state" != "X" ]]
}

server_running() {
    # $1 = data dir
    local pid
    pid="$(postmaster_pid "$1")" || return 1
    pid_alive "$pid" || return 1
    as_owner "$BINDIR/pg_ctl" status -D "$1" >/dev/null 2>&1
}

clear_stale_pidfile() {
    # After kill -9 the pid file stays behind. PostgreSQL itself handles a pid file whose process
    # is gone, but not one whose process is a not-yet-reaped zombie (kill(pid, 0) still succeeds).
    local pid
    pid="$(postmaster_pid "$1")" || return 0
    if ! pid_alive "$pid"; then
        log "removing stale postmaster.pid (pid $pid is gone)"
        rm -f "$1/postmaster.pid"
    fi
    # Same for the unix socket lock files in DIR (one per port the server listened on).
    local lock sock_pid
    for lock in "$(dirname "$1")"/.s.PGSQL.*.lock; do
        [[ -f "$lock" ]] || continue
        sock_pid="$(head -n 1 "$lock" 2>/dev/null || true)"
        if [[ ! "$sock_pid" =~ ^[0-9]+$ ]] || ! pid_alive "$sock_pid"; then
            rm -f "$lock" "${lock%.lock}"
        fi
    done
}

recorded_port() {
    # The port the running/last server used, from its settings file.
    local f="$1/data/pitstop.conf"
    [[ -f "$f" ]] || return 1
    sed -n "s/^port = \([0-9][0-9]*\)$/\1/p" "$f" | head -n 1
}

wait_ready() {
    local dir="$1" port="$2" i
    for i in $(seq 1 120); do
        if as_owner "$BINDIR/pg_isready" -q -h 127.0.0.1 -p "$port" -U postgres -d postgres -t 2; then
            return 0
        fi
        sleep 0.5
    done
    return 1
}

emit() {
    local dir="$1" port="$2" cs
    cs="$(connection_string "$port")"
    printf '%s\n' "$cs" > "$dir/connection-string"
    chmod 644 "$dir/connection-string" || true
    printf '%s\n' "$cs" >&3
}

# --- commands ----------------------------------------------------------------------------------

cmd_start() {
    local dir data port attempt
    dir="$(abs_dir "$1")"
    check_dir_arg "$dir"
    data="$dir/data"
    ensure_bindir

    mkdir -p "$dir"
    if [[ -z "$(ls -A "$dir" 2>/dev/null)" ]]; then
        touch "$dir/$MARKER"
    elif [[ ! -e "$dir/$MARKER" ]]; then
        die "$dir is not empty and was not created by $PROG; give an empty (e.g. mktemp -d) directory"
    fi
    chmod 700 "$dir"
    if [[ $EUID -eq 0 ]]; then
        chown postgres:postgres "$dir"
        as_owner test -x "$dir" \
            || die "user postgres cannot reach $dir (a parent directory is not searchable); use e.g. mktemp -d under /tmp"
    fi

    if [[ ! -f "$data/PG_VERSION" ]]; then
        rm -rf "$data"
        log "initdb into $data ($BINDIR)"
        as_owner "$BINDIR/initdb" -D "$data" -U postgres -E UTF8 --locale=C \
            --auth-local=trust --auth-host=trust >&2
        # Only local and IPv4 loopback connections, all trusted (throwaway test server).
        cat > "$data/pg_hba.conf" <<'EOF'
# TYPE  DATABASE        USER            ADDRESS                 METHOD
local   all             all                                     trust
host    all             all             127.0.0.1/32            trust
local   replication     all                                     trust
host    replication     all             127.0.0.1/32            trust
EOF
        # Our settings live in their own file, rewritten on every start (the port may change).
        printf "\n# Settings for the throwaway test server (%s)\ninclude_if_exists = 'pitstop.conf'\n" "$PROG" \
            >> "$data/postgresql.conf"
        [[ $EUID -ne 0 ]] || chown postgres:postgres "$data/pg_hba.conf" "$data/postgresql.conf"
    fi

    if server_running "$data"; then
        port="$(recorded_port "$dir")" || die "server in $data is running but its port is unknown"
        log "server in $data is already running on port $port"
        wait_ready "$dir" "$port" || die "server on port $port does not answer"
        emit "$dir" "$port"
        return 0
    fi

    clear_stale_pidfile "$data"

    # Try the previously used port first (keeps connection strings valid across restarts), then
    # fresh ones; retry because another process may grab a picked port before the server binds it.
    local previous=""
    previous="$(recorded_port "$dir" || true)"
    for attempt in 1 2 3 4 5; do
        if [[ $attempt -eq 1 && -n "$previous" ]] && port_is_free "$previous"; then
            port="$previous"
        else
            port="$(pick_port)"
        fi
        cat > "$data/pitstop.conf" <<EOF
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = '$dir'
max_connections = 300
shared_buffers = 256MB
# Durability stays on: crash tests depend on it.
fsync = on
synchronous_commit = on
full_page_writes = on
# Quiet, self-contained logging into DIR/postgres.log.
logging_collector = off
log_min_messages = warning
EOF
        [[ $EUID -ne 0 ]] || chown postgres:postgres "$data/pitstop.conf"
        log "starting PostgreSQL on 127.0.0.1:$port (attempt $attempt)"
        if as_owner "$BINDIR/pg_ctl" start -w -t 60 -D "$data" -l "$dir/postgres.log" >&2; then
            if wait_ready "$dir" "$port"; then
                emit "$dir" "$port"
                return 0
            fi
            log "server started but does not answer on port $port"
            as_owner "$BINDIR/pg_ctl" stop -m immediate -D "$data" >&2 || true
        fi
        log "start failed; last lines of $dir/postgres.log:"
        tail -n 20 "$dir/postgres.log" >&2 2>/dev/null || true
        sleep 1
    done
    die "could not start PostgreSQL in $dir"
}

cmd_stop() {
    local dir data
    dir="$(abs_dir "$1")"
    check_dir_arg "$dir"
    data="$dir/data"
    if [[ ! -e "$dir" ]]; then
        log "$dir does not exist; nothing to stop"
        return 0
    fi
    if [[ ! -e "$dir/$MARKER" && -n "$(ls -A "$dir" 2>/dev/null)" ]]; then
        die "$dir was not created by $PROG; not touching it"
    fi
    if [[ -f "$data/postmaster.pid" ]]; then
        ensure_bindir
    fi
    if [[ -f "$data/postmaster.pid" ]] && server_running "$data"; then
        as_owner "$BINDIR/pg_ctl" stop -m immediate -w -t 30 -D "$data" >&2 \
            || log "pg_ctl stop failed (server probably not running)"
    fi
    rm -rf -- "$dir"
}

cmd_status() {
    local dir data port
    dir="$(abs_dir "$1")"
    check_dir_arg "$dir"
    data="$dir/data"
    ensure_bindir
    server_running "$data" || die "no server running in $dir"
    port="$(recorded_port "$dir")" || die "port unknown"
    as_owner "$BINDIR/pg_isready" -q -h 127.0.0.1 -p "$port" -t 2 || die "server on port $port does not answer"
    connection_string "$port" >&3
}

[[ $# -eq 2 ]] || usage
case "$1" in
    start) cmd_start "$2" ;;
    stop) cmd_stop "$2" ;;
    status) cmd_status "$2" ;;
    *) usage ;;
esac
