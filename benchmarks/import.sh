#!/usr/bin/env bash
# The migration import benchmark, in one command: a brand moving from a manual voucher system
# uploads its customers and their opening balances as CSV (POST /api/v1/import/customers and
# /import/opening-balances) to the engine in PostgreSQL mode; both uploads are timed, then timed
# again (the same files: every row a duplicate), against a baseline measured in the same run —
# PostgreSQL's COPY of the same files into plain tables, the raw floor for loading that data.
#
#   benchmarks/import.sh [--customers N] [--dealerships D] [--seed S] [--smoke] [--no-results]
#                        [--skip-build] [--keep-logs]
#
# Every flag has an environment twin: CUSTOMERS DEALERSHIPS SEED RESULTS (1 = append to
# benchmarks/RESULTS.md, 0 = don't) SKIP_BUILD=1 KEEP_LOGS=1. --smoke (or SMOKE=1) is the quick
# check: 5,000 customers, nothing appended. SILO_LOGGING=shipped as for run.sh.
#
# Exit code 0: measured, every upload answered 200 with every row accepted (then duplicate).
# 1: a check failed or the run could not be made. The processes and the PostgreSQL server started
# here are stopped by pid on exit, failure or Ctrl-C.
set -euo pipefail

# The whole script is one block, read before it runs: editing this file during a run is harmless.
{

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BENCH="$ROOT/benchmarks"
PROG="benchmarks/import.sh"

SMOKE="${SMOKE:-0}"
for arg in "$@"; do if [[ "$arg" == "--smoke" ]]; then SMOKE=1; fi; done
if [[ "$SMOKE" == 1 ]]; then
    CUSTOMERS="${CUSTOMERS:-5000}"; RESULTS="${RESULTS:-0}"
fi
CUSTOMERS="${CUSTOMERS:-100000}"
DEALERSHIPS="${DEALERSHIPS:-20}"
SEED="${SEED:-42}"
RESULTS="${RESULTS:-1}"
SKIP_BUILD="${SKIP_BUILD:-0}"
KEEP_LOGS="${KEEP_LOGS:-0}"
SILO_LOGGING="${SILO_LOGGING:-api}"

usage() { sed -n '2,17p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2; exit 2; }
while [[ $# -gt 0 ]]; do
    case "$1" in
        --customers) CUSTOMERS="$2"; shift 2 ;;
        --dealerships) DEALERSHIPS="$2"; shift 2 ;;
        --seed) SEED="$2"; shift 2 ;;
        --smoke) shift ;;
        --no-results) RESULTS=0; shift ;;
        --skip-build) SKIP_BUILD=1; shift ;;
        --keep-logs) KEEP_LOGS=1; shift ;;
        -h|--help) usage ;;
        *) echo "$PROG: unknown argument '$1'" >&2; usage ;;
    esac
done
for n in CUSTOMERS DEALERSHIPS SEED; do
    [[ "${!n}" =~ ^[0-9]+$ ]] || { echo "$PROG: $n must be a whole number, not '${!n}'" >&2; exit 2; }
done
# One upload holds at most 200,000 rows (src/Api/Import/CsvImport.cs).
[[ "$CUSTOMERS" -ge 1 && "$CUSTOMERS" -le 200000 ]] || { echo "$PROG: CUSTOMERS must be 1..200000" >&2; exit 2; }
[[ "$DEALERSHIPS" -ge 1 && "$DEALERSHIPS" -le 999 ]] || { echo "$PROG: DEALERSHIPS must be 1..999" >&2; exit 2; }

# shellcheck source=lib.sh
source "$BENCH/lib.sh"
begin_work pitstop-import

# ---------------------------------------------------------------------------------------------
# Build

SILO_DIR="$ROOT/src/Silo/bin/Release/net10.0"
API_DIR="$ROOT/src/Api/bin/Release/net10.0"
if [[ "$SKIP_BUILD" != 1 ]]; then
    log "building the engine (Release)"
    dotnet_build "$ROOT/src/Api/Api.csproj"
