#!/usr/bin/env bash
# The Pitstop League benchmark, in one command: the engine's leaderboard structure (ScoreBoard)
# against Redis sorted sets on this machine, in the same run, at each board size: updates, rank and
# top-10 queries per second, memory per member. See benchmarks/README.md.
#
#   benchmarks/league.sh [--members LIST] [--clients C] [--requests N] [--pipeline P] [--seconds S]
#                        [--warmup-seconds W] [--api-warmup-seconds W] [--seed S] [--engine | --api URL]
#                        [--no-results] [--skip-build] [--keep-logs]
#
# Every flag has an environment twin: MEMBERS (sizes, comma-separated) CLIENTS REQUESTS PIPELINE
# DURATION WARMUP_SECONDS API_WARMUP_SECONDS SEED API RESULTS (1 = append to benchmarks/RESULTS.md, 0 = don't)
# SKIP_BUILD=1 KEEP_LOGS=1.
# --api URL: also rank and top-10 queries through the HTTP API of an engine running at URL
# (loopback only) that holds the technicians' national board of the one size given, seeded with the
# ids that `dotnet benchmarks/League/bin/Release/net10.0/Pitstop.League.dll ids --members N` prints.
#
# --engine: for each size, start the engine in PostgreSQL mode (one silo + the API, a throwaway
# PostgreSQL server), seed the technicians' national board of the current month with that many
# members in the league's table (as a restarted cluster finds it), and measure through its HTTP API.
#
# The HTTP stage runs wrk (one thread, C connections, like redis-benchmark: a C load generator
# without pipelining), with benchmarks/League/wrk-query.lua drawing the members.
# redis-server, redis-tools and wrk are installed with apt-get when missing. The throwaway redis-server
# started here (127.0.0.1, a free port, no persistence) is stopped on exit, failure or Ctrl-C.
set -euo pipefail

# The whole script is one block, read before it runs: editing this file during a run is harmless.
{

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BENCH="$ROOT/benchmarks"
PROG="benchmarks/league.sh"

MEMBERS="${MEMBERS:-4500,1000000}"
CLIENTS="${CLIENTS:-8}"
REQUESTS="${REQUESTS:-200000}"
PIPELINE="${PIPELINE:-16}"
DURATION="${DURATION:-5}"
WARMUP_SECONDS="${WARMUP_SECONDS:-2}"
# Before its first measurement the HTTP stage loads the API this long: on 2 cores a freshly started
# API needs 10-15 s of load to reach its optimised code (tiered compilation); the first seconds ran
# at a fifth of the rate, with a p99 of 80 ms.
API_WARMUP_SECONDS="${API_WARMUP_SECONDS:-15}"
SEED="${SEED:-42}"
API="${API:-}"
ENGINE="${ENGINE:-0}"
RESULTS="${RESULTS:-1}"
SKIP_BUILD="${SKIP_BUILD:-0}"
KEEP_LOGS="${KEEP_LOGS:-0}"

usage() { sed -n '2,18p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2; exit 2; }
while [[ $# -gt 0 ]]; do
    case "$1" in
        --members) MEMBERS="$2"; shift 2 ;;
        --clients) CLIENTS="$2"; shift 2 ;;
        --requests) REQUESTS="$2"; shift 2 ;;
        --pipeline) PIPELINE="$2"; shift 2 ;;
        --seconds) DURATION="$2"; shift 2 ;;
        --warmup-seconds) WARMUP_SECONDS="$2"; shift 2 ;;
        --api-warmup-seconds) API_WARMUP_SECONDS="$2"; shift 2 ;;
        --seed) SEED="$2"; shift 2 ;;
        --api) API="$2"; shift 2 ;;
        --engine) ENGINE=1; shift ;;
        --no-results) RESULTS=0; shift ;;
        --skip-build) SKIP_BUILD=1; shift ;;
        --keep-logs) KEEP_LOGS=1; shift ;;
        -h|--help) usage ;;
        *) echo "$PROG: unknown argument '$1'" >&2; usage ;;
    esac
