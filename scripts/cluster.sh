#!/usr/bin/env bash
# A local cluster of the engine in one command: a throwaway PostgreSQL (scripts/postgres.sh), N
# silos and M API nodes run from one Release build, and HAProxy (scripts/balancer.sh) in front of
# the API nodes on one port, checking each on /health/ready.
#
#   scripts/cluster.sh up [--silos N] [--apis M] [--port P]   start it (defaults: 2 silos, 2 API nodes, port 8080)
#   scripts/cluster.sh status                                 what runs, and where
#   scripts/cluster.sh down                                   stop everything and remove its data
#
# Everything lives in $PITSTOP_CLUSTER_DIR (default /tmp/pitstop-cluster): the database, each
# process's log (logs/), their pids and ports (processes), the admin key (admin-key).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DIR="${PITSTOP_CLUSTER_DIR:-/tmp/pitstop-cluster}"
PROG="scripts/cluster.sh"
die() { echo "$PROG: $*" >&2; exit 1; }

usage() {
    sed -n '2,11p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2
    exit 2
}

free_port() {
    python3 -c 'import socket
s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

alive() { kill -0 "$1" 2>/dev/null; }

# Starts one engine process detached from this shell, in its own session, and records it.
launch() {
    local name="$1" project="$2" port="$3"
    shift 3
    (
        cd "$ROOT/src/$project/bin/Release/net10.0"
        env "$@" setsid dotnet "Pitstop.$project.dll" </dev/null >"$DIR/logs/$name.log" 2>&1 &
        echo "$name $! $port" >>"$DIR/processes"
    )
}

cmd_up() {
    local silos=2 apis=2 port=8080 i
    while [[ $# -gt 0 ]]; do
        case "$1" in
            --silos) silos="$2"; shift 2 ;;
            --apis) apis="$2"; shift 2 ;;
            --port) port="$2"; shift 2 ;;
            *) usage ;;
        esac
    done
    [[ "$silos" =~ ^[1-9][0-9]*$ && "$apis" =~ ^[1-9][0-9]*$ && "$port" =~ ^[0-9]+$ ]] || usage
    [[ ! -e "$DIR/processes" ]] || die "a cluster already runs in $DIR (scripts/cluster.sh status, or down first)"

    echo "$PROG: building the silo and the API (Release)" >&2
    dotnet build "$ROOT/src/Api" -c Release -nologo -clp:ErrorsOnly -v:q >&2

    mkdir -p "$DIR/logs"
    local postgres key
    postgres="$(bash "$ROOT/scripts/postgres.sh" start "$DIR/postgres")"
    key="$(openssl rand -hex 24)"
    (umask 077 && echo "$key" >"$DIR/admin-key")
    local common=(
        DOTNET_ENVIRONMENT=Production ASPNETCORE_ENVIRONMENT=Production
        "ConnectionStrings__Orleans=$postgres" Orleans__ClusterId=local
        Auth__ApiKeys__0__Name=operator Auth__ApiKeys__0__Role=admin "Auth__ApiKeys__0__Key=$key"
    )
    for ((i = 0; i < silos; i++)); do
        local silo_port gateway_port
        silo_port="$(free_port)"
        gateway_port="$(free_port)"
        launch "silo$i" Silo "$silo_port" "${common[@]}" "Orleans__SiloPort=$silo_port" "Orleans__GatewayPort=$gateway_port"
    done
    local nodes=()
    for ((i = 0; i < apis; i++)); do
        local api_port
        api_port="$(free_port)"
        launch "api$i" Api "$api_port" "${common[@]}" "Urls=http://127.0.0.1:$api_port"
        nodes+=("127.0.0.1:$api_port")
    done
    bash "$ROOT/scripts/balancer.sh" start "$DIR/balancer" "$port" "${nodes[@]}"
    echo "balancer - $port" >>"$DIR/processes"

    echo "$PROG: waiting until the cluster is ready on http://127.0.0.1:$port" >&2
    for i in $(seq 1 180); do
        if curl -sf "http://127.0.0.1:$port/health/ready" >/dev/null; then
            cmd_status
            echo "Admin key: export KEY=\"\$(cat $DIR/admin-key)\"  (send it as X-Api-Key)"
            return 0
        fi
        sleep 1
    done
    die "the cluster did not become ready; see $DIR/logs"
}

cmd_status() {
    [[ -e "$DIR/processes" ]] || die "no cluster in $DIR"
    local name pid port state
    echo "PostgreSQL: $(bash "$ROOT/scripts/postgres.sh" status "$DIR/postgres" 2>/dev/null || echo 'not running')"
    while read -r name pid port; do
        [[ "$name" == balancer ]] && continue
        if alive "$pid"; then state=running; else state=stopped; fi
        printf '%-8s pid %-8s port %-6s %s  (log %s)\n' "$name" "$pid" "$port" "$state" "$DIR/logs/$name.log"
    done <"$DIR/processes"
    bash "$ROOT/scripts/balancer.sh" status "$DIR/balancer" || true
}

cmd_down() {
    [[ -e "$DIR" ]] || { echo "$PROG: nothing runs in $DIR" >&2; return 0; }
    local name pid port pids=()
    if [[ -e "$DIR/processes" ]]; then
        while read -r name pid port; do
            [[ "$name" == balancer ]] && continue
            # SIGTERM: API nodes finish their requests, silos hand over their queues and grains.
            if alive "$pid"; then kill -TERM "$pid"; pids+=("$pid"); fi
        done <"$DIR/processes"
    fi
    for _ in $(seq 1 60); do
        local left=0
        for pid in "${pids[@]}"; do alive "$pid" && left=1; done
        [[ $left -eq 1 ]] || break
        sleep 1
    done
    for pid in "${pids[@]}"; do alive "$pid" && kill -KILL "$pid"; done
    bash "$ROOT/scripts/balancer.sh" stop "$DIR/balancer"
    bash "$ROOT/scripts/postgres.sh" stop "$DIR/postgres"
    rm -rf -- "$DIR"
    echo "$PROG: stopped; $DIR removed" >&2
}

[[ $# -ge 1 ]] || usage
command="$1"
shift
case "$command" in
    up) cmd_up "$@" ;;
    status) cmd_status ;;
    down) cmd_down ;;
    *) usage ;;
esac
