#!/usr/bin/env bash
# The ingestion benchmark, in one command: the engine in PostgreSQL mode (one silo + the API, as
# separate processes) against a bare ASP.NET Core + PostgreSQL baseline, with the same batches and
# the same concurrency, both at full speed, and against the floor of the engine's shape
# (benchmarks/Floor); then a fresh engine under a paced load it can keep up with, probing the
# league. Each run reports its CPU per event by process, rows per event by table and WAL per event.
# See benchmarks/README.md.
#
#   benchmarks/run.sh [--events N] [--concurrency C] [--batch B] [--duration S] [--warmup N]
#                     [--seed S] [--apply-timeout S] [--paced-rate R] [--paced-duration S] [--no-paced]
#                     [--no-floor] [--wal-by-table] [--smoke] [--no-results] [--skip-build] [--keep-logs]
#
# Every flag has an environment twin: EVENTS CONCURRENCY BATCH DURATION WARMUP SEED APPLY_TIMEOUT
# PACED_RATE PACED_DURATION PACED=0 FLOOR=0 WAL_BY_TABLE=1 RESULTS (1 = append to benchmarks/RESULTS.md,
# 0 = don't) SKIP_BUILD=1 KEEP_LOGS=1. The paced rate is by default half the engine's applied rate at full
# speed, rounded down to a multiple of 100.
# --smoke (or SMOKE=1) is the quick check: 5,000 events, 500 warm-up, a paced stage of 10 s,
# nothing appended to RESULTS.md.
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
    EVENTS="${EVENTS:-5000}"; WARMUP="${WARMUP:-500}"; PACED_DURATION="${PACED_DURATION:-10}"; RESULTS="${RESULTS:-0}"
fi
EVENTS="${EVENTS:-100000}"
CONCURRENCY="${CONCURRENCY:-8}"
BATCH="${BATCH:-100}"
DURATION="${DURATION:-}"
WARMUP="${WARMUP:-2000}"
SEED="${SEED:-42}"
APPLY_TIMEOUT="${APPLY_TIMEOUT:-900}"
PACED="${PACED:-1}"
PACED_RATE="${PACED_RATE:-}"
PACED_DURATION="${PACED_DURATION:-60}"
FLOOR="${FLOOR:-1}"
WAL_BY_TABLE="${WAL_BY_TABLE:-0}"
RESULTS="${RESULTS:-1}"
SKIP_BUILD="${SKIP_BUILD:-0}"
KEEP_LOGS="${KEEP_LOGS:-0}"
SILO_LOGGING="${SILO_LOGGING:-api}"

usage() { sed -n '2,24p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2; exit 2; }
while [[ $# -gt 0 ]]; do
    case "$1" in
        --events) EVENTS="$2"; shift 2 ;;
        --concurrency) CONCURRENCY="$2"; shift 2 ;;
        --batch) BATCH="$2"; shift 2 ;;
        --duration) DURATION="$2"; shift 2 ;;
        --warmup) WARMUP="$2"; shift 2 ;;
        --seed) SEED="$2"; shift 2 ;;
        --apply-timeout) APPLY_TIMEOUT="$2"; shift 2 ;;
        --paced-rate) PACED_RATE="$2"; shift 2 ;;
        --paced-duration) PACED_DURATION="$2"; shift 2 ;;
        --no-paced) PACED=0; shift ;;
        --no-floor) FLOOR=0; shift ;;
        --wal-by-table) WAL_BY_TABLE=1; shift ;;
        --smoke) shift ;;
        --no-results) RESULTS=0; shift ;;
        --skip-build) SKIP_BUILD=1; shift ;;
        --keep-logs) KEEP_LOGS=1; shift ;;
        -h|--help) usage ;;
        *) echo "$PROG: unknown argument '$1'" >&2; usage ;;
    esac
