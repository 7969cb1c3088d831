#!/usr/bin/env bash
# The aged-grains benchmark, in one command: an engine whose grains start with a year of history
# (a year of the generated network's traffic for 150 dealerships, sent through the API at full
# speed with event times spread over the past year, and applied), then the same measured load as
# run.sh's saturated stage; and, in the same invocation, a fresh engine under the same load. Reports
# the applied events/s and CPU per event of both, and the stored state by grain type after the
# ageing. See benchmarks/README.md.
#
#   benchmarks/aged.sh [--age-events N] [--events N] [--concurrency C] [--batch B] [--warmup N]
#                      [--seed S] [--apply-timeout S] [--monthly-cap P] [--smoke] [--no-results]
#                      [--skip-build] [--keep-logs]
#
# Every flag has an environment twin: AGE_EVENTS EVENTS CONCURRENCY BATCH WARMUP SEED APPLY_TIMEOUT
# MONTHLY_CAP RESULTS (1 = append to benchmarks/RESULTS.md, 0 = don't) SKIP_BUILD=1 KEEP_LOGS=1.
# --smoke (or SMOKE=1) is the quick check: 20,000 events of history, 5,000 measured, 500 warm-up,
# nothing appended to RESULTS.md.
#
# Only 127.0.0.1 is used. Every process and database server started here is stopped on exit,
# failure or Ctrl-C.
set -euo pipefail

# The whole script is one block, read before it runs: editing this file during a run is harmless.
{

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BENCH="$ROOT/benchmarks"
PROG="benchmarks/aged.sh"

SMOKE="${SMOKE:-0}"
for arg in "$@"; do if [[ "$arg" == "--smoke" ]]; then SMOKE=1; fi; done
if [[ "$SMOKE" == 1 ]]; then
    AGE_EVENTS="${AGE_EVENTS:-20000}"; EVENTS="${EVENTS:-5000}"; WARMUP="${WARMUP:-500}"; RESULTS="${RESULTS:-0}"
fi
# A year of about 30 visits a day per centre (the recovery month's rate): visits opened and
# completed are about 60 % of the generated stream, so 150 × 30 × 365 visits are 5.5 million events.
AGE_EVENTS="${AGE_EVENTS:-5500000}"
EVENTS="${EVENTS:-100000}"
CONCURRENCY="${CONCURRENCY:-8}"
BATCH="${BATCH:-100}"
WARMUP="${WARMUP:-2000}"
SEED="${SEED:-42}"
APPLY_TIMEOUT="${APPLY_TIMEOUT:-3600}"
# The engine counts a dealership's auto top-ups in the month they happen on its own clock, so the
# whole replayed year falls in one month: the cap must cover a year of awards (a busy centre's
# month awards several million points, see the recovery month), or the measured load would meet
# exhausted budgets (pending awards) on the aged engine only. Both engines get it. The pool is
# minted with 150 times it, in mints of at most 1e9 points.
MONTHLY_CAP="${MONTHLY_CAP:-200000000}"
RESULTS="${RESULTS:-1}"
SKIP_BUILD="${SKIP_BUILD:-0}"
KEEP_LOGS="${KEEP_LOGS:-0}"
SILO_LOGGING="${SILO_LOGGING:-api}"

usage() { sed -n '2,19p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2; exit 2; }
while [[ $# -gt 0 ]]; do
    case "$1" in
        --age-events) AGE_EVENTS="$2"; shift 2 ;;
        --events) EVENTS="$2"; shift 2 ;;
        --concurrency) CONCURRENCY="$2"; shift 2 ;;
        --batch) BATCH="$2"; shift 2 ;;
        --warmup) WARMUP="$2"; shift 2 ;;
        --seed) SEED="$2"; shift 2 ;;
        --apply-timeout) APPLY_TIMEOUT="$2"; shift 2 ;;
        --monthly-cap) MONTHLY_CAP="$2"; shift 2 ;;
        --smoke) shift ;;
        --no-results) RESULTS=0; shift ;;
        --skip-build) SKIP_BUILD=1; shift ;;
        --keep-logs) KEEP_LOGS=1; shift ;;
        -h|--help) usage ;;
        *) echo "$PROG: unknown argument '$1'" >&2; usage ;;
    esac
done
for n in AGE_EVENTS EVENTS CONCURRENCY BATCH WARMUP SEED APPLY_TIMEOUT MONTHLY_CAP; do
    [[ "${!n}" =~ ^[0-9]+$ ]] || { echo "$PROG: $n must be a whole number, not '${!n}'" >&2; exit 2; }
done

# shellcheck source=lib.sh
source "$BENCH/lib.sh"
begin_work pitstop-aged

DRIVER="$BENCH/Ingestion/bin/Release/net10.0/Pitstop.Ingestion.dll"
SILO_DIR="$ROOT/src/Silo/bin/Release/net10.0"
API_DIR="$ROOT/src/Api/bin/Release/net10.0"
CENTRES=150

