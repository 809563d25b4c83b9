#!/usr/bin/env bash
# Benchmarks outbound email (issue 11) in one run, every mode sending COUNT welcome emails to its own Postfix smtp-sink:
#   (a) pooled: the platform (embedded default, SQLite) with its SMTP connections reused, the default;
#   (b) naive: the same with EmailQueue:SmtpConnectionIdleTime=0, a connection per email;
#   (c) bullmq: the peer, BullMQ with nodemailer's pooled transport, on a Redis of its own with the append-only file
#       (appendfsync everysec, BullMQ's advice for production).
# One publisher (etc/bench/email/publish.mjs, the same code for every mode) publishes COUNT events over CONCURRENCY
# callers and times each from call to acknowledgement (the platform answers 202 once the event is committed; BullMQ's
# add resolves once Redis has the job). End to end is the first publish to the last mail the sink accepted; both sides
# send with the same concurrency (the platform's EmailQueue:MaxConcurrentSends, the worker's concurrency).
# It prints a markdown table and, unless --smoke, writes it into docs/benchmarks.md.
#
# Usage (from anywhere; paths are taken relative to the repository):
#   etc/scripts/bench-email.sh            full run
#   etc/scripts/bench-email.sh --smoke    tiny run for CI: fails if a mode lost or duplicated an email
#
# Environment (full run only): BENCH_COUNT (2000 emails per mode), BENCH_CONCURRENCY (64 publishers), BENCH_SENDS
# (8 concurrent sends), BENCH_KEEP=1 keeps the temp folder with logs and databases, BENCH_NOTE="..." adds a sentence
# about the conditions.
set -euo pipefail

BENCH_NAME=bench-email
# shellcheck source=bench-common.sh
source "$(dirname "$0")/bench-common.sh"
bench_parse_args "$@"

if $SMOKE; then
    COUNT=40 CONCURRENCY=4 SENDS=4
else
    COUNT="${BENCH_COUNT:-2000}"
    CONCURRENCY="${BENCH_CONCURRENCY:-64}"
    SENDS="${BENCH_SENDS:-8}"
fi
API_KEY="$(bench_key)"
ADMIN_KEY="$(bench_key)"
READY_TIMEOUT_SECONDS=90
STOP_TIMEOUT_SECONDS=60
DRAIN_TIMEOUT_SECONDS=$((60 + COUNT / 20))
PEER="$REPO_ROOT/etc/bench/email"

require_tools
command -v node >/dev/null && command -v npm >/dev/null || die "Node.js and npm are required for the BullMQ peer"
"$REPO_ROOT/etc/scripts/install-debian-packages.sh" redis-server || die "redis-server is required for the BullMQ peer"
"$REPO_ROOT/etc/scripts/install-smtp-sink.sh" || die "Postfix's smtp-sink is required as the mail server"
bench_build
bench_work_dir
log "installing the peer's npm packages (npm ci)"
(cd "$PEER" && npm ci --no-audit --no-fund --loglevel=error >&2) || die "npm ci failed in etc/bench/email"

# Starts an smtp-sink that keeps each mail as a file in DIR/mail; sets SINK_PORT.
start_sink() {
    local dir="$1" as_user=()
    mkdir -p "$dir/mail"
    # Started as root, smtp-sink writes as nobody: it must reach the folder through the run's private temp folder.
    chmod o+x "$WORK" "$dir"
    chmod 777 "$dir/mail"
    [ "$(id -u)" -eq 0 ] && as_user=(-u nobody)
    SINK_PORT="$(free_port)"
    /usr/sbin/smtp-sink "${as_user[@]}" -d "$dir/mail/%Y%m%d%H%M%S." "127.0.0.1:$SINK_PORT" 1024 >"$dir/sink.log" 2>&1 &
    BENCH_OTHER_PIDS+=($!)
    local deadline=$((SECONDS + 10))
    until (exec 3<>"/dev/tcp/127.0.0.1/$SINK_PORT") 2>/dev/null; do
        [ "$SECONDS" -lt "$deadline" ] || die "smtp-sink did not listen on $SINK_PORT"
        sleep 0.1
    done
}