done
for n in EVENTS CONCURRENCY BATCH WARMUP SEED APPLY_TIMEOUT PACED_DURATION; do
    [[ "${!n}" =~ ^[0-9]+$ ]] || { echo "$PROG: $n must be a whole number, not '${!n}'" >&2; exit 2; }
done
[[ -z "$DURATION" || "$DURATION" =~ ^[0-9]+$ ]] || { echo "$PROG: DURATION must be whole seconds" >&2; exit 2; }
[[ -z "$PACED_RATE" || "$PACED_RATE" =~ ^[1-9][0-9]*$ ]] || { echo "$PROG: PACED_RATE must be whole events per second" >&2; exit 2; }
[[ "$PACED_DURATION" -gt 0 ]] || { echo "$PROG: PACED_DURATION must be at least 1 s" >&2; exit 2; }

# shellcheck source=lib.sh
source "$BENCH/lib.sh"
begin_work pitstop-bench

# Run the load driver, as run NAME, against a target of KIND with the given load flags (its table
# in WORK/<name>-table.txt, its log in WORK/<name>-driver.log and on the terminal, its JSON result
# in WORK/<name>.json).
#   run_driver NAME KIND TARGET FLAGS...
run_driver() {
    local name="$1" kind="$2" target="$3"; shift 3
    run_waited driver "$WORK/$name-table.txt" "$WORK/$name-driver.log" \
        dotnet "$DRIVER" run --kind "$kind" --label "$name" --target "$target" "$@" --json "$WORK/$name.json"
}

# Stop the engine and its PostgreSQL server, keeping their logs as WORK/<name>-silo.log and
# WORK/<name>-api.log (each engine run starts its own silo.log and api.log), and put what they
# logged of note in the variable named VAR.
#   stop_engine NAME PG_DIR VAR
stop_engine() {
    local name="$1" pg_dir="$2" var="$3" findings
    stop_started api
    stop_started silo
    stop_pg "$pg_dir"
    findings="$(log_findings "$WORK/silo.log" "$name silo"; log_findings "$WORK/api.log" "$name api")"
    mv "$WORK/silo.log" "$WORK/$name-silo.log"
    mv "$WORK/api.log" "$WORK/$name-api.log"
    [[ -z "$findings" ]] || echo "$findings" >&2
    printf -v "$var" '%s' "$findings"
}

# ---------------------------------------------------------------------------------------------
# Build

DRIVER="$BENCH/Ingestion/bin/Release/net10.0/Pitstop.Ingestion.dll"
SILO_DIR="$ROOT/src/Silo/bin/Release/net10.0"
API_DIR="$ROOT/src/Api/bin/Release/net10.0"
BASELINE_DIR="$BENCH/Baseline/bin/Release/net10.0"
FLOOR_DIR="$BENCH/Floor/bin/Release/net10.0"

if [[ "$SKIP_BUILD" != 1 ]]; then
    log "building (Release)"
    # One build of the engine and both benchmark projects (benchmarks/Benchmarks.slnf: no tests).
    dotnet_build "$BENCH/Benchmarks.slnf"
fi
for f in "$DRIVER" "$SILO_DIR/Pitstop.Silo.dll" "$API_DIR/Pitstop.Api.dll" "$BASELINE_DIR/Pitstop.Baseline.dll" "$FLOOR_DIR/Pitstop.Floor.dll"; do
    [[ -f "$f" ]] || die "$f is missing (build first, or drop --skip-build)"
done
engine_build_note

RUN_ID="bench-$(date -u +%Y%m%dT%H%M%S)"
END_TIME="$(date -u +%Y-%m-%dT%H:%M:%SZ)"   # the same simulated clock for both runs: byte-identical batches
LOAD_ARGS=(--events "$EVENTS" --concurrency "$CONCURRENCY" --batch "$BATCH" --seed "$SEED" --warmup "$WARMUP"
    --run-id "$RUN_ID" --end "$END_TIME" --apply-timeout "$APPLY_TIMEOUT")
