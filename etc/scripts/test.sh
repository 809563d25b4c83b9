#!/usr/bin/env bash
# Builds the solution and runs every test project against real processes and real SQLite files.
# Ends with one line: "tests: N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/../.."

results=$(mktemp -d)
trap 'rm -rf "$results"' EXIT

summary() {
  local passed=0 failed=0 file p f
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

dotnet test Messaging.sln -c Release --no-build --nologo \
  --logger "trx" --logger "console;verbosity=normal" --results-directory "$results" \
  --blame-hang-timeout 5m "$@"
status=$?

summary
exit $status
