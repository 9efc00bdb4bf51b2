#!/usr/bin/env bash
# The chaos run's network: each host of a local cluster in a network namespace of its own, joined by a veth pair to a
# bridge of this machine, so that links can be cut, slowed and healed one by one. Needs root (ip netns, nft). All
# addresses are in 10.77.0.0/24, on the bridge and inside the namespaces this script makes; nothing is routed off
# the machine, and this machine's own routes and firewall are not touched.
#
#   bridge bijie-br0        10.77.0.1 (clients: the load generator, the proxy), 10.77.0.2 (PostgreSQL),
#                           10.77.0.3 (Azurite)
#   namespace bijie-hI      10.77.0.(10+I) on its eth0; host I listens there
#
# Every connection a host opens to another silo or to PostgreSQL goes through a relay on the bridge
# (deploy/netns-relay.py, by a DNAT rule in the host's namespace), which passes bytes on at once, or after a delay
# while the links are slow. Cuts and losses are nftables rules in the host's namespace ("bijie" table), or its link
# taken down.
#
#   deploy/netns.sh up N SILO_BASE PG_PORT   make the bridge, N namespaces and the relays (SILO_BASE+I: host I's silo port)
#   deploy/netns.sh down                     remove them
#   deploy/netns.sh exec I COMMAND...        run COMMAND in host I's namespace
#   deploy/netns.sh address I                host I's address
#   deploy/netns.sh cut I silos|postgres|all host I loses its links to the other silos (it still reaches PostgreSQL,
#                                            Azurite and its clients), to PostgreSQL only, or every link
#   deploy/netns.sh heal I                   host I's links back as they were
#   deploy/netns.sh slow DELAY_MS LOSS_PCT   every link between silos and to PostgreSQL DELAY_MS slower each way,
#                                            and LOSS_PCT of its packets lost each way
#   deploy/netns.sh fast                     those links as they were
set -euo pipefail
source "$(dirname "$0")/lib.sh"

state="$LOCAL/netns"
bridge=bijie-br0
net=10.77.0
client="$net.1" pg="$net.2" azurite="$net.3"
relay_base=40000 # relay for host J's silo port: RELAY_BASE+J; for PostgreSQL: RELAY_BASE

ns() { echo "bijie-h$1"; }
address() { echo "$net.$((10 + $1))"; }
veth() { echo "bijie-h$1"; }

need_root() {
  [[ "$(id -u)" == 0 ]] || die "the chaos run's network needs root (ip netns, nftables)"
  ensure_debian nft nftables
  command -v ip >/dev/null || die "ip (iproute2) is missing"
}

load_state() {
  [[ -f "$state/config" ]] || die "the chaos network is not up (deploy/netns.sh up N SILO_BASE PG_PORT)"
  # shellcheck disable=SC1091
  source "$state/config"
}

# The host's own rules: the DNAT to the relays, and the chains that cuts and losses fill.
base_rules() { # base_rules I
  local i="$1" j
  {
    echo "table ip bijie {"
    echo "  chain nat_out { type nat hook output priority -100;"
    for j in $(seq 1 "$hosts"); do
      ((j == i)) || echo "    ip daddr $(address "$j") tcp dport $((silo_base + j)) dnat to $client:$((relay_base + j))"
    done
    echo "    ip daddr $pg tcp dport $pg_port dnat to $client:$relay_base"
    echo "  }"
    echo "  chain out { type filter hook output priority 0; }"
    echo "  chain in { type filter hook input priority 0; }"
    echo "}"
  }
}

others() { # the addresses of the other hosts, as an nftables set
  local i="$1" j list=()
  for j in $(seq 1 "$hosts"); do ((j == i)) || list+=("$(address "$j")"); done
  local IFS=,; echo "{ ${list[*]} }"
}