if [[ -n "$DURATION" ]]; then LOAD_ARGS+=(--duration "$DURATION"); fi
DESCRIPTION="$EVENTS events${DURATION:+ (or $DURATION s)}, concurrency $CONCURRENCY, batch $BATCH, warm-up $WARMUP, seed $SEED"
log "load: $DESCRIPTION, run id $RUN_ID; work dir $WORK"

read -r SILO_PORT GATEWAY_PORT API_PORT BASELINE_PORT <<<"$(pick_ports 4)"

# ---------------------------------------------------------------------------------------------
# The engine: PostgreSQL mode, one silo and the API as two processes

log "engine: starting PostgreSQL"
PG_ENGINE="$WORK/pg-engine"
start_postgres "$PG_ENGINE" ENGINE_CS
start_engine "$ENGINE_CS" "$SILO_PORT" "$GATEWAY_PORT" "$API_PORT"

log "engine: registering 150 dealerships, then the load"
LOADAVG_ENGINE="$(cut -d' ' -f1-3 /proc/loadavg)"
cost_flags "$PG_ENGINE" "$ENGINE_CS" "silo=$SILO_PID" "api=$API_PID"
run_driver engine engine "http://127.0.0.1:$API_PORT" "${LOAD_ARGS[@]}" --league-probe "${COST_FLAGS[@]}" \
    || die "the load driver failed against the engine"
check_engine_alive
wal_by_table "$WORK/engine.json" "$PG_ENGINE"

log "engine: stopping"
stop_engine engine "$PG_ENGINE" ENGINE_FINDINGS

# ---------------------------------------------------------------------------------------------
# The baseline: a fresh PostgreSQL server, the same batches

log "baseline: starting a fresh PostgreSQL"
PG_BASELINE="$WORK/pg-baseline"
start_postgres "$PG_BASELINE" BASELINE_CS

log "baseline: starting (http://127.0.0.1:$BASELINE_PORT)"
start_bg baseline "$BASELINE_DIR" "$WORK/baseline.log" \
    "ConnectionStrings__Baseline=$BASELINE_CS" Urls="http://127.0.0.1:$BASELINE_PORT" ASPNETCORE_ENVIRONMENT=Production \
    dotnet Pitstop.Baseline.dll
BASELINE_PID="$LAST_PID"
wait_http "http://127.0.0.1:$BASELINE_PORT/health/ready" "$BASELINE_PID" baseline 60

log "baseline: the load"
LOADAVG_BASELINE="$(cut -d' ' -f1-3 /proc/loadavg)"
cost_flags "$PG_BASELINE" "$BASELINE_CS" "baseline=$BASELINE_PID"
run_driver baseline baseline "http://127.0.0.1:$BASELINE_PORT" "${LOAD_ARGS[@]}" "${COST_FLAGS[@]}" \
    || die "the load driver failed against the baseline"
wal_by_table "$WORK/baseline.json" "$PG_BASELINE"

log "baseline: stopping"
stop_started baseline
stop_pg "$PG_BASELINE"
BASELINE_FINDINGS="$(log_findings "$WORK/baseline.log" baseline)"
[[ -z "$BASELINE_FINDINGS" ]] || echo "$BASELINE_FINDINGS" >&2

# ---------------------------------------------------------------------------------------------
# The floor of the shape: the same engine processes and load, but a silo (benchmarks/Floor) whose
# stream consumer hands every member grain its share and the grains only write an empty state

