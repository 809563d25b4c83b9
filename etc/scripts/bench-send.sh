#!/usr/bin/env bash
# Benchmarks the SendOneWayMessage hot path in its three ingestion modes (NoOp, Direct, GroupCommit).
#
# For each mode it starts a fresh host on a fresh SQLite file, then runs
#   (a) the closed model (C workers, send -> await -> send) for peak throughput, and
#   (b) the open model (fixed arrival rate, latency from the scheduled time) over many held connections,
# records the host's peak RSS and, for the storing modes, checks that the rows stored equal the 202s answered.
# It prints a markdown table and, unless --smoke, writes it into docs/benchmarks.md.
#
# Usage (from anywhere; paths are taken relative to the repository):
#   etc/scripts/bench-send.sh            full run
#   etc/scripts/bench-send.sh --smoke    tiny run for CI: fails if a mode answered no 202 or a host did not start
#
# Environment (full run only): BENCH_DURATION (20s), BENCH_WARMUP (5s), BENCH_RATE (5000),
# BENCH_CONNECTIONS (10000), BENCH_CONCURRENCY (256), BENCH_TIMEOUT (30s, per request),
# BENCH_MODES ("NoOp Direct GroupCommit"), BENCH_KEEP=1 keeps the temp folder with logs and databases,
# BENCH_PROVIDER (Sqlite, or PostgreSql on the server etc/scripts/servers-start.sh starts; a database per mode),
# BENCH_ROLE (api: acceptance only; all: with the outbox relay and handlers in the same process),
# BENCH_NOTE="..." adds a sentence about the conditions of this run (e.g. other work on the machine) to the docs.
set -euo pipefail

BENCH_NAME=bench-send
# shellcheck source=bench-common.sh
source "$(dirname "$0")/bench-common.sh"
bench_parse_args "$@"

if $SMOKE; then
    DURATION=2s WARMUP=1s RATE=200 CONNECTIONS=50 CONCURRENCY=16
else
    DURATION="${BENCH_DURATION:-20s}"
    WARMUP="${BENCH_WARMUP:-5s}"
    RATE="${BENCH_RATE:-5000}"
    CONNECTIONS="${BENCH_CONNECTIONS:-10000}"
    CONCURRENCY="${BENCH_CONCURRENCY:-256}"
fi
TIMEOUT="${BENCH_TIMEOUT:-30s}"
ROLE="${BENCH_ROLE:-api}"
PROVIDER="${BENCH_PROVIDER:-Sqlite}"
case "$PROVIDER" in Sqlite | PostgreSql) ;; *) echo "bench-send: BENCH_PROVIDER must be Sqlite or PostgreSql" >&2; exit 2 ;; esac
read -r -a MODES <<<"${BENCH_MODES:-NoOp Direct GroupCommit}"
API_KEY="$(bench_key)"
ADMIN_KEY="$(bench_key)"
READY_TIMEOUT_SECONDS=90
STOP_TIMEOUT_SECONDS=60
TARGET_NOFILE=65536


require_tools

# --- open-file limit -------------------------------------------------------------------------------------------
# Each side of every held connection is one descriptor, in the host and in the generator alike.
NOFILE_NEEDED=$(( (CONNECTIONS > CONCURRENCY ? CONNECTIONS : CONCURRENCY) + 4096 ))
NOFILE_NOTE=""
if ulimit -n "$TARGET_NOFILE" 2>/dev/null || [ "$(ulimit -n)" = unlimited ] || [ "$(ulimit -n)" -ge "$TARGET_NOFILE" ]; then
    log "open-file limit: $(ulimit -n)"
else
    hard="$(ulimit -Hn)"
    if [ "$hard" != unlimited ] && [ "$hard" -lt "$NOFILE_NEEDED" ]; then
        die "cannot raise the open-file limit to $TARGET_NOFILE: the hard limit is $hard, and $CONNECTIONS connections need at least $NOFILE_NEEDED. Raise the hard limit (root with CAP_SYS_RESOURCE, limits.conf, or the container's nofile ulimit) or lower BENCH_CONNECTIONS."
    fi
    ulimit -n "$hard"
    NOFILE_NOTE="open-file limit $(ulimit -n): the hard limit could not be raised to $TARGET_NOFILE here (no CAP_SYS_RESOURCE), but it covers $CONNECTIONS connections with margin"
    log "WARNING: $NOFILE_NOTE"
