#!/usr/bin/env bash
# Builds the solution (the admin UI included), starts the test servers (PostgreSQL, Redis, RabbitMQ, s3rver; see
# servers-start.sh) and runs every test project against real processes, real SQLite files and those servers; stops the
# servers at the end. Then the admin UI's tests (test-ui.sh: component tests and end-to-end tests in Chromium against a
# real host on the embedded default), on the same build. Not at the same time as the .NET tests: on two cores that
# starved the hosts the .NET tests start (each waits at most a minute to be ready) and failed a dozen of them.
# Ends with one line: "tests: N passed, N failed", the UI's tests included.
set -uo pipefail
cd "$(dirname "$0")/../.."

results=$(mktemp -d)
servers_up=false
stop_servers() {
  if $servers_up; then
    etc/scripts/servers-stop.sh
    servers_up=false
  fi
}
# Quiet here, so that on every way out the summary stays the last line.
trap 'stop_servers >/dev/null 2>&1; rm -rf "$results"' EXIT
trap 'exit 130' INT TERM

# Names the failed tests just above the summary, so that the tail of a long CI log says which ones failed.
failed_tests() {
  local file
  for file in "$results"/*.trx; do
    [ -e "$file" ] || continue
    grep -o '<UnitTestResult [^>]*outcome="Failed"[^>]*' "$file" | grep -o ' testName="[^"]*"' | sed 's/^ testName="\(.*\)"$/failed: \1/'
  done
}

summary() {
  local passed=0 failed=0 file p f ui
  # test-ui.sh ends with "ui tests: N passed, N failed"; without that line it failed before counting.
  if [ -f "$results/ui.log" ]; then
    ui=$(grep -o '^ui tests: [0-9]* passed, [0-9]* failed' "$results/ui.log" | tail -n 1)
    if [ -n "$ui" ]; then
      passed=$(echo "$ui" | grep -o '[0-9]* passed' | grep -o '[0-9]*')
      failed=$(echo "$ui" | grep -o '[0-9]* failed' | grep -o '[0-9]*')
    else
      failed=1
    fi
  fi
  for file in "$results"/*.trx; do
    [ -e "$file" ] || continue
    p=$(grep -o '<Counters [^>]*' "$file" | grep -o ' passed="[0-9]*"' | grep -o '[0-9]*')
    f=$(grep -o '<Counters [^>]*' "$file" | grep -o ' failed="[0-9]*"' | grep -o '[0-9]*')
    passed=$((passed + ${p:-0}))
    failed=$((failed + ${f:-0}))
  done
  echo "tests: $passed passed, $failed failed"
}

if ! dotnet build Messaging.sln -c Release --nologo -v quiet; then
  echo "The build failed; no test ran."
  echo "tests: 0 passed, 1 failed"
  exit 1
fi

# The host tests start the host about 150 times; compiled ahead of time (ReadyToRun) each start costs about a third
# less CPU. Without it (a machine that cannot get the runtime pack), the tests use the build above.
if dotnet publish src/Messaging.HttpApi.Host -c Release --use-current-runtime --self-contained false -p:PublishReadyToRun=true \
    -p:BuildAdminUi=false -o "$results/host" --nologo -v quiet >"$results/publish.log" 2>&1; then
  export MESSAGING_TEST_HOST_DLL="$results/host/Messaging.HttpApi.Host.dll"
else
  echo "test.sh: the ReadyToRun publish of the host failed; the tests start the plain build (see below)" >&2
  tail -n 20 "$results/publish.log" >&2
fi

servers_up=true
if ! settings=$(etc/scripts/servers-start.sh); then
  stop_servers
  echo "The test servers did not start; no test ran."
  echo "tests: 0 passed, 1 failed"
  exit 1
fi
eval "$settings"
# Tests that need a server fail, never skip, when it is missing.
export MESSAGING_TEST_SERVERS=required

dotnet test Messaging.sln -c Release --no-build --nologo \
  --logger "trx" --logger "console;verbosity=normal" --results-directory "$results" \
  --blame-hang-timeout 5m "$@"
status=$?

stop_servers
# The UI's host runs on the embedded default: the stopped servers' settings must not reach it, or it would wait on a
# Redis and a RabbitMQ that are gone and dispatch nothing.
unset $(echo "$settings" | sed -n 's/^export \([A-Za-z_][A-Za-z0-9_]*\)=.*/\1/p') MESSAGING_TEST_SERVERS MESSAGING_TEST_HOST_DLL
etc/scripts/test-ui.sh --no-build 2>&1 | tee "$results/ui.log"
ui_status=${PIPESTATUS[0]}
[ "$ui_status" -eq 0 ] || [ "$status" -ne 0 ] || status=$ui_status
failed_tests
summary
exit $status