REPORT_FILES=(--engine "$WORK/engine.json" --baseline "$WORK/baseline.json")
FLOOR_FINDINGS=""
if [[ "$FLOOR" == 1 ]]; then
    read -r SILO_PORT GATEWAY_PORT API_PORT <<<"$(pick_ports 3)"
    log "floor: starting a fresh PostgreSQL and the floor silo with the API"
    PG_FLOOR="$WORK/pg-floor"
    start_postgres "$PG_FLOOR" FLOOR_CS
    SILO_DIR="$FLOOR_DIR" SILO_DLL=Pitstop.Floor.dll start_engine "$FLOOR_CS" "$SILO_PORT" "$GATEWAY_PORT" "$API_PORT"

    log "floor: the load"
    LOADAVG_FLOOR="$(cut -d' ' -f1-3 /proc/loadavg)"
    cost_flags "$PG_FLOOR" "$FLOOR_CS" "silo=$SILO_PID" "api=$API_PID"
    run_driver floor engine "http://127.0.0.1:$API_PORT" "${LOAD_ARGS[@]}" "${COST_FLAGS[@]}" \
        || die "the load driver failed against the floor"
    check_engine_alive
    wal_by_table "$WORK/floor.json" "$PG_FLOOR"

    log "floor: stopping"
    stop_engine floor "$PG_FLOOR" FLOOR_FINDINGS
    REPORT_FILES+=(--floor "$WORK/floor.json")
fi

# ---------------------------------------------------------------------------------------------
# The paced stage: a fresh engine at a rate it can keep up with, so that the league probe measures
# the league's own delay rather than the backlog the full-speed run builds up

PACED_FINDINGS=""
if [[ "$PACED" == 1 && -n "$PACED_RATE" ]]; then
    PACED_RATE_NOTE="set by --paced-rate"
elif [[ "$PACED" == 1 ]]; then
    APPLIED_RATE="$(python3 -c 'import json, sys
r = json.load(open(sys.argv[1]))
print(int(r["appliedEventsPerSecond"]) if r["appliedComplete"] else 0)' "$WORK/engine.json")"
    PACED_RATE=$(( APPLIED_RATE / 2 / 100 * 100 ))
    PACED_RATE_NOTE="half the applied rate above, rounded down to a multiple of 100"
    if [[ "$APPLIED_RATE" == 0 ]]; then
        echo "$PROG: WARNING: the engine did not apply all of its load, so there is no rate to pace at; skipping the paced stage (--paced-rate sets one)" >&2
        PACED=0
    elif [[ "$PACED_RATE" -lt 100 ]]; then
        PACED_RATE=100
        PACED_RATE_NOTE="the least paced rate: half the applied rate above is below 100"
    fi
fi

if [[ "$PACED" == 1 ]]; then
    read -r SILO_PORT GATEWAY_PORT API_PORT <<<"$(pick_ports 3)"
    log "paced: starting a fresh PostgreSQL and engine"
    PG_PACED="$WORK/pg-paced"
    start_postgres "$PG_PACED" PACED_CS
    start_engine "$PACED_CS" "$SILO_PORT" "$GATEWAY_PORT" "$API_PORT"

    log "paced: $PACED_RATE events/s for $PACED_DURATION s ($PACED_RATE_NOTE), with the league probe"
    LOADAVG_PACED="$(cut -d' ' -f1-3 /proc/loadavg)"
    cost_flags "$PG_PACED" "$PACED_CS" "silo=$SILO_PID" "api=$API_PID"
    run_driver paced engine "http://127.0.0.1:$API_PORT" --rate "$PACED_RATE" --duration "$PACED_DURATION" \
        --concurrency "$CONCURRENCY" --batch "$BATCH" --seed "$SEED" --warmup "$WARMUP" \
        --run-id "$RUN_ID-paced" --end "$END_TIME" --apply-timeout "$APPLY_TIMEOUT" --league-probe "${COST_FLAGS[@]}" \
        || die "the load driver failed against the paced engine"
    check_engine_alive
    wal_by_table "$WORK/paced.json" "$PG_PACED"

    log "paced: stopping"
    stop_engine paced "$PG_PACED" PACED_FINDINGS
    REPORT_FILES+=(--paced "$WORK/paced.json")
fi

# ---------------------------------------------------------------------------------------------
# Report

log "results ($DESCRIPTION)"
dotnet "$DRIVER" report "${REPORT_FILES[@]}" --problems