# Waits until the sink holds COUNT mails (or the drain timeout passes); writes DIR/sink.json with the count, the
# last mail's time and how many distinct Message-IDs there were.
await_mail() {
    local dir="$1" deadline=$((SECONDS + DRAIN_TIMEOUT_SECONDS))
    while [ "$(find "$dir/mail" -type f | wc -l)" -lt "$COUNT" ] && [ "$SECONDS" -lt "$deadline" ]; do sleep 0.2; done
    sleep 0.5
    python3 - "$dir/mail" >"$dir/sink.json" <<'PY'
import json, os, re, sys
folder = sys.argv[1]
last, ids = 0.0, set()
files = [os.path.join(folder, name) for name in os.listdir(folder)]
for path in files:
    last = max(last, os.stat(path).st_mtime)
    with open(path, errors="replace") as mail:
        found = re.search(r"^Message-I[Dd]: *(\S+)", mail.read(), re.M)
        ids.add(found.group(1) if found else path)
print(json.dumps({"mails": len(files), "distinct": len(ids), "lastMailAtMs": last * 1000}))
PY
}

publish() {
    local dir="$1"; shift
    node "$PEER/publish.mjs" "$@" "$COUNT" "$CONCURRENCY" 2>&1 | tee "$dir/publisher.log" | grep -v '^RESULT ' >&2 || true
    grep '^RESULT ' "$dir/publisher.log" | tail -n 1 | sed 's/^RESULT //' >"$dir/result.json"
}

FAILED=()
RUNS=()
run_platform() {
    local mode="$1" idle="$2" dir="$WORK/$1" port url
    mkdir -p "$dir"
    start_sink "$dir"
    port="$(free_port)"
    url="http://127.0.0.1:$port"
    log "== $mode: starting a fresh host on $url (SmtpConnectionIdleTime $idle)"
    (
        cd "$dir"
        ASPNETCORE_ENVIRONMENT=Bench \
        ConnectionStrings__Default="Data Source=$dir/messaging.db" \
        Delivery__AllowPrivateNetworks=true \
        EmailQueue__SmtpConnectionIdleTime="$idle" \
        EmailQueue__MaxConcurrentSends="$SENDS" \
        Seed__DemoTenantApiKey="$API_KEY" \
        Seed__HostAdminApiKey="$ADMIN_KEY" \
        exec dotnet "$HOST_DLL" --urls "$url"
    ) >"$dir/host.log" 2>&1 &
    HOST_PID=$!
    wait_until_ready "$HOST_PID" "$url/health/ready" "$dir/host.log" || die "the $mode host did not become ready"
    raise_demo_tenant_limits "$url" || die "could not give the demo tenant its rate-limit override"
    curl -fsS --max-time 10 -o /dev/null -X PUT -H "X-Api-Key: $API_KEY" -H "Content-Type: application/json" \
        -d "{\"host\": \"127.0.0.1\", \"port\": $SINK_PORT, \"tlsMode\": \"None\", \"from\": \"shop@example.com\"}" \
        "$url/api/app/email-smtp-settings" || die "could not point the demo tenant at the sink"
    load_sampling_start "$dir"
    log "publishing $COUNT emails over $CONCURRENCY callers"
    publish "$dir" http "$url" "$API_KEY"
    await_mail "$dir"
    load_sampling_stop
    stop_host
    RUNS+=("$mode")
}