case "${1:-}" in
  up)
    need_root
    hosts="${2:?usage: deploy/netns.sh up N SILO_BASE PG_PORT}" silo_base="${3:?silo base}" pg_port="${4:?PostgreSQL port}"
    "$0" down >/dev/null 2>&1 || true
    ip -4 addr show | grep -q "inet $net\." && die "$net.0/24 is in use on this machine"
    mkdir -p "$state"
    printf 'hosts=%s\nsilo_base=%s\npg_port=%s\n' "$hosts" "$silo_base" "$pg_port" >"$state/config"
    ip link add "$bridge" type bridge
    ip addr add "$client/24" dev "$bridge"
    ip addr add "$pg/24" dev "$bridge"
    ip addr add "$azurite/24" dev "$bridge"
    ip link set "$bridge" up
    for i in $(seq 1 "$hosts"); do
      ip netns add "$(ns "$i")"
      ip link add "$(veth "$i")" type veth peer name eth0 netns "$(ns "$i")"
      ip link set "$(veth "$i")" master "$bridge" up
      ip -n "$(ns "$i")" addr add "$(address "$i")/24" dev eth0
      ip -n "$(ns "$i")" link set lo up
      ip -n "$(ns "$i")" link set eth0 up
      base_rules "$i" | ip netns exec "$(ns "$i")" nft -f -
    done
    routes=("$client:$relay_base=$pg:$pg_port")
    for i in $(seq 1 "$hosts"); do routes+=("$client:$((relay_base + i))=$(address "$i"):$((silo_base + i))"); done
    echo 0 >"$state/delay-ms"
    nohup python3 "$REPO/deploy/netns-relay.py" "$state/delay-ms" "${routes[@]}" >"$state/relay.log" 2>&1 &
    echo $! >"$state/relay.pid"
    wait_until 20 "the relays" grep -q relaying "$state/relay.log" || { cat "$state/relay.log" >&2; die "the relays did not start"; }
    say "network up: bridge $bridge ($client), namespaces $(ns 1)…$(ns "$hosts"), relays on $client:$relay_base+"
    ;;
  down)
    stop_pidfile "$state/relay.pid" netns-relay.py
    for n in $(ip netns list 2>/dev/null | awk '/^bijie-h[0-9]+/ { print $1 }'); do ip netns del "$n"; done
    ip link del "$bridge" 2>/dev/null || true
    rm -f "$state/config"
    say "network down"
    ;;
  exec)
    i="${2:?usage: deploy/netns.sh exec I COMMAND...}"; shift 2
    exec ip netns exec "$(ns "$i")" "$@"
    ;;
  address) address "${2:?usage: deploy/netns.sh address I}" ;;
  cut)
    load_state
    i="${2:?usage: deploy/netns.sh cut I silos|postgres|all}"
    case "${3:-}" in
      silos)
        ip netns exec "$(ns "$i")" nft -f - <<NFT
add rule ip bijie out ct original ip daddr $(others "$i") drop
add rule ip bijie out tcp sport $((silo_base + i)) drop
add rule ip bijie in ct original ip daddr $(others "$i") drop
add rule ip bijie in tcp dport $((silo_base + i)) drop
NFT
        ;;
      postgres)
        ip netns exec "$(ns "$i")" nft -f - <<NFT
add rule ip bijie out ct original ip daddr $pg drop
add rule ip bijie in ct original ip daddr $pg drop
NFT
        ;;
      all) ip link set "$(veth "$i")" down ;;
      *) die "usage: deploy/netns.sh cut I silos|postgres|all" ;;
    esac
    ;;
  heal)
    load_state
    i="${2:?usage: deploy/netns.sh heal I}"
    ip link set "$(veth "$i")" up
    ip netns exec "$(ns "$i")" nft flush chain ip bijie out
    ip netns exec "$(ns "$i")" nft flush chain ip bijie in
    ;;
  slow)
    load_state
    delay="${2:?usage: deploy/netns.sh slow DELAY_MS LOSS_PCT}" loss="${3:?loss percent}"
    [[ "$delay" =~ ^[0-9]+$ && "$loss" =~ ^[0-9]+$ && "$loss" -le 100 ]] || die "DELAY_MS and LOSS_PCT are whole numbers (LOSS_PCT at most 100)"
    echo "$delay" >"$state/delay-ms"
    for i in $(seq 1 "$hosts"); do
      # Each way once: what a host sends to a silo or to PostgreSQL, what it answers on its silo port, and what
      # PostgreSQL answers it.
      ip netns exec "$(ns "$i")" nft -f - <<NFT
add rule ip bijie out ct original ip daddr $(others "$i") numgen random mod 100 < $loss drop
add rule ip bijie out ct original ip daddr $pg numgen random mod 100 < $loss drop
add rule ip bijie out tcp sport $((silo_base + i)) numgen random mod 100 < $loss drop
add rule ip bijie in ct original ip daddr $pg numgen random mod 100 < $loss drop
NFT
    done
    ;;
  fast)
    load_state
    echo 0 >"$state/delay-ms"
    for i in $(seq 1 "$hosts"); do "$0" heal "$i"; done
    ;;
  *) die "usage: deploy/netns.sh up N SILO_BASE PG_PORT | down | exec I CMD… | address I | cut I silos|postgres|all | heal I | slow DELAY_MS LOSS_PCT | fast" ;;
esac
