#!/usr/bin/env bash
# The budget hot-path benchmark, in one command: awards per second through the budget grain of
# one busy dealership, in PostgreSQL mode, against baselines measured in the same run. One process
# (benchmarks/BudgetHotPath) hosts the silo; a throwaway PostgreSQL server holds its state. See
# benchmarks/README.md.
#
#   benchmarks/budget.sh [--duration S] [--awards N] [--callers C] [--topup-callers C] [--warmup N] [--warmup-seconds S]
#                        [--targets LIST] [--smoke] [--no-results] [--skip-build] [--keep-logs]
#
# Every flag has an environment twin: DURATION AWARDS CALLERS TOPUP_CALLERS WARMUP WARMUP_SECONDS TARGETS
# RESULTS (1 = append to benchmarks/RESULTS.md, 0 = don't) SKIP_BUILD=1 KEEP_LOGS=1.
# --smoke (or SMOKE=1) is the quick check: 3 s per target, 1,000 warm-up awards, nothing appended.
#
# Exit code 0: measured, every check passed. 1: a check failed (the figures are still printed and,
# unless --no-results, appended with the failures under them) or the run could not be made.
# The PostgreSQL server started here is stopped on exit, failure or Ctrl-C.
set -euo pipefail

# The whole script is one block, read before it runs: editing this file during a run is harmless.
{

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BENCH="$ROOT/benchmarks"
PROG="benchmarks/budget.sh"

SMOKE="${SMOKE:-0}"
for arg in "$@"; do if [[ "$arg" == "--smoke" ]]; then SMOKE=1; fi; done
if [[ "$SMOKE" == 1 ]]; then
    DURATION="${DURATION:-3}"; WARMUP="${WARMUP:-1000}"; RESULTS="${RESULTS:-0}"
fi
DURATION="${DURATION:-}"
AWARDS="${AWARDS:-}"
CALLERS="${CALLERS:-64}"
TOPUP_CALLERS="${TOPUP_CALLERS:-1}"
WARMUP="${WARMUP:-10000}"
WARMUP_SECONDS="${WARMUP_SECONDS:-15}"
TARGETS="${TARGETS:-budget,unbatched,topup,raw-update,budget-memory,floor}"
RESULTS="${RESULTS:-1}"
SKIP_BUILD="${SKIP_BUILD:-0}"
KEEP_LOGS="${KEEP_LOGS:-0}"

usage() { sed -n '2,16p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2; exit 2; }
while [[ $# -gt 0 ]]; do
    case "$1" in
        --duration) DURATION="$2"; shift 2 ;;
        --awards) AWARDS="$2"; shift 2 ;;
        --callers) CALLERS="$2"; shift 2 ;;
        --topup-callers) TOPUP_CALLERS="$2"; shift 2 ;;
        --warmup) WARMUP="$2"; shift 2 ;;
        --warmup-seconds) WARMUP_SECONDS="$2"; shift 2 ;;
        --targets) TARGETS="$2"; shift 2 ;;
        --smoke) shift ;;
        --no-results) RESULTS=0; shift ;;
        --skip-build) SKIP_BUILD=1; shift ;;
        --keep-logs) KEEP_LOGS=1; shift ;;
        -h|--help) usage ;;
        *) echo "$PROG: unknown argument '$1'" >&2; usage ;;
    esac
done
# Neither a count nor a duration: a fixed time per target, the same for every target.
[[ -n "$DURATION$AWARDS" ]] || DURATION=20
for n in CALLERS TOPUP_CALLERS WARMUP WARMUP_SECONDS; do
    [[ "${!n}" =~ ^[0-9]+$ ]] || { echo "$PROG: $n must be a whole number, not '${!n}'" >&2; exit 2; }
done
[[ -z "$DURATION" || "$DURATION" =~ ^[0-9]+$ ]] || { echo "$PROG: DURATION must be whole seconds" >&2; exit 2; }
[[ -z "$AWARDS" || "$AWARDS" =~ ^[0-9]+$ ]] || { echo "$PROG: AWARDS must be a whole number" >&2; exit 2; }

# shellcheck source=lib.sh
source "$BENCH/lib.sh"
begin_work pitstop-budget

# ---------------------------------------------------------------------------------------------
# Build

