#!/usr/bin/env bash
# The scaled-out shape on one machine: Azurite (Azure Storage emulator) + two silo processes clustered through
# Azure tables (one "GPU" silo with a fake cuda:0 device, role gpu; one cpu silo) + the web host as an Orleans
# client of them. Everything listens on free loopback ports.
#
#   deploy/local/run-local.sh [--config Release|Debug] [--work DIR] [--no-build] [--no-web]
#
# When all is up it prints one line, `AIMASS_LOCAL_READY {json}` (web address, admin key, storage connection
# string, silos, log folder), then runs until interrupted (Ctrl+C / SIGTERM), stopping everything it started.
# Needs: the .NET SDK; Azurite (AIMASS_AZURITE, tests/node_modules/.bin/azurite after `npm ci` in tests/, or
# `azurite` on PATH).
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
config=Release
work=""
build=1
web=1
while [ $# -gt 0 ]; do
  case "$1" in
    --config) config="$2"; shift 2 ;;
    --work) work="$2"; shift 2 ;;
    --no-build) build=0; shift ;;
    --no-web) web=0; shift ;;
    -h|--help) sed -n '2,12p' "$0"; exit 0 ;;
    *) echo "run-local: unknown argument '$1' (see --help)" >&2; exit 1 ;;
  esac
done
[ -n "$work" ] || work="$(mktemp -d "${TMPDIR:-/tmp}/aimass-local.XXXXXX")"
mkdir -p "$work/logs"
export OMP_WAIT_POLICY=PASSIVE DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

azurite="${AIMASS_AZURITE:-}"
[ -n "$azurite" ] || { [ -x "$root/tests/node_modules/.bin/azurite" ] && azurite="$root/tests/node_modules/.bin/azurite"; } || true
[ -n "$azurite" ] || azurite="$(command -v azurite || true)"
if [ -z "$azurite" ]; then
  echo "run-local: Azurite not found: run 'npm ci' in tests/, or set AIMASS_AZURITE" >&2
  exit 2
fi

silo_dll="$root/silo/AIMass.Silo/bin/$config/net10.0/AIMass.Silo.dll"
web_dll="$root/web/AIMass.Web/bin/$config/net10.0/AIMass.Web.dll"
if [ "$build" = 1 ]; then
  dotnet build "$root/silo/AIMass.Silo" -c "$config" -nologo -clp:ErrorsOnly >"$work/logs/build.log" 2>&1 \
    || { echo "run-local: building the silo failed (see $work/logs/build.log)" >&2; exit 2; }
  if [ "$web" = 1 ]; then
    dotnet build "$root/web/AIMass.Web" -c "$config" -nologo -clp:ErrorsOnly >>"$work/logs/build.log" 2>&1 \
      || { echo "run-local: building the web host failed (see $work/logs/build.log)" >&2; exit 2; }
  fi
fi
[ -f "$silo_dll" ] || { echo "run-local: $silo_dll is missing (build it, or drop --no-build)" >&2; exit 2; }
[ "$web" = 0 ] || [ -f "$web_dll" ] || { echo "run-local: $web_dll is missing (build it, or drop --no-build)" >&2; exit 2; }

pids=()
stop_all() {
  trap - EXIT INT TERM
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for _ in $(seq 1 100); do
    alive=0
    for pid in "${pids[@]}"; do kill -0 "$pid" 2>/dev/null && alive=1; done
    [ "$alive" = 0 ] && break
    sleep 0.2
  done
  for pid in "${pids[@]}"; do kill -KILL "$pid" 2>/dev/null || true; done
}
trap 'stop_all; exit 0' INT TERM
trap 'stop_all' EXIT