fi
read -r PORT_LOW PORT_HIGH </proc/sys/net/ipv4/ip_local_port_range 2>/dev/null || { PORT_LOW=0; PORT_HIGH=0; }
if [ "$PORT_HIGH" -gt 0 ] && [ $((PORT_HIGH - PORT_LOW)) -lt "$CONNECTIONS" ]; then
    die "the ephemeral port range ($PORT_LOW-$PORT_HIGH) is smaller than $CONNECTIONS connections to one address"
fi

# --- build -----------------------------------------------------------------------------------------------------
bench_build
HOST_DIR="$(dirname "$HOST_DLL")"

# --- temp data and cleanup -------------------------------------------------------------------------------------
bench_work_dir

# PostgreSQL: the server from servers-start.sh, a fresh database per mode, reached with psql.
if [ "$PROVIDER" = PostgreSql ]; then
    eval "$(etc/scripts/servers-start.sh)"
    pg_setting() { tr ';' '\n' <<<"$ConnectionStrings__PostgreSql" | awk -F= -v key="$1" 'tolower($1) == tolower(key) { print $2 }'; }
    export PGHOST="$(pg_setting Host)" PGPORT="$(pg_setting Port)" PGUSER="$(pg_setting Username)" PGPASSWORD="$(pg_setting Password)"
    PG_MAINTENANCE_DB="$(pg_setting Database)"
fi

database_settings() {
    local mode="$1" dir="$2"
    if [ "$PROVIDER" = PostgreSql ]; then
        local name="bench_${mode,,}_$$"
        psql -q -d "$PG_MAINTENANCE_DB" -c "DROP DATABASE IF EXISTS \"$name\"" -c "CREATE DATABASE \"$name\"" >/dev/null
        echo "$name" >"$dir/pg-database"
        printf 'Database__Provider=PostgreSql\nConnectionStrings__Default=Host=%s;Port=%s;Database=%s;Username=%s;Password=%s;Maximum Pool Size=200\n' \
            "$PGHOST" "$PGPORT" "$name" "$PGUSER" "$PGPASSWORD"
    else
        printf 'ConnectionStrings__Default=Data Source=%s/messaging.db\n' "$dir"
    fi
}

stored_rows() {
    local dir="$1"
    if [ "$PROVIDER" = PostgreSql ]; then
        local name
        name="$(cat "$dir/pg-database")"
        psql -qtA -d "$name" -c 'SELECT count(*) FROM "MsgMessages"'
        psql -q -d "$PG_MAINTENANCE_DB" -c "DROP DATABASE IF EXISTS \"$name\" WITH (FORCE)" >/dev/null
    elif [ -f "$dir/messaging.db" ]; then
        count_rows "$dir/messaging.db"
    else
        echo null
    fi
}

count_rows() {
    python3 - "$1" <<'PY'
import sqlite3, sys
connection = sqlite3.connect(sys.argv[1])
print(connection.execute('SELECT COUNT(*) FROM "MsgMessages"').fetchone()[0])
PY
}

start_host() {
    local mode="$1" dir="$2" port="$3"
    # --role api by default: what is measured is acceptance, the hot path; dispatch runs in workers, which would
    # otherwise compete for the same two cores (BENCH_ROLE=all measures both on one machine).
    (
        cd "$dir"
        while IFS= read -r setting; do export "$setting"; done < <(database_settings "$mode" "$dir")
        ASPNETCORE_ENVIRONMENT=Bench \
        HighThroughput__Ingestion__Mode="$mode" \
        Seed__DemoTenant=true \
        Seed__DemoTenantApiKey="$API_KEY" \
        Seed__HostAdminApiKey="$ADMIN_KEY" \
        exec dotnet "$HOST_DLL" --urls "http://127.0.0.1:$port" --role "$ROLE"
    ) >"$dir/host.log" 2>&1 &
    HOST_PID=$!
    wait_until_ready "$HOST_PID" "http://127.0.0.1:$port/health/ready" "$dir/host.log" || return 1
    # The host's meter adapter starts listening at the first scrape; Kestrel counts only connections opened after it.
    curl -fsS -o /dev/null --max-time 10 "http://127.0.0.1:$port/metrics" || true
    if ! raise_demo_tenant_limits "http://127.0.0.1:$port"; then
        log "could not give the demo tenant its rate-limit override"
        kill -KILL "$HOST_PID" 2>/dev/null || true
        return 1
    fi
}

