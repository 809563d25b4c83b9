#!/usr/bin/env bash
# Tests the admin UI (angular/): the API client against docs/openapi.json, the component tests (Vitest), then the
# end-to-end tests (Playwright driving Debian's Chromium, never a downloaded browser) against a real host on the
# embedded default, started here on a free port with its own database and passwords and stopped at the end.
# Needs the .NET SDK and Node.js 20.19+; installs the Debian package chromium when it is missing (see
# install-debian-packages.sh) and the npm packages of angular/package-lock.json.
# Usage: etc/scripts/test-ui.sh [--screenshots] [--no-build]
#   --screenshots also writes docs/ui/*.png for docs/ui.md; --no-build uses the host as last built with the UI (test.sh
#   builds it once, then runs these tests after the .NET ones).
# Ends with one line: "ui tests: N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)

passed=0
failed=0
host_pid=""
work=$(mktemp -d)
stop_host() {
  if [ -n "$host_pid" ]; then
    kill "$host_pid" 2>/dev/null && wait "$host_pid" 2>/dev/null
    host_pid=""
  fi
}
trap 'stop_host; rm -rf "$work"' EXIT
trap 'exit 130' INT TERM

summary() { echo "ui tests: $passed passed, $failed failed"; }
give_up() {
  echo "test-ui: $*" >&2
  failed=$((failed + 1))
  summary
  exit 1
}

# Reads "passed failed" from a Vitest or Playwright JSON report; a missing report is one failure.
counts() {
  node -e '
    const fs = require("fs");
    try {
      const r = JSON.parse(fs.readFileSync(process.argv[1], "utf8"));
      if (r.stats) { console.log(r.stats.expected + r.stats.flaky, r.stats.unexpected); }
      else { console.log(r.numPassedTests, r.numFailedTests + (r.success === false && r.numFailedTests === 0 ? 1 : 0)); }
    } catch { console.log(0, 1); }' "$1"
}

add_counts() {
  local p f
  read -r p f < <(counts "$1")
  passed=$((passed + p))
  failed=$((failed + f))
}

screenshots=""
build_host=true
for arg in "$@"; do
  case "$arg" in
    --screenshots) screenshots="$root/docs/ui" ;;
    --no-build) build_host=false ;;
    *) give_up "unknown argument $arg (usage: test-ui.sh [--screenshots] [--no-build])" ;;
  esac
done

command -v node >/dev/null || give_up "Node.js 20.19 or later is needed (with npm); install it first"
command -v dotnet >/dev/null || give_up "the .NET SDK is needed"
etc/scripts/install-debian-packages.sh chromium || give_up "Chromium cannot be installed"
chromium=$(command -v chromium) || give_up "chromium is not on the PATH"

cd angular
stamp=node_modules/.messaging-npm-ci.stamp
if [ ! -f "$stamp" ] || [ package-lock.json -nt "$stamp" ] || [ package.json -nt "$stamp" ]; then
  npm ci --no-audit --no-fund >&2 || give_up "npm ci failed"
  touch "$stamp"
fi
rm -rf reports

if npm run --silent check:api; then passed=$((passed + 1)); else failed=$((failed + 1)); fi

npx ng test --watch=false --progress=false
add_counts reports/unit.json

# The host as README's first command runs it: the UI built into it, the embedded default, but on a port of its own,
# and with 20-second access tokens, so that the UI renews them during the tests.
cd "$root"
if $build_host && ! dotnet build src/Messaging.HttpApi.Host -c Release --nologo -v minimal; then
  give_up "the host (with the UI) did not build"
fi
[ -f src/Messaging.HttpApi.Host/bin/Release/net10.0/wwwroot/index.html ] || give_up "the host was built without the UI"
port=5281
while (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do port=$((port + 1)); done
secret() { echo "Ui-$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')-7"; }
host_password=$(secret)
demo_password=$(secret)
base_url="http://localhost:$port"
(
  cd src/Messaging.HttpApi.Host/bin/Release/net10.0 || exit 1
  exec env ASPNETCORE_URLS="$base_url" \
    ConnectionStrings__Default="Data Source=$work/messaging.db" \
    Seed__HostAdminPassword="$host_password" Seed__DemoTenantAdminPassword="$demo_password" \
    Identity__Server__AdminClientRedirectUris__0="$base_url/" \
    Identity__Server__AccessTokenLifetime=00:00:20 \
    dotnet Messaging.HttpApi.Host.dll
) >"$work/host.log" 2>&1 &
host_pid=$!
ready=false
for _ in $(seq 1 120); do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then ready=true; break; fi
  kill -0 "$host_pid" 2>/dev/null || break
  sleep 0.5
done
$ready || { tail -n 30 "$work/host.log" >&2; give_up "the host did not start"; }

cd angular
[ -z "$screenshots" ] || mkdir -p "$screenshots"
E2E_BASE_URL="$base_url" CHROMIUM_PATH="$chromium" E2E_SCREENSHOTS="$screenshots" \
  E2E_HOST_ADMIN_PASSWORD="$host_password" E2E_DEMO_ADMIN_PASSWORD="$demo_password" \
  npx playwright test
add_counts reports/e2e.json
stop_host

summary
[ "$failed" -eq 0 ]
