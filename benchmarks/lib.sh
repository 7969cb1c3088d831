# shellcheck shell=bash
# Shell scaffolding of the benchmark scripts (run.sh, aged.sh, budget.sh, recovery.sh, league.sh,
# import.sh), sourced by each of them: a work directory, the processes and throwaway PostgreSQL servers started there
# and their stopping on exit, failure or Ctrl-C, free ports, waits, the engine's two processes,
# builds and the description of the machine. `source` reads the whole file before running it, so
# editing it during a run is as harmless as editing the scripts.
#
# The sourcing script sets ROOT (the repository) and PROG (its name in messages) first, and
# KEEP_LOGS (1 = keep the work directory even on success) before it exits. It sets OK=1 once it
# has succeeded; otherwise the work directory is kept and its path printed.

log() { printf '\n== [%3d s] %s\n' "$SECONDS" "$*" >&2; }
die() { echo "$PROG: $*" >&2; exit 1; }

# A work directory of our own (WORK) for logs and servers, and the trap that stops everything
# started here and removes it on success. The servers run as the postgres user when we are root:
# they must be able to reach the directory.
begin_work() {
    WORK="$(mktemp -d "/tmp/$1.XXXXXX")"
    chmod 755 "$WORK"
    PIDS=()        # processes started here, stopped in reverse order ("pid:name")
    PG_DIRS=()     # throwaway PostgreSQL servers started here
    OK=0
    trap cleanup EXIT
    trap 'echo "$PROG: interrupted" >&2; exit 130' INT TERM
}

stop_pid() {
    local pid="$1" name="$2" i
    kill -0 "$pid" 2>/dev/null || return 0
    kill -TERM "$pid" 2>/dev/null || true
    for i in $(seq 1 60); do
        kill -0 "$pid" 2>/dev/null || return 0
        sleep 0.5
    done
    echo "$PROG: $name (pid $pid) did not stop within 30 s; killing it" >&2
    kill -KILL "$pid" 2>/dev/null || true
}

# Stop a process started by start_bg or run_waited (by its pid) and forget it.
stop_started() {
    local name="$1" entry keep=()
    for entry in "${PIDS[@]}"; do
        if [[ "${entry#*:}" == "$name" ]]; then
            stop_pid "${entry%%:*}" "$name"
        else
            keep+=("$entry")
        fi
    done
    PIDS=("${keep[@]}")
}

# Start a throwaway PostgreSQL server in DIR (scripts/postgres.sh: fsync and synchronous commit
# on) and put its connection string in the variable named VAR. Its start log is WORK/<dir>-start.log.
start_postgres() {
    local dir="$1" var="$2" cs
    PG_DIRS+=("$dir")
    cs="$("$ROOT/scripts/postgres.sh" start "$dir" 2>"$WORK/$(basename "$dir")-start.log")" \
        || die "PostgreSQL did not start:$(echo; tail -n 20 "$WORK/$(basename "$dir")-start.log")"
    [[ "${WAL_BY_TABLE:-0}" != 1 ]] || keep_wal "$dir"
    printf -v "$var" '%s' "$cs"
}

# The pid of a throwaway PostgreSQL server's postmaster (its backends are its children).
postmaster_pid() {
    head -n 1 "$1/data/postmaster.pid"
}

# Run SQL on a throwaway PostgreSQL server started here (as its superuser, quietly).
pg_sql() {
    local dir="$1" sql="$2" port pg_bin
    port="$(sed -n 's/^port = \([0-9][0-9]*\)$/\1/p' "$dir/data/pitstop.conf")"
    pg_bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
    "$pg_bin/psql" -h 127.0.0.1 -p "$port" -U postgres -d postgres -At -v ON_ERROR_STOP=1 -c "$sql"
}

# Keep the server's WAL segments instead of recycling them at checkpoints, so that
# wal-by-table.py can decode a measured window afterwards. Not free: every segment is then a new,
# zero-filled file, so only with WAL_BY_TABLE=1.
keep_wal() {
    pg_sql "$1" "ALTER SYSTEM SET wal_keep_size = '64GB'" >/dev/null && pg_sql "$1" "SELECT pg_reload_conf()" >/dev/null \
        || die "could not set wal_keep_size on the server in $1"
}

# The load driver's flags that measure a run's cost (CPU of the named processes and of the
# PostgreSQL server in DIR with all its backends; rows and WAL of its database), in COST_FLAGS.
#   cost_flags PG_DIR CONNECTION_STRING name=pid...
COST_FLAGS=()
cost_flags() {
    local dir="$1" cs="$2" cpu; shift 2
    cpu="$(IFS=,; echo "$*"),postgres=$(postmaster_pid "$dir")+"
    COST_FLAGS=(--cpu "$cpu" --pg-stats "$cs")
}

# With WAL_BY_TABLE=1, the WAL of the measured window in the driver's RESULT by table, while the
# server in DIR still runs (wal-by-table.py; needs keep_wal at the server's start).
wal_by_table() {
    [[ "${WAL_BY_TABLE:-0}" == 1 ]] || return 0
    python3 "$ROOT/benchmarks/wal-by-table.py" "$1" "$2" || die "could not attribute the WAL of $1 to tables"
}

