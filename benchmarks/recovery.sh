#!/usr/bin/env bash
# The recovery month, in one command: a simulated month of a service network's traffic with its
# share of friction (delays, defects, complaints, their resolution, NPS answers, returning
# customers) sent to the engine in PostgreSQL mode (one silo + the API, as separate processes), and
# the engine's recovery analytics beside how long the month took to ingest. See benchmarks/README.md.
#
#   benchmarks/recovery.sh [--centres N] [--visits-per-day V] [--days D] [--friction-share F] [--seed S]
#                          [--concurrency C] [--batch B] [--monthly-cap P] [--apply-timeout S]
#                          [--smoke] [--no-results] [--skip-build] [--keep-logs]
#
# Every flag has an environment twin: CENTRES VISITS_PER_DAY DAYS FRICTION_SHARE SEED CONCURRENCY
# BATCH MONTHLY_CAP APPLY_TIMEOUT RESULTS (1 = append to benchmarks/RESULTS.md, 0 = don't)
# SKIP_BUILD=1 KEEP_LOGS=1. --smoke (or SMOKE=1) is the quick check: 3 days of 6 visits per centre,
# nothing appended to RESULTS.md. SILO_LOGGING=shipped as for run.sh.
#
# Only 127.0.0.1 is used: the servers listen there and the load driver refuses any other target.
# Every process and database server started here is stopped on exit, failure or Ctrl-C.
set -euo pipefail

# The whole script is one block, read before it runs: editing this file during a run is harmless.
{

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BENCH="$ROOT/benchmarks"
PROG="benchmarks/recovery.sh"

SMOKE="${SMOKE:-0}"
for arg in "$@"; do if [[ "$arg" == "--smoke" ]]; then SMOKE=1; fi; done
if [[ "$SMOKE" == 1 ]]; then
    DAYS="${DAYS:-3}"; VISITS_PER_DAY="${VISITS_PER_DAY:-6}"; RESULTS="${RESULTS:-0}"
fi
CENTRES="${CENTRES:-120}"
VISITS_PER_DAY="${VISITS_PER_DAY:-30}"
DAYS="${DAYS:-30}"
FRICTION_SHARE="${FRICTION_SHARE:-0.14}"
SEED="${SEED:-42}"
CONCURRENCY="${CONCURRENCY:-8}"
BATCH="${BATCH:-100}"
# The program ships a monthly cap of 2,000,000 auto top-up points per dealership. The engine counts
# it in the month the top-up happens, so the whole replayed month falls in one: a centre's month of
# this traffic awards several million points (contracts alone over a million, recoveries about as
# much), and under the shipped cap recoveries would wait behind ordinary awards for funds — the
# analytics would measure the budget policy, not the recovery.
MONTHLY_CAP="${MONTHLY_CAP:-20000000}"
APPLY_TIMEOUT="${APPLY_TIMEOUT:-3600}"
RESULTS="${RESULTS:-1}"
SKIP_BUILD="${SKIP_BUILD:-0}"
KEEP_LOGS="${KEEP_LOGS:-0}"
SILO_LOGGING="${SILO_LOGGING:-api}"

usage() { sed -n '2,17p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2; exit 2; }
while [[ $# -gt 0 ]]; do
    case "$1" in
        --centres) CENTRES="$2"; shift 2 ;;
        --visits-per-day) VISITS_PER_DAY="$2"; shift 2 ;;
        --days) DAYS="$2"; shift 2 ;;
        --friction-share) FRICTION_SHARE="$2"; shift 2 ;;
        --seed) SEED="$2"; shift 2 ;;
        --concurrency) CONCURRENCY="$2"; shift 2 ;;
        --batch) BATCH="$2"; shift 2 ;;
        --monthly-cap) MONTHLY_CAP="$2"; shift 2 ;;
        --apply-timeout) APPLY_TIMEOUT="$2"; shift 2 ;;
        --smoke) shift ;;
        --no-results) RESULTS=0; shift ;;
        --skip-build) SKIP_BUILD=1; shift ;;
        --keep-logs) KEEP_LOGS=1; shift ;;
        -h|--help) usage ;;
        *) echo "$PROG: unknown argument '$1'" >&2; usage ;;
    esac
done
for n in CENTRES DAYS SEED CONCURRENCY BATCH MONTHLY_CAP APPLY_TIMEOUT; do
    [[ "${!n}" =~ ^[0-9]+$ ]] || { echo "$PROG: $n must be a whole number, not '${!n}'" >&2; exit 2; }
