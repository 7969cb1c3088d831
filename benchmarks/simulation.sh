#!/usr/bin/env bash
# The what-if replay, timed: a month of a service network's traffic (benchmarks/Ingestion's month:
# visits, incidents, sales, contracts, surveys) sent to the engine in PostgreSQL mode (one silo +
# the API, as separate processes) and archived as it is applied; then one simulation of that month
# under the program in force (POST /api/v1/program/simulations), which replays the archive twice
# (the program in force and the candidate, here the same) in a silo of its own inside the API
# process. Prints how long the simulation took, the events it replayed per second and the CPU time
# the API process spent meanwhile.
#
#   benchmarks/simulation.sh [--centres N] [--visits-per-day V] [--days D] [--seed S]
#                            [--concurrency C] [--batch B] [--timeout S] [--smoke] [--skip-build] [--keep-logs]
#
# Every flag has an environment twin: CENTRES VISITS_PER_DAY DAYS SEED CONCURRENCY BATCH TIMEOUT
# SKIP_BUILD=1 KEEP_LOGS=1. The defaults are about 150,000 events: 150 centres, 30 days, 9 visits
# per centre per day. --smoke (or SMOKE=1) is the quick check: 18 centres (one a state), 2 days of 3 visits.
#
# Only 127.0.0.1 is used. Every process and database server started here is stopped on exit,
# failure or Ctrl-C.
set -euo pipefail

# The whole script is one block, read before it runs: editing this file during a run is harmless.
{

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BENCH="$ROOT/benchmarks"
PROG="benchmarks/simulation.sh"

SMOKE="${SMOKE:-0}"
for arg in "$@"; do if [[ "$arg" == "--smoke" ]]; then SMOKE=1; fi; done
if [[ "$SMOKE" == 1 ]]; then
    CENTRES="${CENTRES:-18}"; DAYS="${DAYS:-2}"; VISITS_PER_DAY="${VISITS_PER_DAY:-3}"
fi
CENTRES="${CENTRES:-150}"
VISITS_PER_DAY="${VISITS_PER_DAY:-9}"
DAYS="${DAYS:-30}"
SEED="${SEED:-42}"
CONCURRENCY="${CONCURRENCY:-8}"
BATCH="${BATCH:-100}"
TIMEOUT="${TIMEOUT:-7200}"
SKIP_BUILD="${SKIP_BUILD:-0}"
KEEP_LOGS="${KEEP_LOGS:-0}"
SILO_LOGGING="${SILO_LOGGING:-api}"
# Funded as recovery.sh funds its month: no award waits on a budget (the simulation funds its
# budgets without limit, so a month whose awards waited would not replay as it happened).
MONTHLY_CAP=20000000

usage() { sed -n '2,17p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2; exit 2; }
while [[ $# -gt 0 ]]; do
    case "$1" in
        --centres) CENTRES="$2"; shift 2 ;;
        --visits-per-day) VISITS_PER_DAY="$2"; shift 2 ;;
        --days) DAYS="$2"; shift 2 ;;
        --seed) SEED="$2"; shift 2 ;;
        --concurrency) CONCURRENCY="$2"; shift 2 ;;
        --batch) BATCH="$2"; shift 2 ;;
        --timeout) TIMEOUT="$2"; shift 2 ;;
        --smoke) shift ;;
        --skip-build) SKIP_BUILD=1; shift ;;
        --keep-logs) KEEP_LOGS=1; shift ;;
        -h|--help) usage ;;
        *) echo "$PROG: unknown argument '$1'" >&2; usage ;;
    esac
done
for n in CENTRES DAYS SEED CONCURRENCY BATCH TIMEOUT; do
    [[ "${!n}" =~ ^[0-9]+$ ]] || { echo "$PROG: $n must be a whole number, not '${!n}'" >&2; exit 2; }
done
[[ "$VISITS_PER_DAY" =~ ^[0-9]+(\.[0-9]+)?$ ]] || { echo "$PROG: VISITS_PER_DAY must be a number, not '$VISITS_PER_DAY'" >&2; exit 2; }

# shellcheck source=lib.sh
source "$BENCH/lib.sh"
begin_work pitstop-simulation

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
    dotnet_build "$BENCH/Benchmarks.slnf"
fi
for f in "$DRIVER" "$SILO_DIR/Pitstop.Silo.dll" "$API_DIR/Pitstop.Api.dll"; do
    [[ -f "$f" ]] || die "$f is missing (build first, or drop --skip-build)"
done

RUN_ID="sim-$(date -u +%Y%m%dT%H%M%S)"
END_TIME="$(date -u +%Y-%m-%dT%H:%M:%SZ)"
FROM_TIME="$(date -u -d "$END_TIME - $((DAYS + 1)) days" +%Y-%m-%dT%H:%M:%SZ)"
TO_TIME="$(date -u -d "$END_TIME + 1 hour" +%Y-%m-%dT%H:%M:%SZ)"
POOL_POINTS=$((CENTRES * MONTHLY_CAP))
DESCRIPTION="$CENTRES centres, $DAYS days, $VISITS_PER_DAY visits per centre per day, seed $SEED"
log "simulation of a month: $DESCRIPTION, run id $RUN_ID; work dir $WORK"

