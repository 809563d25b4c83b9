# Shared by the benchmark scripts (bench-send.sh, bench-delivery.sh); sourced, not run. Expects BENCH_NAME,
# API_KEY, ADMIN_KEY, READY_TIMEOUT_SECONDS and STOP_TIMEOUT_SECONDS to be set, and HOST_PID to name the running host.

bench_usage() { sed -n '2,/^set -euo/p' "$0" | sed -e '$d' -e 's/^# \{0,1\}//'; }

# Sets SMOKE from the arguments (--smoke, --help) and moves to the repository root.
bench_parse_args() {
    SMOKE=false
    local arg
    for arg in "$@"; do
        case "$arg" in
            --smoke) SMOKE=true ;;
            -h | --help) bench_usage; exit 0 ;;
            *) echo "$BENCH_NAME: unknown argument '$arg' (try --help)" >&2; exit 2 ;;
        esac
    done
    REPO_ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
    cd "$REPO_ROOT"
}

# A fresh key per run: the host refuses configured keys too weak to guess (at least 32 characters, 16 different).
bench_key() { printf 'bench-%s' "$(head -c 32 /dev/urandom | base64 | tr -d '/+=\n')"; }

log() { printf '[%s %s] %s\n' "$BENCH_NAME" "$(date -u +%H:%M:%S)" "$*"; }
die() { printf '[%s] ERROR: %s\n' "$BENCH_NAME" "$*" >&2; exit 1; }

# python3 and curl come from Debian's packages when missing; dotnet must be there already.
require_tools() {
    command -v dotnet >/dev/null || die "'dotnet' is required on PATH"
    command -v python3 >/dev/null && command -v curl >/dev/null && return 0
    "$REPO_ROOT/etc/scripts/install-debian-packages.sh" python3 curl || die "python3 and curl are required"
}

HOST_DLL_PATH="src/Messaging.HttpApi.Host/bin/Release/net10.0/Messaging.HttpApi.Host.dll"
GEN_DLL_PATH="test/Messaging.LoadGenerator/bin/Release/net10.0/Messaging.LoadGenerator.dll"

# Builds the host, the load generator and any further projects given (Release), unless BENCH_PREBUILT=1 says the
# solution was just built (.ci/run builds once for all smoke runs); sets HOST_DLL and GEN_DLL.
bench_build() {
    local project
    HOST_DLL="$REPO_ROOT/$HOST_DLL_PATH"
    GEN_DLL="$REPO_ROOT/$GEN_DLL_PATH"
    if [ $# -gt 0 ]; then
        log "building the host, the load generator and $* (Release)"
    else
        log "building the host and the load generator (Release)"
    fi
    if [ "${BENCH_PREBUILT:-0}" = 1 ]; then
        log "using the Release build already made (BENCH_PREBUILT=1)"
    else
        for project in src/Messaging.HttpApi.Host test/Messaging.LoadGenerator "$@"; do
            dotnet build "$project" -c Release -nologo -v quiet -clp:NoSummary
        done
    fi
    [ -f "$HOST_DLL" ] || die "host not built: $HOST_DLL missing"
    [ -f "$GEN_DLL" ] || die "load generator not built: $GEN_DLL missing"
}

# Makes the run's temp folder WORK and, on exit, kills HOST_PID and any pid in BENCH_OTHER_PIDS, then removes WORK
# (kept, with its logs and databases, when BENCH_KEEP=1).
bench_work_dir() {
    WORK="$(mktemp -d)"
    HOST_PID=""
    BENCH_OTHER_PIDS=()
    trap bench_cleanup EXIT
}

bench_cleanup() {
    local pid
    for pid in "$HOST_PID" "${BENCH_OTHER_PIDS[@]}"; do
        if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
            kill -KILL "$pid" 2>/dev/null || true
        fi
    done
    if [ "${BENCH_KEEP:-0}" = 1 ]; then
        echo "$BENCH_NAME: logs and databases kept in $WORK" >&2
    else
        rm -rf "$WORK"
    fi
}

# How busy the machine is, since the generator shares the cores with the host and other work may run beside them:
# the 1-minute load average before a run, and sampled every second during it (DIR/load-before, DIR/load-during).
load_sampling_start() {
    local dir="$1"
    cut -d' ' -f1 /proc/loadavg >"$dir/load-before"
    ( while :; do cut -d' ' -f1 /proc/loadavg >>"$dir/load-during"; sleep 1; done ) &
    LOAD_SAMPLER_PID=$!
    BENCH_OTHER_PIDS+=("$LOAD_SAMPLER_PID")
}

load_sampling_stop() {
    kill "$LOAD_SAMPLER_PID" 2>/dev/null || true
    wait "$LOAD_SAMPLER_PID" 2>/dev/null || true
}

free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

# Waits until url answers; if the process dies or READY_TIMEOUT_SECONDS pass, shows its log's tail, kills it, fails.
wait_until_ready() {
    local pid="$1" url="$2" logfile="$3"
    local deadline=$((SECONDS + READY_TIMEOUT_SECONDS))
    until curl -fsS -o /dev/null --max-time 2 "$url" 2>/dev/null; do
        if ! kill -0 "$pid" 2>/dev/null || [ "$SECONDS" -ge "$deadline" ]; then
            tail -n 30 "$logfile" >&2 || true
            kill -KILL "$pid" 2>/dev/null || true
            return 1
        fi
        sleep 0.25
    done
}

# The demo tenant is Basic (100 requests a minute); the generator sends thousands a second as it. An override, as an
# operator would give a busy tenant, keeps the rate limiter deciding every request without ever refusing one.
raise_demo_tenant_limits() {
    local url="$1" demo_id
    demo_id="$(curl -fsS --max-time 10 -H "X-Api-Key: $ADMIN_KEY" "$url/api/app/tenant?maxResultCount=1000" \
        | python3 -c 'import json, sys; print(next(t["id"] for t in json.load(sys.stdin)["items"] if t["name"] == "Demo"))')" || return 1
    curl -fsS --max-time 10 -o /dev/null -X PUT -H "X-Api-Key: $ADMIN_KEY" -H "Content-Type: application/json" \
        -d '{"requestsPerMinute": 100000000, "burstLimit": 10000000, "concurrentRequests": 1000000}' \
        "$url/api/app/tenant/$demo_id/rate-limit"
}

# SIGTERM, then SIGKILL after STOP_TIMEOUT_SECONDS; leaves the host's exit code in HOST_EXIT_CODE.
stop_host() {
    HOST_EXIT_CODE=0
    kill -TERM "$HOST_PID" 2>/dev/null || true
    local deadline=$((SECONDS + STOP_TIMEOUT_SECONDS))
    while kill -0 "$HOST_PID" 2>/dev/null && [ "$SECONDS" -lt "$deadline" ]; do sleep 0.2; done
    if kill -0 "$HOST_PID" 2>/dev/null; then
        log "host did not stop within ${STOP_TIMEOUT_SECONDS}s of SIGTERM; killing it"
        kill -KILL "$HOST_PID" 2>/dev/null || true
    fi
    wait "$HOST_PID" || HOST_EXIT_CODE=$?
    HOST_PID=""
    log "host exited with code $HOST_EXIT_CODE"
}