fi
for f in "$SILO_DIR/Pitstop.Silo.dll" "$API_DIR/Pitstop.Api.dll"; do
    [[ -f "$f" ]] || die "$f is missing (build first, or drop --skip-build)"
done
engine_build_note
DESCRIPTION="$CUSTOMERS customers with opening balances, $DEALERSHIPS dealerships, seed $SEED"

# ---------------------------------------------------------------------------------------------
# The files: the same bytes for the engine and the baseline

log "generating $CUSTOMERS customers and $CUSTOMERS opening balances (seed $SEED)"
python3 - "$WORK" "$CUSTOMERS" "$DEALERSHIPS" "$SEED" <<'PY'
import random, sys, datetime
work, n, dealerships, seed = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
rng = random.Random(seed)
first = ["Asha", "Ravi", "Meera", "Arjun", "Priya", "Vikram", "Sneha", "Karan", "Divya", "Rahul"]
last = ["Rao", "Kumar", "Sharma", "Iyer", "Nair", "Reddy", "Patel", "Singh", "Menon", "Das"]
prefs = ["dining", "wellness", "adventure", "lifestyle"]
today = datetime.date.today()
total = 0
with open(f"{work}/customers.csv", "w", newline="") as c, open(f"{work}/opening-balances.csv", "w", newline="") as o:
    c.write("customerId,name,dealershipId,preferences,reviewDate,firstContractAt\r\n")
    o.write("customerId,points,expiresAt,reference\r\n")
    for i in range(n):
        cid = f"C-MIG-{i:07d}"
        # Every tenth name is written "Last, First": quoted, as a spreadsheet exports it.
        name = f'"{rng.choice(last)}, {rng.choice(first)}"' if i % 10 == 0 else f"{rng.choice(first)} {rng.choice(last)}"
        dealer = f"DLR-MIG-{rng.randrange(dealerships) + 1:03d}"
        chosen = ";".join(rng.sample(prefs, rng.randrange(3)))
        review = (today + datetime.timedelta(days=rng.randrange(1, 365))).isoformat() if i % 2 == 0 else ""
        contract = (today - datetime.timedelta(days=rng.randrange(30, 3650))).isoformat() if i % 3 else ""
        c.write(f"{cid},{name},{dealer},{chosen},{review},{contract}\r\n")
        points = rng.randrange(100, 20001)
        total += points
        expires = (today + datetime.timedelta(days=rng.randrange(30, 700))).isoformat() if i % 4 == 0 else ""
        o.write(f"{cid},{points},{expires},VCH-{i:07d}\r\n")
with open(f"{work}/points-total", "w") as t:
    t.write(str(total))
PY
POINTS_TOTAL="$(cat "$WORK/points-total")"
CUSTOMERS_BYTES="$(stat -c %s "$WORK/customers.csv")"
BALANCES_BYTES="$(stat -c %s "$WORK/opening-balances.csv")"

# ---------------------------------------------------------------------------------------------
# The engine: PostgreSQL mode, one silo and the API as two processes

read -r SILO_PORT GATEWAY_PORT API_PORT <<<"$(pick_ports 3)"
API="http://127.0.0.1:$API_PORT"
log "starting a throwaway PostgreSQL server"
start_postgres "$WORK/pg" CS
start_engine "$CS" "$SILO_PORT" "$GATEWAY_PORT" "$API_PORT"

api() { curl -sS --max-time 60 -H "X-Api-Key: $PITSTOP_API_KEY" "$@"; }

log "registering $DEALERSHIPS dealerships, minting $POINTS_TOTAL points"
for d in $(seq 1 "$DEALERSHIPS"); do
    id="$(printf 'DLR-MIG-%03d' "$d")"
    api -o /dev/null --fail -X PUT "$API/api/v1/dealerships/$id" -H 'Content-Type: application/json' \
        -d "{\"name\":\"Pitstop $id\",\"city\":\"Pune\",\"state\":\"MH\",\"region\":\"west\"}" || die "registering $id failed"