run_generator() {
    local dir="$1" name="$2"
    shift 2
    local status=0
    dotnet "$GEN_DLL" "$@" --timeout "$TIMEOUT" 2>&1 | tee "$dir/$name.log" || status=$?
    grep '^RESULT ' "$dir/$name.log" | tail -n 1 | sed 's/^RESULT //' >"$dir/$name.json" || true
    if [ "$status" -ne 0 ] || [ ! -s "$dir/$name.json" ]; then
        log "the load generator failed ($name, exit $status)"
        return 1
    fi
}

# --- the runs --------------------------------------------------------------------------------------------------
FAILED=()
for mode in "${MODES[@]}"; do
    dir="$WORK/$mode"
    mkdir -p "$dir"
    port="$(free_port)"
    log "== $mode: starting a fresh host on 127.0.0.1:$port"
    if ! start_host "$mode" "$dir" "$port"; then
        echo '{"hostStarted": false}' >"$dir/host.json"
        FAILED+=("$mode: the host did not become ready")
        HOST_PID=""
        continue
    fi
    url="http://127.0.0.1:$port"
    ok=true
    load_sampling_start "$dir"
    log "== $mode: closed model, $CONCURRENCY workers, $WARMUP warm-up + $DURATION"
    run_generator "$dir" closed closed --url "$url" --api-key "$API_KEY" \
        --concurrency "$CONCURRENCY" --duration "$DURATION" --warmup "$WARMUP" || ok=false
    log "== $mode: open model, $RATE msg/s over $CONNECTIONS connections, $WARMUP warm-up + $DURATION"
    run_generator "$dir" open open --url "$url" --api-key "$API_KEY" \
        --rate "$RATE" --connections "$CONNECTIONS" --duration "$DURATION" --warmup "$WARMUP" || ok=false
    load_sampling_stop
    $ok || FAILED+=("$mode: the load generator failed")

    curl -fsS --max-time 10 "$url/metrics" >"$dir/metrics.txt" 2>/dev/null || true
    hwm_kb="$(awk '/^VmHWM:/ { print $2 }' "/proc/$HOST_PID/status" 2>/dev/null || echo 0)"
    stop_host
    echo "$HOST_EXIT_CODE" >"$dir/exit-code"
    rows="$(stored_rows "$dir")" || rows=null
    [ "$mode" = NoOp ] && rows=null
    errors_logged="$(grep -cE '^(fail|crit):|"LogLevel":"(Error|Critical)"' "$dir/host.log" || true)"
    printf '{"hostStarted": true, "peakRssKb": %s, "rows": %s, "exitCode": %s, "errorLogLines": %s}\n' \
        "${hwm_kb:-0}" "$rows" "$(cat "$dir/exit-code")" "${errors_logged:-0}" >"$dir/host.json"
done

# --- report ----------------------------------------------------------------------------------------------------
COMMAND="etc/scripts/bench-send.sh"
$SMOKE && COMMAND="$COMMAND --smoke"
for var in BENCH_PROVIDER BENCH_ROLE BENCH_MODES BENCH_TIMEOUT BENCH_CONCURRENCY BENCH_CONNECTIONS BENCH_RATE BENCH_WARMUP BENCH_DURATION; do
    if [ -n "${!var:-}" ]; then COMMAND="$var=${!var} $COMMAND"; fi
done
CPU_MODEL="$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo 2>/dev/null || true)"
export BENCH_PROVIDER_NAME="$PROVIDER" BENCH_WORK="$WORK" BENCH_SMOKE="$SMOKE" BENCH_COMMAND="$COMMAND" BENCH_MODE_LIST="${MODES[*]}" \
    BENCH_NPROC="$(nproc)" BENCH_MEM_KB="$(awk '/^MemTotal:/ { print $2 }' /proc/meminfo)" \
    BENCH_DOTNET="$(dotnet --version)" BENCH_KERNEL="$(uname -sr)" BENCH_CPU="$CPU_MODEL" \
    BENCH_NOFILE="$(ulimit -n)" BENCH_NOFILE_NOTE="$NOFILE_NOTE" BENCH_FAILED="$(printf '%s\n' "${FAILED[@]+"${FAILED[@]}"}")" \
    BENCH_P_RATE="$RATE" BENCH_P_CONNECTIONS="$CONNECTIONS" BENCH_P_CONCURRENCY="$CONCURRENCY" \
    BENCH_P_DURATION="$DURATION" BENCH_P_WARMUP="$WARMUP" BENCH_DOC="$REPO_ROOT/docs/benchmarks.md" BENCH_SCRIPTS="$REPO_ROOT/etc/scripts"

