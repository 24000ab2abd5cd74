#!/usr/bin/env bash
# Runs every test of Policy Dashboard on a fresh machine: installs what the tests need when it is missing
# (Debian's chromium for browser tests, kubectl for the real-client tests, the test IdP's npm packages),
# builds with warnings as errors, runs all test projects, and ends with "N passed, N failed".
set -euo pipefail
cd "$(dirname "$0")"

need_apt_update=1
apt_install() {
  if [ "$(id -u)" -ne 0 ]; then echo "test.sh: '$*' is missing and installing it needs root (apt-get install $*)" >&2; return 1; fi
  if [ $need_apt_update -eq 1 ]; then apt-get update -qq; need_apt_update=0; fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

command -v chromium >/dev/null 2>&1 || { echo "test.sh: installing Debian's chromium for the browser tests"; apt_install chromium; }
# The image's kubectl (1.32) is preferred; Debian's kubernetes-client is the fallback.
command -v kubectl >/dev/null 2>&1 || { echo "test.sh: installing kubectl (Debian kubernetes-client)"; apt_install kubernetes-client; }
if [ -f tests/oidc-provider/package.json ] && [ ! -d tests/oidc-provider/node_modules ]; then
  echo "test.sh: installing the test OpenID Connect provider's npm packages"
  (cd tests/oidc-provider && npm ci --no-audit --no-fund --loglevel=error)
fi

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
results="$PWD/TestResults/run-$(date +%Y%m%d-%H%M%S)"
mkdir -p "$results"

dotnet build PolicyDashboard.sln -c Debug -warnaserror -nologo -clp:ErrorsOnly
set +e
dotnet test PolicyDashboard.sln -c Debug --no-build --nologo \
  --logger "trx" --logger "console;verbosity=minimal" --results-directory "$results" \
  --blame-hang-timeout 5m
status=$?
set -e

passed=0; failed=0; skipped=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  get() { echo "$counters" | sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p"; }
  passed=$((passed + $(get passed))); failed=$((failed + $(get failed) + $(get error) + $(get timeout) + $(get aborted)))
  # A skipped test is counted in total but not executed (the trx notExecuted counter stays 0 for skips).
  skipped=$((skipped + $(get total) - $(get executed)))
done
ntrx=$(ls "$results"/*.trx 2>/dev/null | wc -l)
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; echo "test.sh: dotnet test failed without a failing test result (crash or hang); see above" >&2; fi
echo "test projects reported: $ntrx"
echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
