#!/usr/bin/env bash
# Runs every test of the repository, on a fresh machine too: installs PostgreSQL when it is missing
# (scripts/postgres.sh), starts a throwaway server for the PostgreSQL-mode and crash tests, builds
# the solution (the dashboard with it), runs all test projects, removes the server, then runs the
# browser tests (tests/Browser, Playwright) in Debian's Chromium, installed when it is missing
# (scripts/chromium.sh), with the OpenAPI document's lint and generated-client check beside them (their
# tools are tests/Browser's pinned npm devDependencies), and prints "N passed, N failed" over both.
set -euo pipefail
cd "$(dirname "$0")/.."

configuration="${CONFIGURATION:-Release}"
pgdir="$(mktemp -d /tmp/pitstop-test-pg.XXXXXX)"
results="$(mktemp -d /tmp/pitstop-test-results.XXXXXX)"
cleanup() {
  bash scripts/postgres.sh stop "$pgdir" >/dev/null 2>&1 || true
  rm -rf "$results"
}
trap cleanup EXIT

PITSTOP_TEST_POSTGRES="$(bash scripts/postgres.sh start "$pgdir")"
export PITSTOP_TEST_POSTGRES

dotnet build Orleans.sln -c "$configuration" -nologo -clp:ErrorsOnly

# One test project at a time (-m:1): the crash test runs real processes and deserves both cores.
status=0
dotnet test Orleans.sln -c "$configuration" --no-build -nologo -m:1 \
  --logger "trx" --logger "console;verbosity=minimal" --results-directory "$results" || status=$?

passed=0
failed=0
for trx in "$results"/*.trx; do
  [ -e "$trx" ] || continue
  counters="$(grep -o '<Counters [^>]*>' "$trx")"
  passed=$((passed + $(sed -E 's/.* passed="([0-9]+)".*/\1/' <<<"$counters")))
  failed=$((failed + $(sed -E 's/.* failed="([0-9]+)".*/\1/' <<<"$counters")))
done

# The dashboards and kiosk in a real browser, against an embedded engine the suite starts itself.
browser_status=0
export PITSTOP_BROWSER_JUNIT="$results/browser.xml"
if CHROMIUM_PATH="$(bash scripts/chromium.sh)"; then
  export CHROMIUM_PATH CONFIGURATION="$configuration" PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
  (cd tests/Browser && npm ci --no-audit --no-fund --loglevel=error && npx playwright test) || browser_status=$?
else
  browser_status=1
fi
if [ -e "$PITSTOP_BROWSER_JUNIT" ]; then
  suites="$(grep -o '<testsuites [^>]*>' "$PITSTOP_BROWSER_JUNIT")"
  total="$(sed -E 's/.* tests="([0-9]+)".*/\1/' <<<"$suites")"
  broken=$(($(sed -E 's/.* failures="([0-9]+)".*/\1/' <<<"$suites") + $(sed -E 's/.* errors="([0-9]+)".*/\1/' <<<"$suites")))
  passed=$((passed + total - broken))
  failed=$((failed + broken))
fi
# A suite that failed before its tests ran (the engine did not start) still counts as a failure.
if [ "$browser_status" -ne 0 ] && [ "${broken:-0}" -eq 0 ]; then
  failed=$((failed + 1))
fi
echo "Browser test screenshots: $(pwd)/tests/Browser/artifacts/screenshots (engine log and failure traces beside them)"
[ "$status" -ne 0 ] || status="$browser_status"

echo "$passed passed, $failed failed"
exit "$status"