taken=" "
free_port() {
  local port
  while :; do
    port=$(( 20000 + RANDOM % 40000 ))
    case "$taken" in *" $port "*) continue ;; esac
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then taken="$taken$port "; echo "$port"; return; fi
  done
}
listening() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
wait_port() { # name pid port seconds
  local i
  for i in $(seq 1 $(( $4 * 5 ))); do
    listening "$3" && return 0
    if ! kill -0 "$2" 2>/dev/null; then
      echo "run-local: $1 exited during start-up; last log lines:" >&2
      tail -n 30 "$work/logs/$1.log" >&2 || true
      exit 3
    fi
    sleep 0.2
  done
  echo "run-local: $1 did not listen on port $3 within $4 s (see $work/logs/$1.log)" >&2
  exit 3
}

blob=$(free_port); queue=$(free_port); table=$(free_port)
"$azurite" --silent --blobHost 127.0.0.1 --queueHost 127.0.0.1 --tableHost 127.0.0.1 \
  --blobPort "$blob" --queuePort "$queue" --tablePort "$table" \
  --skipApiVersionCheck --loose --inMemoryPersistence >"$work/logs/azurite.log" 2>&1 &
pids+=($!)
wait_port azurite $! "$table" 30
account_key="Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="
connection="DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=$account_key;BlobEndpoint=http://127.0.0.1:$blob/devstoreaccount1;QueueEndpoint=http://127.0.0.1:$queue/devstoreaccount1;TableEndpoint=http://127.0.0.1:$table/devstoreaccount1;"
cluster="aimass-local-$RANDOM"
admin_key="aim-admin-local-$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')"

export AIMass__Storage=AzureStorage AIMass__AzureStorageConnectionString="$connection" \
  AIMass__ClusterId="$cluster" AIMass__ServiceId=aimass AIMass__AdminKey="$admin_key" \
  AIMass__Scheduling__LeaseDuration=00:00:10 AIMass__Scheduling__HeartbeatInterval=00:00:01 AIMass__Scheduling__TickInterval=00:00:01

start_silo() { # name devices fake-gpu
  local silo_port gateway_port
  silo_port=$(free_port); gateway_port=$(free_port)
  mkdir -p "$work/$1"
  AIMass__DataDirectory="$work/$1" AIMass__SiloPort="$silo_port" AIMass__GatewayPort="$gateway_port" \
  AIMass__Silo__Name="$1" AIMass__Silo__Devices="$2" AIMass__Silo__FakeGpu="$3" AIMass__Silo__CpuSlots=1 \
    dotnet "$silo_dll" >"$work/logs/$1.log" 2>&1 &
  pids+=($!)
  eval "${1//-/_}_pid=$!; ${1//-/_}_gateway=$gateway_port"
}
start_silo gpu-0 cuda:0 true
start_silo cpu-0 cpu false
wait_port gpu-0 "$gpu_0_pid" "$gpu_0_gateway" 120
wait_port cpu-0 "$cpu_0_pid" "$cpu_0_gateway" 120

web_url=""
if [ "$web" = 1 ]; then
  web_port=$(free_port)
  mkdir -p "$work/web"
  AIMass__Web__Mode=Client AIMass__DataDirectory="$work/web" ASPNETCORE_URLS="http://127.0.0.1:$web_port" \
  ASPNETCORE_ENVIRONMENT=Production dotnet "$web_dll" >"$work/logs/web.log" 2>&1 &
  pids+=($!)
  wait_port web $! "$web_port" 120
  web_url="http://127.0.0.1:$web_port"
fi

printf 'AIMASS_LOCAL_READY {"web":"%s","adminKey":"%s","connectionString":"%s","clusterId":"%s","serviceId":"aimass","silos":[{"name":"gpu-0","devices":"cuda:0","gatewayPort":%s},{"name":"cpu-0","devices":"cpu","gatewayPort":%s}],"work":"%s"}\n' \
  "$web_url" "$admin_key" "$connection" "$cluster" "$gpu_0_gateway" "$cpu_0_gateway" "$work"

# Run until interrupted, or until one of the processes dies.
while :; do
  for pid in "${pids[@]}"; do
    if ! kill -0 "$pid" 2>/dev/null; then
      echo "run-local: process $pid exited; stopping the rest (logs in $work/logs)" >&2
      exit 3
    fi
  done
  sleep 1
done