# Stop a throwaway PostgreSQL server started here (keeping its log as WORK/<dir>.log) and forget it.
stop_pg() {
    local dir="$1" d keep=()
    [[ -f "$dir/postgres.log" ]] && cp "$dir/postgres.log" "$WORK/$(basename "$dir").log" 2>/dev/null || true
    "$ROOT/scripts/postgres.sh" stop "$dir" >/dev/null 2>&1 || echo "$PROG: could not stop PostgreSQL in $dir" >&2
    for d in "${PG_DIRS[@]}"; do [[ "$d" == "$dir" ]] || keep+=("$d"); done
    PG_DIRS=("${keep[@]}")
}

cleanup() {
    local rc=$? i
    trap - EXIT INT TERM
    for (( i=${#PIDS[@]}-1; i>=0; i-- )); do
        stop_pid "${PIDS[$i]%%:*}" "${PIDS[$i]#*:}"
    done
    PIDS=()
    while [[ ${#PG_DIRS[@]} -gt 0 ]]; do
        stop_pg "${PG_DIRS[0]}"
    done
    if [[ $OK == 1 && $KEEP_LOGS != 1 ]]; then
        rm -rf "$WORK"
    else
        echo "$PROG: logs kept in $WORK" >&2
    fi
    exit "$rc"
}

# Start a process in the background with its output in a log; remember its pid in PIDS and
# LAST_PID (exec: the pid is the program's own, so it can be stopped by id).
LAST_PID=""
start_bg() {
    local name="$1" dir="$2" logfile="$3"; shift 3
    ( cd "$dir" && exec env "$@" ) >"$logfile" 2>&1 &
    LAST_PID="$!"
    PIDS+=("$LAST_PID:$name")
}

# Run a command to its end with stdout in OUT and stderr in ERR and on the terminal, answering its
# exit code. In the background with `wait`, so that a signal to the script is handled at once (the
# trap stops the command by its pid), not after the command's own end.
run_waited() {
    local name="$1" out="$2" err="$3" rc=0 pid; shift 3
    ( exec "$@" ) >"$out" 2> >(tee "$err" >&2) &
    pid=$!
    PIDS+=("$pid:$name")
    wait "$pid" || rc=$?
    stop_started "$name"
    return "$rc"
}

free_port() {
    python3 -c 'import socket
s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

# N distinct free ports on 127.0.0.1, on one line.
pick_ports() {
    local ports=() p
    while [[ ${#ports[@]} -lt $1 ]]; do
        p="$(free_port)"
        [[ " ${ports[*]} " == *" $p "* ]] || ports+=("$p")
    done
    echo "${ports[@]}"
}

wait_http() {
    local url="$1" pid="$2" name="$3" seconds="$4" i
    for i in $(seq 1 $((seconds * 2))); do
        if [[ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 "$url" || true)" == 200 ]]; then
            return 0
        fi
        kill -0 "$pid" 2>/dev/null || die "$name exited while starting (log: $WORK/$name.log):$(echo; tail -n 30 "$WORK/$name.log")"
        sleep 0.5
    done
    die "$name did not answer $url within $seconds s (log: $WORK/$name.log):$(echo; tail -n 30 "$WORK/$name.log")"
}

wait_listening() {
    local port="$1" pid="$2" name="$3" seconds="$4" i
    for i in $(seq 1 $((seconds * 2))); do
        ss -Htln "sport = :$port" 2>/dev/null | grep -q . && return 0
        kill -0 "$pid" 2>/dev/null || die "$name exited while starting (log: $WORK/$name.log):$(echo; tail -n 30 "$WORK/$name.log")"
        sleep 0.5
    done
    die "$name is not listening on $port after $seconds s (log: $WORK/$name.log):$(echo; tail -n 30 "$WORK/$name.log")"
}

# Warnings and errors a server logged (Microsoft console format: "warn: ", "fail: ", "crit: ").
log_findings() {
    local file="$1" name="$2"
    [[ -f "$file" ]] || return 0
    local n
    n="$(grep -cE '^(fail|crit): ' "$file" || true)"
    if [[ "$n" != 0 ]]; then
        echo "$name logged $n errors; first ones:"
        grep -E -A 3 '^(fail|crit): ' "$file" | head -n 24 | sed 's/^/    /'
    fi
    n="$(grep -cE '^warn: ' "$file" || true)"
    if [[ "$n" != 0 ]]; then
        echo "$name logged $n warnings, by category:"
        grep -E '^warn: ' "$file" | sort | uniq -c | sort -rn | head -n 8 | sed 's/^/    /'
    fi
}

# Build a project or solution filter in Release, quietly; on failure, die with its errors.
dotnet_build() {
    dotnet build "$1" -c Release -nologo -v q -clp:NoSummary >"$WORK/build.log" 2>&1 \
        || die "the build failed:$(echo; grep -E 'error|warning' "$WORK/build.log" | sort -u | head -n 30)"
}

# What was measured: the commit (and whether src/ differed from it) when the engine was built,
# or when its binaries were made (SKIP_BUILD=1). Sets COMMIT and BUILD_NOTE.
# shellcheck disable=SC2153  # SILO_DIR is the sourcing script's
engine_build_note() {
    COMMIT="$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)"
    if [[ "$SKIP_BUILD" == 1 ]]; then
        BUILD_NOTE="engine binaries of $(date -u -r "$SILO_DIR/Pitstop.Silo.dll" '+%Y-%m-%d %H:%M UTC') (--skip-build; HEAD is now $COMMIT)"
    else
        BUILD_NOTE="engine built from commit $COMMIT"
        if git -C "$ROOT" status --porcelain -- src 2>/dev/null | grep -q .; then
            BUILD_NOTE="$BUILD_NOTE with uncommitted changes in src/"
        fi
    fi
}

# The machine, for RESULTS.md: sets CPU, MEM, OS and PG_VERSION.
# shellcheck disable=SC2034  # set for the sourcing script
machine_facts() {
    CPU="$(lscpu 2>/dev/null | grep -m1 'Model name' | cut -d: -f2- | sed 's/^ *//' || true)"
    [[ -n "$CPU" ]] || CPU="$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//' || true)"
    MEM="$(awk '/MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)"
    OS="$( (. /etc/os-release 2>/dev/null && echo "$PRETTY_NAME") || uname -s), kernel $(uname -r)"
    local pg_bin
    pg_bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
    PG_VERSION="$("$pg_bin/postgres" --version 2>/dev/null || echo unknown)"
}

# The engine in PostgreSQL mode, as the benchmarks run it: one silo (Pitstop.Silo.dll, which
# applies the schema) and the API as a client of it, two processes on 127.0.0.1 with a cluster id
# of their own; returns once the API is ready. Needs SILO_DIR, API_DIR and SILO_LOGGING (and
# SILO_DLL for a silo other than Pitstop.Silo.dll: the floor of benchmarks/Floor); sets
# SILO_PID and API_PID, and exports PITSTOP_API_KEY, an admin credential made for this run only
# (the load driver sends it as X-Api-Key) and not rate-limited: the benchmarks measure the engine,
# not the limiter.
#   start_engine CONNECTION_STRING SILO_PORT GATEWAY_PORT API_PORT
start_engine() {
    local cs="$1" silo_port="$2" gateway_port="$3" api_port="$4" cluster_id="bench-$RANDOM"
    # The standalone silo has no appsettings.json of its own; unless told otherwise it gets the
    # API's log levels, so that both processes log alike (the silo would otherwise log 2 lines per
    # grain activation).
    local silo_log_env=()
    if [[ "$SILO_LOGGING" != shipped ]]; then
        silo_log_env=(Logging__LogLevel__Default=Information Logging__LogLevel__Microsoft.AspNetCore=Warning
            Logging__LogLevel__Orleans=Warning Logging__LogLevel__Polly=Warning)
    fi

    log "engine: starting the silo (127.0.0.1:$silo_port, gateway $gateway_port)"
    start_bg silo "$SILO_DIR" "$WORK/silo.log" \
        "ConnectionStrings__Orleans=$cs" Orleans__ClusterId="$cluster_id" \
        Orleans__SiloPort="$silo_port" Orleans__GatewayPort="$gateway_port" DOTNET_ENVIRONMENT=Production \
        "${silo_log_env[@]}" dotnet "${SILO_DLL:-Pitstop.Silo.dll}"
    SILO_PID="$LAST_PID"
    wait_listening "$gateway_port" "$SILO_PID" silo 120

    log "engine: starting the API (http://127.0.0.1:$api_port)"
    PITSTOP_API_KEY="$(python3 -c 'import secrets; print(secrets.token_hex(24))')"
    export PITSTOP_API_KEY
    start_bg api "$API_DIR" "$WORK/api.log" \
        "ConnectionStrings__Orleans=$cs" Orleans__ClusterId="$cluster_id" \
        Auth__ApiKeys__0__Name=benchmark Auth__ApiKeys__0__Role=admin "Auth__ApiKeys__0__Key=$PITSTOP_API_KEY" \
        Auth__ApiKeys__0__PermitsPerSecond=100000000 \
        Urls="http://127.0.0.1:$api_port" ASPNETCORE_ENVIRONMENT=Production \
        dotnet Pitstop.Api.dll
    API_PID="$LAST_PID"
    wait_http "http://127.0.0.1:$api_port/health/ready" "$API_PID" api 120
}

# After a load: a warning for each engine process that is no longer running.
check_engine_alive() {
    kill -0 "$SILO_PID" 2>/dev/null || echo "$PROG: WARNING: the silo is no longer running (log: $WORK/silo.log)" >&2
    kill -0 "$API_PID" 2>/dev/null || echo "$PROG: WARNING: the API is no longer running (log: $WORK/api.log)" >&2
}
