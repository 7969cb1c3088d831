#!/usr/bin/env bash
# The live streams' benchmark, in one command: the engine in PostgreSQL mode (one silo + the API, as
# separate processes), its capacity measured at full speed, then a load paced at half that capacity
# while 1,000 viewers follow one leaderboard's live stream on the one API node and the league probe
# posts a score change about once a second: how soon after its 202 each change reaches each viewer.
# See benchmarks/README.md.
#
#   benchmarks/live.sh [--viewers N] [--capacity-events N] [--rate R] [--duration S] [--warmup N]
#                      [--concurrency C] [--batch B] [--seed S] [--smoke] [--no-results]
#                      [--skip-build] [--keep-logs]
#
# Every flag has an environment twin: VIEWERS CAPACITY_EVENTS RATE DURATION WARMUP CONCURRENCY
# BATCH SEED RESULTS (1 = append to benchmarks/RESULTS.md, 0 = don't) SKIP_BUILD=1 KEEP_LOGS=1.
# --rate R skips the capacity stage and paces at R events/s; by default the rate is half the
# engine's applied rate at full speed, rounded down to a multiple of 100 (at least 100).
# --smoke (or SMOKE=1): 100 viewers, 3,000 capacity events, 500 warm-up, 10 s paced, nothing
# appended to RESULTS.md.
#
# Only 127.0.0.1 is used. Every process and database server started here is stopped on exit,
# failure or Ctrl-C.
set -euo pipefail

# The whole script is one block, read before it runs: editing this file during a run is harmless.
{

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BENCH="$ROOT/benchmarks"
PROG="benchmarks/live.sh"

SMOKE="${SMOKE:-0}"
for arg in "$@"; do if [[ "$arg" == "--smoke" ]]; then SMOKE=1; fi; done
if [[ "$SMOKE" == 1 ]]; then
    VIEWERS="${VIEWERS:-100}"; CAPACITY_EVENTS="${CAPACITY_EVENTS:-3000}"; WARMUP="${WARMUP:-500}"; DURATION="${DURATION:-10}"; RESULTS="${RESULTS:-0}"
fi
VIEWERS="${VIEWERS:-1000}"
CAPACITY_EVENTS="${CAPACITY_EVENTS:-30000}"
RATE="${RATE:-}"
DURATION="${DURATION:-60}"
WARMUP="${WARMUP:-2000}"
CONCURRENCY="${CONCURRENCY:-8}"
BATCH="${BATCH:-100}"
SEED="${SEED:-42}"
APPLY_TIMEOUT="${APPLY_TIMEOUT:-900}"
RESULTS="${RESULTS:-1}"
SKIP_BUILD="${SKIP_BUILD:-0}"
KEEP_LOGS="${KEEP_LOGS:-0}"
SILO_LOGGING="${SILO_LOGGING:-api}"

usage() { sed -n '2,20p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2; exit 2; }
while [[ $# -gt 0 ]]; do
    case "$1" in
        --viewers) VIEWERS="$2"; shift 2 ;;
        --capacity-events) CAPACITY_EVENTS="$2"; shift 2 ;;
        --rate) RATE="$2"; shift 2 ;;
        --duration) DURATION="$2"; shift 2 ;;
        --warmup) WARMUP="$2"; shift 2 ;;
        --concurrency) CONCURRENCY="$2"; shift 2 ;;
        --batch) BATCH="$2"; shift 2 ;;
        --seed) SEED="$2"; shift 2 ;;
        --smoke) shift ;;
        --no-results) RESULTS=0; shift ;;
        --skip-build) SKIP_BUILD=1; shift ;;
        --keep-logs) KEEP_LOGS=1; shift ;;
        -h|--help) usage ;;
        *) echo "$PROG: unknown argument '$1'" >&2; usage ;;
    esac
done
for n in VIEWERS CAPACITY_EVENTS DURATION WARMUP CONCURRENCY BATCH SEED APPLY_TIMEOUT; do
    [[ "${!n}" =~ ^[0-9]+$ ]] || { echo "$PROG: $n must be a whole number, not '${!n}'" >&2; exit 2; }
done
[[ -z "$RATE" || "$RATE" =~ ^[1-9][0-9]*$ ]] || { echo "$PROG: RATE must be whole events per second" >&2; exit 2; }
[[ "$VIEWERS" -gt 0 && "$DURATION" -gt 0 ]] || { echo "$PROG: VIEWERS and DURATION must be at least 1" >&2; exit 2; }

# shellcheck source=lib.sh
source "$BENCH/lib.sh"
begin_work pitstop-live

# Run the load driver as run NAME against the engine (its table in WORK/<name>-table.txt, its log
# in WORK/<name>-driver.log and on the terminal, its JSON result in WORK/<name>.json).
run_driver() {
    local name="$1"; shift
    run_waited driver "$WORK/$name-table.txt" "$WORK/$name-driver.log" \
        dotnet "$DRIVER" run --kind engine --label "$name" --target "http://127.0.0.1:$API_PORT" "$@" --json "$WORK/$name.json"
}

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
engine_build_note

# Each viewer holds a connection, at both ends.
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
[[ "$(ulimit -n)" == unlimited || "$(ulimit -n)" -gt $((VIEWERS + 512)) ]] \
    || die "$VIEWERS viewers need more open files than ulimit -n allows ($(ulimit -n))"

