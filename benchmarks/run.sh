#!/usr/bin/env bash
# The ingestion benchmark, in one command: the engine in PostgreSQL mode (one silo + the API, as
# separate processes) against a bare ASP.NET Core + PostgreSQL baseline, with the same batches and
# the same concurrency. See benchmarks/README.md.
#
#   benchmarks/run.sh [--events N] [--concurrency C] [--batch B] [--duration S] [--warmup N]
#                     [--seed S] [--apply-timeout S] [--smoke] [--no-results] [--skip-build] [--keep-logs]
#
# Every flag has an environment twin: EVENTS CONCURRENCY BATCH DURATION WARMUP SEED APPLY_TIMEOUT
# RESULTS (1 = append to benchmarks/RESULTS.md, 0 = don't) SKIP_BUILD=1 KEEP_LOGS=1.
# --smoke (or SMOKE=1) is the quick check: 5,000 events, 500 warm-up, nothing appended to RESULTS.md.
# SILO_LOGGING=shipped runs the silo with its own (missing) logging configuration instead of the
# API's levels (see README: the silo has no appsettings.json and logs every grain placement).
#
# Only 127.0.0.1 is used: the servers listen there and the load driver refuses any other target.
# Every process and database server started here is stopped on exit, failure or Ctrl-C.
set -euo pipefail

# The whole script is one block, read before it runs: editing this file during a run is harmless.
{

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BENCH="$ROOT/benchmarks"
PROG="benchmarks/run.sh"

SMOKE="${SMOKE:-0}"
for arg in "$@"; do if [[ "$arg" == "--smoke" ]]; then SMOKE=1; fi; done
if [[ "$SMOKE" == 1 ]]; then
    EVENTS="${EVENTS:-5000}"; WARMUP="${WARMUP:-500}"; RESULTS="${RESULTS:-0}"
fi
EVENTS="${EVENTS:-100000}"
CONCURRENCY="${CONCURRENCY:-8}"
BATCH="${BATCH:-100}"
DURATION="${DURATION:-}"
WARMUP="${WARMUP:-2000}"
SEED="${SEED:-42}"
APPLY_TIMEOUT="${APPLY_TIMEOUT:-900}"
RESULTS="${RESULTS:-1}"
SKIP_BUILD="${SKIP_BUILD:-0}"
KEEP_LOGS="${KEEP_LOGS:-0}"
SILO_LOGGING="${SILO_LOGGING:-api}"

usage() { sed -n '2,16p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2; exit 2; }
while [[ $# -gt 0 ]]; do
    case "$1" in
        --events) EVENTS="$2"; shift 2 ;;
        --concurrency) CONCURRENCY="$2"; shift 2 ;;
        --batch) BATCH="$2"; shift 2 ;;
        --duration) DURATION="$2"; shift 2 ;;
        --warmup) WARMUP="$2"; shift 2 ;;
        --seed) SEED="$2"; shift 2 ;;
        --apply-timeout) APPLY_TIMEOUT="$2"; shift 2 ;;
        --smoke) shift ;;
        --no-results) RESULTS=0; shift ;;
        --skip-build) SKIP_BUILD=1; shift ;;
        --keep-logs) KEEP_LOGS=1; shift ;;
        -h|--help) usage ;;
        *) echo "$PROG: unknown argument '$1'" >&2; usage ;;
    esac
done
for n in EVENTS CONCURRENCY BATCH WARMUP SEED APPLY_TIMEOUT; do
    [[ "${!n}" =~ ^[0-9]+$ ]] || { echo "$PROG: $n must be a whole number, not '${!n}'" >&2; exit 2; }
done
[[ -z "$DURATION" || "$DURATION" =~ ^[0-9]+$ ]] || { echo "$PROG: DURATION must be whole seconds" >&2; exit 2; }

log() { printf '\n== [%3d s] %s\n' "$SECONDS" "$*" >&2; }
die() { echo "$PROG: $*" >&2; exit 1; }

WORK="$(mktemp -d /tmp/pitstop-bench.XXXXXX)"
chmod 755 "$WORK"
PIDS=()        # processes started here, stopped in reverse order
PG_DIRS=()     # throwaway PostgreSQL servers started here
OK=0

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

