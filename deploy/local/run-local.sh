#!/usr/bin/env bash
# The scaled-out shape on one machine: Azurite (Azure Storage emulator) + two silo processes clustered through
# Azure tables (one "GPU" silo with a fake cuda:0 device, role gpu; one cpu silo) + the web host as an Orleans
# client of them. Cluster traffic uses mutual TLS with a throw-away authority made here with openssl (the commands
# of deploy/README.md, "Cluster certificates"). By default everything listens on free loopback ports; with --netns (root only) each
# process gets its own network namespace and address on a bridge, as if on three hosts: the cpu silo in the
# first, the gpu silo in the second, the web host in the third, Azurite on the bridge in the root namespace.
#
#   deploy/local/run-local.sh [--config Release|Debug] [--work DIR] [--no-build] [--no-web] [--netns]
#
# When all is up it prints one line, `AIMASS_LOCAL_READY {json}` (web address, admin key, storage connection
# string, silos with their pids, addresses and health URLs, a client certificate, log folder), then runs until
# interrupted (Ctrl+C / SIGTERM), stopping everything it started (and removing the namespaces). A silo that dies
# is reported and the rest keep running; Azurite or the web host dying stops everything.
# Needs: the .NET SDK, openssl; Azurite (AIMASS_AZURITE, tests/node_modules/.bin/azurite after `npm ci` in tests/,
# or `azurite` on PATH); --netns needs root and iproute2.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
config=Release
work=""
build=1
web=1
netns=0
while [ $# -gt 0 ]; do
  case "$1" in
    --config) config="$2"; shift 2 ;;
    --work) work="$2"; shift 2 ;;
    --no-build) build=0; shift ;;
    --no-web) web=0; shift ;;
    --netns) netns=1; shift ;;
    -h|--help) sed -n '2,18p' "$0"; exit 0 ;;
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
names=()
namespaces=()
bridge=""
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
  for ns in "${namespaces[@]}"; do ip netns del "$ns" 2>/dev/null || true; done
  [ -z "$bridge" ] || ip link del "$bridge" 2>/dev/null || true
}
trap 'stop_all; exit 0' INT TERM
trap 'stop_all' EXIT

# Addresses: loopback for everything, or (--netns) a bridge in the root namespace and one namespace per process.
host_of() { echo 127.0.0.1; }
prefix_for() { prefix=(); } # prefix_for NAME: sets `prefix`, what runs a command in NAME's namespace (none: here)
if [ "$netns" = 1 ]; then
  [ "$(id -u)" = 0 ] || { echo "run-local: --netns needs root (network namespaces)" >&2; exit 2; }
  command -v ip >/dev/null || { echo "run-local: --netns needs iproute2 ('ip')" >&2; exit 2; }
  tag=$(( RANDOM % 9000 + 1000 ))
  for _ in $(seq 1 50); do
    subnet="10.$(( RANDOM % 200 + 40 )).$(( RANDOM % 250 + 1 ))"
    ip -4 addr | grep -q " $subnet\." || ip -4 route | grep -q "^$subnet\." || break
  done
  bridge="aimbr$tag"
  ip link add "$bridge" type bridge
  ip addr add "$subnet.1/24" dev "$bridge"
  ip link set "$bridge" up
  n=2
  for role in cpu gpu web; do
    ns="aimass-$tag-$role"
    ip netns add "$ns"
    namespaces+=("$ns")
    ip link add "aimv$tag$role" type veth peer name eth0 netns "$ns"
    ip link set "aimv$tag$role" master "$bridge" up
    ip netns exec "$ns" ip addr add "$subnet.$n/24" dev eth0
    ip netns exec "$ns" ip link set eth0 up
    ip netns exec "$ns" ip link set lo up
    eval "addr_$role=$subnet.$n"
    n=$(( n + 1 ))
  done
  host_of() { case "$1" in azurite) echo "$subnet.1" ;; cpu-0) echo "$addr_cpu" ;; gpu-0) echo "$addr_gpu" ;; web) echo "$addr_web" ;; esac; }
  prefix_for() { case "$1" in cpu-0) prefix=(ip netns exec "aimass-$tag-cpu") ;; gpu-0) prefix=(ip netns exec "aimass-$tag-gpu") ;; web) prefix=(ip netns exec "aimass-$tag-web") ;; *) prefix=() ;; esac; }