done
left="$POINTS_TOTAL"; part=0
while [[ "$left" -gt 0 ]]; do
    chunk=$(( left > 1000000000 ? 1000000000 : left ))
    part=$((part + 1))
    api -o /dev/null --fail -X POST "$API/api/v1/pool/mint" -H 'Content-Type: application/json' \
        -d "{\"points\":$chunk,\"reason\":\"migration\",\"idempotencyKey\":\"migration-$part\"}" || die "minting failed"
    left=$((left - chunk))
done

# upload NAME FILE KIND EXPECT: POSTs the file, checks the answer (EXPECT: accepted or duplicates,
# for every row) and prints the seconds it took.
upload() {
    local name="$1" file="$2" kind="$3" expect="$4" started ended code
    started="$(date +%s.%N)"
    code="$(curl -sS --max-time 1800 -H "X-Api-Key: $PITSTOP_API_KEY" -H 'Content-Type: text/csv' \
        --data-binary "@$file" -o "$WORK/$name.json" -w '%{http_code}' "$API/api/v1/import/$kind")" || die "$name: the upload failed"
    ended="$(date +%s.%N)"
    [[ "$code" == 200 ]] || die "$name: answered $code: $(head -c 600 "$WORK/$name.json")"
    python3 - "$WORK/$name.json" "$expect" "$CUSTOMERS" <<'PY' || die "$name: the answer is not what was expected (see $WORK/$name.json)"
import json, sys
answer, expect, n = json.load(open(sys.argv[1])), sys.argv[2], int(sys.argv[3])
ok = answer[expect] == n and not answer["rejected"]
print(f"accepted {answer['accepted']}, duplicates {answer['duplicates']}, rejected {len(answer['rejected'])}", file=sys.stderr)
sys.exit(0 if ok else 1)
PY
    python3 -c "print(f'{$ended - $started:.2f}')"
}

log "engine: importing customers"
T_CUSTOMERS="$(upload customers "$WORK/customers.csv" customers accepted)"
log "engine: importing opening balances"
T_BALANCES="$(upload opening-balances "$WORK/opening-balances.csv" opening-balances accepted)"
log "engine: the same two files again (every row a duplicate)"
T_CUSTOMERS_AGAIN="$(upload customers-again "$WORK/customers.csv" customers duplicates)"
T_BALANCES_AGAIN="$(upload opening-balances-again "$WORK/opening-balances.csv" opening-balances duplicates)"

log "engine: checking the audit"
AUDIT="$(api "$API/api/v1/admin/audit")"
python3 - "$AUDIT" "$POINTS_TOTAL" <<'PY' || die "the audit after the import is not as expected: $AUDIT"
import json, sys
audit, total = json.loads(sys.argv[1]), int(sys.argv[2])
sys.exit(0 if audit["balanced"] and audit["walletsAvailable"] == total and audit["pool"] == 0 else 1)
PY
check_engine_alive
FINDINGS="$(log_findings "$WORK/silo.log" silo; log_findings "$WORK/api.log" api)"
stop_started api
stop_started silo

# ---------------------------------------------------------------------------------------------
# The baseline: COPY of the same files into plain tables (primary key on the customer id), in a
# database of its own on the same server, now idle

PG_PORT="$(sed -E 's/.*Port=([0-9]+).*/\1/' <<<"$CS")"
psql_run() {
    local database="$1"; shift
    if [[ "$(id -u)" == 0 ]]; then
        runuser -u postgres -- psql -q -h 127.0.0.1 -p "$PG_PORT" -U postgres -d "$database" -v ON_ERROR_STOP=1 "$@"
    else
        psql -q -h 127.0.0.1 -p "$PG_PORT" -U postgres -d "$database" -v ON_ERROR_STOP=1 "$@"
    fi
}
log "baseline: COPY of the same files into plain tables"
psql_run postgres -c "CREATE DATABASE import_baseline" >/dev/null
psql_run import_baseline -c "
    CREATE TABLE customer (customer_id text PRIMARY KEY, name text NOT NULL, dealership_id text NOT NULL,
        preferences text, review_date date, first_contract_at timestamptz);
    CREATE TABLE opening_balance (customer_id text PRIMARY KEY, points bigint NOT NULL, expires_at date, reference text);" >/dev/null