python3 - <<'PY'
import datetime, json, os, re, sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.environ["BENCH_SCRIPTS"])
from bench_report import print_results, write_section  # noqa: E402

work = os.environ["BENCH_WORK"]
smoke = os.environ["BENCH_SMOKE"] == "true"
modes = os.environ["BENCH_MODE_LIST"].split()
provider = os.environ["BENCH_PROVIDER_NAME"]
failed = [line for line in os.environ["BENCH_FAILED"].splitlines() if line.strip()]


def load(mode, name):
    try:
        with open(os.path.join(work, mode, name + ".json")) as handle:
            return json.load(handle)
    except (OSError, ValueError):
        return None


def load_figures(mode):
    """The 1-minute load average before the mode's runs, and the highest sampled during them."""
    try:
        before = float(open(os.path.join(work, mode, "load-before")).read().split()[0])
        during = [float(line) for line in open(os.path.join(work, mode, "load-during")) if line.strip()]
    except (OSError, ValueError, IndexError):
        return "n/a"
    return f"{before:.2f} / {max(during):.2f}" if during else f"{before:.2f} / n/a"


def metric_sum(mode, pattern):
    """Sum of the Prometheus samples whose name matches pattern, or None."""
    try:
        text = open(os.path.join(work, mode, "metrics.txt")).read()
    except OSError:
        return None
    total = None
    for line in text.splitlines():
        if line.startswith("#"):
            continue
        match = re.match(r"^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{[^}]*\})?\s+(\S+)", line)
        if match and re.fullmatch(pattern, match.group(1)):
            total = (total or 0) + float(match.group(3))
    return total


results = {mode: {"closed": load(mode, "closed"), "open": load(mode, "open"), "host": load(mode, "host") or {}} for mode in modes}


def peak(mode):
    closed = results.get(mode, {}).get("closed")
    return closed["acceptedPerSecond"] if closed else None


def fmt(value, digits=0, suffix=""):
    if value is None:
        return "n/a"
    return f"{value:,.{digits}f}{suffix}"


def ratio(a, b):
    return None if a is None or not b else a / b


notes = []

# Sanity: every mode must have answered 202s in both models; rows must match the 202s answered.
for mode in modes:
    r = results[mode]
    if not r["host"].get("hostStarted", False):
        continue
    answered_any = 0
    for model in ("closed", "open"):
        data = r[model]
        if data is None:
            continue
        answered_any += data["wholeRun"]["accepted202"]
        if data["wholeRun"]["accepted202"] == 0:
            # At full scale a slow mode may honestly time out every open-model send; a smoke run must get 202s everywhere.
            (failed if smoke else notes).append(f"{mode}: the {model} model got no 202 at all")
    if (r["closed"] or r["open"]) and answered_any == 0 and not smoke:
        failed.append(f"{mode}: no send was answered 202")
    rows = r["host"].get("rows")
    if mode != "NoOp" and r["closed"] and r["open"]:
        answered = r["closed"]["wholeRun"]["accepted202"] + r["open"]["wholeRun"]["accepted202"]
        gave_up = sum(r[m]["wholeRun"]["errors"] for m in ("closed", "open")) + r["open"].get("stillInFlight", 0)
        r["answered"] = answered
        if rows is None:
            failed.append(f"{mode}: could not count the stored rows")
        elif rows < answered:
            failed.append(f"{mode}: {answered} sends were answered 202 but only {rows} rows are stored: acknowledged messages were lost")
        elif rows > answered and gave_up == 0:
            failed.append(f"{mode}: {rows} rows stored but only {answered} sends were answered 202")
        elif rows > answered:
            r["rowsNote"] = f"{rows - answered} more rows than 202s: requests the generator gave up on (timeouts) were still committed"
    if r["host"].get("exitCode", 0) not in (0, None):
        r["exitNote"] = f"host exited with code {r['host']['exitCode']} after SIGTERM"

header = ("| mode | peak msg/s (closed) | ratio vs Direct | ratio vs NoOp | open-model rate offered | accepted/s "
          "| p50 | p99 | p99.9 | max | open connections observed | peak RSS MB | rows stored |")