done
for n in VISITS_PER_DAY FRICTION_SHARE; do
    [[ "${!n}" =~ ^[0-9]+(\.[0-9]+)?$ ]] || { echo "$PROG: $n must be a number, not '${!n}'" >&2; exit 2; }
done
# The API takes at most 1,000,000,000 points in a policy field.
(( MONTHLY_CAP <= 1000000000 )) || { echo "$PROG: MONTHLY_CAP must be at most 1000000000" >&2; exit 2; }

# shellcheck source=lib.sh
source "$BENCH/lib.sh"
begin_work pitstop-recovery

# Run one command of the load driver (its output in WORK/<step>.txt, its log in WORK/<step>.log
# and on the terminal).
driver() {
    local step="$1"; shift
    run_waited driver "$WORK/$step.txt" "$WORK/$step.log" dotnet "$DRIVER" "$step" "$@"
}

# ---------------------------------------------------------------------------------------------
# Build

DRIVER="$BENCH/Ingestion/bin/Release/net10.0/Pitstop.Ingestion.dll"
SILO_DIR="$ROOT/src/Silo/bin/Release/net10.0"
API_DIR="$ROOT/src/Api/bin/Release/net10.0"

if [[ "$SKIP_BUILD" != 1 ]]; then
    log "building (Release)"
    # The engine and the benchmark projects (benchmarks/Benchmarks.slnf: no tests).
    dotnet_build "$BENCH/Benchmarks.slnf"
fi
for f in "$DRIVER" "$SILO_DIR/Pitstop.Silo.dll" "$API_DIR/Pitstop.Api.dll"; do
    [[ -f "$f" ]] || die "$f is missing (build first, or drop --skip-build)"
done
engine_build_note
if [[ "$SKIP_BUILD" != 1 ]] && git -C "$ROOT" status --porcelain -- benchmarks/Ingestion 2>/dev/null | grep -q .; then
    BUILD_NOTE="$BUILD_NOTE, generator from the working tree (benchmarks/Ingestion/ not committed as built)"
fi

RUN_ID="month-$(date -u +%Y%m%dT%H%M%S)"
# The month ends when the run starts: every event is in the past, none more than DAYS + 1 days old.
END_TIME="$(date -u +%Y-%m-%dT%H:%M:%SZ)"
POOL_POINTS=$((CENTRES * MONTHLY_CAP))   # every budget can top itself up to its cap
MONTH_ARGS=(--centres "$CENTRES" --days "$DAYS" --visits-per-day "$VISITS_PER_DAY" --friction-share "$FRICTION_SHARE"
    --seed "$SEED" --run-id "$RUN_ID" --end "$END_TIME")
DESCRIPTION="$CENTRES centres, $DAYS days, $VISITS_PER_DAY visits per centre per day, friction $FRICTION_SHARE, seed $SEED"
log "recovery month: $DESCRIPTION, run id $RUN_ID; work dir $WORK"

read -r SILO_PORT GATEWAY_PORT API_PORT <<<"$(pick_ports 3)"
API="http://127.0.0.1:$API_PORT"

# ---------------------------------------------------------------------------------------------
# The engine: PostgreSQL mode, one silo and the API as two processes

log "engine: starting PostgreSQL"
PG_ENGINE="$WORK/pg-engine"
start_postgres "$PG_ENGINE" ENGINE_CS
start_engine "$ENGINE_CS" "$SILO_PORT" "$GATEWAY_PORT" "$API_PORT"

log "engine: registering $CENTRES dealerships, minting $POOL_POINTS points, auto top-ups capped at $MONTHLY_CAP a month"
driver register --target "$API" --centres "$CENTRES" --seed "$SEED" || die "registering the dealerships failed"
driver fund --target "$API" --centres "$CENTRES" --seed "$SEED" --points "$POOL_POINTS" --monthly-cap "$MONTHLY_CAP" --run-id "$RUN_ID" \
    || die "funding the network failed"

log "engine: the month (batches of $BATCH, $CONCURRENCY clients), then waiting until it is applied"
LOADAVG="$(cut -d' ' -f1-3 /proc/loadavg)"
driver run --kind engine --label "recovery month" --target "$API" --traffic month "${MONTH_ARGS[@]}" --no-register --warmup 0 \
    --concurrency "$CONCURRENCY" --batch "$BATCH" --apply-timeout "$APPLY_TIMEOUT" --json "$WORK/engine.json" \
    || die "the load driver failed against the engine"

