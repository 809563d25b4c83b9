#!/usr/bin/env bash
# Benchmarks delivery end to end: from acceptance (202) to Sent at a provider, against the provider emulator.
#
# In one run it starts the provider emulator, then
#   (a) the baseline: a fresh host --role api on a fresh SQLite file, the closed model for the duration: acceptance only;
#   (b) end to end: a fresh host --role all (API and dispatcher in one process) on a fresh SQLite file, the demo tenant's
#       SMS channel pointed at the emulator, the same closed model for the same duration, then a bounded wait until
#       every accepted message is Sent. Throughput and dispatch latency (Sent - AcceptedAt) are computed from the
#       host's own status history in the SQLite file; the emulator's counters check that no message was taken twice.
# It prints a markdown table and, unless --smoke, writes it into docs/benchmarks.md.
#
# Usage (from anywhere; paths are taken relative to the repository):
#   etc/scripts/bench-delivery.sh            full run
#   etc/scripts/bench-delivery.sh --smoke    tiny run for CI: fails if no message reached Sent or one was taken twice
#
# Environment (full run only): BENCH_DURATION (20s), BENCH_WARMUP (5s), BENCH_CONCURRENCY (128),
# BENCH_TIMEOUT (30s, per request), BENCH_DRAIN_TIMEOUT (120, seconds to wait for every message to be Sent),
# BENCH_DISPATCH_BATCH / BENCH_DISPATCH_CONCURRENCY (the host's HighThroughput:Dispatch:BatchSize / MaxConcurrentSends,
# the latter also as MaxConcurrentSendsPerTenantProvider; the host's defaults when unset), BENCH_KEEP=1 keeps the temp folder with logs and databases,
# BENCH_NOTE="..." adds a sentence about the conditions of this run (e.g. other work on the machine) to the docs.
set -euo pipefail

BENCH_NAME=bench-delivery
# shellcheck source=bench-common.sh
source "$(dirname "$0")/bench-common.sh"
bench_parse_args "$@"

if $SMOKE; then
    DURATION=2s WARMUP=1s CONCURRENCY=8 DRAIN_TIMEOUT=60
else
    DURATION="${BENCH_DURATION:-20s}"
    WARMUP="${BENCH_WARMUP:-5s}"
    CONCURRENCY="${BENCH_CONCURRENCY:-128}"
    DRAIN_TIMEOUT="${BENCH_DRAIN_TIMEOUT:-120}"
fi
TIMEOUT="${BENCH_TIMEOUT:-30s}"
API_KEY="$(bench_key)"
ADMIN_KEY="$(bench_key)"
SMS_SID="ACbenchdelivery0000000000000000000"
SMS_TOKEN="bench-emulator-token-not-a-secret"
READY_TIMEOUT_SECONDS=90
STOP_TIMEOUT_SECONDS=60


require_tools
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)" 2>/dev/null || true

# --- build -----------------------------------------------------------------------------------------------------
EMU_DLL="$REPO_ROOT/test/Messaging.ProviderEmulator/bin/Release/net10.0/Messaging.ProviderEmulator.dll"
bench_build test/Messaging.ProviderEmulator
[ -f "$EMU_DLL" ] || die "provider emulator not built: $EMU_DLL missing"

# --- temp data and cleanup -------------------------------------------------------------------------------------
bench_work_dir

# --- the provider emulator ---------------------------------------------------------------------------------------
EMU_PORT="$(free_port)"
EMU_URL="http://127.0.0.1:$EMU_PORT"
dotnet "$EMU_DLL" --port "$EMU_PORT" --SmsAccountSid "$SMS_SID" --SmsAuthToken "$SMS_TOKEN" >"$WORK/emulator.log" 2>&1 &
EMU_PID=$!
BENCH_OTHER_PIDS=("$EMU_PID")
wait_until_ready "$EMU_PID" "$EMU_URL/_emulator/stats" "$WORK/emulator.log" || die "the provider emulator did not start"
log "provider emulator listening on $EMU_URL"