if [[ "$SKIP_BUILD" != 1 ]]; then
    log "building (Release)"
    dotnet_build "$BENCH/Benchmarks.slnf"
fi
for f in "$DRIVER" "$SILO_DIR/Pitstop.Silo.dll" "$API_DIR/Pitstop.Api.dll"; do
    [[ -f "$f" ]] || die "$f is missing (build first, or drop --skip-build)"
done
engine_build_note

RUN_ID="aged-$(date -u +%Y%m%dT%H%M%S)"
END_TIME="$(date -u +%Y-%m-%dT%H:%M:%SZ)"   # the same simulated clock for both measured loads: byte-identical batches
LOAD_ARGS=(--no-register --events "$EVENTS" --concurrency "$CONCURRENCY" --batch "$BATCH" --seed "$SEED" --warmup "$WARMUP"
    --run-id "$RUN_ID" --end "$END_TIME" --apply-timeout "$APPLY_TIMEOUT")
DESCRIPTION="$EVENTS events after a year of $AGE_EVENTS, concurrency $CONCURRENCY, batch $BATCH, warm-up $WARMUP, seed $SEED"
log "load: $DESCRIPTION, run id $RUN_ID; work dir $WORK"

# Register the 150 dealerships and fund them alike on both engines: a pool of every budget's cap,
# the program's default threshold and amount, MONTHLY_CAP a month.
register_and_fund() {
    local target="$1"
    run_waited driver "$WORK/$2-register.txt" "$WORK/$2-register.log" \
        dotnet "$DRIVER" register --target "$target" --centres "$CENTRES" --seed "$SEED" || die "could not register the dealerships"
    run_waited driver "$WORK/$2-fund.txt" "$WORK/$2-fund.log" \
        dotnet "$DRIVER" fund --target "$target" --centres "$CENTRES" --seed "$SEED" \
        --points "$(python3 -c "print($CENTRES * $MONTHLY_CAP)")" --monthly-cap "$MONTHLY_CAP" --run-id "$RUN_ID-fund" \
        || die "could not fund the budgets"
}

# The stored state after the ageing, by grain type (the grain id's type) and state name: rows,
# average and largest payload, total.
state_sizes() {
    pg_sql "$1" "SELECT split_part(grain_id, '/', 1) || ' (' || state_name || ')', count(*),
            round(avg(octet_length(payload))), max(octet_length(payload)), sum(octet_length(payload))
        FROM pitstop_grain_state GROUP BY 1 ORDER BY sum(octet_length(payload)) DESC NULLS LAST" \
        | python3 -c 'import sys
rows = [line.split("|") for line in sys.stdin.read().splitlines() if line]
print("| grain type (state) | grains | average bytes | largest bytes | total MiB |")
print("|---|---:|---:|---:|---:|")
for name, count, avg, largest, total in rows:
    n = lambda v: f"{int(float(v or 0)):,}"
    print(f"| {name} | {n(count)} | {n(avg)} | {n(largest)} | {float(total or 0) / 1048576:,.1f} |")'
}

# ---------------------------------------------------------------------------------------------
# The aged engine: a year of history first, then the measured load

read -r SILO_PORT GATEWAY_PORT API_PORT <<<"$(pick_ports 3)"
log "aged: starting PostgreSQL and the engine"
PG_AGED="$WORK/pg-aged"
start_postgres "$PG_AGED" AGED_CS
start_engine "$AGED_CS" "$SILO_PORT" "$GATEWAY_PORT" "$API_PORT"
register_and_fund "http://127.0.0.1:$API_PORT" aged

# 8,760 hours: a year back from the measured load's clock, inside the intake's 400 days.
log "aged: a year of history, $AGE_EVENTS events sent at full speed and applied"
run_waited driver "$WORK/history-table.txt" "$WORK/history-driver.log" \
    dotnet "$DRIVER" run --kind engine --label history --target "http://127.0.0.1:$API_PORT" --no-register \
    --events "$AGE_EVENTS" --history-hours 8760 --warmup 0 --concurrency "$CONCURRENCY" --batch "$BATCH" --seed "$((SEED + 100))" \
    --run-id "$RUN_ID-year" --end "$END_TIME" --apply-timeout "$APPLY_TIMEOUT" --json "$WORK/history.json" \
    || die "the load driver failed while ageing the engine"
python3 -c 'import json, sys
r = json.load(open(sys.argv[1]))
sys.exit(0 if r["appliedComplete"] else 1)' "$WORK/history.json" || die "the engine did not apply the whole year (see $WORK/history-driver.log)"
STATE_SIZES="$(state_sizes "$PG_AGED")"
echo "$STATE_SIZES" >&2