read -r SILO_PORT GATEWAY_PORT API_PORT <<<"$(pick_ports 3)"
API="http://127.0.0.1:$API_PORT"

# ---------------------------------------------------------------------------------------------
# The engine receives and archives the month

log "engine: starting PostgreSQL"
PG_ENGINE="$WORK/pg-engine"
start_postgres "$PG_ENGINE" ENGINE_CS
start_engine "$ENGINE_CS" "$SILO_PORT" "$GATEWAY_PORT" "$API_PORT"

driver register --target "$API" --centres "$CENTRES" --seed "$SEED" || die "registering the dealerships failed"
driver fund --target "$API" --centres "$CENTRES" --seed "$SEED" --points "$POOL_POINTS" --monthly-cap "$MONTHLY_CAP" --run-id "$RUN_ID" \
    || die "funding the network failed"

log "engine: the month (batches of $BATCH, $CONCURRENCY clients), then waiting until it is applied"
driver run --kind engine --label "simulated month" --target "$API" --traffic month --centres "$CENTRES" --days "$DAYS" \
    --visits-per-day "$VISITS_PER_DAY" --seed "$SEED" --run-id "$RUN_ID" --end "$END_TIME" --no-register --warmup 0 \
    --concurrency "$CONCURRENCY" --batch "$BATCH" --json "$WORK/engine.json" \
    || die "the load driver failed against the engine"

# ---------------------------------------------------------------------------------------------
# The simulation, timed from its request to its completion

api() { curl -sS --fail-with-body -H "X-Api-Key: $PITSTOP_API_KEY" -H 'Content-Type: application/json' "$@"; }

log "simulation: the archived month under the program in force, [$FROM_TIME, $TO_TIME)"
curl -sS --fail -H "X-Api-Key: $PITSTOP_API_KEY" "$API/api/v1/program" >"$WORK/program.json" || die "could not read the program"
python3 - "$WORK/program.json" "$FROM_TIME" "$TO_TIME" >"$WORK/request.json" <<'PY'
import json, sys
print(json.dumps({"program": json.load(open(sys.argv[1])), "from": sys.argv[2], "to": sys.argv[3]}))
PY
# The API process's CPU time (user + system) around the simulation, which runs in it: on a machine
# other work shares, the CPU the replay used says more than the wall time it took.
api_cpu_seconds() { awk -v tck="$(getconf CLK_TCK)" '{ print ($14 + $15) / tck }' "/proc/$API_PID/stat"; }
CPU_BEFORE="$(api_cpu_seconds)"
STARTED=$(date +%s.%N)
api -X POST --data @"$WORK/request.json" "$API/api/v1/program/simulations" >"$WORK/started.json" || die "the simulation was refused: $(cat "$WORK/started.json")"
SIM_ID="$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["id"])' "$WORK/started.json")"
while true; do
    api "$API/api/v1/program/simulations/$SIM_ID" >"$WORK/simulation.json" || die "could not read simulation $SIM_ID"
    STATE="$(python3 -c 'import json,sys; s=json.load(open(sys.argv[1])); print(s["state"], s["replayed"], s["total"])' "$WORK/simulation.json")"
    read -r PHASE REPLAYED TOTAL <<<"$STATE"
    [[ "$PHASE" == queued || "$PHASE" == running ]] || break
    (( $(printf '%.0f' "$(echo "$(date +%s.%N) - $STARTED" | bc)") < TIMEOUT )) || die "the simulation did not finish within $TIMEOUT s ($REPLAYED of $TOTAL)"
    sleep 2
done
ELAPSED="$(echo "$(date +%s.%N) - $STARTED" | bc)"
CPU="$(echo "$(api_cpu_seconds) - $CPU_BEFORE" | bc)"
check_engine_alive
[[ "$PHASE" == completed ]] || die "the simulation ended $PHASE: $(cat "$WORK/simulation.json")"

log "results ($DESCRIPTION)"
python3 - "$WORK/simulation.json" "$ELAPSED" "$CPU" <<'PY'
import json, os, sys
s, elapsed, cpu = json.load(open(sys.argv[1])), float(sys.argv[2]), float(sys.argv[3])
events = s["total"] // 2
print(f"archived events replayed: {events:,} per run, 2 runs (in force and candidate), {s['total']:,} in all")
print(f"duration: {elapsed:,.1f} s from request to completion; {s['total'] / elapsed:,.0f} events/s over both runs")
print(f"API process CPU during the simulation: {cpu:,.1f} s ({cpu / elapsed:.2f} cores on average; the machine has {os.cpu_count()})")
for side in ("inForce", "candidate"):
    f = s[side]
    print(f"{side}: customers {sum(f['customerPointsByKind'].values()):,} points, staff {sum(f['staffPointsByKind'].values()):,}, "
          f"budgets drew {sum(f['budgetDrawn'].values()):,}, recovery {f['recoveryPoints']:,}, tiers {f['tiers']}")
PY

OK=1
exit 0
}