run_peer() {
    local dir="$WORK/bullmq" redis_port queue="bench-email-$RANDOM" worker_pid
    mkdir -p "$dir/redis"
    start_sink "$dir"
    redis_port="$(free_port)"
    log "== bullmq: Redis with the append-only file on $redis_port, a worker with $SENDS concurrent sends"
    redis-server --port "$redis_port" --bind 127.0.0.1 --dir "$dir/redis" --appendonly yes --appendfsync everysec \
        --save "" >"$dir/redis.log" 2>&1 &
    BENCH_OTHER_PIDS+=($!)
    local deadline=$((SECONDS + 10))
    until (exec 3<>"/dev/tcp/127.0.0.1/$redis_port") 2>/dev/null; do
        [ "$SECONDS" -lt "$deadline" ] || die "redis-server did not listen on $redis_port"
        sleep 0.1
    done
    node "$PEER/worker.mjs" "$redis_port" "$queue" "$SINK_PORT" "$SENDS" >"$dir/worker.log" 2>&1 &
    worker_pid=$!
    BENCH_OTHER_PIDS+=("$worker_pid")
    deadline=$((SECONDS + 30))
    until grep -q READY "$dir/worker.log"; do
        kill -0 "$worker_pid" 2>/dev/null && [ "$SECONDS" -lt "$deadline" ] || { cat "$dir/worker.log" >&2; die "the BullMQ worker did not start"; }
        sleep 0.1
    done
    load_sampling_start "$dir"
    log "publishing $COUNT emails over $CONCURRENCY callers"
    publish "$dir" bullmq "$redis_port" "$queue"
    await_mail "$dir"
    load_sampling_stop
    kill -TERM "$worker_pid" 2>/dev/null || true
    RUNS+=("bullmq")
}

run_platform pooled 00:00:30
run_platform naive 00:00:00
run_peer

COMMAND="etc/scripts/bench-email.sh"
$SMOKE && COMMAND="$COMMAND --smoke"
for var in BENCH_COUNT BENCH_CONCURRENCY BENCH_SENDS; do
    if [ -n "${!var:-}" ]; then COMMAND="$var=\"${!var}\" $COMMAND"; fi
done
export BENCH_WORK="$WORK" BENCH_SMOKE="$SMOKE" BENCH_COMMAND="$COMMAND" BENCH_RUNS="${RUNS[*]}" \
    BENCH_NPROC="$(nproc)" BENCH_MEM_KB="$(awk '/^MemTotal:/ { print $2 }' /proc/meminfo)" BENCH_DOTNET="$(dotnet --version)" \
    BENCH_NODE="$(node --version)" BENCH_KERNEL="$(uname -sr)" \
    BENCH_CPU="$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo 2>/dev/null || true)" \
    BENCH_FAILED="$(printf '%s\n' "${FAILED[@]+"${FAILED[@]}"}")" BENCH_P_COUNT="$COUNT" BENCH_P_CONCURRENCY="$CONCURRENCY" \
    BENCH_P_SENDS="$SENDS" BENCH_DOC="$REPO_ROOT/docs/benchmarks.md" BENCH_SCRIPTS="$REPO_ROOT/etc/scripts"

python3 - <<'PY'
import datetime, json, os, sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.environ["BENCH_SCRIPTS"])
from bench_report import print_results, write_section  # noqa: E402

work = os.environ["BENCH_WORK"]
smoke = os.environ["BENCH_SMOKE"] == "true"
count = int(os.environ["BENCH_P_COUNT"])
failed = [line for line in os.environ["BENCH_FAILED"].splitlines() if line.strip()]
notes = []


def load(mode, name):
    try:
        with open(os.path.join(work, mode, name)) as handle:
            return json.load(handle)
    except (OSError, ValueError):
        return None


def load_figures(mode):
    try:
        with open(os.path.join(work, mode, "load-before")) as handle:
            before = handle.read().strip()
        with open(os.path.join(work, mode, "load-during")) as handle:
            samples = [float(line) for line in handle if line.strip()]
        return f"{before} / {max(samples):.1f}" if samples else f"{before} / n/a"
    except OSError:
        return "n/a"


