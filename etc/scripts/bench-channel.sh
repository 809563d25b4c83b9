#!/usr/bin/env bash
# Benchmarks the Channel module in one run, each part against its baseline measured in the same run:
#   (a) live delivery: S subscribers of one channel's SSE stream (the hub's limits raised for the run) and E posts;
#       the fan-out latency from a post to its last subscriber (p50/p99) and the host's memory growth (peak RSS with the
#       subscribers connected, less the RSS before), against a bare Kestrel SSE endpoint writing the same frames;
#   (b) delayed messages: D messages scheduled for one moment, delivered by the worker; lateness p50/p99 from the
#       host's messaging_channel_delayed_lateness histogram;
#   (c) the channel list over C channels of 3 messages: database commands and time per list, with the batched loading
#       against the per-channel loading (Channel:ListLoading=PerChannel) on the same database.
# It prints a markdown table; the lead copies a full run's table into docs/benchmarks.md with the command.
#
# Usage (from anywhere; paths are taken relative to the repository):
#   etc/scripts/bench-channel.sh            full run (S=10000, E=200, D=10000, C=1000)
#   etc/scripts/bench-channel.sh --smoke    tiny run: fails if a part does not complete
#
# Environment (full run only): BENCH_SUBSCRIBERS, BENCH_EVENTS, BENCH_DELAYED, BENCH_CHANNELS, BENCH_LIST_RUNS (20);
# BENCH_KEEP=1 keeps the temp folder with logs and the database.
set -euo pipefail

BENCH_NAME=bench-channel
# shellcheck source=bench-common.sh
source "$(dirname "$0")/bench-common.sh"
bench_parse_args "$@"

if $SMOKE; then
    SUBSCRIBERS=20 EVENTS=20 DELAYED=50 CHANNELS=30 LIST_RUNS=3
else
    SUBSCRIBERS="${BENCH_SUBSCRIBERS:-10000}"
    EVENTS="${BENCH_EVENTS:-200}"
    DELAYED="${BENCH_DELAYED:-10000}"
    CHANNELS="${BENCH_CHANNELS:-1000}"
    LIST_RUNS="${BENCH_LIST_RUNS:-20}"
fi
READY_TIMEOUT_SECONDS=120
STOP_TIMEOUT_SECONDS=30
API_KEY="$(bench_key)"
ADMIN_KEY="$(bench_key)"

require_tools
bench_build test/Messaging.SseBench
BENCH_DLL="$REPO_ROOT/test/Messaging.SseBench/bin/Release/net10.0/Messaging.SseBench.dll"
bench_work_dir
ulimit -n "$((SUBSCRIBERS * 2 + 4096))" 2>/dev/null || log "could not raise the open-file limit; many subscribers may be refused by the system"

rss_kb() { awk '/^VmRSS/ {print $2}' "/proc/$1/status" 2>/dev/null || echo 0; }

# Samples a process's RSS every 200 ms into FILE until stopped.
rss_sampling_start() {
    local pid="$1" file="$2"
    ( while kill -0 "$pid" 2>/dev/null; do rss_kb "$pid" >>"$file"; sleep 0.2; done ) &
    RSS_SAMPLER_PID=$!
    BENCH_OTHER_PIDS+=("$RSS_SAMPLER_PID")
}

rss_sampling_stop() { kill "$RSS_SAMPLER_PID" 2>/dev/null || true; wait "$RSS_SAMPLER_PID" 2>/dev/null || true; }

peak_kb() { sort -n "$1" | tail -n 1; }

start_host() {
    local port="$1" loading="$2"
    (
        cd "$WORK"
        ASPNETCORE_ENVIRONMENT=Bench \
        ConnectionStrings__Default="Data Source=$WORK/messaging.db" \
        Seed__DemoTenant=true \
        Seed__DemoTenantApiKey="$API_KEY" \
        Seed__HostAdminApiKey="$ADMIN_KEY" \
        Channel__ListLoading="$loading" \
        Channel__DelayedMessages__PollInterval=00:00:00.100 \
        Channel__DelayedMessages__BatchSize=500 \
        ServerSentEvents__MaxConnections="$((SUBSCRIBERS + 100))" \
        ServerSentEvents__MaxConnectionsPerClientAddress="$((SUBSCRIBERS + 100))" \
        ServerSentEvents__MaxConnectionsPerTenant="$((SUBSCRIBERS + 100))" \
        ServerSentEvents__MaxNewConnectionsPerClientAddress="$((SUBSCRIBERS + 100))" \
        exec dotnet "$HOST_DLL" --urls "http://127.0.0.1:$port"
    ) >>"$WORK/host.log" 2>&1 &
    HOST_PID=$!
    wait_until_ready "$HOST_PID" "http://127.0.0.1:$port/health/ready" "$WORK/host.log" || die "the host did not start"
    curl -fsS -o /dev/null --max-time 10 "http://127.0.0.1:$port/metrics" || true
    raise_demo_tenant_limits "http://127.0.0.1:$port" || die "could not give the demo tenant its rate-limit override"
}

