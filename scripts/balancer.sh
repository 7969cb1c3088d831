#!/usr/bin/env bash
# HAProxy in front of API nodes on this machine, for the local cluster (scripts/cluster.sh) and the
# rolling-restart test.
#
#   scripts/balancer.sh start DIR PORT HOST:PORT...  balance 127.0.0.1:PORT over the API nodes given,
#                                                    checking each on GET /health/ready; config,
#                                                    pid file and log live in DIR
#   scripts/balancer.sh stop DIR                     stop it and remove DIR
#   scripts/balancer.sh status DIR                   exit 0 and print each node's state if it runs
#
# HAProxy is installed with apt-get on first use (Debian's package).
set -euo pipefail

PROG="$(basename "$0")"
die() { echo "$PROG: $*" >&2; exit 1; }

usage() {
    echo "usage: $PROG start DIR PORT HOST:PORT... | stop DIR | status DIR" >&2
    exit 2
}

ensure_haproxy() {
    command -v haproxy >/dev/null 2>&1 && return 0
    [[ $EUID -eq 0 ]] || die "HAProxy is not installed and we are not root; install the haproxy package first"
    echo "$PROG: HAProxy not found; installing it with apt-get" >&2
    export DEBIAN_FRONTEND=noninteractive
    # Another process (a test run, the other script) may be installing it at the same moment.
    apt-get update -q >&2
    apt-get install -y -q --no-install-recommends haproxy >&2
}

pid_of() {
    local pid
    [[ -f "$1/haproxy.pid" ]] || return 1
    pid="$(head -n 1 "$1/haproxy.pid")"
    [[ "$pid" =~ ^[0-9]+$ ]] && kill -0 "$pid" 2>/dev/null || return 1
    echo "$pid"
}

cmd_start() {
    local dir="$1" port="$2" i=0 node
    shift 2
    [[ $# -gt 0 ]] || usage
    ensure_haproxy
    mkdir -p "$dir"
    dir="$(realpath "$dir")"
    {
        cat <<EOF
global
    maxconn 4096
    pidfile $dir/haproxy.pid
    stats socket $dir/haproxy.sock mode 600
    # A retried request is replayed from HAProxy's buffer, so it must fit: batches of events up
    # to 256 KiB can be sent again to another node (larger ones are answered by the first node only).
    tune.bufsize 262144

defaults
    mode http
    timeout connect 2s
    timeout client 60s
    # An import may run for up to 30 minutes (Api:ImportTimeout) before its node answers.
    timeout server 31m
    timeout http-request 10s
    # A node that refuses the connection or closes it without answering (it is stopping) is
    # skipped and the request sent to another one. Every write of the API is idempotent (event
    # ids, idempotency keys), so sending one again is safe.
    retries 3
    option redispatch 1
    retry-on conn-failure empty-response
    # One connection to a node per request: no idle connection is reused just as a stopping
    # node closes it (loopback connections cost next to nothing).
    option http-server-close

frontend api
    bind 127.0.0.1:$port
    default_backend nodes

backend nodes
    balance roundrobin
    # Out of rotation after two failed checks (1 s apart), back after two good ones.
    option httpchk GET /health/ready
    http-check expect status 200
    default-server inter 1s fall 2 rise 2
EOF
        for node in "$@"; do
            echo "    server api$i $node check"
            i=$((i + 1))
        done
    } > "$dir/haproxy.cfg"
    haproxy -c -q -f "$dir/haproxy.cfg" || die "invalid configuration $dir/haproxy.cfg"
    # -D: a daemon, detached from the caller (a test waits for this script to exit).
    haproxy -D -f "$dir/haproxy.cfg" </dev/null >>"$dir/haproxy.log" 2>&1
    for i in $(seq 1 50); do
        pid_of "$dir" >/dev/null && return 0
        sleep 0.1
    done
    die "HAProxy did not start; see $dir/haproxy.log"
}

cmd_stop() {
    local dir="$1" pid
    [[ -d "$dir" ]] || return 0
    if pid="$(pid_of "$dir")"; then
        kill "$pid"
        for _ in $(seq 1 50); do
            kill -0 "$pid" 2>/dev/null || break
            sleep 0.1
        done
    fi
    rm -rf -- "$dir"
}

cmd_status() {
    local dir="$1" pid
    pid="$(pid_of "$dir")" || die "no balancer running in $dir"
    echo "haproxy pid $pid: $(sed -n 's/^ *bind //p' "$dir/haproxy.cfg")"
    if command -v socat >/dev/null 2>&1; then
        # pxname,svname,...,status: one line per node.
        echo "show stat" | socat - "UNIX-CONNECT:$dir/haproxy.sock" | awk -F, '$1 == "nodes" && $2 != "BACKEND" { print "  " $2 " " $18 }'
    else
        sed -n 's/^ *server \([^ ]*\) \([^ ]*\) check/  \1 \2/p' "$dir/haproxy.cfg"
    fi
}

[[ $# -ge 2 ]] || usage
case "$1" in
    start) [[ $# -ge 4 ]] || usage; cmd_start "$2" "$3" "${@:4}" ;;
    stop) cmd_stop "$2" ;;
    status) cmd_status "$2" ;;
    *) usage ;;
esac