# --- hosts -----------------------------------------------------------------------------------------------------
start_host() {
    local role="$1" dir="$2" port="$3"
    local dispatch=()
    [ -n "${BENCH_DISPATCH_BATCH:-}" ] && dispatch+=("HighThroughput__Dispatch__BatchSize=$BENCH_DISPATCH_BATCH")
    # One tenant sends everything here: its share of the send slots is all of them.
    [ -n "${BENCH_DISPATCH_CONCURRENCY:-}" ] && dispatch+=("HighThroughput__Dispatch__MaxConcurrentSends=$BENCH_DISPATCH_CONCURRENCY"
        "HighThroughput__Dispatch__MaxConcurrentSendsPerTenantProvider=$BENCH_DISPATCH_CONCURRENCY")
    (
        cd "$dir"
        export "ConnectionStrings__Default=Data Source=$dir/messaging.db"
        for setting in "${dispatch[@]+"${dispatch[@]}"}"; do export "$setting"; done
        # No fallback provider: a message the emulator did not take cannot be counted as Sent by the sandbox.
        ASPNETCORE_ENVIRONMENT=Bench \
        Seed__DemoTenant=true \
        Seed__DemoTenantApiKey="$API_KEY" \
        Seed__HostAdminApiKey="$ADMIN_KEY" \
        Delivery__AllowPrivateNetworks=true \
        Delivery__FallbackProvider= \
        exec dotnet "$HOST_DLL" --urls "http://127.0.0.1:$port" --role "$role"
    ) >"$dir/host.log" 2>&1 &
    HOST_PID=$!
    wait_until_ready "$HOST_PID" "http://127.0.0.1:$port/health/ready" "$dir/host.log" || return 1
    curl -fsS -o /dev/null --max-time 10 "http://127.0.0.1:$port/metrics" || true
    if ! raise_demo_tenant_limits "http://127.0.0.1:$port"; then
        log "could not give the demo tenant its rate-limit override"
        return 1
    fi
}

point_sms_at_emulator() {
    local url="$1"
    curl -fsS --max-time 10 -o /dev/null -X PUT -H "X-Api-Key: $API_KEY" -H "Content-Type: application/json" \
        -d "{\"provider\":\"sms\",\"baseUrl\":\"$EMU_URL/\",\"senderId\":\"+14155550100\",\"credential\":\"$SMS_SID:$SMS_TOKEN\"}" \
        "$url/api/app/message-provider/configurations/Sms"
}

run_closed_model() {
    local dir="$1" url="$2" status=0
    log "closed model, $CONCURRENCY workers, $WARMUP warm-up + $DURATION"
    dotnet "$GEN_DLL" closed --url "$url" --api-key "$API_KEY" --concurrency "$CONCURRENCY" \
        --duration "$DURATION" --warmup "$WARMUP" --timeout "$TIMEOUT" 2>&1 | tee "$dir/closed.log" || status=$?
    grep '^RESULT ' "$dir/closed.log" | tail -n 1 | sed 's/^RESULT //' >"$dir/closed.json" || true
    if [ "$status" -ne 0 ] || [ ! -s "$dir/closed.json" ]; then
        log "the load generator failed (exit $status)"
        return 1
    fi
}

# Prints "<done> <pending>": messages Sent (or later) and messages not yet in a final state.
delivery_progress() {
    python3 - "$1" <<'PY'
import sqlite3, sys
db = sqlite3.connect(f"file:{sys.argv[1]}?mode=ro", uri=True, timeout=10)
done, pending = db.execute("""SELECT COALESCE(SUM("Status" IN ('Sent', 'Delivered')), 0),
                                     COALESCE(SUM("Status" IN ('Accepted', 'Queued', 'Sending')), 0) FROM "MsgMessages" """).fetchone()
print(done, pending)
PY
}

FAILED=()

# --- (a) baseline: acceptance only -------------------------------------------------------------------------------
dir="$WORK/acceptance"
mkdir -p "$dir"
port="$(free_port)"
log "== acceptance only: a fresh host --role api on 127.0.0.1:$port"
if start_host api "$dir" "$port"; then
    run_closed_model "$dir" "http://127.0.0.1:$port" || FAILED+=("acceptance only: the load generator failed")
    stop_host
else
    FAILED+=("acceptance only: the host did not become ready")
    HOST_PID=""
fi