# Concurrent HTTP for setting up: python3 with threads, so thousands of posts need no thousands of processes.
http_tool() {
    python3 - "$@" <<'PY'
import concurrent.futures, json, sys, time, urllib.request
command, base, key = sys.argv[1], sys.argv[2], sys.argv[3]
def call(method, path, body=None):
    request = urllib.request.Request(base + path, method=method, data=None if body is None else json.dumps(body).encode(),
                                     headers={"X-Api-Key": key, "Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=60) as response:
        return json.loads(response.read() or b"null")
if command == "channel":
    print(call("POST", "/api/app/channel", {"name": sys.argv[4]})["id"])
elif command == "schedule":
    channel, count, at = sys.argv[4], int(sys.argv[5]), sys.argv[6]
    with concurrent.futures.ThreadPoolExecutor(32) as pool:
        list(pool.map(lambda i: call("POST", f"/api/app/channel/{channel}/message", {"content": f"delayed {i}", "deliverAt": at}), range(count)))
elif command == "channels":
    count = int(sys.argv[4])
    def one(i):
        channel = call("POST", "/api/app/channel", {"name": f"list {i:05}", "tags": ["bench"]})["id"]
        for m in range(3):
            call("POST", f"/api/app/channel/{channel}/message", {"content": f"message {m}"})
    with concurrent.futures.ThreadPoolExecutor(16) as pool:
        list(pool.map(one, range(count)))
elif command == "last-sequence":
    items = call("GET", f"/api/app/channel/{sys.argv[4]}/message?pageSize=1")["items"]
    print(items[0]["sequence"] if items else 0)
elif command == "list":
    runs, size, times = int(sys.argv[4]), int(sys.argv[5]), []
    for _ in range(runs):
        started = time.perf_counter()
        page = call("GET", f"/api/app/channel?tag=bench&maxResultCount={size}&sorting=name")
        times.append((time.perf_counter() - started) * 1000)
        assert len(page["items"]) == size, f"{len(page['items'])} channels listed, {size} expected"
    times.sort()
    print(f"{times[len(times) // 2]:.1f}")
PY
}

# A counter or histogram of the host's /metrics, summed over its labels (a histogram's quantile, in ms, from its buckets).
cat >"$WORK/metric.py" <<'PY'
import re, sys
name, quantile = sys.argv[1], sys.argv[2]
buckets, total = {}, 0.0
for line in sys.stdin:
    if line.startswith("#"):
        continue
    match = re.match(r'([a-zA-Z_:]+)(\{[^}]*\})? ([0-9.eE+-]+|NaN|\+Inf)', line)
    if not match:
        continue
    metric, labels, value = match.group(1), match.group(2) or "", float(match.group(3))
    if quantile and metric == name + "_bucket":
        le = re.search(r'le="([^"]+)"', labels).group(1)
        bound = float("inf") if le == "+Inf" else float(le)
        buckets[bound] = buckets.get(bound, 0) + value
    elif not quantile and metric == name:
        total += value
if quantile:
    ordered = sorted(buckets.items())
    count = ordered[-1][1] if ordered else 0
    print(next((f"{le * 1000:.0f}" for le, seen in ordered if count and seen >= float(quantile) * count), "n/a"))
else:
    print(f"{total:.0f}")
PY
metric() {
    curl -fsS --max-time 10 "$1/metrics" >"$WORK/metrics.txt"
    python3 "$WORK/metric.py" "$2" "${3:-}" <"$WORK/metrics.txt"
}

run_subscribers() {
    local name="$1" events_url="$2" publish_url="$3" key="$4"
    dotnet "$BENCH_DLL" run --events-url "$events_url" --publish-url "$publish_url" ${key:+--api-key "$key"} \
        --subscribers "$SUBSCRIBERS" --events "$EVENTS" 2>&1 | tee "$WORK/$name.log"
    grep '^RESULT ' "$WORK/$name.log" | tail -n 1 | sed 's/^RESULT //' >"$WORK/$name.json"
    [ -s "$WORK/$name.json" ] || die "the subscriber run '$name' did not finish"
}

field() { python3 -c "import json, sys; print(json.load(open(sys.argv[1]))[sys.argv[2]])" "$1" "$2"; }

# --- (a) live delivery --------------------------------------------------------------------------------------------
PORT="$(free_port)"
URL="http://127.0.0.1:$PORT"
start_host "$PORT" Batched
CHANNEL="$(http_tool channel "$URL" "$API_KEY" live)"
RSS_BEFORE="$(rss_kb "$HOST_PID")"
rss_sampling_start "$HOST_PID" "$WORK/host-rss"
log "live delivery: $SUBSCRIBERS subscribers, $EVENTS posts through the host"
run_subscribers hub "$URL/api/app/channel/$CHANNEL/events" "$URL/api/app/channel/$CHANNEL/message" "$API_KEY"
rss_sampling_stop
HUB_GROWTH_MB=$(( ($(peak_kb "$WORK/host-rss") - RSS_BEFORE) / 1024 ))

BASE_PORT="$(free_port)"
dotnet "$BENCH_DLL" baseline --port "$BASE_PORT" >"$WORK/baseline.log" 2>&1 &
BASE_PID=$!
BENCH_OTHER_PIDS+=("$BASE_PID")
until grep -q "baseline SSE server" "$WORK/baseline.log"; do kill -0 "$BASE_PID" || die "the baseline did not start"; sleep 0.2; done
BASE_BEFORE="$(rss_kb "$BASE_PID")"
rss_sampling_start "$BASE_PID" "$WORK/baseline-rss"
log "live delivery: the same against a bare Kestrel SSE endpoint"
run_subscribers baseline "http://127.0.0.1:$BASE_PORT/events" "http://127.0.0.1:$BASE_PORT/publish" ""
rss_sampling_stop
BASE_GROWTH_MB=$(( ($(peak_kb "$WORK/baseline-rss") - BASE_BEFORE) / 1024 ))
kill -TERM "$BASE_PID" 2>/dev/null || true

# --- (b) delayed messages -----------------------------------------------------------------------------------------
DELAYED_CHANNEL="$(http_tool channel "$URL" "$API_KEY" delayed)"
DUE_AT="$(date -u -d "+$(( DELAYED / 200 + 15 )) seconds" +%Y-%m-%dT%H:%M:%SZ)"
log "delayed messages: scheduling $DELAYED for $DUE_AT"
http_tool schedule "$URL" "$API_KEY" "$DELAYED_CHANNEL" "$DELAYED" "$DUE_AT"
DEADLINE=$((SECONDS + DELAYED / 200 + 120))
until [ "$(http_tool last-sequence "$URL" "$API_KEY" "$DELAYED_CHANNEL" 2>/dev/null || echo 0)" = "$DELAYED" ]; do
    [ "$SECONDS" -lt "$DEADLINE" ] || die "the delayed messages were not all delivered"
    sleep 1
done
LATE_P50="$(metric "$URL" messaging_channel_delayed_lateness 0.5)"
LATE_P99="$(metric "$URL" messaging_channel_delayed_lateness 0.99)"

# --- (c) the channel list -----------------------------------------------------------------------------------------
log "channel list: creating $CHANNELS channels of 3 messages"
http_tool channels "$URL" "$API_KEY" "$CHANNELS"
list_figures() {
    local before after ms
    before="$(metric "$URL" messaging_diagnostics_db_commands)"
    ms="$(http_tool list "$URL" "$API_KEY" "$LIST_RUNS" "$CHANNELS")"
    after="$(metric "$URL" messaging_diagnostics_db_commands)"
    echo "$(( (after - before) / LIST_RUNS )) $ms"
}
read -r BATCHED_COMMANDS BATCHED_MS < <(list_figures)
stop_host
start_host "$PORT" PerChannel
read -r NAIVE_COMMANDS NAIVE_MS < <(list_figures)
stop_host

# --- the table ----------------------------------------------------------------------------------------------------
cat <<TABLE

| part | measured | platform | baseline |
|---|---|---|---|
| live delivery, $SUBSCRIBERS subscribers, $EVENTS posts | connected / refused | $(field "$WORK/hub.json" connected) / $(field "$WORK/hub.json" refused) | $(field "$WORK/baseline.json" connected) / $(field "$WORK/baseline.json" refused) (bare Kestrel) |
| | fan-out p50 / p99 (ms, post to last subscriber) | $(field "$WORK/hub.json" p50Ms) / $(field "$WORK/hub.json" p99Ms) | $(field "$WORK/baseline.json" p50Ms) / $(field "$WORK/baseline.json" p99Ms) |
| | memory growth (MB, peak RSS less before) | $HUB_GROWTH_MB | $BASE_GROWTH_MB |
| delayed messages, $DELAYED at one time | lateness p50 / p99 (ms, histogram bucket) | $LATE_P50 / $LATE_P99 | |
| channel list, $CHANNELS channels | database commands per list | $BATCHED_COMMANDS (batched) | $NAIVE_COMMANDS (per channel) |
| | median time per list (ms) | $BATCHED_MS | $NAIVE_MS |
TABLE

[ "$(field "$WORK/hub.json" incomplete)" = 0 ] || die "some posts did not reach every subscriber"
[ "$(field "$WORK/hub.json" connected)" = "$SUBSCRIBERS" ] || die "not every subscriber connected to the host"
log "done"