log "aged: the measured load"
LOADAVG_AGED="$(cut -d' ' -f1-3 /proc/loadavg)"
cost_flags "$PG_AGED" "$AGED_CS" "silo=$SILO_PID" "api=$API_PID"
run_waited driver "$WORK/aged-table.txt" "$WORK/aged-driver.log" \
    dotnet "$DRIVER" run --kind engine --label "aged a year" --target "http://127.0.0.1:$API_PORT" "${LOAD_ARGS[@]}" \
    "${COST_FLAGS[@]}" --json "$WORK/aged.json" || die "the load driver failed against the aged engine"
check_engine_alive
stop_started api
stop_started silo
stop_pg "$PG_AGED"
AGED_FINDINGS="$(log_findings "$WORK/silo.log" "aged silo"; log_findings "$WORK/api.log" "aged api")"
mv "$WORK/silo.log" "$WORK/aged-silo.log"; mv "$WORK/api.log" "$WORK/aged-api.log"

# ---------------------------------------------------------------------------------------------
# The fresh engine: the same registration, funding and measured load

read -r SILO_PORT GATEWAY_PORT API_PORT <<<"$(pick_ports 3)"
log "fresh: starting a fresh PostgreSQL and engine"
PG_FRESH="$WORK/pg-fresh"
start_postgres "$PG_FRESH" FRESH_CS
start_engine "$FRESH_CS" "$SILO_PORT" "$GATEWAY_PORT" "$API_PORT"
register_and_fund "http://127.0.0.1:$API_PORT" fresh

log "fresh: the measured load"
LOADAVG_FRESH="$(cut -d' ' -f1-3 /proc/loadavg)"
cost_flags "$PG_FRESH" "$FRESH_CS" "silo=$SILO_PID" "api=$API_PID"
run_waited driver "$WORK/fresh-table.txt" "$WORK/fresh-driver.log" \
    dotnet "$DRIVER" run --kind engine --label fresh --target "http://127.0.0.1:$API_PORT" "${LOAD_ARGS[@]}" \
    "${COST_FLAGS[@]}" --json "$WORK/fresh.json" || die "the load driver failed against the fresh engine"
check_engine_alive
stop_started api
stop_started silo
stop_pg "$PG_FRESH"
FRESH_FINDINGS="$(log_findings "$WORK/silo.log" "fresh silo"; log_findings "$WORK/api.log" "fresh api")"

# ---------------------------------------------------------------------------------------------
# Report

HISTORY_NOTE="$(python3 -c 'import json, sys
r = json.load(open(sys.argv[1]))
accepted, rejected, rate = r["accepted"], r["rejected"], r["appliedEventsPerSecond"]
print(f"{accepted:,} events of the past year accepted ({rejected:,} rejected) and applied at {rate:,.0f} events/s")' "$WORK/history.json")"
log "results ($DESCRIPTION)"
echo "history: $HISTORY_NOTE"
dotnet "$DRIVER" report --engine "$WORK/fresh.json" --aged "$WORK/aged.json" --problems
echo
echo "stored state after the ageing:"
echo "$STATE_SIZES"
[[ -z "$AGED_FINDINGS$FRESH_FINDINGS" ]] || printf '%s\n%s\n' "$AGED_FINDINGS" "$FRESH_FINDINGS"

if [[ "$RESULTS" == 1 ]]; then
    machine_facts
    {
        echo
        echo "## $(date -u '+%Y-%m-%d %H:%M UTC') — aged grains: $DESCRIPTION"
        echo
        echo "- Machine: $(nproc) cores ($CPU), $MEM memory, $OS; load average (1/5/15 min) before the aged run $LOADAVG_AGED, before the fresh run $LOADAVG_FRESH"
        echo "- .NET SDK $(dotnet --version); $PG_VERSION (fsync, synchronous_commit and full_page_writes on); $BUILD_NOTE"
        echo "- Both engines: PostgreSQL mode, one silo + the API on 127.0.0.1, a throwaway PostgreSQL server each; $CENTRES dealerships registered, the pool minted with $CENTRES × $MONTHLY_CAP points, budgets topping up at most $MONTHLY_CAP a month"
        echo "- History (aged engine only): run id \`$RUN_ID-year\`, event times spread over the 8,760 hours before the measured load's clock; $HISTORY_NOTE"
        echo "- Measured load: run id \`$RUN_ID\`, the same byte-identical batches on both, $CONCURRENCY clients each with one request in flight; CPU per event from /proc over the window (silo, API, PostgreSQL with its backends)"
        echo
        dotnet "$DRIVER" report --engine "$WORK/fresh.json" --aged "$WORK/aged.json" --markdown
        echo
        echo "Stored state after the ageing (\`pitstop_grain_state\`):"
        echo
        echo "$STATE_SIZES"
        if [[ -n "$AGED_FINDINGS$FRESH_FINDINGS" ]]; then
            echo
            echo '```'
            printf '%s\n%s\n' "$AGED_FINDINGS" "$FRESH_FINDINGS"
            echo '```'
        fi
    } >>"$BENCH/RESULTS.md"
    log "appended to $BENCH/RESULTS.md"
fi

OK=1
exit 0
}