# --- (b) end to end ------------------------------------------------------------------------------------------------
dir="$WORK/e2e"
mkdir -p "$dir"
port="$(free_port)"
url="http://127.0.0.1:$port"
log "== end to end: a fresh host --role all on 127.0.0.1:$port, SMS to the emulator"
DRAIN_SECONDS=null
if start_host all "$dir" "$port" && point_sms_at_emulator "$url"; then
    if run_closed_model "$dir" "$url"; then
        answered="$(python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["wholeRun"]["accepted202"])' "$dir/closed.json")"
        log "waiting up to ${DRAIN_TIMEOUT}s until every message is Sent ($answered answered 202)"
        drain_start=$SECONDS
        while :; do
            read -r sent_count pending < <(delivery_progress "$dir/messaging.db")
            if [ "$pending" -eq 0 ] && [ "$sent_count" -ge "$answered" ]; then break; fi
            if [ $((SECONDS - drain_start)) -ge "$DRAIN_TIMEOUT" ]; then
                log "gave up waiting: $sent_count Sent, $pending not yet final"
                break
            fi
            sleep 1
        done
        DRAIN_SECONDS=$((SECONDS - drain_start))
        log "$sent_count Sent, $pending pending, after ${DRAIN_SECONDS}s of waiting"
    else
        FAILED+=("end to end: the load generator failed")
    fi
    curl -fsS --max-time 10 "$EMU_URL/_emulator/stats" >"$dir/emulator-stats.json" || FAILED+=("end to end: could not read the emulator's stats")
    stop_host
else
    FAILED+=("end to end: the host did not become ready or did not accept the SMS provider configuration")
    [ -n "$HOST_PID" ] && kill -KILL "$HOST_PID" 2>/dev/null || true
    HOST_PID=""
fi
# Graceful first; a test tool holds nothing worth waiting long for.
kill -TERM "$EMU_PID" 2>/dev/null || true
for _ in $(seq 1 25); do kill -0 "$EMU_PID" 2>/dev/null || break; sleep 0.2; done
kill -KILL "$EMU_PID" 2>/dev/null || true
wait "$EMU_PID" 2>/dev/null || true
EMU_PID=""
BENCH_OTHER_PIDS=()

# --- report ----------------------------------------------------------------------------------------------------
COMMAND="etc/scripts/bench-delivery.sh"
$SMOKE && COMMAND="$COMMAND --smoke"
for var in BENCH_DISPATCH_CONCURRENCY BENCH_DISPATCH_BATCH BENCH_DRAIN_TIMEOUT BENCH_TIMEOUT BENCH_CONCURRENCY BENCH_WARMUP BENCH_DURATION; do
    if [ -n "${!var:-}" ]; then COMMAND="$var=${!var} $COMMAND"; fi
done
CPU_MODEL="$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo 2>/dev/null || true)"
export BENCH_WORK="$WORK" BENCH_SMOKE="$SMOKE" BENCH_COMMAND="$COMMAND" BENCH_DRAIN_SECONDS="$DRAIN_SECONDS" \
    BENCH_NPROC="$(nproc)" BENCH_MEM_KB="$(awk '/^MemTotal:/ { print $2 }' /proc/meminfo)" \
    BENCH_DOTNET="$(dotnet --version)" BENCH_KERNEL="$(uname -sr)" BENCH_CPU="$CPU_MODEL" \
    BENCH_FAILED="$(printf '%s\n' "${FAILED[@]+"${FAILED[@]}"}")" \
    BENCH_P_CONCURRENCY="$CONCURRENCY" BENCH_P_DURATION="$DURATION" BENCH_P_WARMUP="$WARMUP" BENCH_P_DRAIN="$DRAIN_TIMEOUT" \
    BENCH_DOC="$REPO_ROOT/docs/benchmarks.md" BENCH_SCRIPTS="$REPO_ROOT/etc/scripts"

python3 - <<'PY'
import datetime, json, os, re, sqlite3, sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.environ["BENCH_SCRIPTS"])
from bench_report import print_results, write_section  # noqa: E402

work = os.environ["BENCH_WORK"]
smoke = os.environ["BENCH_SMOKE"] == "true"
failed = [line for line in os.environ["BENCH_FAILED"].splitlines() if line.strip()]
notes = []


def load(path):
    try:
        with open(os.path.join(work, path)) as handle:
            return json.load(handle)
    except (OSError, ValueError):
        return None


def parse_time(text):
    """EF Core stores DateTimeOffset in SQLite as text: 'yyyy-MM-dd HH:mm:ss.fffffff+00:00'."""
    text = text.replace(" ", "T", 1)
    match = re.match(r"^(.*T\d\d:\d\d:\d\d)(?:\.(\d+))?(.*)$", text)
    base, fraction, zone = match.group(1), (match.group(2) or "0"), match.group(3) or "+00:00"
    moment = datetime.datetime.fromisoformat(base + zone)
    return moment.timestamp() + float("0." + fraction)