done
IFS=',' read -r -a SIZES <<<"$MEMBERS"
for n in "${SIZES[@]}" "$CLIENTS" "$REQUESTS" "$PIPELINE" "$DURATION" "$WARMUP_SECONDS" "$API_WARMUP_SECONDS" "$SEED"; do
    [[ "$n" =~ ^[0-9]+$ && "$n" -gt 0 ]] || { echo "$PROG: '$n' must be a positive whole number" >&2; exit 2; }
done
[[ -z "$API" || "$ENGINE" == 0 ]] || { echo "$PROG: give --engine or --api, not both" >&2; exit 2; }
# Only this machine may be loaded.
[[ -z "$API" || "$API" =~ ^https?://(127\.[0-9]+\.[0-9]+\.[0-9]+|localhost|\[::1\])(:[0-9]+)?/?$ ]] \
    || { echo "$PROG: --api must be a loopback URL (127.0.0.1, [::1], localhost), not '$API'" >&2; exit 2; }
API="${API%/}"
[[ -z "$API" || ${#SIZES[@]} == 1 ]] || { echo "$PROG: --api measures the one board the engine holds: give one --members size" >&2; exit 2; }
# The pipelined updates run ten times as many requests: at 16 a batch they are over quickly.
PIPELINED_REQUESTS=$((REQUESTS * 10))

# shellcheck source=lib.sh
source "$BENCH/lib.sh"
begin_work pitstop-league

# ---------------------------------------------------------------------------------------------
# Build, Redis

DLL="$BENCH/League/bin/Release/net10.0/Pitstop.League.dll"
if [[ "$SKIP_BUILD" != 1 ]]; then
    log "building (Release)"
    # The benchmark program and what it measures (src/Grains, League/Ranking).
    dotnet_build "$BENCH/League/League.csproj"
    if [[ "$ENGINE" == 1 ]]; then
        dotnet_build "$ROOT/src/Silo/Silo.csproj"
        dotnet_build "$ROOT/src/Api/Api.csproj"
        dotnet_build "$BENCH/Baseline/Baseline.csproj"
    fi
fi
SILO_DIR="$ROOT/src/Silo/bin/Release/net10.0"
API_DIR="$ROOT/src/Api/bin/Release/net10.0"
BASELINE_DIR="$BENCH/Baseline/bin/Release/net10.0"
SILO_LOGGING="${SILO_LOGGING:-api}"
[[ -f "$DLL" ]] || die "$DLL is missing (build first, or drop --skip-build)"
COMMIT="$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)"
if [[ "$SKIP_BUILD" == 1 ]]; then
    BUILD_NOTE="binaries of $(date -u -r "$DLL" '+%Y-%m-%d %H:%M UTC') (--skip-build; HEAD is now $COMMIT)"
else
    BUILD_NOTE="built from commit $COMMIT"
    if git -C "$ROOT" status --porcelain -- src/Grains/League 2>/dev/null | grep -q .; then
        BUILD_NOTE="$BUILD_NOTE, with uncommitted changes in src/Grains/League/"
    fi
    if git -C "$ROOT" status --porcelain -- benchmarks/League 2>/dev/null | grep -q .; then
        BUILD_NOTE="$BUILD_NOTE, benchmark from the working tree (benchmarks/League/ not committed as built)"
    fi
fi

missing=()
command -v redis-server >/dev/null && command -v redis-cli >/dev/null && command -v redis-benchmark >/dev/null || missing+=(redis-server redis-tools)
[[ -z "$API" && "$ENGINE" == 0 ]] || command -v wrk >/dev/null || missing+=(wrk)
if [[ ${#missing[@]} -gt 0 ]]; then
    [[ $EUID -eq 0 ]] || die "${missing[*]} not installed and we are not root; install them first"
    command -v apt-get >/dev/null 2>&1 || die "${missing[*]} not installed and apt-get is not available"
    log "installing ${missing[*]} (Debian packages)"
    { apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"; } \
        >"$WORK/apt.log" 2>&1 || die "apt-get could not install ${missing[*]}:$(echo; tail -n 20 "$WORK/apt.log")"
fi
REDIS_VERSION="$(redis-server --version | sed -n 's/.* v=\([^ ]*\).*/\1/p')"

REDIS_PORT="$(free_port)"
log "starting a throwaway redis-server $REDIS_VERSION (127.0.0.1:$REDIS_PORT, no persistence); work dir $WORK"
start_bg redis "$WORK" "$WORK/redis.log" \
    redis-server --bind 127.0.0.1 --port "$REDIS_PORT" --save "" --appendonly no --dir "$WORK"
wait_listening "$REDIS_PORT" "$LAST_PID" redis 30

rcli() { redis-cli -h 127.0.0.1 -p "$REDIS_PORT" "$@"; }
used_memory() { rcli INFO memory | tr -d '\r' | awk -F: '$1 == "used_memory" { print $2 }'; }
FIGURES="$WORK/figures.tsv"
: >"$FIGURES"
figure() { printf '%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "$4" >>"$FIGURES"; }

# Load a board into Redis from a file of ZADD commands made by the benchmark program (the same
# members and starting scores the ScoreBoard gets); answers the seconds redis-cli --pipe took.
redis_load() {
    local size="$1" key="$2" ids="$3" file="$WORK/load-$2.resp" start
    dotnet "$DLL" redis-load --members "$size" --key "$key" --ids "$ids" --seed "$SEED" >"$file" || die "could not make the Redis load"
    start="$(date +%s.%N)"
    rcli --pipe <"$file" >"$WORK/load-$key.log" 2>&1 || die "redis-cli --pipe failed:$(echo; tail -n 5 "$WORK/load-$key.log")"
    awk -v s="$start" -v e="$(date +%s.%N)" 'BEGIN { printf "%.3f", e - s }'
    rm -f "$file"
    [[ "$(rcli ZCARD "$key")" == "$size" ]] || die "Redis holds $(rcli ZCARD "$key") members in $key, not $size"
}

# redis-benchmark on one command, its CSV in WORK; records rps (and p50/p99 with a p-prefix name).
redis_bench() {
    local size="$1" measure="$2" requests="$3" latency="$4"; shift 4
    run_waited redis-benchmark "$WORK/rb-$size-$measure.csv" "$WORK/rb-$size-$measure.err" \
        redis-benchmark -h 127.0.0.1 -p "$REDIS_PORT" -c "$CLIENTS" -n "$requests" -r "$size" --csv "$@" \
        || die "redis-benchmark failed on $*"
    # "test","rps","avg_latency_ms","min_latency_ms","p50_latency_ms","p95_latency_ms","p99_latency_ms","max_latency_ms"
    local row
    row="$(sed -n '2p' "$WORK/rb-$size-$measure.csv" | tr -d '"')"
    [[ -n "$row" ]] || die "redis-benchmark printed no figures for $* (see $WORK/rb-$size-$measure.csv)"
    figure "$size" redis "$measure" "$(cut -d, -f2 <<<"$row")"
    if [[ "$latency" == 1 ]]; then
        figure "$size" redis "$measure-p50-ms" "$(cut -d, -f5 <<<"$row")"
        figure "$size" redis "$measure-p99-ms" "$(cut -d, -f7 <<<"$row")"
    fi
    log "  Redis $*: $(cut -d, -f2 <<<"$row")/s, p50 $(cut -d, -f5 <<<"$row") ms, p99 $(cut -d, -f7 <<<"$row") ms"
}

# ---------------------------------------------------------------------------------------------
# The engine (--engine): a fresh one per size, its board seeded in the league's table

# The board the HTTP stage queries: technicians, this month in the program's time zone, national.
board_key() { echo "technician|$(TZ=Asia/Kolkata date +%Y-%m)|national"; }

start_seeded_engine() {
    local size="$1" port silo_port gateway_port api_port
    log "$size members: the engine (PostgreSQL mode), its national board seeded with $size technicians"
    start_postgres "$WORK/pg-$size" ENGINE_CS
    read -r silo_port gateway_port api_port <<<"$(pick_ports 3)"
    start_engine "$ENGINE_CS" "$silo_port" "$gateway_port" "$api_port"
    port="$(sed -E 's/.*Port=([0-9]+).*/\1/' <<<"$ENGINE_CS")"
    # The ids the API load asks for (BoardMembers.StaffId: 50 technicians a dealership), scores
    # spread by a multiplicative hash so that ranks are neither all tied nor in id order.
    runuser -u postgres -- psql -q -h 127.0.0.1 -p "$port" -U postgres -d postgres -v ON_ERROR_STOP=1 -c "
        INSERT INTO pitstop_league_score (board, staff_id, score, dealership_id)
        SELECT '$(board_key)', 'S-' || (i / 50 + 1) || '-T' || (i % 50 + 1), (i::bigint * 2654435761) % 100000, 'DLR-' || (i / 50 + 1)
        FROM generate_series(0, $size - 1) AS i" >"$WORK/seed-$size.log" 2>&1 || die "seeding failed (see $WORK/seed-$size.log)"
    API="http://127.0.0.1:$api_port"
    # The first query activates the board, which reads its rows: wait for that outside the measurement.
    local deadline=$((SECONDS + 300)) members=""
    while [[ $SECONDS -lt $deadline ]]; do
        members="$(curl -s -H "X-Api-Key: $PITSTOP_API_KEY" "$API/api/v1/leaderboards/technician?scope=national&top=1" \
            | python3 -c 'import json,sys; print(json.load(sys.stdin).get("members",""))' 2>/dev/null || true)"
        [[ "$members" == "$size" ]] && break
        sleep 1
    done
    [[ "$members" == "$size" ]] || die "the engine's board shows '$members' members, not $size"
    log "  the board holds $size members ($((SECONDS - deadline + 300)) s to load)"
}

# wrk on one query (wrk-query.lua: rank, top10 or plain): W s of warm-up that count only their errors,
# then the measurement; records requests/s and p50/p99 in ms, adds errors to API_FAILED.
API_FAILED=0
wrk_measure() {
    local size="$1" measure="$2" query="$3" url="$4" out="$WORK/wrk-$1-$2.txt" requests seconds errors p50 p99 max
    : >"$out"
    for stage in warm-up measured; do
        local d="$DURATION"
        [[ "$stage" == warm-up ]] && d="$WARMUP_SECONDS"
        QUERY="$query" MEMBERS="$size" SEED="$SEED" WRK_OUT="$out" \
            wrk -t 1 -c "$CLIENTS" -d "${d}s" --timeout 10s -s "$BENCH/League/wrk-query.lua" -H "X-Api-Key: ${PITSTOP_API_KEY:-}" "$url" \
            >>"$WORK/wrk-$size-$measure.log" 2>&1 || die "wrk failed on $url (see $WORK/wrk-$size-$measure.log)"
    done
    [[ "$(wc -l <"$out")" == 2 ]] || die "wrk wrote no summary for $url (see $WORK/wrk-$size-$measure.log)"
    read -r requests seconds errors _ _ _ <<<"$(sed -n 1p "$out")"
    API_FAILED=$((API_FAILED + errors))
    read -r requests seconds errors p50 p99 max <<<"$(sed -n 2p "$out")"
    API_FAILED=$((API_FAILED + errors))
    local rps
    rps="$(awk -v n="$requests" -v s="$seconds" 'BEGIN { printf "%.1f", n / s }')"
    figure "$size" api "$measure" "$rps"
    figure "$size" api "$measure-p50-ms" "$p50"
    figure "$size" api "$measure-p99-ms" "$p99"
    log "  HTTP API $measure: $rps/s, p50 $p50 ms, p99 $p99 ms, max $max ms; $errors errors"
}

# ---------------------------------------------------------------------------------------------
# The runs, size by size

LOADAVG="$(cut -d' ' -f1-3 /proc/loadavg)"
for size in "${SIZES[@]}"; do
    log "$size members: Redis (redis-benchmark, $CLIENTS clients)"
    rcli FLUSHALL >/dev/null
    before="$(used_memory)"
    seconds="$(redis_load "$size" league:staff staff)"
    after="$(used_memory)"
    ENCODING="$(rcli OBJECT ENCODING league:staff)"
    figure "$size" redis memory-bytes "$(awk -v a="$after" -v b="$before" -v n="$size" 'BEGIN { printf "%.3f", (a - b) / n }')"
    figure "$size" redis load-seconds "$seconds"
    log "  Redis: staff ids loaded in $seconds s; used_memory $before -> $after bytes ($ENCODING)"
    rcli FLUSHALL >/dev/null
    redis_load "$size" league:bench benchmark >/dev/null

    redis_bench "$size" update-pipelined "$PIPELINED_REQUESTS" 0 -P "$PIPELINE" ZINCRBY league:bench 1 'S-__rand_int__'
    redis_bench "$size" update "$REQUESTS" 0 ZINCRBY league:bench 1 'S-__rand_int__'
    redis_bench "$size" ping "$REQUESTS" 1 PING
    redis_bench "$size" rank "$REQUESTS" 1 ZREVRANK league:bench 'S-__rand_int__'
    redis_bench "$size" top10 "$REQUESTS" 1 ZREVRANGE league:bench 0 9
    rcli FLUSHALL >/dev/null

    log "$size members: the ScoreBoard in-process (warm-up $WARMUP_SECONDS s, $DURATION s per figure)"
    run_waited inproc "$WORK/inproc-$size.out" "$WORK/inproc-$size.log" \
        dotnet "$DLL" inproc --members "$size" --seconds "$DURATION" --warmup-seconds "$WARMUP_SECONDS" --seed "$SEED" --out "$FIGURES" \
        || die "the in-process run failed (see $WORK/inproc-$size.log)"

    if [[ "$ENGINE" == 1 ]]; then
        start_seeded_engine "$size"
    fi

    if [[ -n "$API" ]]; then
        log "$size members: the HTTP API at $API (wrk, $CLIENTS connections, $API_WARMUP_SECONDS s of warm-up, then $WARMUP_SECONDS s warm-up and $DURATION s per figure)"
        board="$API/api/v1/leaderboards/technician?scope=national"
        QUERY=rank MEMBERS="$size" SEED="$SEED" WRK_OUT="$WORK/wrk-$size-jit.txt" \
            wrk -t 1 -c "$CLIENTS" -d "${API_WARMUP_SECONDS}s" --timeout 10s -s "$BENCH/League/wrk-query.lua" -H "X-Api-Key: ${PITSTOP_API_KEY:-}" "$board" \
            >"$WORK/wrk-$size-jit.log" 2>&1 || die "wrk failed warming up the API (see $WORK/wrk-$size-jit.log)"
        wrk_measure "$size" rank rank "$board"
        wrk_measure "$size" top10 top10 "$board"
        wrk_measure "$size" ping plain "$API/health/live"
        figure "$size" api failed "$API_FAILED"
    fi

    if [[ "$ENGINE" == 1 ]]; then
        # The HTTP ceiling: a bare ASP.NET Core route (benchmarks/Baseline's /ping) under the same
        # wrk load, with the engine's processes still up as they were for the API's figures.
        read -r bare_port <<<"$(pick_ports 1)"
        start_bg baseline "$BASELINE_DIR" "$WORK/baseline-$size.log" \
            "ConnectionStrings__Baseline=$ENGINE_CS" Urls="http://127.0.0.1:$bare_port" ASPNETCORE_ENVIRONMENT=Production \
            dotnet Pitstop.Baseline.dll
        wait_http "http://127.0.0.1:$bare_port/health/ready" "$LAST_PID" baseline 60
        log "$size members: a bare ASP.NET Core route (wrk, $API_WARMUP_SECONDS s of warm-up first)"
        wrk -t 1 -c "$CLIENTS" -d "${API_WARMUP_SECONDS}s" "http://127.0.0.1:$bare_port/ping" >"$WORK/wrk-$size-bare-jit.log" 2>&1 \
            || die "wrk failed warming up the bare route (see $WORK/wrk-$size-bare-jit.log)"
        wrk_measure "$size" bare plain "http://127.0.0.1:$bare_port/ping"
        stop_started baseline
    fi

    if [[ "$ENGINE" == 1 ]]; then
        check_engine_alive
        stop_started api
        stop_started silo
        stop_pg "$WORK/pg-$size"
        API=""
    fi
done
stop_started redis

# ---------------------------------------------------------------------------------------------
# Report

TABLE="$(dotnet "$DLL" report --results "$FIGURES" --pipeline "$PIPELINE" --clients "$CLIENTS")" || die "the report failed"
log "results"
echo "$TABLE"

if [[ "$RESULTS" == 1 ]]; then
    RESULTS_FILE="$BENCH/RESULTS.md"
    machine_facts
    {
        echo
        echo "## $(date -u '+%Y-%m-%d %H:%M UTC') — league: ScoreBoard vs Redis sorted sets, $(IFS=/; echo "${SIZES[*]}") members"
        echo
        echo "Appended by \`benchmarks/league.sh\` (what the figures are: [README.md](README.md#pitstop-league-benchmark))."
        echo
        echo "- Machine: $(nproc) cores (${CPU:-unknown}), $MEM memory, $OS; load average (1/5/15 min) at the start $LOADAVG"
        echo "- .NET SDK $(dotnet --version); Redis $REDIS_VERSION (Debian package; 127.0.0.1, no persistence; sorted sets in $ENCODING encoding); $BUILD_NOTE"
        echo "- Redis: redis-benchmark, $CLIENTS clients, $REQUESTS requests per command ($PIPELINED_REQUESTS pipelined, $PIPELINE per batch), members drawn with \`-r\`; memory: \`INFO memory\` used_memory before and after loading the staff ids"
        echo "- ScoreBoard: one thread, $WARMUP_SECONDS s warm-up then $DURATION s per figure, members drawn uniformly; memory: \`GC.GetTotalMemory(true)\` before and after loading the same staff ids"
        if [[ "$ENGINE" == 1 ]]; then
            echo "- HTTP API: a fresh engine per size (PostgreSQL mode, one silo + the API on 127.0.0.1), its technicians' national board seeded in the league's table and loaded by the board grain before the measurement; \`GET /api/v1/leaderboards/technician?scope=national&around={id}&radius=0\` and \`&top=10\`, and \`/health/live\`; wrk (one thread, $CLIENTS connections each with one request in flight), $API_WARMUP_SECONDS s of load on rank queries first, then $WARMUP_SECONDS s warm-up and $DURATION s per query; then a bare ASP.NET Core route (benchmarks/Baseline \`/ping\`, no middleware) under the same load, $API_WARMUP_SECONDS s of warm-up first"
        elif [[ -n "$API" ]]; then
            echo "- HTTP API: the engine at $API, wrk (one thread, $CLIENTS connections each with one request in flight), $API_WARMUP_SECONDS s of load on rank queries first, then $WARMUP_SECONDS s warm-up and $DURATION s per query"
        fi
        echo "- Boards: memory on staff ids like \`S-118-T21\` (50 a dealership), throughput on redis-benchmark's \`S-\` + 12 digits; starting scores 0–20,000 from seed $SEED, the same on both sides"
        echo
        echo "$TABLE"
    } >>"$RESULTS_FILE"
    log "appended to $RESULTS_FILE"
fi

[[ $API_FAILED == 0 ]] || die "$API_FAILED API requests failed (counted in the table; see $WORK/wrk-*.log)"
OK=1
exit 0
}
