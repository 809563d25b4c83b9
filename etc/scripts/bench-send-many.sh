#!/usr/bin/env bash
# Benchmarks send-many against single sends, in one run on one host (GroupCommit ingestion, acceptance only):
#   (a) the closed model with single sends (C workers, send -> await -> send), the baseline, then
#   (b) the closed model with send-many batches of each size in BENCH_BATCHES (W workers each).
# Each figure is messages accepted per second; the ratio is against (a). Percentiles are per request (a whole batch is
# one request). The load average is read before and after, since the generator and the host share the machine.
# After the host drained and stopped, the rows stored must equal the messages the generator was told were accepted.
# It prints a markdown table and, unless --smoke, writes it into docs/benchmarks.md.
#
# Usage (from anywhere; paths are taken relative to the repository):
#   etc/scripts/bench-send-many.sh            full run
#   etc/scripts/bench-send-many.sh --smoke    tiny run for CI: fails if a run accepted nothing or the rows do not match
#
# Environment (full run only): BENCH_DURATION (20s), BENCH_WARMUP (5s), BENCH_CONCURRENCY (256, single sends),
# BENCH_BATCHES ("100 1000"), BENCH_BATCH_CONCURRENCY (8, workers per batch run), BENCH_TIMEOUT (30s, per request),
# BENCH_KEEP=1 keeps the temp folder with logs and the database, BENCH_NOTE="..." adds a sentence about the conditions.
set -euo pipefail

BENCH_NAME=bench-send-many
# shellcheck source=bench-common.sh
source "$(dirname "$0")/bench-common.sh"
bench_parse_args "$@"

if $SMOKE; then
    DURATION=2s WARMUP=1s CONCURRENCY=16 BATCH_CONCURRENCY=2 BATCHES=(10 100)
else
    DURATION="${BENCH_DURATION:-20s}"
    WARMUP="${BENCH_WARMUP:-5s}"
    CONCURRENCY="${BENCH_CONCURRENCY:-256}"
    BATCH_CONCURRENCY="${BENCH_BATCH_CONCURRENCY:-8}"
    read -r -a BATCHES <<<"${BENCH_BATCHES:-100 1000}"
fi
TIMEOUT="${BENCH_TIMEOUT:-30s}"
API_KEY="$(bench_key)"
ADMIN_KEY="$(bench_key)"
READY_TIMEOUT_SECONDS=90
STOP_TIMEOUT_SECONDS=60

require_tools

bench_build
bench_work_dir

port="$(free_port)"
url="http://127.0.0.1:$port"
log "starting a fresh host (GroupCommit, --role api) on $url"
(
    cd "$WORK"
    ASPNETCORE_ENVIRONMENT=Bench \
    ConnectionStrings__Default="Data Source=$WORK/messaging.db" \
    HighThroughput__Ingestion__Mode=GroupCommit \
    Seed__DemoTenantApiKey="$API_KEY" \
    Seed__HostAdminApiKey="$ADMIN_KEY" \
    exec dotnet "$HOST_DLL" --urls "$url" --role api
) >"$WORK/host.log" 2>&1 &
HOST_PID=$!
wait_until_ready "$HOST_PID" "$url/health/ready" "$WORK/host.log" || die "the host did not become ready"
raise_demo_tenant_limits "$url" || die "could not give the demo tenant its rate-limit override"

FAILED=()
RUNS=()
run_closed() {
    local name="$1" workers="$2" batch="$3" status=0
    log "== $name: closed model, $workers workers, batch $batch, $WARMUP warm-up + $DURATION"
    dotnet "$GEN_DLL" closed --url "$url" --api-key "$API_KEY" --concurrency "$workers" --batch "$batch" \
        --duration "$DURATION" --warmup "$WARMUP" --timeout "$TIMEOUT" 2>&1 | tee "$WORK/$name.log" || status=$?
    grep '^RESULT ' "$WORK/$name.log" | tail -n 1 | sed 's/^RESULT //' >"$WORK/$name.json" || true
    if [ "$status" -ne 0 ] || [ ! -s "$WORK/$name.json" ]; then
        FAILED+=("$name: the load generator failed (exit $status)")
    fi
    RUNS+=("$name")
}

cat /proc/loadavg >"$WORK/load-before"
run_closed single "$CONCURRENCY" 1
for batch in "${BATCHES[@]}"; do
    run_closed "batch-$batch" "$BATCH_CONCURRENCY" "$batch"
done
cat /proc/loadavg >"$WORK/load-after"
stop_host
python3 - "$WORK/messaging.db" >"$WORK/rows" <<'PY'
import sqlite3, sys
print(sqlite3.connect(sys.argv[1]).execute('SELECT COUNT(*) FROM "MsgMessages"').fetchone()[0])
PY

COMMAND="etc/scripts/bench-send-many.sh"
$SMOKE && COMMAND="$COMMAND --smoke"
for var in BENCH_BATCH_CONCURRENCY BENCH_BATCHES BENCH_CONCURRENCY BENCH_WARMUP BENCH_DURATION; do
    if [ -n "${!var:-}" ]; then COMMAND="$var=\"${!var}\" $COMMAND"; fi