def percentile(sorted_values, p):
    if not sorted_values:
        return None
    index = min(len(sorted_values) - 1, max(0, int(round(p / 100 * len(sorted_values) + 0.5)) - 1))
    return sorted_values[index]


baseline = load("acceptance/closed.json")
e2e = load("e2e/closed.json")
stats = load("e2e/emulator-stats.json")

delivery = None
db_path = os.path.join(work, "e2e", "messaging.db")
if os.path.exists(db_path):
    db = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    rows = db.execute("""
        SELECT m."AcceptedAt", MIN(c."OccurredAt")
        FROM "MsgMessages" m
        LEFT JOIN "MsgMessageStatusChanges" c ON c."MessageId" = m."Id" AND c."Status" = 'Sent'
        GROUP BY m."Id", m."AcceptedAt" """).fetchall()
    by_status = dict(db.execute('SELECT "Status", COUNT(*) FROM "MsgMessages" GROUP BY "Status"').fetchall())
    accepted_at = [parse_time(a) for a, _ in rows]
    sent = [(parse_time(a), parse_time(s)) for a, s in rows if s is not None]
    latencies = sorted((s - a) * 1000 for a, s in sent)
    sent_times = sorted(s for _, s in sent)
    delivery = {"rows": len(rows), "sent": len(sent), "byStatus": by_status}
    if sent:
        first_accepted, first_sent, last_sent = min(accepted_at), sent_times[0], sent_times[-1]
        delivery["e2eSpan"] = last_sent - first_accepted
        delivery["e2ePerSecond"] = len(sent) / delivery["e2eSpan"] if delivery["e2eSpan"] > 0 else None
        delivery["dispatchSpan"] = last_sent - first_sent
        delivery["dispatchPerSecond"] = (len(sent) - 1) / delivery["dispatchSpan"] if delivery["dispatchSpan"] > 0 else None
        delivery["acceptSpan"] = max(accepted_at) - first_accepted
        delivery["lagAfterLastAccept"] = last_sent - max(accepted_at)
        for p in (50, 90, 99):
            delivery[f"p{p}"] = percentile(latencies, p)
        delivery["max"] = latencies[-1]

# --- checks ------------------------------------------------------------------------------------------------------
answered = e2e["wholeRun"]["accepted202"] if e2e else None
if baseline and baseline["wholeRun"]["accepted202"] == 0:
    failed.append("acceptance only: no send was answered 202")
sms = (stats or {}).get("sms", {})
if delivery is None or delivery["sent"] == 0:
    failed.append("end to end: no message reached Sent")
else:
    if answered is not None and delivery["rows"] < answered:
        failed.append(f"end to end: {answered:,} sends were answered 202 but only {delivery['rows']:,} messages are stored")
    if answered is not None and delivery["sent"] < answered:
        failed.append(f"end to end: only {delivery['sent']:,} of {answered:,} accepted messages reached Sent within the wait")
    if delivery["rows"] > (answered or 0):
        notes.append(f"{delivery['rows'] - (answered or 0):,} more messages stored than 202s: sends the generator gave up on were still committed")
if stats is None:
    failed.append("end to end: the emulator's stats are missing")
elif delivery is not None:
    if sms.get("accepted", 0) != delivery["sent"]:
        failed.append(f"end to end: the emulator took {sms.get('accepted', 0):,} messages but {delivery['sent']:,} are Sent: "
                      "a message was taken twice, or one is Sent that the provider never took")
    if sms.get("duplicates", 0):
        notes.append(f"{sms['duplicates']:,} repeated provider calls were recognised by their idempotency key and not taken again")


def fmt(value, digits=0, suffix=""):
    return "n/a" if value is None else f"{value:,.{digits}f}{suffix}"


def ratio(a, b):
    return None if a is None or not b else a / b