lines = [header, "|" + "---|" * 13]
for mode in modes:
    r = results[mode]
    closed, opened, host = r["closed"], r["open"], r["host"]
    if not host.get("hostStarted", False):
        lines.append(f"| {mode} | host did not start |" + " |" * 11)
        continue
    rows = host.get("rows")
    if mode == "NoOp":
        rows_text = "none (stores nothing)"
    elif rows is None:
        rows_text = "n/a"
    else:
        answered = r.get("answered")
        check = "= 202s" if rows == answered else f"vs {answered:,} 202s"
        rows_text = f"{rows:,} ({check})"
    conn = opened["connections"] if opened else {}
    observed = conn.get("observed")
    lines.append("| " + " | ".join([
        mode,
        fmt(peak(mode)),
        fmt(ratio(peak(mode), peak("Direct")), 2, "x"),
        fmt(ratio(peak(mode), peak("NoOp")), 2, "x"),
        fmt(opened["offeredRate"]) + " msg/s" if opened else "n/a",
        fmt(opened["acceptedPerSecond"]) if opened else "n/a",
        fmt(opened["p50Ms"], 1, " ms") if opened else "n/a",
        fmt(opened["p99Ms"], 1, " ms") if opened else "n/a",
        fmt(opened["p999Ms"], 1, " ms") if opened else "n/a",
        fmt(opened["maxMs"], 1, " ms") if opened else "n/a",
        (fmt(observed) + f" of {conn.get('requested', 0):,}") if opened else "n/a",
        fmt(host.get("peakRssKb", 0) / 1024, 0),
        rows_text,
    ]) + " |")
table = "\n".join(lines)

detail = ["| mode | closed: sent / 202 / 429 / 503 / other / errors | closed p50 / p99 | open: sent / 202 / 429 / 503 / other / errors "
          "| scheduler lag p99 / max | avg batch size | host error log lines | generator CPU s (closed + open) | load average before / max during |", "|" + "---|" * 9]
for mode in modes:
    r = results[mode]
    closed, opened = r["closed"], r["open"]
    if not r["host"].get("hostStarted", False):
        continue

    def counts(d):
        if not d:
            return "n/a"
        return " / ".join(f"{d[k]:,}" for k in ("sent", "accepted202", "rejected429", "unavailable503", "otherStatus", "errors"))

    size_sum = metric_sum(mode, r"messaging_.*batch_size.*_sum")
    size_count = metric_sum(mode, r"messaging_.*batch_size.*_count")
    avg_batch = size_sum / size_count if size_sum is not None and size_count else None
    cpu = sum(d["generator"]["cpuSeconds"] for d in (closed, opened) if d)
    detail.append("| " + " | ".join([
        mode,
        counts(closed),
        (fmt(closed["p50Ms"], 1) + " / " + fmt(closed["p99Ms"], 1) + " ms") if closed else "n/a",
        counts(opened),
        (fmt(opened.get("schedulerLagP99Ms"), 1) + " / " + fmt(opened.get("schedulerLagMaxMs"), 1) + " ms") if opened else "n/a",
        fmt(avg_batch, 1) if mode == "GroupCommit" else "-",
        str(r["host"].get("errorLogLines", 0)),
        fmt(cpu, 1),
        load_figures(mode),
    ]) + " |")
    for model, d in (("closed", closed), ("open", opened)):
        if not d:
            continue
        for status, count in d.get("otherStatuses", {}).items():
            notes.append(f"{mode} {model}: HTTP {status} x {count:,}")
        for kind, count in d.get("errorKinds", {}).items():
            notes.append(f"{mode} {model}: error '{kind}' x {count:,}")
    for key in ("rowsNote", "exitNote"):
        if key in r:
            notes.append(f"{mode}: {r[key]}")
details = "\n".join(detail)

# Targets, judged only on what was measured.
gc, direct, noop = peak("GroupCommit"), peak("Direct"), peak("NoOp")
targets = []


def verdict(ok):
    return "met" if ok else "not met"


if gc is not None and direct:
    targets.append(f"- Group commit >= 5x Direct in peak throughput: **{verdict(gc >= 5 * direct)}** ({gc / direct:.2f}x: {gc:,.0f} vs {direct:,.0f} msg/s)")
else:
    targets.append("- Group commit >= 5x Direct in peak throughput: **not measured**")
