#!/usr/bin/env bash
# Benchmarks attachment uploads (seed 8.1 and issue 13) against raw Kestrel writing the body to disk, in the same run.
#
# For the host (a fresh one on a fresh SQLite file, the filesystem blob store) and then the baseline
# (etc/scripts/bench-attachment-baseline.cs) it runs
#   (a) SMALL_CONCURRENCY concurrent uploads of SMALL_MB each (100 of 1 MB: each should be answered within 2 s), and
#   (b) LARGE_CONCURRENCY concurrent uploads of LARGE_MB each (20 of 49 MB, under the 50 MB limit) while sampling the
#       server's resident memory every 100 ms: the growth over idle shows whether uploads are streamed (target < 100 MB).
# Uploads are multipart/form-data sent by curl, one process per upload, as a browser or a client library would.
# It prints a markdown table and, unless --smoke, writes it into docs/benchmarks.md.
#
# Usage (from anywhere; paths are taken relative to the repository):
#   etc/scripts/bench-attachment.sh            full run
#   etc/scripts/bench-attachment.sh --smoke    tiny run for CI: fails if an upload was not answered 202 or a server did not start
#
# Environment (full run only): BENCH_SMALL_CONCURRENCY (100), BENCH_SMALL_MB (1), BENCH_LARGE_CONCURRENCY (20),
# BENCH_LARGE_MB (49), BENCH_KEEP=1 keeps the temp folder with logs, BENCH_NOTE="..." adds a sentence about the
# conditions of this run to the docs.
set -euo pipefail

BENCH_NAME=bench-attachment
# shellcheck source=bench-common.sh
source "$(dirname "$0")/bench-common.sh"
bench_parse_args "$@"

if $SMOKE; then
    SMALL_CONCURRENCY=5 SMALL_MB=1 LARGE_CONCURRENCY=2 LARGE_MB=4
else
    SMALL_CONCURRENCY="${BENCH_SMALL_CONCURRENCY:-100}"
    SMALL_MB="${BENCH_SMALL_MB:-1}"
    LARGE_CONCURRENCY="${BENCH_LARGE_CONCURRENCY:-20}"
    LARGE_MB="${BENCH_LARGE_MB:-49}"
fi
API_KEY="$(bench_key)"
ADMIN_KEY="$(bench_key)"
READY_TIMEOUT_SECONDS=90
STOP_TIMEOUT_SECONDS=60

require_tools
HOST_DLL="$REPO_ROOT/$HOST_DLL_PATH"
log "building the host and the baseline (Release)"
[ "${BENCH_PREBUILT:-0}" = 1 ] || dotnet build src/Messaging.HttpApi.Host -c Release -nologo -v quiet -clp:NoSummary
dotnet build etc/scripts/bench-attachment-baseline.cs -c Release -nologo -v quiet -clp:NoSummary >/dev/null
bench_work_dir

# Text of random lines, so the host's text processor has work like a real file's.
text_file() {
    python3 -c 'import base64, os, sys
size, out = int(sys.argv[1]), open(sys.argv[2], "wb")
while size > 0:
    line = base64.b64encode(os.urandom(57)) + b"\n"
    out.write(line[:size]); size -= len(line)' "$1" "$2"
}
text_file "$((SMALL_MB * 1024 * 1024))" "$WORK/small.txt"
text_file "$((LARGE_MB * 1024 * 1024))" "$WORK/large.txt"

# Peak resident memory of pid while it runs, sampled every 100 ms into file.
rss_sampling_start() {
    local pid="$1" file="$2"
    ( peak=0
      while kill -0 "$pid" 2>/dev/null; do
          rss="$(awk '/^VmRSS:/ { print $2 }' "/proc/$pid/status" 2>/dev/null || echo 0)"
          [ "${rss:-0}" -gt "$peak" ] && peak="$rss" && echo "$peak" >"$file"
          sleep 0.1
      done ) &
    RSS_SAMPLER_PID=$!
    BENCH_OTHER_PIDS+=("$RSS_SAMPLER_PID")
}

rss_now() { awk '/^VmRSS:/ { print $2 }' "/proc/$1/status"; }