rate = {}
rows = []
for mode in os.environ["BENCH_RUNS"].split():
    r, sink = load(mode, "result.json"), load(mode, "sink.json")
    if r is None or sink is None:
        failed.append(f"{mode}: no result")
        continue
    if r["errors"] or r["count"] != count:
        failed.append(f"{mode}: {r['count']} of {count} publishes acknowledged, {r['errors']} failed")
    if sink["mails"] != count or sink["distinct"] != count:
        failed.append(f"{mode}: the sink got {sink['mails']} mails ({sink['distinct']} distinct) of {count}")
    seconds = (sink["lastMailAtMs"] - r["startedAtMs"]) / 1000
    rate[mode] = sink["distinct"] / seconds if seconds > 0 else float("nan")
    published = count / ((r["finishedAtMs"] - r["startedAtMs"]) / 1000)
    rows.append((mode, r, sink, seconds, published))

peer = rate.get("bullmq")
lines = ["| mode | emails | publish p50 | publish p99 | publish max | published/s | end to end | sent/s | vs BullMQ "
         "| mails / distinct | load before / peak |", "|" + "---|" * 11]
for mode, r, sink, seconds, published in rows:
    ratio = f"{rate[mode] / peer:.2f}x" if peer else "n/a"
    lines.append(f"| {mode} | {count:,} | {r['p50Ms']:.2f} ms | {r['p99Ms']:.2f} ms | {r['maxMs']:.1f} ms | {published:,.0f} "
                 f"| {seconds:.2f} s | {rate[mode]:,.0f} | {ratio} | {sink['mails']:,} / {sink['distinct']:,} | {load_figures(mode)} |")
table = "\n".join(lines)
summary = []
if peer and "pooled" in rate:
    summary.append(f"Pooled sends {rate['pooled']:,.0f} emails/s end to end, {rate['pooled'] / peer:.2f}x BullMQ + nodemailer "
                   f"({peer:,.0f}/s; target: at least 1.0x); connection reuse is {rate['pooled'] / rate['naive']:.2f}x a connection per "
                   "email." if "naive" in rate else "")
print_results([table] + [s for s in summary if s], notes, failed)

if not smoke and not failed:
    mem_gib = int(os.environ["BENCH_MEM_KB"]) / 1024 / 1024
    now = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    section = [
        "<!-- bench-email:begin (generated by etc/scripts/bench-email.sh; edits inside are replaced) -->",
        "## Outbound email: publish to the mail server, against BullMQ + nodemailer (SQLite)",
        "",
        f"Measured {now} with:",
        "",
        "```bash",
        os.environ["BENCH_COMMAND"],
        "```",
        "",
        f"Machine: {os.environ['BENCH_NPROC']} cores ({os.environ['BENCH_CPU'] or 'unknown CPU'}), {mem_gib:.1f} GiB memory, "
        f"{os.environ['BENCH_KERNEL']}, .NET SDK {os.environ['BENCH_DOTNET']}, Node.js {os.environ['BENCH_NODE']}; the publisher, "
        "the mail server and the peer share the cores with the host.",
        "",
        f"Parameters: {count:,} welcome emails per mode from {os.environ['BENCH_P_CONCURRENCY']} concurrent publishers (one "
        f"Node.js publisher for every mode), {os.environ['BENCH_P_SENDS']} concurrent sends on either side, each mode with a "
        "Postfix smtp-sink of its own that keeps every mail as a file. The platform: a fresh host on a fresh SQLite file, "
        "its publish answered once the event is committed, the email rendered from the default Fluid template. BullMQ: "
        "its own Redis with the append-only file synced every second (so an acknowledged job can still be lost in the "
        "last second before a crash, where the platform's cannot), nodemailer's pooled transport, a mail of the same "
        "shape. End to end is first publish to the last mail's file; mails / distinct counts the files and their "
        "Message-IDs (a lost or doubled email fails the run).",
        "",
        table,
    ] + ([""] + [s for s in summary if s] if summary else [])
    if os.environ.get("BENCH_NOTE"):
        section += ["", "Conditions: " + os.environ["BENCH_NOTE"].strip()]
    section.append("<!-- bench-email:end -->")
    write_section(os.environ["BENCH_DOC"], r"<!-- bench-email:begin .*?<!-- bench-email:end -->\n?", "\n".join(section) + "\n")

sys.exit(1 if failed else 0)
PY
