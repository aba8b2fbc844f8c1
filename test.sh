#!/usr/bin/env bash
# Runs every test of the solution and prints one total line: "N passed, N failed, N skipped".
# Installs what the tests need when it is missing: Azurite (npm, tests/package.json + lock file) and,
# when running as root, Debian's chromium for the browser tests and Debian's kubernetes-client (kubectl) for the
# Kubernetes manifest tests (they fail, saying so, without it).
set -uo pipefail
cd "$(dirname "$0")"
root=$(pwd)

export OMP_WAIT_POLICY=PASSIVE
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
export AIMASS_TEST_AZURITE="$root/tests/node_modules/.bin/azurite"

if [ ! -x "$AIMASS_TEST_AZURITE" ]; then
  echo "[test.sh] installing Azurite (npm ci in tests/)"
  (cd tests && npm ci --no-audit --no-fund --loglevel=error) || echo "[test.sh] warning: Azurite could not be installed"
fi
if [ ! -x /usr/bin/chromium ] && [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
  echo "[test.sh] installing Debian chromium for the browser tests"
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
    || echo "[test.sh] warning: chromium could not be installed"
fi
if ! command -v kubectl >/dev/null && [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
  echo "[test.sh] installing Debian kubernetes-client (kubectl) for the Kubernetes manifest tests"
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq kubernetes-client >/dev/null) \
    || echo "[test.sh] warning: kubernetes-client could not be installed: the Kubernetes manifest tests will fail"
fi
# The manifest tests need kubectl 1.22+ (kustomize 4.2+); Debian 12's kubernetes-client is 1.20.
kubectl_minor=$(kubectl version --client -o json 2>/dev/null | grep -o '"minor": *"[0-9]*' | grep -o '[0-9]*$')
if [ -z "$kubectl_minor" ]; then
  echo "[test.sh] warning: kubectl is missing: the Kubernetes manifest tests that render or apply the manifests (tests/AIMass.Client.Tests/Deploy) are skipped"
elif [ "$kubectl_minor" -lt 22 ]; then
  echo "[test.sh] warning: kubectl 1.$kubectl_minor is too old for deploy/k8s (needs 1.22+): the Kubernetes manifest tests that need it are skipped"
fi

results="$root/TestResults"
rm -rf "$results"
mkdir -p "$results"

echo "[test.sh] building"
if ! dotnet build AIMass.Orleans.sln -c Release -nologo -clp:ErrorsOnly; then
  echo "build failed"
  echo "0 passed, 1 failed"
  exit 1
fi

status=0
crashed=0
# One test project at a time: they start clusters and train models, and this machine has two cores.
for project in tests/*/*.Tests.csproj; do
  name=$(basename "$project" .csproj)
  echo "[test.sh] $name"
  if ! dotnet test "$project" -c Release --no-build --nologo \
      --logger "trx;LogFileName=$name.trx" --logger "console;verbosity=normal" \
      --results-directory "$results" "$@"; then
    status=1
    [ -f "$results/$name.trx" ] || crashed=$((crashed + 1))
  fi
done

passed=0; failed=$crashed; skipped=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*' "$trx" | head -n 1)
  get() { printf '%s' "$counters" | grep -o " $1=\"[0-9]*\"" | grep -o '[0-9]*'; }
  passed=$((passed + $(get passed)))
  failed=$((failed + $(get failed) + $(get error) + $(get timeout) + $(get aborted)))
  skipped=$((skipped + $(get notExecuted)))
done
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi
echo "$passed passed, $failed failed, $skipped skipped"
exit $status