# One upload per line of output: "<http status> <seconds>".
upload_all() {
    local url="$1" file="$2" count="$3" out="$4" key="${5:-}"
    seq "$count" | xargs -P "$count" -I{} curl -s -o /dev/null -w '%{http_code} %{time_total}\n' --max-time 600 \
        ${key:+-H "X-Api-Key: $key"} -F "file=@$file;type=text/plain" "$url" >"$out" || true
}

# Runs both phases against one server: name, upload url, pid; results in $WORK/<name>-*.
run_phases() {
    local name="$1" url="$2" pid="$3" key="${4:-}"
    log "== $name: $SMALL_CONCURRENCY concurrent uploads of $SMALL_MB MB"
    upload_all "$url" "$WORK/small.txt" "$SMALL_CONCURRENCY" "$WORK/$name-small" "$key"
    sleep 2
    rss_now "$pid" >"$WORK/$name-idle"
    echo 0 >"$WORK/$name-peak"
    rss_sampling_start "$pid" "$WORK/$name-peak"
    log "== $name: $LARGE_CONCURRENCY concurrent uploads of $LARGE_MB MB (idle RSS $(( $(cat "$WORK/$name-idle") / 1024 )) MB)"
    upload_all "$url" "$WORK/large.txt" "$LARGE_CONCURRENCY" "$WORK/$name-large" "$key"
    kill "$RSS_SAMPLER_PID" 2>/dev/null || true
    wait "$RSS_SAMPLER_PID" 2>/dev/null || true
}

cat /proc/loadavg >"$WORK/load-before"
port="$(free_port)"
url="http://127.0.0.1:$port"
log "starting a fresh host on $url"
(
    cd "$WORK"
    ASPNETCORE_ENVIRONMENT=Bench \
    ConnectionStrings__Default="Data Source=$WORK/messaging.db" \
    Blobs__RootPath="$WORK/blobs" \
    Seed__DemoTenantApiKey="$API_KEY" \
    Seed__HostAdminApiKey="$ADMIN_KEY" \
    exec dotnet "$HOST_DLL" --urls "$url"
) >"$WORK/host.log" 2>&1 &
HOST_PID=$!
wait_until_ready "$HOST_PID" "$url/health/ready" "$WORK/host.log" || die "the host did not become ready"
raise_demo_tenant_limits "$url" || die "could not give the demo tenant its rate-limit override"
run_phases host "$url/api/app/attachment" "$HOST_PID" "$API_KEY"
kill -TERM "$HOST_PID" 2>/dev/null || true
wait "$HOST_PID" 2>/dev/null || true
HOST_PID=""

port="$(free_port)"
log "starting the raw Kestrel baseline on http://127.0.0.1:$port"
dotnet run --file etc/scripts/bench-attachment-baseline.cs -c Release --no-build -- \
    --urls "http://127.0.0.1:$port" --folder "$WORK/baseline" >"$WORK/baseline.log" 2>&1 &
BASELINE_LAUNCHER=$!
BENCH_OTHER_PIDS+=("$BASELINE_LAUNCHER")
wait_until_ready "$BASELINE_LAUNCHER" "http://127.0.0.1:$port/health" "$WORK/baseline.log" || die "the baseline did not become ready"
baseline_pid="$(pgrep -P "$BASELINE_LAUNCHER" | head -n 1 || true)"
baseline_pid="${baseline_pid:-$BASELINE_LAUNCHER}"
BENCH_OTHER_PIDS+=("$baseline_pid")
run_phases baseline "http://127.0.0.1:$port/upload" "$baseline_pid"
cat /proc/loadavg >"$WORK/load-after"

export WORK SMOKE SMALL_CONCURRENCY SMALL_MB LARGE_CONCURRENCY LARGE_MB \
    BENCH_COMMAND="etc/scripts/bench-attachment.sh" \
    BENCH_NPROC="$(nproc)" BENCH_MEM_KB="$(awk '/^MemTotal:/ { print $2 }' /proc/meminfo)" BENCH_DOTNET="$(dotnet --version)" \
    BENCH_KERNEL="$(uname -sr)" BENCH_CPU="$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo 2>/dev/null || true)" \
    BENCH_DOC="$REPO_ROOT/docs/benchmarks.md" BENCH_SCRIPTS="$REPO_ROOT/etc/scripts"