done
export BENCH_WORK="$WORK" BENCH_SMOKE="$SMOKE" BENCH_COMMAND="$COMMAND" BENCH_RUNS="${RUNS[*]}" BENCH_EXIT="$HOST_EXIT_CODE" \
    BENCH_NPROC="$(nproc)" BENCH_MEM_KB="$(awk '/^MemTotal:/ { print $2 }' /proc/meminfo)" BENCH_DOTNET="$(dotnet --version)" \
    BENCH_KERNEL="$(uname -sr)" BENCH_CPU="$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo 2>/dev/null || true)" \
    BENCH_FAILED="$(printf '%s\n' "${FAILED[@]+"${FAILED[@]}"}")" BENCH_P_CONCURRENCY="$CONCURRENCY" \
    BENCH_P_BATCH_CONCURRENCY="$BATCH_CONCURRENCY" BENCH_P_DURATION="$DURATION" BENCH_P_WARMUP="$WARMUP" \
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


def load(name):
    try:
        with open(os.path.join(work, name + ".json")) as handle:
            return json.load(handle)
    except (OSError, ValueError):
        return None


def read(name):
    with open(os.path.join(work, name)) as handle:
        return handle.read().strip()


runs = {name: load(name) for name in os.environ["BENCH_RUNS"].split()}
single = runs.get("single")
baseline = single["acceptedPerSecond"] if single else None

header = ("| run | workers | messages per request | requests/s | accepted msg/s | ratio vs single sends "
          "| request p50 | p90 | p99 | p99.9 | max | requests: sent / accepted / 429 / 503 / other / errors |")
lines = [header, "|" + "---|" * 12]
accepted_total = 0
for name, r in runs.items():
    if r is None:
        lines.append(f"| {name} | n/a | n/a | n/a | n/a | n/a | n/a | n/a | n/a | n/a | n/a | n/a |")
        continue
    accepted_total += r["wholeRun"]["messagesAccepted"]
    if r["wholeRun"]["messagesAccepted"] == 0:
        failed.append(f"{name}: no message was accepted")
    ratio = f"{r['acceptedPerSecond'] / baseline:.2f}x" if baseline else "n/a"
    lines.append(
        f"| {'single sends' if name == 'single' else 'send-many'} | {r['connections']['requested']} | {r['batchSize']:,} "
        f"| {r['requestsPerSecond']:,.1f} | {r['acceptedPerSecond']:,.0f} | {ratio} "
        f"| {r['p50Ms']:,.1f} ms | {r['p90Ms']:,.1f} ms | {r['p99Ms']:,.1f} ms | {r['p999Ms']:,.1f} ms | {r['maxMs']:,.1f} ms "
        f"| {r['sent']:,} / {r['accepted202']:,} / {r['rejected429']:,} / {r['unavailable503']:,} / {r['otherStatus']:,} / {r['errors']:,} |")
table = "\n".join(lines)

rows = int(read("rows"))
gave_up = sum(r["wholeRun"]["errors"] for r in runs.values() if r)
if rows < accepted_total:
    failed.append(f"{accepted_total} messages were answered accepted but only {rows} rows are stored: acknowledged messages were lost")
elif rows > accepted_total and gave_up == 0:
    failed.append(f"{rows} rows stored but only {accepted_total} messages were answered accepted")
elif rows > accepted_total:
    notes.append(f"{rows - accepted_total} more rows than accepted messages: requests the generator gave up on were still committed")
if os.environ["BENCH_EXIT"] not in ("0", ""):
    notes.append(f"host exited with code {os.environ['BENCH_EXIT']} after SIGTERM")
load_line = f"load average before: {read('load-before').split()[:3]}, after: {read('load-after').split()[:3]}".replace("'", "")
stored = f"Rows stored after the host drained and stopped: {rows:,}; messages answered accepted (warm-up included): {accepted_total:,}."
print_results([table, load_line, stored], notes, failed)

if not smoke and not failed:
    mem_gib = int(os.environ["BENCH_MEM_KB"]) / 1024 / 1024
    now = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    section = [
        "<!-- bench-send-many:begin (generated by etc/scripts/bench-send-many.sh; edits inside are replaced) -->",
        "## send-many vs single sends on Sqlite (GroupCommit)",
        "",
        f"Measured {now} with:",
        "",
        "```bash",
        os.environ["BENCH_COMMAND"],
        "```",
        "",
        f"Machine: {os.environ['BENCH_NPROC']} cores ({os.environ['BENCH_CPU'] or 'unknown CPU'}), {mem_gib:.1f} GiB memory, "
        f"{os.environ['BENCH_KERNEL']}, .NET SDK {os.environ['BENCH_DOTNET']}; the load generator shares the cores with the "
        f"host; {load_line}.",
        "",
        f"Parameters: one fresh host on a fresh SQLite file (`--role api`, GroupCommit), the demo tenant with a rate-limit "
        f"override that never refuses; closed model, each run {os.environ['BENCH_P_WARMUP']} warm-up + "
        f"{os.environ['BENCH_P_DURATION']} measured, one after the other on the same host: single sends with "
        f"{os.environ['BENCH_P_CONCURRENCY']} workers, then each batch size with {os.environ['BENCH_P_BATCH_CONCURRENCY']} workers. "
        "Accepted msg/s counts messages (a send-many answer's own `accepted` count); the ratio compares it with the single "
        "sends of the same run. Latency percentiles are per request: a batch is answered once all its messages are durable. "
        + stored,
        "",
        table,
    ]
    if os.environ.get("BENCH_NOTE"):
        section += ["", "Conditions: " + os.environ["BENCH_NOTE"].strip()]
    if notes:
        section += ["", "Notes:", ""] + ["- " + note for note in notes]
    section.append("<!-- bench-send-many:end -->")
    write_section(os.environ["BENCH_DOC"], r"<!-- bench-send-many:begin .*?<!-- bench-send-many:end -->\n?", "\n".join(section) + "\n")

sys.exit(1 if failed else 0)
PY
