#!/usr/bin/env bash
# Benchmarks inbound email webhooks (issue 12) in one run, on the embedded default (SQLite), each mode on a fresh host:
#   (a) Direct, the seed's "before": rules read from the database and every phase-2 write done before the answer, then
#   (b) Batched: rules from the cache, the answer stored and given, phase 2 written in batches after it.
# Each run has one worker whose tenant has BENCH_RULES rules (filters, and one watch rule in ten) that no email
# matches (so every webhook evaluates all of them), and posts signed webhooks at a fixed arrival rate over many
# connections (the open model). Latency is the worker's: request to answer. Statements per webhook are the module's own
# count (messaging_emailqueue_inbound_statements, phase 1, rule loads and phase 2) after phase 2 has drained, divided
# by the webhooks answered. It prints a markdown table and, unless --smoke, writes it into docs/benchmarks.md.
#
# Usage (from anywhere; paths are taken relative to the repository):
#   etc/scripts/bench-webhook.sh            full run
#   etc/scripts/bench-webhook.sh --smoke    tiny run for CI: fails if a run answered nothing or phase 2 lost a count
#
# Environment (full run only): BENCH_RATE (2000 webhooks/s), BENCH_CONNECTIONS (1000), BENCH_DURATION (20s),
# BENCH_WARMUP (5s), BENCH_RULES (1000), BENCH_TIMEOUT (30s), BENCH_KEEP=1 keeps the temp folder with logs and databases,
# BENCH_NOTE="..." adds a sentence about the conditions.
set -euo pipefail

BENCH_NAME=bench-webhook
# shellcheck source=bench-common.sh
source "$(dirname "$0")/bench-common.sh"
bench_parse_args "$@"

if $SMOKE; then
    RATE=50 CONNECTIONS=16 DURATION=2s WARMUP=1s RULES=20
else
    RATE="${BENCH_RATE:-2000}"
    CONNECTIONS="${BENCH_CONNECTIONS:-1000}"
    DURATION="${BENCH_DURATION:-20s}"
    WARMUP="${BENCH_WARMUP:-5s}"
    RULES="${BENCH_RULES:-1000}"
fi
TIMEOUT="${BENCH_TIMEOUT:-30s}"
API_KEY="$(bench_key)"
ADMIN_KEY="$(bench_key)"
READY_TIMEOUT_SECONDS=90
STOP_TIMEOUT_SECONDS=60

require_tools
bench_build
bench_work_dir