# Stop a process started by start_bg (by its pid) and forget it.
stop_started() {
    local name="$1" i entry keep=()
    for entry in "${PIDS[@]}"; do
        if [[ "${entry#*:}" == "$name" ]]; then
            stop_pid "${entry%%:*}" "$name"
        else
            keep+=("$entry")
        fi
    done
    PIDS=("${keep[@]}")
}

# Stop a throwaway PostgreSQL server started here (keeping its log) and forget it.
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
trap cleanup EXIT
trap 'echo "$PROG: interrupted" >&2; exit 130' INT TERM

# Start a process in the background with its output in a log; remember its pid in PIDS and
# LAST_PID (exec: the pid is the program's own, so it can be stopped by id).
LAST_PID=""
start_bg() {
    local name="$1" dir="$2" logfile="$3"; shift 3
    ( cd "$dir" && exec env "$@" ) >"$logfile" 2>&1 &
    LAST_PID="$!"
    PIDS+=("$LAST_PID:$name")
}

free_port() {
    python3 -c 'import socket
s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

# Four distinct free ports on 127.0.0.1.
pick_ports() {
    local ports=() p
    while [[ ${#ports[@]} -lt 4 ]]; do
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

# Run the load driver against one target. In the background with `wait`, so that a signal to this
# script is handled at once (the trap stops the driver too), not after the driver's own end.
run_driver() {
    local kind="$1" target="$2" rc=0
    ( exec dotnet "$DRIVER" run --kind "$kind" --label "$kind" --target "$target" "${LOAD_ARGS[@]}" \
        --json "$WORK/$kind.json" ) >"$WORK/$kind-table.txt" 2> >(tee "$WORK/$kind-driver.log" >&2) &
    local pid=$!
    PIDS+=("$pid:driver")
    wait "$pid" || rc=$?
    stop_started driver
    return "$rc"
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

# ---------------------------------------------------------------------------------------------
# Build

DRIVER="$BENCH/Ingestion/bin/Release/net10.0/Pitstop.Ingestion.dll"
SILO_DIR="$ROOT/src/Silo/bin/Release/net10.0"
API_DIR="$ROOT/src/Api/bin/Release/net10.0"
BASELINE_DIR="$BENCH/Baseline/bin/Release/net10.0"

if [[ "$SKIP_BUILD" != 1 ]]; then
    log "building (Release)"
    # One build of the engine and both benchmark projects (benchmarks/Benchmarks.slnf: no tests).
    dotnet build "$BENCH/Benchmarks.slnf" -c Release -nologo -v q -clp:NoSummary >"$WORK/build.log" 2>&1 \
        || die "the build failed:$(echo; grep -E 'error|warning' "$WORK/build.log" | sort -u | head -n 30)"
fi
for f in "$DRIVER" "$SILO_DIR/Pitstop.Silo.dll" "$API_DIR/Pitstop.Api.dll" "$BASELINE_DIR/Pitstop.Baseline.dll"; do
    [[ -f "$f" ]] || die "$f is missing (build first, or drop --skip-build)"
done
# What was measured: the commit (and whether src/ differed from it) when the engine was built.
COMMIT="$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)"
if [[ "$SKIP_BUILD" == 1 ]]; then
    BUILD_NOTE="engine binaries of $(date -u -r "$SILO_DIR/Pitstop.Silo.dll" '+%Y-%m-%d %H:%M UTC') (--skip-build; HEAD is now $COMMIT)"
else
    BUILD_NOTE="engine built from commit $COMMIT"
    if git -C "$ROOT" status --porcelain -- src 2>/dev/null | grep -q .; then
        BUILD_NOTE="$BUILD_NOTE with uncommitted changes in src/"
    fi
fi

RUN_ID="bench-$(date -u +%Y%m%dT%H%M%S)"
END_TIME="$(date -u +%Y-%m-%dT%H:%M:%SZ)"   # the same simulated clock for both runs: byte-identical batches
LOAD_ARGS=(--events "$EVENTS" --concurrency "$CONCURRENCY" --batch "$BATCH" --seed "$SEED" --warmup "$WARMUP"
    --run-id "$RUN_ID" --end "$END_TIME" --apply-timeout "$APPLY_TIMEOUT")
if [[ -n "$DURATION" ]]; then LOAD_ARGS+=(--duration "$DURATION"); fi
DESCRIPTION="$EVENTS events${DURATION:+ (or $DURATION s)}, concurrency $CONCURRENCY, batch $BATCH, warm-up $WARMUP, seed $SEED"
log "load: $DESCRIPTION, run id $RUN_ID; work dir $WORK"

read -r SILO_PORT GATEWAY_PORT API_PORT BASELINE_PORT <<<"$(pick_ports)"

# ---------------------------------------------------------------------------------------------
# The engine: PostgreSQL mode, one silo and the API as two processes

log "engine: starting PostgreSQL"
PG_ENGINE="$WORK/pg-engine"
PG_DIRS+=("$PG_ENGINE")
ENGINE_CS="$("$ROOT/scripts/postgres.sh" start "$PG_ENGINE" 2>"$WORK/pg-engine-start.log")" \
    || die "PostgreSQL did not start:$(echo; tail -n 20 "$WORK/pg-engine-start.log")"
CLUSTER_ID="bench-$RANDOM"

# The standalone silo has no appsettings.json of its own; unless told otherwise it gets the API's
# log levels, so that both processes log alike (the silo would otherwise log 2 lines per grain activation).
SILO_LOG_ENV=()
if [[ "$SILO_LOGGING" != shipped ]]; then
    SILO_LOG_ENV=(Logging__LogLevel__Default=Information Logging__LogLevel__Microsoft.AspNetCore=Warning
        Logging__LogLevel__Orleans=Warning Logging__LogLevel__Polly=Warning)
fi

log "engine: starting the silo (127.0.0.1:$SILO_PORT, gateway $GATEWAY_PORT)"
start_bg silo "$SILO_DIR" "$WORK/silo.log" \
    "ConnectionStrings__Orleans=$ENGINE_CS" Orleans__ClusterId="$CLUSTER_ID" \
    Orleans__SiloPort="$SILO_PORT" Orleans__GatewayPort="$GATEWAY_PORT" DOTNET_ENVIRONMENT=Production \
    "${SILO_LOG_ENV[@]}" dotnet Pitstop.Silo.dll
SILO_PID="$LAST_PID"
wait_listening "$GATEWAY_PORT" "$SILO_PID" silo 120

log "engine: starting the API (http://127.0.0.1:$API_PORT)"
# A credential made for this run only: the load driver sends it as X-Api-Key.
PITSTOP_API_KEY="$(python3 -c 'import secrets; print(secrets.token_hex(24))')"
export PITSTOP_API_KEY
start_bg api "$API_DIR" "$WORK/api.log" \
    "ConnectionStrings__Orleans=$ENGINE_CS" Orleans__ClusterId="$CLUSTER_ID" \
    Auth__ApiKeys__0__Name=benchmark Auth__ApiKeys__0__Role=admin "Auth__ApiKeys__0__Key=$PITSTOP_API_KEY" \
    Urls="http://127.0.0.1:$API_PORT" ASPNETCORE_ENVIRONMENT=Production \
    dotnet Pitstop.Api.dll
API_PID="$LAST_PID"
wait_http "http://127.0.0.1:$API_PORT/health/ready" "$API_PID" api 120

log "engine: registering 150 dealerships, then the load"
LOADAVG_ENGINE="$(cut -d' ' -f1-3 /proc/loadavg)"
run_driver engine "http://127.0.0.1:$API_PORT" || die "the load driver failed against the engine"
kill -0 "$SILO_PID" 2>/dev/null || echo "$PROG: WARNING: the silo is no longer running (log: $WORK/silo.log)" >&2
kill -0 "$API_PID" 2>/dev/null || echo "$PROG: WARNING: the API is no longer running (log: $WORK/api.log)" >&2

log "engine: stopping"
stop_started api
stop_started silo
stop_pg "$PG_ENGINE"
ENGINE_FINDINGS="$(log_findings "$WORK/silo.log" silo; log_findings "$WORK/api.log" api)"
[[ -z "$ENGINE_FINDINGS" ]] || echo "$ENGINE_FINDINGS" >&2

# ---------------------------------------------------------------------------------------------
# The baseline: a fresh PostgreSQL server, the same batches

log "baseline: starting a fresh PostgreSQL"
PG_BASELINE="$WORK/pg-baseline"
PG_DIRS+=("$PG_BASELINE")
BASELINE_CS="$("$ROOT/scripts/postgres.sh" start "$PG_BASELINE" 2>"$WORK/pg-baseline-start.log")" \
    || die "PostgreSQL did not start:$(echo; tail -n 20 "$WORK/pg-baseline-start.log")"

log "baseline: starting (http://127.0.0.1:$BASELINE_PORT)"
start_bg baseline "$BASELINE_DIR" "$WORK/baseline.log" \
    "ConnectionStrings__Baseline=$BASELINE_CS" Urls="http://127.0.0.1:$BASELINE_PORT" ASPNETCORE_ENVIRONMENT=Production \
    dotnet Pitstop.Baseline.dll
BASELINE_PID="$LAST_PID"
wait_http "http://127.0.0.1:$BASELINE_PORT/health/ready" "$BASELINE_PID" baseline 60

log "baseline: the load"
LOADAVG_BASELINE="$(cut -d' ' -f1-3 /proc/loadavg)"
run_driver baseline "http://127.0.0.1:$BASELINE_PORT" || die "the load driver failed against the baseline"

log "baseline: stopping"
stop_started baseline
stop_pg "$PG_BASELINE"
BASELINE_FINDINGS="$(log_findings "$WORK/baseline.log" baseline)"
[[ -z "$BASELINE_FINDINGS" ]] || echo "$BASELINE_FINDINGS" >&2

# ---------------------------------------------------------------------------------------------
# Report

log "results ($DESCRIPTION)"
dotnet "$DRIVER" report --engine "$WORK/engine.json" --baseline "$WORK/baseline.json" --problems

if [[ "$RESULTS" == 1 ]]; then
    RESULTS_FILE="$BENCH/RESULTS.md"
    if [[ ! -f "$RESULTS_FILE" ]]; then
        cat >"$RESULTS_FILE" <<'EOF'
# Ingestion benchmark results

Appended by `benchmarks/run.sh` (one section per run, newest last). What each figure means:
[README.md](README.md).
EOF
    fi
    CPU="$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//' || true)"
    MEM="$(awk '/MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)"
    OS="$( (. /etc/os-release 2>/dev/null && echo "$PRETTY_NAME") || uname -s), kernel $(uname -r)"
    PG_BIN="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
    PG_VERSION="$("$PG_BIN/postgres" --version 2>/dev/null || echo unknown)"
    {
        echo
        echo "## $(date -u '+%Y-%m-%d %H:%M UTC') — $DESCRIPTION"
        echo
        echo "- Machine: $(nproc) cores ($CPU), $MEM memory, $OS; load average (1/5/15 min) before the engine run $LOADAVG_ENGINE, before the baseline run $LOADAVG_BASELINE"
        echo "- .NET SDK $(dotnet --version); $PG_VERSION (fsync, synchronous_commit and full_page_writes on); $BUILD_NOTE"
        SILO_NOTE="; silo run with the API's log levels"
        [[ "$SILO_LOGGING" != shipped ]] || SILO_NOTE="; silo logging as shipped"
        echo "- Engine: PostgreSQL mode, one silo + the API as separate processes on 127.0.0.1, its own throwaway PostgreSQL server$SILO_NOTE"
        echo "- Baseline: benchmarks/Baseline (one multi-row INSERT per batch) on a second, fresh PostgreSQL server"
        echo "- Load: run id \`$RUN_ID\`, the same byte-identical batches for both, $CONCURRENCY clients each with one request in flight"
        echo
        dotnet "$DRIVER" report --engine "$WORK/engine.json" --baseline "$WORK/baseline.json" --markdown --mix
        echo
        if [[ -n "$ENGINE_FINDINGS$BASELINE_FINDINGS" ]] || grep -q '"problems": \[$' "$WORK/engine.json" "$WORK/baseline.json" 2>/dev/null; then
            echo "<details><summary>Problems and server log findings</summary>"
            echo
            echo '```'
            dotnet "$DRIVER" report --engine "$WORK/engine.json" --baseline "$WORK/baseline.json" --problems | sed -n '/^Problems (engine)/,$p'
            [[ -z "$ENGINE_FINDINGS" ]] || echo "$ENGINE_FINDINGS"
            [[ -z "$BASELINE_FINDINGS" ]] || echo "$BASELINE_FINDINGS"
            echo '```'
            echo
            echo "</details>"
        fi
    } >>"$RESULTS_FILE"
    log "appended to $RESULTS_FILE"
fi

OK=1
exit 0
}
