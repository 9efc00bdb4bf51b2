#!/usr/bin/env bash
# Runs a cluster of N hosts (default 3) on this machine: membership in PostgreSQL, grain state in Azurite.
#
#   deploy/cluster.sh start [N] [--Key=value…]   start Azurite, PostgreSQL, N hosts (with those settings) and the
#                                 proxy in front; prints the URLs
#   deploy/cluster.sh stop        stop the proxy, the hosts and the services this script started
#   deploy/cluster.sh status      show the members as the membership table has them
#   deploy/cluster.sh restart-host I [--Key=value…]   start host I again (after it died), as start did
#
# The cluster's address is the proxy (nginx, deploy/proxy.sh) on http://127.0.0.1:5080, which spreads requests
# and the boards' WebSockets over the hosts. Host i (1..N) listens on HTTP 5080+i, silo port 11110+i, gateway
# 30000+i (BIJIE_CLUSTER_HTTP_BASE, BIJIE_CLUSTER_SILO_BASE, BIJIE_CLUSTER_GATEWAY_BASE change the bases;
# BIJIE_CLUSTER_PROXY_PORT the proxy's port, by default the HTTP base). With BIJIE_CLUSTER_NETNS=1 each host runs in
# its own network namespace of deploy/netns.sh (made beforehand, as deploy/chaos.sh does) and listens on its address
# there instead of 127.0.0.1.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$REPO"

dir="$LOCAL/cluster"
http_base="${BIJIE_CLUSTER_HTTP_BASE:-5080}"
silo_base="${BIJIE_CLUSTER_SILO_BASE:-11110}"
gateway_base="${BIJIE_CLUSTER_GATEWAY_BASE:-30000}"
proxy_port="${BIJIE_CLUSTER_PROXY_PORT:-$http_base}"
cluster_id="${BIJIE_CLUSTER_ID:-bijie-cluster}"
netns="${BIJIE_CLUSTER_NETNS:-0}"

host_address() { if [[ "$netns" == 1 ]]; then "$REPO/deploy/netns.sh" address "$1"; else echo 127.0.0.1; fi; }

stop_hosts() {
  local pidfile
  for pidfile in "$dir"/host-*.pid; do
    [[ -e "$pidfile" ]] && stop_pidfile "$pidfile" Bijie.Actors.Host.dll
  done
  return 0
}

start_host() { # start_host I [--Key=value…]: host I of the cluster, in the background
  local i="$1" address proxy=127.0.0.1 inside=()
  shift
  address="$(host_address "$i")"
  [[ "$netns" == 1 ]] && { inside=("$REPO/deploy/netns.sh" exec "$i"); proxy=10.77.0.1; }
  (cd "$(dirname "$HOST_DLL")" && exec nohup "${inside[@]}" dotnet "$HOST_DLL" --urls "http://$address:$((http_base + i))" \
    --Bijie:Mode=Cluster --Bijie:AdvertisedAddress="$address" --Bijie:ClusterId="$cluster_id" --Bijie:SiloName="silo-$i" \
    --Bijie:SiloPort=$((silo_base + i)) --Bijie:GatewayPort=$((gateway_base + i)) \
    --Bijie:AdminKeyFile="$dir/admin-api-key" --Bijie:DemoAccountsFile="$dir/demo-accounts" \
    --Bijie:Web:ForwardedProxies="$proxy" \
    --Bijie:Demo=$([[ $i == 1 ]] && echo OnEmptyStore || echo Off) "$@") >>"$dir/host-$i.log" 2>&1 &
  echo $! >"$dir/host-$i.pid"
}

case "${1:-}" in
  restart-host)
    i="${2:?usage: deploy/cluster.sh restart-host I}"
    shift 2
    [[ -f "$dir/services.env" ]] || die "no cluster has been started from this clone"
    pid_alive "$(cat "$dir/host-$i.pid" 2>/dev/null)" && die "host $i still runs"
    set -a; source "$dir/services.env"; set +a
    start_host "$i" "$@"
    say "host $i started again (pid $(cat "$dir/host-$i.pid"))"
    ;;
  start)
    n="${2:-3}"
    [[ "$n" =~ ^[1-9][0-9]?$ ]] || die "N must be a number from 1 to 99"
    shift $(($# >= 2 ? 2 : 1))
    ensure_dotnet
    mkdir -p "$dir"
    "$REPO/deploy/services.sh" start cluster
    set -a; source "$dir/services.env"; set +a
    say "building the host (Release)"
    dotnet build "$HOST_PROJECT" -c "$CONFIGURATION" -nologo -clp:NoSummary -v:q >"$dir/build.log" 2>&1 \
      || { cat "$dir/build.log" >&2; die "the build failed"; }
    for i in $(seq 1 "$n"); do
      pid_alive "$(cat "$dir/host-$i.pid" 2>/dev/null)" && { say "host $i already runs"; continue; }
      : >"$dir/host-$i.log"
      start_host "$i" "$@"
    done
    for i in $(seq 1 "$n"); do
      wait_until 120 "host $i to become ready" curl -fs -o /dev/null "http://$(host_address "$i"):$((http_base + i))/health/ready" \
        || { tail -20 "$dir/host-$i.log" >&2; die "host $i did not become ready; logs in ${dir#"$REPO/"}"; }
      say "host $i ready: http://$(host_address "$i"):$((http_base + i))  (silo port $((silo_base + i)))"
    done
    upstreams=()
    for i in $(seq 1 "$n"); do upstreams+=("$(host_address "$i"):$((http_base + i))"); done
    "$REPO/deploy/proxy.sh" start "$dir/proxy" "$proxy_port" "${upstreams[@]}"
    say "the cluster: http://127.0.0.1:$proxy_port  (boards, pages and API through the proxy)"
    say "admin API key: ${dir#"$REPO/"}/admin-api-key; demo sign-in accounts: ${dir#"$REPO/"}/demo-accounts"
    ;;
  stop)
    "$REPO/deploy/proxy.sh" stop "$dir/proxy"
    stop_hosts
    "$REPO/deploy/services.sh" stop cluster
    ;;
  status)
    [[ -f "$dir/services.env" ]] || die "no cluster has been started from this clone"
    set -a; source "$dir/services.env"; set +a # the port, and PGPASSWORD
    psql -h 127.0.0.1 -p "$BIJIE_PG_PORT" -U postgres -d bijie -c \
      "SELECT silo_name, address || ':' || port AS silo, generation, CASE status WHEN 3 THEN 'active' WHEN 6 THEN 'dead' ELSE status::text END AS status, i_am_alive_time FROM orleans_membership WHERE deployment_id = '$cluster_id' ORDER BY start_time"
    ;;
  *) die "usage: deploy/cluster.sh start [N] | stop | status | restart-host I" ;;
esac
