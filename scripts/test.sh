#!/usr/bin/env bash
# Runs every test of the repository, on a fresh machine too: installs PostgreSQL when it is missing
# (scripts/postgres.sh), starts a throwaway server for the PostgreSQL-mode and crash tests, builds
# the solution, runs all test projects, removes the server, and prints "N passed, N failed".
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
echo "$passed passed, $failed failed"
exit "$status"