python3 - <<'PY'
import datetime, os, sys
sys.path.insert(0, os.environ["BENCH_SCRIPTS"])
from bench_report import print_results, write_section

work = os.environ["WORK"]
smoke = os.environ["SMOKE"] == "true"
read = lambda name: open(os.path.join(work, name)).read()

def answers(name):
    rows = [line.split() for line in read(name).splitlines() if line.strip()]
    return [(int(code), float(seconds)) for code, seconds in rows]

def pct(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))] if values else float("nan")

failed, rows = [], []
for server in ("host", "baseline"):
    small, large = answers(f"{server}-small"), answers(f"{server}-large")
    expected = 202
    for phase, results, count in (("small", small, int(os.environ["SMALL_CONCURRENCY"])), ("large", large, int(os.environ["LARGE_CONCURRENCY"]))):
        accepted = sum(1 for code, _ in results if code == expected)
        if accepted != count:
            failed.append(f"{server}: {count - accepted} of {count} {phase} uploads were not answered {expected} ({sorted(set(c for c, _ in results))})")
    times = [s for _, s in small]
    idle, peak = int(read(f"{server}-idle")) / 1024, int(read(f"{server}-peak")) / 1024
    rows.append(f"| {server} | {pct(times, 50):.3f} | {pct(times, 99):.3f} | {max(times, default=float('nan')):.3f} | "
                f"{sum(1 for s in times if s < 2)}/{len(times)} | {max((s for _, s in large), default=float('nan')):.2f} | "
                f"{idle:.0f} | {peak:.0f} | {max(peak - idle, 0):.0f} |")

table = "\n".join([
    f"| server | {os.environ['SMALL_CONCURRENCY']} × {os.environ['SMALL_MB']} MB: p50 s | p99 s | max s | under 2 s | "
    f"{os.environ['LARGE_CONCURRENCY']} × {os.environ['LARGE_MB']} MB: slowest s | idle RSS MB | peak RSS MB | growth MB |",
    "|---|---|---|---|---|---|---|---|---|",
] + rows)
load_line = f"load average before: {read('load-before').split()[:3]}, after: {read('load-after').split()[:3]}".replace("'", "")
print_results([table, load_line], [], failed)

if not smoke and not failed:
    mem_gib = int(os.environ["BENCH_MEM_KB"]) / 1024 / 1024
    now = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    section = [
        "<!-- bench-attachment:begin (generated by etc/scripts/bench-attachment.sh; edits inside are replaced) -->",
        "## Attachment uploads: the host against raw Kestrel",
        "",
        f"Measured {now} with:",
        "",
        "```bash",
        os.environ["BENCH_COMMAND"],
        "```",
        "",
        f"Machine: {os.environ['BENCH_NPROC']} cores ({os.environ['BENCH_CPU'] or 'unknown CPU'}), {mem_gib:.1f} GiB memory, "
        f"{os.environ['BENCH_KERNEL']}, .NET SDK {os.environ['BENCH_DOTNET']}; curl shares the cores with the server; {load_line}.",
        "",
        "Parameters: a fresh host on a fresh SQLite file with the filesystem blob store, the demo tenant with a rate-limit "
        "override; the baseline is raw Kestrel writing each request body to a file (etc/scripts/bench-attachment-baseline.cs). "
        "Each upload is one curl process sending multipart/form-data; times are curl's total per upload. Memory is the "
        "server's resident set, sampled every 100 ms during the large uploads, against its idle value just before them.",
        "",
        table,
    ]
    if os.environ.get("BENCH_NOTE"):
        section += ["", "Conditions: " + os.environ["BENCH_NOTE"].strip()]
    section.append("<!-- bench-attachment:end -->")
    write_section(os.environ["BENCH_DOC"], r"<!-- bench-attachment:begin .*?<!-- bench-attachment:end -->\n?", "\n".join(section) + "\n")

sys.exit(1 if failed else 0)
PY