log "engine: reading the recovery analytics once they settle"
SETTLED=1
driver analytics --target "$API" --engine "$WORK/engine.json" --out "$WORK/analytics.json" --budgets-out "$WORK/budgets.json" || SETTLED=0
[[ -s "$WORK/analytics.json" ]] || die "no recovery analytics (see $WORK/analytics.log)"
check_engine_alive

log "engine: stopping"
stop_started api
stop_started silo
stop_pg "$PG_ENGINE"
FINDINGS="$(log_findings "$WORK/silo.log" silo; log_findings "$WORK/api.log" api)"
[[ -z "$FINDINGS" ]] || echo "$FINDINGS" >&2

# ---------------------------------------------------------------------------------------------
# Report

log "results ($DESCRIPTION)"
REPORT_ARGS=(--engine "$WORK/engine.json" --analytics "$WORK/analytics.json")
[[ ! -s "$WORK/budgets.json" ]] || REPORT_ARGS+=(--budgets "$WORK/budgets.json")
dotnet "$DRIVER" month-report "${REPORT_ARGS[@]}"
PROBLEMS="$(dotnet "$DRIVER" report --engine "$WORK/engine.json" --problems | sed -n '/^Problems (engine)/,$p')"
echo "$PROBLEMS"

if [[ "$RESULTS" == 1 ]]; then
    RESULTS_FILE="$BENCH/RESULTS.md"
    machine_facts
    {
        echo
        echo "## $(date -u '+%Y-%m-%d %H:%M UTC') — recovery month: $DESCRIPTION"
        echo
        echo "Appended by \`benchmarks/recovery.sh\` (what the month holds and what the figures are: [README.md](README.md#recovery-month))."
        echo
        echo "- Machine: $(nproc) cores (${CPU:-unknown}), $MEM memory, $OS; load average (1/5/15 min) before the month $LOADAVG"
        echo "- .NET SDK $(dotnet --version); $PG_VERSION (fsync, synchronous_commit and full_page_writes on); $BUILD_NOTE"
        SILO_NOTE="; silo run with the API's log levels"
        [[ "$SILO_LOGGING" != shipped ]] || SILO_NOTE="; silo logging as shipped"
        echo "- Engine: PostgreSQL mode, one silo + the API as separate processes on 127.0.0.1, its own throwaway PostgreSQL server$SILO_NOTE"
        echo "- Load: run id \`$RUN_ID\`, the month's events in time order in batches of $BATCH, $CONCURRENCY clients each with one request in flight, no warm-up (its traffic would add incidents of its own)"
        echo "- Budgets: $POOL_POINTS points minted into the pool; every dealership tops up 500,000 when below 100,000 (the program's policy), at most $MONTHLY_CAP a month instead of the program's 2,000,000 (the replayed month falls in one calendar month of the engine's clock; see README)"
        echo
        dotnet "$DRIVER" month-report "${REPORT_ARGS[@]}" --markdown
        echo
        echo "Reading the figures: the month is replayed in minutes, not lived. An incident closes at the time its events"
        echo "give (a late car's delivery, a resolution's \`resolvedAt\`), days or weeks before the run, but the engine delivers"
        echo "the recovery when it processes the closure and dates the delivery by its own clock. So only incidents closed in"
        echo "the last 24 hours before the run can count as within the 24-hour promise, and every other one is counted as"
        echo "delivered late: the within-24 h share measures the replay, not the network. Counts, NPS before and after,"
        echo "retention and points spent do not depend on the replay's speed; retention counts only the later visits that"
        echo "fall within the month (the program looks twelve months ahead)."
        if [[ "$SETTLED" != 1 ]]; then
            echo
            echo "**The analytics had not settled** when they were read (see README): the figures above are the last answer."
        fi
        if [[ -n "$FINDINGS" ]] || grep -q '"problems": \[$' "$WORK/engine.json" 2>/dev/null; then
            echo
            echo "<details><summary>Problems and server log findings</summary>"
            echo
            echo '```'
            echo "$PROBLEMS"
            [[ -z "$FINDINGS" ]] || echo "$FINDINGS"
            echo '```'
            echo
            echo "</details>"
        fi
    } >>"$RESULTS_FILE"
    log "appended to $RESULTS_FILE"
fi

[[ "$SETTLED" == 1 ]] || die "the recovery analytics did not settle (see $WORK/analytics.log)"
OK=1
exit 0
}
