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

# shellcheck source=lib.sh
source "$BENCH/lib.sh"
begin_work pitstop-bench

# Run the load driver against one target (its table in WORK/<kind>-table.txt, its log in
# WORK/<kind>-driver.log and on the terminal, its JSON result in WORK/<kind>.json).
run_driver() {
    local kind="$1" target="$2"
    run_waited driver "$WORK/$kind-table.txt" "$WORK/$kind-driver.log" \
        dotnet "$DRIVER" run --kind "$kind" --label "$kind" --target "$target" "${LOAD_ARGS[@]}" --json "$WORK/$kind.json" \
        $([[ "$kind" == engine ]] && echo --league-probe)
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
    dotnet_build "$BENCH/Benchmarks.slnf"
fi
for f in "$DRIVER" "$SILO_DIR/Pitstop.Silo.dll" "$API_DIR/Pitstop.Api.dll" "$BASELINE_DIR/Pitstop.Baseline.dll"; do
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
run_driver engine "http://127.0.0.1:$API_PORT" || die "the load driver failed against the engine"
check_engine_alive

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
start_postgres "$PG_BASELINE" BASELINE_CS

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
    machine_facts
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