fi

taken=" "
free_port() {
  local port
  while :; do
    port=$(( 20000 + RANDOM % 40000 ))
    case "$taken" in *" $port "*) continue ;; esac
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then taken="$taken$port "; echo "$port"; return; fi
  done
}
listening() { (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null; }
wait_port() { # name pid host port seconds
  local i
  for i in $(seq 1 $(( $5 * 5 ))); do
    listening "$3" "$4" && return 0
    if ! kill -0 "$2" 2>/dev/null; then
      echo "run-local: $1 exited during start-up; last log lines:" >&2
      tail -n 30 "$work/logs/$1.log" >&2 || true
      exit 3
    fi
    sleep 0.2
  done
  echo "run-local: $1 did not listen on $3:$4 within $5 s (see $work/logs/$1.log)" >&2
  exit 3
}

# The cluster's certificate authority and one certificate per member (deploy/README.md, "Cluster certificates").
tls="$work/tls"
mkdir -p "$tls"
command -v openssl >/dev/null || { echo "run-local: openssl is needed to make the cluster's certificates" >&2; exit 2; }
openssl req -x509 -newkey rsa:2048 -nodes -days 30 -subj "/CN=aimass-local-ca" \
  -keyout "$tls/ca.key" -out "$tls/ca.crt" -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" >"$work/logs/tls.log" 2>&1
issue() { # member
  openssl req -newkey rsa:2048 -nodes -subj "/CN=$1" -keyout "$tls/$1.key" -out "$tls/$1.csr" >>"$work/logs/tls.log" 2>&1
  printf 'basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth,clientAuth\n' >"$tls/$1.ext"
  openssl x509 -req -in "$tls/$1.csr" -CA "$tls/ca.crt" -CAkey "$tls/ca.key" -CAcreateserial -days 30 -extfile "$tls/$1.ext" -out "$tls/$1.crt" >>"$work/logs/tls.log" 2>&1
}
for member in gpu-0 cpu-0 web client; do issue "$member"; done
chmod 600 "$tls"/*.key

azurite_host=$(host_of azurite)
blob=$(free_port); queue=$(free_port); table=$(free_port)
"$azurite" --silent --blobHost "$azurite_host" --queueHost "$azurite_host" --tableHost "$azurite_host" \
  --blobPort "$blob" --queuePort "$queue" --tablePort "$table" \
  --skipApiVersionCheck --loose --inMemoryPersistence >"$work/logs/azurite.log" 2>&1 &
pids+=($!); names+=(azurite)
wait_port azurite $! "$azurite_host" "$table" 30
account_key="Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="
connection="DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=$account_key;BlobEndpoint=http://$azurite_host:$blob/devstoreaccount1;QueueEndpoint=http://$azurite_host:$queue/devstoreaccount1;TableEndpoint=http://$azurite_host:$table/devstoreaccount1;"
cluster="aimass-local-$RANDOM"
admin_key="aim-admin-local-$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')"

export AIMass__Storage=AzureStorage AIMass__AzureStorageConnectionString="$connection" \
  AIMass__ClusterId="$cluster" AIMass__ServiceId=aimass AIMass__AdminKey="$admin_key" AIMass__Tls__AuthorityPath="$tls/ca.crt" \
  AIMass__Scheduling__LeaseDuration=00:00:10 AIMass__Scheduling__HeartbeatInterval=00:00:01 AIMass__Scheduling__TickInterval=00:00:01

start_silo() { # name devices fake-gpu
  local silo_port gateway_port health_port host advertised
  silo_port=$(free_port); gateway_port=$(free_port); health_port=$(free_port)
  host=$(host_of "$1")
  # In namespaces the silo finds its own address (the only non-loopback one); on loopback it is told.
  advertised=""; [ "$netns" = 1 ] || advertised=127.0.0.1
  mkdir -p "$work/$1"
  prefix_for "$1"
  # A simple command in the background: $! is the silo's own pid (ip netns exec execs it), so a test can SIGKILL it.
  AIMass__DataDirectory="$work/$1" AIMass__SiloPort="$silo_port" AIMass__GatewayPort="$gateway_port" \
  AIMass__AdvertisedAddress="$advertised" AIMass__HealthUrl="http://$host:$health_port" \
  AIMass__Tls__CertificatePath="$tls/$1.crt" AIMass__Tls__KeyPath="$tls/$1.key" \
  AIMass__Silo__Name="$1" AIMass__Silo__Devices="$2" AIMass__Silo__FakeGpu="$3" AIMass__Silo__CpuSlots=1 \
    "${prefix[@]}" dotnet "$silo_dll" >"$work/logs/$1.log" 2>&1 &
  pids+=($!); names+=("$1")
  eval "${1//-/_}_pid=$!; ${1//-/_}_gateway=$gateway_port; ${1//-/_}_host=$host; ${1//-/_}_health=http://$host:$health_port"
}
start_silo gpu-0 cuda:0 true
start_silo cpu-0 cpu false
wait_port gpu-0 "$gpu_0_pid" "$gpu_0_host" "$gpu_0_gateway" 120
wait_port cpu-0 "$cpu_0_pid" "$cpu_0_host" "$cpu_0_gateway" 120

web_url=""
if [ "$web" = 1 ]; then
  web_port=$(free_port)
  web_host=$(host_of web)
  mkdir -p "$work/web"
  prefix_for web
  AIMass__Web__Mode=Client AIMass__DataDirectory="$work/web" ASPNETCORE_URLS="http://$web_host:$web_port" \
  AIMass__Tls__CertificatePath="$tls/web.crt" AIMass__Tls__KeyPath="$tls/web.key" \
  ASPNETCORE_ENVIRONMENT=Production "${prefix[@]}" dotnet "$web_dll" >"$work/logs/web.log" 2>&1 &
  pids+=($!); names+=(web)
  wait_port web $! "$web_host" "$web_port" 120
  web_url="http://$web_host:$web_port"
fi

silo_json() { # name devices
  local v=${1//-/_}
  eval "printf '{\"name\":\"%s\",\"devices\":\"%s\",\"pid\":%s,\"address\":\"%s\",\"gatewayPort\":%s,\"health\":\"%s\"}' \"$1\" \"$2\" \"\$${v}_pid\" \"\$${v}_host\" \"\$${v}_gateway\" \"\$${v}_health\""
}
printf 'AIMASS_LOCAL_READY {"web":"%s","adminKey":"%s","connectionString":"%s","clusterId":"%s","serviceId":"aimass","silos":[%s,%s],"tls":{"authority":"%s","certificate":"%s","key":"%s"},"netns":%s,"work":"%s"}\n' \
  "$web_url" "$admin_key" "$connection" "$cluster" "$(silo_json gpu-0 cuda:0)" "$(silo_json cpu-0 cpu)" \
  "$tls/ca.crt" "$tls/client.crt" "$tls/client.key" "$([ "$netns" = 1 ] && echo true || echo false)" "$work"

# Run until interrupted. A silo that dies is reported (the others take its work); Azurite or the web host dying ends the run.
reported=" "
while :; do
  for i in "${!pids[@]}"; do
    if ! kill -0 "${pids[$i]}" 2>/dev/null; then
      case "${names[$i]}" in
        azurite|web) echo "run-local: ${names[$i]} (pid ${pids[$i]}) exited; stopping the rest (logs in $work/logs)" >&2; exit 3 ;;
        *) case "$reported" in *" ${names[$i]} "*) ;; *) echo "run-local: silo ${names[$i]} (pid ${pids[$i]}) exited; the others go on" >&2; reported="$reported${names[$i]} " ;; esac ;;
      esac
    fi
  done
  sleep 1
done