if gc is not None and noop:
    targets.append(f"- Group commit >= 0.5x NoOp in peak throughput: **{verdict(gc >= 0.5 * noop)}** ({gc / noop:.2f}x: {gc:,.0f} vs {noop:,.0f} msg/s)")
else:
    targets.append("- Group commit >= 0.5x NoOp in peak throughput: **not measured**")
gco = results.get("GroupCommit", {}).get("open")
if gco:
    observed = gco["connections"].get("observed") or 0
    at_scale = gco["offeredRate"] >= 5000 and gco["connections"]["requested"] >= 10000
    all_accepted = gco["accepted202"] == gco["sent"] and gco["errors"] == 0 and gco.get("stillInFlight", 0) == 0
    facts = (f"p99 {gco['p99Ms']:.1f} ms at {gco['offeredRate']:,.0f} msg/s offered over {observed:,} observed connections; "
             f"{gco['accepted202']:,} of {gco['sent']:,} sends answered 202")
    if not at_scale:
        targets.append(f"- p99 < 50 ms at 5,000 msg/s offered over 10,000 open connections: **not measured at that scale** ({facts})")
    else:
        ok = gco["p99Ms"] < 50 and observed >= 10000 and all_accepted
        targets.append(f"- p99 < 50 ms at 5,000 msg/s offered over 10,000 open connections: **{verdict(ok)}** ({facts})")
else:
    targets.append("- p99 < 50 ms at 5,000 msg/s offered over 10,000 open connections: **not measured**")

print_results([table, details, "\n".join(targets)], notes, failed)

if not smoke and not failed:
    mem_gib = int(os.environ["BENCH_MEM_KB"]) / 1024 / 1024
    now = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    section = [
        f"<!-- bench-send:begin {provider} (generated by etc/scripts/bench-send.sh; edits inside are replaced) -->",
        f"## SendOneWayMessage on {provider}: NoOp vs Direct vs GroupCommit",
        "",
        f"Measured {now} with:",
        "",
        "```bash",
        os.environ["BENCH_COMMAND"],
        "```",
        "",
        f"Machine: {os.environ['BENCH_NPROC']} cores ({os.environ['BENCH_CPU'] or 'unknown CPU'}), {mem_gib:.1f} GiB memory, "
        f"{os.environ['BENCH_KERNEL']}, .NET SDK {os.environ['BENCH_DOTNET']}, open-file limit {os.environ['BENCH_NOFILE']}. "
        "The load generator runs on the same cores as the host.",
        "",
        f"Parameters: closed model {os.environ['BENCH_P_CONCURRENCY']} workers; open model {os.environ['BENCH_P_RATE']} msg/s over "
        f"{os.environ['BENCH_P_CONNECTIONS']} held connections; each run {os.environ['BENCH_P_WARMUP']} warm-up + "
        f"{os.environ['BENCH_P_DURATION']} measured. Open-model latencies count from each request's scheduled send time "
        "(no coordinated omission); closed-model figures are peak throughput. Rows stored are counted after the host drained "
        "and stopped, and compared with every 202 the generator received (warm-up included). The open model's accepted/s "
        "divides the 202s of the measured sends by the time from the window's start to the last answer, so a host that "
        "falls behind shows a lower rate than offered. Connections observed is Kestrel's active-connection gauge read "
        "after the generator opened its connections; it includes the scrape's own connection. Rate limiting is on: the "
        "generator's tenant has an override that never refuses, so every request still passes the in-process limiter. "
        "The load average (1 minute) is read before each mode's runs and every second during them: 2 cores busy with the "
        "host and the generator read about 2; more during, or anything well above 0 before, is other work on the machine.",
        "",
        table,
        "",
        details,
        "",
        "Targets:",
        "",
        *targets,
    ]
    if os.environ.get("BENCH_NOTE"):
        section += ["", "Conditions: " + os.environ["BENCH_NOTE"].strip()]
    if os.environ.get("BENCH_NOFILE_NOTE"):
        section += ["", "Note: " + os.environ["BENCH_NOFILE_NOTE"] + "."]
    if notes:
        section += ["", "Notes:", ""] + ["- " + note for note in notes]
    section.append(f"<!-- bench-send:end {provider} -->")
    block = "\n".join(section) + "\n"

    write_section(os.environ["BENCH_DOC"], rf"<!-- bench-send:begin {provider} .*?<!-- bench-send:end {provider} -->\n?", block)

sys.exit(1 if failed else 0)
PY