if [[ "$RESULTS" == 1 ]]; then
    RESULTS_FILE="$BENCH/RESULTS.md"
    if [[ ! -f "$RESULTS_FILE" ]]; then
        cat >"$RESULTS_FILE" <<'EOF'
# Ingestion benchmark results

Appended by `benchmarks/run.sh` (one section per run, newest last). What each figure means:
[README.md](README.md).
EOF
    fi
    machine_facts
    {
        echo
        echo "## $(date -u '+%Y-%m-%d %H:%M UTC') — $DESCRIPTION$([[ "$PACED" != 1 ]] || echo "; paced $PACED_RATE events/s for $PACED_DURATION s")"
        echo
        echo "- Machine: $(nproc) cores ($CPU), $MEM memory, $OS; load average (1/5/15 min) before the engine run $LOADAVG_ENGINE, before the baseline run $LOADAVG_BASELINE$([[ "$FLOOR" != 1 ]] || echo ", before the floor run $LOADAVG_FLOOR")$([[ "$PACED" != 1 ]] || echo ", before the paced run $LOADAVG_PACED")"
        echo "- .NET SDK $(dotnet --version); $PG_VERSION (fsync, synchronous_commit and full_page_writes on); $BUILD_NOTE"
        SILO_NOTE="; silo run with the API's log levels"
        [[ "$SILO_LOGGING" != shipped ]] || SILO_NOTE="; silo logging as shipped"
        echo "- Engine: PostgreSQL mode, one silo + the API as separate processes on 127.0.0.1, its own throwaway PostgreSQL server$SILO_NOTE"
        echo "- Baseline: benchmarks/Baseline (one multi-row INSERT per batch) on a second, fresh PostgreSQL server"
        if [[ "$FLOOR" == 1 ]]; then
            echo "- Floor of the shape: benchmarks/Floor (the silo with a stream consumer that fans each delivery out as the engine's router does, to member grains that only write an empty state) and the API, on a third, fresh PostgreSQL server, the same batches"
        fi
        echo "- Cost per event: CPU (utime + stime from /proc) of each process over the measured window (first send to all applied), PostgreSQL's postmaster with all its backends; rows from pg_stat_user_tables and WAL from pg_current_wal_lsn over the same window$([[ "$WAL_BY_TABLE" != 1 ]] || echo "; WAL by table decoded with pg_waldump (wal_keep_size set, so segments are new files rather than recycled)")"
        echo "- Load: run id \`$RUN_ID\`, the same byte-identical batches for both, $CONCURRENCY clients each with one request in flight"
        if [[ "$PACED" == 1 ]]; then
            echo "- Paced: a fresh engine on a fresh PostgreSQL server, run id \`$RUN_ID-paced\`, $PACED_RATE events/s ($PACED_RATE_NOTE) for $PACED_DURATION s, each batch sent at its time on a fixed schedule by the first of the $CONCURRENCY clients free; the league probe throughout"
        fi
        echo
        dotnet "$DRIVER" report "${REPORT_FILES[@]}" --markdown --mix
        echo
        if [[ -n "$ENGINE_FINDINGS$BASELINE_FINDINGS$FLOOR_FINDINGS$PACED_FINDINGS" ]] || grep -q '"problems": \[$' "$WORK/engine.json" "$WORK/baseline.json" "$WORK/floor.json" "$WORK/paced.json" 2>/dev/null; then
            echo "<details><summary>Problems and server log findings</summary>"
            echo
            echo '```'
            dotnet "$DRIVER" report "${REPORT_FILES[@]}" --problems | sed -n '/^Problems (engine)/,$p'
            [[ -z "$ENGINE_FINDINGS" ]] || echo "$ENGINE_FINDINGS"
            [[ -z "$BASELINE_FINDINGS" ]] || echo "$BASELINE_FINDINGS"
            [[ -z "$FLOOR_FINDINGS" ]] || echo "$FLOOR_FINDINGS"
            [[ -z "$PACED_FINDINGS" ]] || echo "$PACED_FINDINGS"
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