# Creates the worker and RULES rules for the demo tenant; prints "<worker id> <secret>".
prepare_tenant() {
    local url="$1"
    python3 - "$url" "$API_KEY" "$RULES" <<'PY'
import json, sys, urllib.request

url, key, rules = sys.argv[1], sys.argv[2], int(sys.argv[3])


def post(path, body):
    request = urllib.request.Request(url + path, data=json.dumps(body).encode(), method="POST",
                                     headers={"X-Api-Key": key, "Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.load(response)


worker = post("/api/app/email-inbound-worker", {"name": "bench", "defaultAction": "Forward"})
kinds = ["Exact", "Contains", "Glob", "Regex"]
for i in range(rules):
    kind = kinds[i % 4]
    pattern = {"Exact": f"nobody{i}@nowhere.example", "Contains": f"never-{i}-seen", "Glob": f"*@unused{i}.example",
               "Regex": f"^no-subject-{i}-[0-9]+$"}[kind]
    field = "Sender" if kind in ("Exact", "Glob") else "Subject"
    rule = {"name": f"rule {i}", "field": field, "matchType": kind, "pattern": pattern, "action": "Delete", "order": i}
    if i % 10 == 9:
        rule["kind"] = "Watch"
    post("/api/app/email-rule", rule)
print(worker["worker"]["id"], worker["secret"])
PY
}

# Reads the module's statement counters and the phase-2 queue from the host; prints JSON.
read_counters() {
    local url="$1"
    python3 - "$url" "$ADMIN_KEY" <<'PY'
import json, re, sys, urllib.request

url, admin = sys.argv[1], sys.argv[2]
metrics = urllib.request.urlopen(url + "/metrics", timeout=10).read().decode()
statements = {}
for match in re.finditer(r'^messaging_emailqueue_inbound_statements\{([^}]*)\} ([0-9.e+]+)', metrics, re.M):
    phase = re.search(r'phase="([^"]+)"', match.group(1)).group(1)
    statements[phase] = statements.get(phase, 0) + float(match.group(2))
answered = sum(float(m.group(1)) for m in re.finditer(r'^messaging_emailqueue_inbound_answered\{[^}]*\} ([0-9.e+]+)', metrics, re.M))
request = urllib.request.Request(url + "/api/app/email-webhook/async-queue/status", headers={"X-Api-Key": admin})
status = json.load(urllib.request.urlopen(request, timeout=10))
print(json.dumps({"statements": statements, "answered": answered, "queue": status}))
PY
}

FAILED=()
RUNS=()
run_mode() {
    local mode="$1" dir="$WORK/$1" port url ok=true
    mkdir -p "$dir"
    port="$(free_port)"
    url="http://127.0.0.1:$port"
    log "== $mode: starting a fresh host on $url"
    (
        cd "$dir"
        ASPNETCORE_ENVIRONMENT=Bench \
        ConnectionStrings__Default="Data Source=$dir/messaging.db" \
        EmailQueue__Inbound__Phase2Mode="$mode" \
        Seed__DemoTenantApiKey="$API_KEY" \
        Seed__HostAdminApiKey="$ADMIN_KEY" \
        exec dotnet "$HOST_DLL" --urls "$url"
    ) >"$dir/host.log" 2>&1 &
    HOST_PID=$!
    wait_until_ready "$HOST_PID" "$url/health/ready" "$dir/host.log" || die "the $mode host did not become ready"
    raise_demo_tenant_limits "$url" || die "could not give the demo tenant its rate-limit override"
    log "creating a worker and $RULES rules"
    read -r worker secret < <(prepare_tenant "$url") || die "could not create the worker and its rules"
    load_sampling_start "$dir"
    log "open model: $RATE webhooks/s over $CONNECTIONS connections, $WARMUP warm-up + $DURATION"
    dotnet "$GEN_DLL" open --url "$url" --api-key unused --webhook-worker "$worker" --webhook-secret "$secret" \
        --rate "$RATE" --connections "$CONNECTIONS" --duration "$DURATION" --warmup "$WARMUP" --timeout "$TIMEOUT" \
        2>&1 | tee "$dir/generator.log" || ok=false
    load_sampling_stop
    grep '^RESULT ' "$dir/generator.log" | tail -n 1 | sed 's/^RESULT //' >"$dir/result.json" || true
    { $ok && [ -s "$dir/result.json" ]; } || FAILED+=("$mode: the load generator failed")
    local deadline=$((SECONDS + 60))
    until read_counters "$url" >"$dir/counters.json" && python3 -c 'import json,sys; q=json.load(open(sys.argv[1]))["queue"]; sys.exit(0 if q["queued"] == 0 and not q["processing"] else 1)' "$dir/counters.json"; do
        [ "$SECONDS" -lt "$deadline" ] || { FAILED+=("$mode: phase 2 did not drain within 60 s"); break; }
        sleep 0.5
    done
    stop_host
    python3 - "$dir/messaging.db" >"$dir/stored.json" <<'PY'
import json, sqlite3, sys
db = sqlite3.connect(sys.argv[1])
emails, processed = db.execute('SELECT COUNT(*), COUNT("ProcessedAt") FROM "EmlInboundEmails"').fetchone()
counted = db.execute('SELECT COALESCE(SUM("Forwarded" + "Deleted" + "Dropped" + "Tagged"), 0) FROM "EmlInboundStats"').fetchone()[0]
print(json.dumps({"emails": emails, "processed": processed, "counted": counted}))
PY
    RUNS+=("$mode")
}

run_mode Direct
run_mode Batched

COMMAND="etc/scripts/bench-webhook.sh"
$SMOKE && COMMAND="$COMMAND --smoke"
for var in BENCH_RULES BENCH_CONNECTIONS BENCH_RATE BENCH_WARMUP BENCH_DURATION; do
    if [ -n "${!var:-}" ]; then COMMAND="$var=\"${!var}\" $COMMAND"; fi
done
export BENCH_WORK="$WORK" BENCH_SMOKE="$SMOKE" BENCH_COMMAND="$COMMAND" BENCH_RUNS="${RUNS[*]}" \
    BENCH_NPROC="$(nproc)" BENCH_MEM_KB="$(awk '/^MemTotal:/ { print $2 }' /proc/meminfo)" BENCH_DOTNET="$(dotnet --version)" \
    BENCH_KERNEL="$(uname -sr)" BENCH_CPU="$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo 2>/dev/null || true)" \
    BENCH_FAILED="$(printf '%s\n' "${FAILED[@]+"${FAILED[@]}"}")" BENCH_P_RATE="$RATE" BENCH_P_CONNECTIONS="$CONNECTIONS" \
    BENCH_P_DURATION="$DURATION" BENCH_P_WARMUP="$WARMUP" BENCH_P_RULES="$RULES" \
    BENCH_DOC="$REPO_ROOT/docs/benchmarks.md" BENCH_SCRIPTS="$REPO_ROOT/etc/scripts"

python3 - <<'PY'
import datetime, json, os, sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.environ["BENCH_SCRIPTS"])
from bench_report import print_results, write_section  # noqa: E402

work = os.environ["BENCH_WORK"]
smoke = os.environ["BENCH_SMOKE"] == "true"
failed = [line for line in os.environ["BENCH_FAILED"].splitlines() if line.strip()]
notes = []


def load(mode, name):
    try:
        with open(os.path.join(work, mode, name)) as handle:
            return json.load(handle)
    except (OSError, ValueError):
        return None


def load_average(mode):
    try:
        with open(os.path.join(work, mode, "load-during")) as handle:
            samples = [float(line) for line in handle if line.strip()]
        return f"{max(samples):.1f}" if samples else "n/a"
    except OSError:
        return "n/a"


header = ("| mode | webhooks/s offered | answered/s | p50 | p90 | p99 | p99.9 | max | statements per webhook "
          "| sent / answered / 429 / 503 / other / errors | stored / counted by phase 2 | peak load |")
lines = [header, "|" + "---|" * 12]
per_webhook = {}
p99 = {}
for mode in os.environ["BENCH_RUNS"].split():
    r, counters, stored = load(mode, "result.json"), load(mode, "counters.json"), load(mode, "stored.json")
    if r is None or counters is None or stored is None:
        lines.append(f"| {mode} |" + " n/a |" * 11)
        failed.append(f"{mode}: no result")
        continue
    answered = counters["answered"]
    statements = sum(counters["statements"].values())
    per_webhook[mode] = statements / answered if answered else float("nan")
    p99[mode] = r["p99Ms"]
    if r["wholeRun"]["messagesAccepted"] == 0:
        failed.append(f"{mode}: no webhook was answered")
    if stored["counted"] != stored["emails"] or stored["processed"] != stored["emails"]:
        failed.append(f"{mode}: {stored['emails']} emails stored, {stored['processed']} processed, {stored['counted']} counted")
    lines.append(
        f"| {mode} | {float(os.environ['BENCH_P_RATE']):,.0f} | {r['acceptedPerSecond']:,.0f} "
        f"| {r['p50Ms']:,.2f} ms | {r['p90Ms']:,.2f} ms | {r['p99Ms']:,.2f} ms | {r['p999Ms']:,.2f} ms | {r['maxMs']:,.1f} ms "
        f"| {per_webhook[mode]:.3f} ({', '.join(f'{k} {v:,.0f}' for k, v in sorted(counters['statements'].items()))}) "
        f"| {r['sent']:,} / {r['accepted202']:,} / {r['rejected429']:,} / {r['unavailable503']:,} / {r['otherStatus']:,} / {r['errors']:,} "
        f"| {stored['emails']:,} / {stored['counted']:,} | {load_average(mode)} |")
table = "\n".join(lines)
summary = []
if "Direct" in per_webhook and "Batched" in per_webhook and per_webhook["Batched"] > 0:
    summary.append(f"Statements per webhook: {per_webhook['Direct'] / per_webhook['Batched']:.1f}x fewer batched than direct "
                   f"(target: at least 10x). Phase-1 p99 batched: {p99['Batched']:.2f} ms (target: under 5 ms at 2,000 webhooks/s).")
print_results([table] + summary, notes, failed)

if not smoke and not failed:
    mem_gib = int(os.environ["BENCH_MEM_KB"]) / 1024 / 1024
    now = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    section = [
        "<!-- bench-webhook:begin (generated by etc/scripts/bench-webhook.sh; edits inside are replaced) -->",
        "## Inbound email webhooks: batched phase 2 against the synchronous \"before\" (SQLite)",
        "",
        f"Measured {now} with:",
        "",
        "```bash",
        os.environ["BENCH_COMMAND"],
        "```",
        "",
        f"Machine: {os.environ['BENCH_NPROC']} cores ({os.environ['BENCH_CPU'] or 'unknown CPU'}), {mem_gib:.1f} GiB memory, "
        f"{os.environ['BENCH_KERNEL']}, .NET SDK {os.environ['BENCH_DOTNET']}; the load generator shares the cores with the host.",
        "",
        f"Parameters: a fresh host per mode on a fresh SQLite file, one worker with {int(os.environ['BENCH_P_RULES']):,} rules "
        f"that no email matches; the open model at {os.environ['BENCH_P_RATE']} signed webhooks/s over "
        f"{os.environ['BENCH_P_CONNECTIONS']} connections, {os.environ['BENCH_P_WARMUP']} warm-up + {os.environ['BENCH_P_DURATION']} "
        "measured. Latency is request to answer as the worker sees it; statements are the module's own count after phase 2 "
        "drained, divided by the webhooks answered (warm-up included); stored / counted checks that phase 2 counted every "
        "stored email once.",
        "",
        table,
    ] + ([""] + summary if summary else [])
    if os.environ.get("BENCH_NOTE"):
        section += ["", "Conditions: " + os.environ["BENCH_NOTE"].strip()]
    section.append("<!-- bench-webhook:end -->")
    write_section(os.environ["BENCH_DOC"], r"<!-- bench-webhook:begin .*?<!-- bench-webhook:end -->\n?", "\n".join(section) + "\n")

sys.exit(1 if failed else 0)
PY