copy_timed() {
    local table="$1" file="$2" started ended
    started="$(date +%s.%N)"
    psql_run import_baseline -c "COPY $table FROM STDIN (FORMAT csv, HEADER true)" <"$file" >/dev/null || die "COPY into $table failed"
    ended="$(date +%s.%N)"
    python3 -c "print(f'{$ended - $started:.2f}')"
}
B_CUSTOMERS="$(copy_timed customer "$WORK/customers.csv")"
B_BALANCES="$(copy_timed opening_balance "$WORK/opening-balances.csv")"

rate() { python3 -c "print(f'{$CUSTOMERS / $1:,.0f}' if $1 > 0 else '-')"; }
ratio() { python3 -c "print(f'{$2 / $1:.3f}' if $1 > 0 else '-')"; }
TABLE="$(cat <<TXT
| upload | rows | bytes | engine (s) | engine rows/s | COPY (s) | COPY rows/s | engine / COPY (rows/s) |
|---|---:|---:|---:|---:|---:|---:|---:|
| customers | $CUSTOMERS | $CUSTOMERS_BYTES | $T_CUSTOMERS | $(rate "$T_CUSTOMERS") | $B_CUSTOMERS | $(rate "$B_CUSTOMERS") | $(ratio "$T_CUSTOMERS" "$B_CUSTOMERS") |
| opening balances | $CUSTOMERS | $BALANCES_BYTES | $T_BALANCES | $(rate "$T_BALANCES") | $B_BALANCES | $(rate "$B_BALANCES") | $(ratio "$T_BALANCES" "$B_BALANCES") |
| customers again (all duplicates) | $CUSTOMERS | $CUSTOMERS_BYTES | $T_CUSTOMERS_AGAIN | $(rate "$T_CUSTOMERS_AGAIN") | | | |
| opening balances again (all duplicates) | $CUSTOMERS | $BALANCES_BYTES | $T_BALANCES_AGAIN | $(rate "$T_BALANCES_AGAIN") | | | |
TXT
)"
log "results ($DESCRIPTION)"
echo "$TABLE"

# ---------------------------------------------------------------------------------------------
# RESULTS.md

if [[ "$RESULTS" == 1 ]]; then
    machine_facts
    {
        echo
        echo "## $(date -u '+%Y-%m-%d %H:%M UTC') — migration import: $DESCRIPTION"
        echo
        echo "Appended by \`benchmarks/import.sh\` (what it does: [README.md](README.md#migration-import-benchmark))."
        echo
        echo "- Machine: $(nproc) cores (${CPU:-unknown}), $MEM memory, $OS; load average (1/5/15 min) at the end $(cut -d' ' -f1-3 /proc/loadavg)"
        echo "- .NET SDK $(dotnet --version); $PG_VERSION (fsync, synchronous_commit and full_page_writes on); $BUILD_NOTE"
        echo "- Engine: PostgreSQL mode, one silo + the API as separate processes on 127.0.0.1; one upload at a time, each file sent whole (curl --data-binary), timed from the first byte sent to the answer"
        echo "- Baseline: \`COPY ... FROM STDIN (FORMAT csv, HEADER true)\` of the same files (psql) into two plain tables with a primary key on the customer id, on the same server once the engine was stopped"
        echo "- After the import: the audit balanced, $POINTS_TOTAL points in the wallets, the pool empty"
        echo
        echo "$TABLE"
        if [[ -n "$FINDINGS" ]]; then
            echo
            echo '<details><summary>Server log findings</summary>'
            echo
            echo '```'
            echo "$FINDINGS"
            echo '```'
            echo
            echo '</details>'
        fi
    } >>"$BENCH/RESULTS.md"
    log "appended to $BENCH/RESULTS.md"
fi

OK=1
exit 0
}