d = delivery or {}
base_rate = baseline["acceptedPerSecond"] if baseline else None
e2e_rate = e2e["acceptedPerSecond"] if e2e else None
table = "\n".join([
    "| run | accepted msg/s (closed) | vs acceptance only | accept p50 / p99 | messages accepted (202) | Sent | end-to-end msg/s "
    "| sustained dispatch msg/s | dispatch latency p50 / p90 / p99 / max | provider took (emulator) |",
    "|" + "---|" * 10,
    "| acceptance only (`--role api`, baseline) | " + " | ".join([
        fmt(base_rate), "1.00x",
        f"{fmt(baseline['p50Ms'], 1)} / {fmt(baseline['p99Ms'], 1)} ms" if baseline else "n/a",
        fmt(baseline["wholeRun"]["accepted202"]) if baseline else "n/a",
        "-", "-", "-", "-", "-"]) + " |",
    "| end to end (`--role all`, SMS to the emulator) | " + " | ".join([
        fmt(e2e_rate), fmt(ratio(e2e_rate, base_rate), 2, "x"),
        f"{fmt(e2e['p50Ms'], 1)} / {fmt(e2e['p99Ms'], 1)} ms" if e2e else "n/a",
        fmt(answered),
        fmt(d.get("sent")),
        fmt(d.get("e2ePerSecond")),
        fmt(d.get("dispatchPerSecond")),
        " / ".join(fmt(d.get(k), 0) for k in ("p50", "p90", "p99", "max")) + " ms" if d.get("sent") else "n/a",
        f"{sms.get('accepted', 0):,} once each ({sms.get('requests', 0):,} calls)" if stats else "n/a",
    ]) + " |",
])
if d.get("sent"):
    notes.append(f"End to end: accepting took {d['acceptSpan']:.1f} s (warm-up included); the last message was Sent "
                 f"{d['lagAfterLastAccept']:.1f} s after the last was accepted; {d['e2eSpan']:.1f} s from the first acceptance "
                 f"to the last Sent. Final statuses: " + ", ".join(f"{k} {v:,}" for k, v in sorted(d["byStatus"].items())) + ".")

if d.get("dispatchPerSecond") and e2e_rate and e2e_rate > d["dispatchPerSecond"]:
    notes.append(f"The closed model accepted faster ({e2e_rate:,.0f} msg/s) than the dispatcher sends "
                 f"({d['dispatchPerSecond']:,.0f} msg/s), so a backlog grew for the whole run: the dispatch latency here is "
                 "mostly time waiting in that backlog (it grows with the run's length), not the cost of one dispatch. "
                 "The sustained dispatch rate is the capacity figure; below it, latency is the dispatcher's own.")

print_results([table], notes, failed)

if not smoke and not failed:
    mem_gib = int(os.environ["BENCH_MEM_KB"]) / 1024 / 1024
    now = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    section = [
        "<!-- bench-delivery:begin (generated by etc/scripts/bench-delivery.sh; edits inside are replaced) -->",
        "## Delivery end to end on Sqlite: acceptance to Sent at the provider emulator",
        "",
        f"Measured {now} with:",
        "",
        "```bash",
        os.environ["BENCH_COMMAND"],
        "```",
        "",
        f"Machine: {os.environ['BENCH_NPROC']} cores ({os.environ['BENCH_CPU'] or 'unknown CPU'}), {mem_gib:.1f} GiB memory, "
        f"{os.environ['BENCH_KERNEL']}, .NET SDK {os.environ['BENCH_DOTNET']}. The host, the load generator and the provider "
        "emulator all share these cores, on a virtual machine whose neighbours make the figures noisy: read the ratio and "
        "the percentiles, not the third digit.",
        "",
        f"Parameters: closed model, {os.environ['BENCH_P_CONCURRENCY']} workers, {os.environ['BENCH_P_WARMUP']} warm-up + "
        f"{os.environ['BENCH_P_DURATION']} measured, in both runs; then at most {os.environ['BENCH_P_DRAIN']} s of waiting "
        "for every accepted message to be Sent. Each run has a fresh host on a fresh SQLite file (GroupCommit ingestion), "
        "the demo tenant with a rate-limit override that never refuses, and no fallback provider. Accepted msg/s and "
        "accept p50/p99 are the generator's figures for the measured window. The rest comes from the host's own records "
        "in the SQLite file, counting every message (warm-up included): end-to-end msg/s is messages Sent divided by the "
        "time from the first acceptance to the last Sent; sustained dispatch msg/s is messages Sent divided by the time "
        "from the first Sent to the last; dispatch latency is each message's Sent time minus its acceptance time. "
        "Provider took is the emulator's count of first-time takes, which must equal the messages Sent.",
        "",
        table,
    ]
    if os.environ.get("BENCH_NOTE"):
        section += ["", "Conditions: " + os.environ["BENCH_NOTE"].strip()]
    if notes:
        section += ["", "Notes:", ""] + ["- " + note for note in notes]
    section.append("<!-- bench-delivery:end -->")
    block = "\n".join(section) + "\n"

    write_section(os.environ["BENCH_DOC"], r"<!-- bench-delivery:begin .*?<!-- bench-delivery:end -->\n?", block)

sys.exit(1 if failed else 0)
PY
