#!/usr/bin/env bash
# What the engine does per event, in figures that do not depend on how busy the machine is: one
# engine (PostgreSQL mode, one silo + the API) takes a fixed load, and the report gives per event
# the grain-state writes and stored bytes by grain kind, the grain requests the silo dispatched,
# the bytes the silo allocated, its CPU, and the WAL. Two builds given the same load can be
# compared on a shared machine, where their throughputs cannot. See benchmarks/README.md.
#
#   benchmarks/costs.sh [--events N] [--build DIR] [--driver DIR] [--seed S] [--end TIME] [--keep-logs]
#
# Environment twins: EVENTS BUILD DRIVER SEED END KEEP_LOGS=1.
# --build DIR: a checkout whose Release build of the silo and the API is measured (default: this
# one), e.g. a worktree of an earlier commit. --driver DIR: the checkout whose load driver makes the
# load (default: this one); give two builds the same driver and the same --end (the simulated
# clock's end, UTC, e.g. 2026-12-07T20:00:00Z; default: now), so that they take the same events.
# Nothing is built here. Needs dotnet-counters (dotnet tool install -g dotnet-counters).
# The processes and the PostgreSQL server started here are stopped on exit, failure or Ctrl-C.
set -euo pipefail

# The whole script is one block, read before it runs: editing this file during a run is harmless.
{

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PROG="benchmarks/costs.sh"

EVENTS="${EVENTS:-20000}"
BUILD="${BUILD:-$ROOT}"
DRIVER_ROOT="${DRIVER:-$ROOT}"
SEED="${SEED:-42}"
END_TIME="${END:-$(date -u +%Y-%m-%dT%H:%M:%SZ)}"
KEEP_LOGS="${KEEP_LOGS:-0}"

usage() { sed -n '2,16p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2; exit 2; }
while [[ $# -gt 0 ]]; do
    case "$1" in
        --events) EVENTS="$2"; shift 2 ;;
        --build) BUILD="$2"; shift 2 ;;
        --driver) DRIVER_ROOT="$2"; shift 2 ;;
        --seed) SEED="$2"; shift 2 ;;
        --end) END_TIME="$2"; shift 2 ;;
        --keep-logs) KEEP_LOGS=1; shift ;;
        -h|--help) usage ;;
        *) echo "$PROG: unknown argument '$1'" >&2; usage ;;
    esac
done
for n in EVENTS SEED; do
    [[ "${!n}" =~ ^[0-9]+$ ]] || { echo "$PROG: $n must be a whole number, not '${!n}'" >&2; exit 2; }
done

# shellcheck source=lib.sh
source "$ROOT/benchmarks/lib.sh"
PATH="$PATH:$HOME/.dotnet/tools"
command -v dotnet-counters >/dev/null || die "dotnet-counters is missing (dotnet tool install -g dotnet-counters)"

SILO_DIR="$BUILD/src/Silo/bin/Release/net10.0"
API_DIR="$BUILD/src/Api/bin/Release/net10.0"
DRIVER="$DRIVER_ROOT/benchmarks/Ingestion/bin/Release/net10.0/Pitstop.Ingestion.dll"
SILO_LOGGING=api
for f in "$SILO_DIR/Pitstop.Silo.dll" "$API_DIR/Pitstop.Api.dll" "$DRIVER"; do
    [[ -f "$f" ]] || die "$f is missing (build that checkout in Release first)"
done

begin_work pitstop-costs
read -r SILO_PORT GATEWAY_PORT API_PORT <<<"$(pick_ports 3)"
log "engine ($BUILD): starting PostgreSQL, the silo and the API"
start_postgres "$WORK/pg" ENGINE_CS
start_engine "$ENGINE_CS" "$SILO_PORT" "$GATEWAY_PORT" "$API_PORT"

# Every grain-state write raises its row's version by one: the sum of versions by grain kind counts
# the writes exactly, where pg_stat_user_tables reports late.
STATE_SQL="SELECT split_part(grain_id, '/', 1), sum(version), count(*), coalesce(sum(octet_length(payload)), 0)
           FROM pitstop_grain_state GROUP BY 1 ORDER BY 1"
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }

# The silo's runtime and Orleans counters, one line a second (rates: summed, they are totals).
dotnet-counters collect -p "$SILO_PID" --counters System.Runtime,Microsoft.Orleans --format csv \
    --refresh-interval 1 -o "$WORK/counters.csv" >"$WORK/counters.log" 2>&1 </dev/null &
COUNTERS_PID=$!
PIDS+=("$COUNTERS_PID:counters")
sleep 3

pg_sql "$WORK/pg" "$STATE_SQL" >"$WORK/state-before.txt"
WAL_BEFORE="$(pg_sql "$WORK/pg" "SELECT pg_current_wal_lsn()")"
CPU_BEFORE="$(cpu_ticks "$SILO_PID")"
log "the load: $EVENTS events, seed $SEED (driver of $DRIVER_ROOT)"
run_waited driver "$WORK/driver-table.txt" "$WORK/driver.log" \
    dotnet "$DRIVER" run --kind engine --label costs --target "http://127.0.0.1:$API_PORT" \
    --events "$EVENTS" --concurrency 8 --batch 100 --seed "$SEED" --warmup 500 --run-id "costs-$SEED" \
    --end "$END_TIME" --apply-timeout 900 --json "$WORK/driver.json" \
    || die "the load driver failed (log: $WORK/driver.log)"
# What the engine still sends once every event is applied (outbox deliveries, board flushes) is
# part of the cost: counted for a few seconds more.
sleep 5
CPU_AFTER="$(cpu_ticks "$SILO_PID")"
WAL_BYTES="$(pg_sql "$WORK/pg" "SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), '$WAL_BEFORE')")"
pg_sql "$WORK/pg" "$STATE_SQL" >"$WORK/state-after.txt"
stop_started counters

python3 - "$WORK" "$EVENTS" "$((CPU_AFTER - CPU_BEFORE))" "$(getconf CLK_TCK)" "$WAL_BYTES" <<'EOF'
import collections, csv, sys

work, events, ticks, hz, wal = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), float(sys.argv[5])

def states(name):
    rows = {}
    for line in open(f"{work}/{name}").read().split():
        kind, writes, count, size = line.split("|")
        rows[kind] = (int(writes), int(count), int(size))
    return rows

before, after = states("state-before.txt"), states("state-after.txt")
print(f"per event, {events:,} events")
print(f"{'grain kind':18s} {'writes':>8s} {'stored bytes/row':>17s}")
for kind, (writes, count, size) in sorted(after.items()):
    print(f"{kind:18s} {(writes - before.get(kind, (0, 0, 0))[0]) / events:8.3f} {size / count:17.0f}")

totals = collections.defaultdict(float)
for row in csv.reader(open(f"{work}/counters.csv")):
    if len(row) >= 5 and row[0] != "Timestamp" and "Percentile" not in row[2]:
        try:
            totals[row[2]] += float(row[4])
        except ValueError:
            pass
allocated = sum(v for k, v in totals.items() if k.startswith("dotnet.gc.heap.total_allocated"))
requests = sum(v for k, v in totals.items() if "dispatcher-received" in k and "Context=Grain;Direction=Request" in k)
print(f"{'allocated bytes':18s} {allocated / events:8.0f}   (silo, from just before the load until 5 s after it was applied)")
print(f"{'grain requests':18s} {requests / events:8.2f}")
print(f"{'silo CPU ms':18s} {ticks * 1000 / hz / events:8.3f}")
print(f"{'WAL bytes':18s} {wal / events:8.0f}")
EOF

OK=1
exit 0
}