PROJECT="$BENCH/BudgetHotPath/BudgetHotPath.csproj"
DLL="$BENCH/BudgetHotPath/bin/Release/net10.0/Pitstop.BudgetHotPath.dll"
if [[ "$SKIP_BUILD" != 1 ]]; then
    log "building (Release)"
    # The benchmark project and what it hosts (src/Silo, src/Grains, src/Grains.Interfaces).
    dotnet_build "$PROJECT"
fi
[[ -f "$DLL" ]] || die "$DLL is missing (build first, or drop --skip-build)"
COMMIT="$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)"
if [[ "$SKIP_BUILD" == 1 ]]; then
    BUILD_NOTE="binaries of $(date -u -r "$DLL" '+%Y-%m-%d %H:%M UTC') (--skip-build; HEAD is now $COMMIT)"
else
    BUILD_NOTE="built from commit $COMMIT"
    # What was measured, precisely: the engine (src/) and the benchmark itself may each differ from HEAD.
    if git -C "$ROOT" status --porcelain -- src 2>/dev/null | grep -q .; then
        BUILD_NOTE="$BUILD_NOTE, with uncommitted changes in src/"
    fi
    if git -C "$ROOT" status --porcelain -- benchmarks/BudgetHotPath 2>/dev/null | grep -q .; then
        BUILD_NOTE="$BUILD_NOTE, benchmark from the working tree (benchmarks/BudgetHotPath/ not committed as built)"
    fi
fi

ARGS=(--callers "$CALLERS" --topup-callers "$TOPUP_CALLERS" --warmup "$WARMUP" --warmup-seconds "$WARMUP_SECONDS" --targets "$TARGETS" --markdown "$WORK/results.md")
[[ -z "$DURATION" ]] || ARGS+=(--duration "$DURATION")
[[ -z "$AWARDS" ]] || ARGS+=(--awards "$AWARDS")
if [[ -n "$AWARDS" && -n "$DURATION" ]]; then LOAD="$AWARDS awards or $DURATION s"; elif [[ -n "$AWARDS" ]]; then LOAD="$AWARDS awards"; else LOAD="$DURATION s"; fi
DESCRIPTION="$CALLERS callers, $LOAD per target"

# ---------------------------------------------------------------------------------------------
# PostgreSQL and the run

log "starting a throwaway PostgreSQL server"
start_postgres "$WORK/pg" CS

log "running: $DESCRIPTION, warm-up $WARMUP awards (at most $WARMUP_SECONDS s), targets $TARGETS; work dir $WORK"
LOADAVG="$(cut -d' ' -f1-3 /proc/loadavg)"
RC=0
run_waited benchmark "$WORK/table.txt" "$WORK/bench.log" dotnet "$DLL" --postgres "$CS" "${ARGS[@]}" || RC=$?
[[ $RC == 0 || $RC == 1 ]] || die "the benchmark failed (exit code $RC); see $WORK/bench.log"
[[ -s "$WORK/results.md" ]] || die "the benchmark wrote no results; see $WORK/bench.log"

log "results ($DESCRIPTION)"
cat "$WORK/table.txt"

# ---------------------------------------------------------------------------------------------
# RESULTS.md

if [[ "$RESULTS" == 1 ]]; then
    RESULTS_FILE="$BENCH/RESULTS.md"
    machine_facts
    {
        echo
        echo "## $(date -u '+%Y-%m-%d %H:%M UTC') — budget hot path: $DESCRIPTION"
        echo
        echo "Appended by \`benchmarks/budget.sh\` (what the rows and figures are: [README.md](README.md#budget-hot-path-benchmark))."
        echo
        echo "- Machine: $(nproc) cores (${CPU:-unknown}), $MEM memory, $OS; load average (1/5/15 min) at the start $LOADAVG"
        echo "- .NET SDK $(dotnet --version); $PG_VERSION (fsync, synchronous_commit and full_page_writes on); $BUILD_NOTE"
        echo "- One process: the silo (PostgreSQL mode, then embedded mode) and $CALLERS callers awarding in it ($TOPUP_CALLERS for the admin top-up and the raw UPDATE), one award (or top-up, or UPDATE) per call, each caller with one call in flight; warm-up $WARMUP awards (at most $WARMUP_SECONDS s) per target, unmeasured"
        echo
        cat "$WORK/results.md"
    } >>"$RESULTS_FILE"
    log "appended to $RESULTS_FILE"
fi

[[ $RC == 0 ]] || die "a check failed (see the table's checks above)"
OK=1
exit 0
}