RUN_ID="live-$(date -u +%Y%m%dT%H%M%S)"
END_TIME="$(date -u +%Y-%m-%dT%H:%M:%SZ)"
COMMON=(--concurrency "$CONCURRENCY" --batch "$BATCH" --seed "$SEED" --end "$END_TIME" --apply-timeout "$APPLY_TIMEOUT")
read -r SILO_PORT GATEWAY_PORT API_PORT <<<"$(pick_ports 3)"

log "engine: starting PostgreSQL; work dir $WORK"
PG_DIR="$WORK/pg"
start_postgres "$PG_DIR" ENGINE_CS
start_engine "$ENGINE_CS" "$SILO_PORT" "$GATEWAY_PORT" "$API_PORT"
LOADAVG_START="$(cut -d' ' -f1-3 /proc/loadavg)"

REPORT_FILES=()
PACED_ARGS=(--warmup "$WARMUP")
if [[ -n "$RATE" ]]; then
    RATE_NOTE="set by --rate"
else
    log "capacity: registering 150 dealerships, then $CAPACITY_EVENTS events at full speed"
    run_driver capacity --events "$CAPACITY_EVENTS" --warmup "$WARMUP" --run-id "$RUN_ID-capacity" "${COMMON[@]}" \
        || die "the load driver failed measuring the capacity"
    APPLIED_RATE="$(python3 -c 'import json, sys
r = json.load(open(sys.argv[1]))
print(int(r["appliedEventsPerSecond"]) if r["appliedComplete"] else 0)' "$WORK/capacity.json")"
    [[ "$APPLIED_RATE" -gt 0 ]] || die "the engine did not apply all of its load, so there is no rate to pace at (--rate sets one)"
    RATE=$(( APPLIED_RATE / 2 / 100 * 100 ))
    RATE_NOTE="half the applied rate at full speed ($APPLIED_RATE events/s), rounded down to a multiple of 100"
    if [[ "$RATE" -lt 100 ]]; then
        RATE=100
        RATE_NOTE="the least rate: half the applied rate at full speed ($APPLIED_RATE events/s) is below 100"
    fi
    # The same engine, registered, funded and warm.
    PACED_ARGS=(--warmup 0 --no-register)
    REPORT_FILES+=(--engine "$WORK/capacity.json")
fi

log "live: $VIEWERS viewers of the probe's board, $RATE events/s ($RATE_NOTE) for $DURATION s, the league probe throughout"
LOADAVG_LIVE="$(cut -d' ' -f1-3 /proc/loadavg)"
run_driver live --rate "$RATE" --duration "$DURATION" --run-id "$RUN_ID" "${PACED_ARGS[@]}" "${COMMON[@]}" \
    --league-probe --live-viewers "$VIEWERS" || die "the load driver failed during the live stage"
check_engine_alive
[[ ${#REPORT_FILES[@]} -gt 0 ]] || REPORT_FILES+=(--engine "$WORK/live.json")
REPORT_FILES+=(--paced "$WORK/live.json")

log "engine: stopping"
stop_started api
stop_started silo
stop_pg "$PG_DIR"
FINDINGS="$(log_findings "$WORK/silo.log" silo; log_findings "$WORK/api.log" api)"
[[ -z "$FINDINGS" ]] || echo "$FINDINGS" >&2

log "results"
dotnet "$DRIVER" report "${REPORT_FILES[@]}" --problems

if [[ "$RESULTS" == 1 ]]; then
    machine_facts
    {
        echo
        echo "## $(date -u '+%Y-%m-%d %H:%M UTC') — live streams: $VIEWERS viewers of one board, $RATE events/s for $DURATION s"
        echo
        echo "- Machine: $(nproc) cores ($CPU), $MEM memory, $OS; load average (1/5/15 min) when the engine was up $LOADAVG_START, before the live stage $LOADAVG_LIVE"
        echo "- .NET SDK $(dotnet --version); $PG_VERSION (fsync, synchronous_commit and full_page_writes on); $BUILD_NOTE"
        echo "- Engine: PostgreSQL mode, one silo + the API as separate processes on 127.0.0.1; the viewers' streams all on that one API node"
        echo "- Live stage (\`benchmarks/live.sh\`, run id \`$RUN_ID\`): $RATE events/s ($RATE_NOTE), $CONCURRENCY clients, batches of $BATCH; $VIEWERS streams of \`GET /api/v1/leaderboards/technician/live?scope=dealership:<probe>&top=10\` (HttpClient, one HTTP/1.1 connection each) opened before the load; the league probe posts one visit a second (without \`wait\`), and each delay runs from that POST's 202 (durable intake, before the engine applied it) to a viewer's \`leaderboard\` event with the new score"
        echo
        dotnet "$DRIVER" report "${REPORT_FILES[@]}" --markdown
        echo
        if [[ -n "$FINDINGS" ]] || grep -q '"problems": \[$' "$WORK/live.json" "$WORK/capacity.json" 2>/dev/null; then
            echo "<details><summary>Problems and server log findings</summary>"
            echo
            echo '```'
            dotnet "$DRIVER" report "${REPORT_FILES[@]}" --problems | sed -n '/^Problems (engine)/,$p'
            [[ -z "$FINDINGS" ]] || echo "$FINDINGS"
            echo '```'
            echo
            echo "</details>"
        fi
    } >>"$BENCH/RESULTS.md"
    log "appended to $BENCH/RESULTS.md"
fi

OK=1
exit 0
}
