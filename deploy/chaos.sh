#!/usr/bin/env bash
# Faults under load on a 3-host cluster of this machine, one after another, each under its own run of the load
# generator (an open loop over the three hosts; what a fault interrupts is retried under the same idempotency keys,
# on the next host). Each host runs in a network namespace of its own (deploy/netns.sh), PostgreSQL and Azurite on
# the bridge between them, so that links can be cut one by one. Needs root. The faults (host 2 is the one hit):
#   kill_host         host 2 SIGKILLed, and started again 10 s later
#   restart_azurite   Azurite (grain state, reminders) stopped and started again
#   restart_postgres  PostgreSQL (ledger, membership) restarted
#   split_brain       host 2 cut off from the other silos, still reaching PostgreSQL, Azurite and its clients, for
#                     --cut (30 s, past the membership's death vote), then healed
#   cut_postgres      host 2 cut off from PostgreSQL only, for --cut: it must answer 503 and acknowledge nothing
#   isolate           host 2 cut off from everything for --cut, then healed: it must stop serving and come back as
#                     a new silo, never resume as the old one
#   slow_links        every link between silos and to PostgreSQL 200 ms slower each way and losing 5% of its packets
#                     each way, for a minute
#   disk_full         PostgreSQL's disk (a file system of its own, 1 GiB) filled up for --cut, then freed
#   freeze            host 2 stopped with SIGSTOP for --cut, then continued: it must stop serving and come back as a
#                     new silo
#   restore_drill     a backup (deploy/backup.sh), the hosts stopped, the backup restored (deploy/restore.sh), the
#                     hosts started again, and a run whose exactness check shows the restored boards equal the ledger
# A host that stops (a silo declared dead stops itself) is started again after the fault is healed, as a supervisor
# would. After each fault: every acknowledged report in the ledger once with its value, none refused in it, each given
# up on in it at most once, the city's and the counties' boards equal to the ledger, the city board never seen going
# back, every pairing reported on consistent on both sides (the generator's exactness check), every host ready again
# and how long after the heal that took, what the clients were answered, and the silos in the membership table.
#   deploy/chaos.sh [--rate 100] [--phase 40s] [--cut 30] [--faults kill_host,split_brain,...] [--out DIR]
# Prints a table of the faults; results in DIR (default .local/chaos/results-<time>/): per fault the generator's
# report (.txt, .json), every attempt with its times and answer (.history.jsonl), what became of host 2 (.host) and
# the membership table after it (.members). Uses its own ports (HTTP 26081-26083, silos
# 26111-26113), the cluster's services instance (its PostgreSQL data on a 1 GiB tmpfs of its own while the run
# lasts) and the addresses of deploy/netns.sh; stops and removes what it starts.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$REPO"

all_faults=(kill_host restart_azurite restart_postgres split_brain cut_postgres isolate slow_links disk_full freeze restore_drill)
rate=100 phase=40s cut=30 faults=("${all_faults[@]}") out="$LOCAL/chaos/results-$(date -u +%Y%m%dT%H%M%SZ)"
while [[ $# -gt 0 ]]; do
  case "$1" in
    --rate) rate="$2"; shift 2 ;;
    --phase) phase="$2"; shift 2 ;;
    --cut) cut="$2"; shift 2 ;;
    --faults) IFS=, read -r -a faults <<<"$2"; shift 2 ;;
    --out) out="$2"; shift 2 ;;
    *) die "unknown option '$1' (--rate R, --phase D, --cut SECONDS, --faults F,F…, --out DIR)" ;;
  esac
done
for fault in "${faults[@]}"; do
  [[ " ${all_faults[*]} " == *" $fault "* ]] || die "unknown fault '$fault' (one of: ${all_faults[*]})"
done
[[ "$(id -u)" == 0 ]] || die "deploy/chaos.sh needs root: its hosts run in network namespaces (deploy/netns.sh)"
ensure_dotnet
ensure_postgres

hosts=(1 2 3)
victim=2
http_base=26080 silo_base=26110
export BIJIE_CLUSTER_HTTP_BASE=$http_base BIJIE_CLUSTER_SILO_BASE=$silo_base BIJIE_CLUSTER_GATEWAY_BASE=26200 \
  BIJIE_CLUSTER_ID=bijie-chaos BIJIE_CLUSTER_NETNS=1 BIJIE_CLUSTER_PROXY_PORT=26080 \
  BIJIE_PG_ADDRESS=10.77.0.2 BIJIE_AZURITE_ADDRESS=10.77.0.3 BIJIE_PG_CLIENTS=10.77.0.0/24
dir="$LOCAL/cluster"
mkdir -p "$out"
pg_disk="$(pg_home_for_clone)/cluster"

cleanup() {
  kill -CONT "$(cat "$dir/host-$victim.pid" 2>/dev/null)" 2>/dev/null || true
  "$REPO/deploy/cluster.sh" stop >/dev/null 2>&1 || true
  "$REPO/deploy/netns.sh" down >/dev/null 2>&1 || true
  rm -f "$pg_disk/filler"
  mountpoint -q "$pg_disk" && umount "$pg_disk" || true
}
cleanup
"$REPO/deploy/services.sh" reset cluster >/dev/null 2>&1 || true
trap cleanup EXIT

# PostgreSQL's data on a file system of its own, small enough to fill (disk_full).
mkdir -p "$pg_disk"
mount -t tmpfs -o size=1g,mode=0700 bijie-chaos-pg "$pg_disk"
chown postgres: "$pg_disk"
# The services' ports are chosen now: the namespaces' rules name PostgreSQL's.
rm -f "$dir/services.env"
export BIJIE_PG_PORT BIJIE_AZURITE_PORT
BIJIE_PG_PORT="$(free_port)"
BIJIE_AZURITE_PORT="$(free_port)"
"$REPO/deploy/netns.sh" up "${#hosts[@]}" "$silo_base" "$BIJIE_PG_PORT" >"$out/netns.log" 2>&1 || { cat "$out/netns.log" >&2; die "the network did not come up"; }

# Quick failure detection, and a dead host's undelivered batches taken over soon (at every start of a host). The
# generator's 200 reporters all come from one address (the bridge's): the hosts look their keys up at more than the
# 10 a second a single address may (its 429s would hide what the faults do).
host_settings=(--Orleans:Membership:ProbeTimeout=00:00:02 --Orleans:Membership:NumMissedProbesLimit=2 --Bijie:Rollups:RecoveryAge=00:00:05
  --Bijie:Api:KeyLookupsPerSecondPerAddress=1000)
"$REPO/deploy/cluster.sh" start 3 "${host_settings[@]}" >"$out/cluster.log" 2>&1 || { tail -20 "$out/cluster.log" >&2; die "the cluster did not start"; }
set -a; source "$dir/services.env"; set +a
dotnet build tools/Bijie.Actors.LoadGen -c Release -nologo -v:q -clp:NoSummary >/dev/null || die "building the load generator failed"
loadgen=(dotnet "$REPO/tools/Bijie.Actors.LoadGen/bin/Release/net10.0/Bijie.Actors.LoadGen.dll")
host_url() { echo "http://$("$REPO/deploy/netns.sh" address "$1"):$((http_base + $1))"; }
urls=(); for i in "${hosts[@]}"; do urls+=(--url "$(host_url "$i")"); done

host_ready() { curl -fs -m 2 -o /dev/null "$(host_url "$1")/health/ready"; }
all_ready() { local i; for i in "${hosts[@]}"; do host_ready "$i" || return 1; done; }
now() { date +%s.%N; }
since() { awk -v a="$(now)" -v b="$1" 'BEGIN { printf "%.1f", a - b }'; }
victim_pid() { cat "$dir/host-$victim.pid"; }
members() { # the membership table: name, address, generation, status
  psql -h 127.0.0.1 -p "$BIJIE_PG_PORT" -U postgres -d bijie -tAF' ' -c \
    "SELECT silo_name, address || ':' || port, generation, CASE status WHEN 3 THEN 'active' WHEN 6 THEN 'dead' ELSE status::text END
       FROM orleans_membership WHERE deployment_id = '$BIJIE_CLUSTER_ID' ORDER BY start_time"
}
victim_generation() { members | awk -v name="silo-$victim" '$1 == name && $4 == "active" { g = $3 } END { print g }'; }

# After a heal: the victim either serves on as the same silo or has stopped itself; one that stopped is started
# again (a new silo, a new generation). Writes what happened to $out/$fault.host.
supervise() { # supervise FAULT GENERATION_BEFORE
  local fault="$1" before="$2" pid outcome
  pid="$(victim_pid)"
  # A silo declared dead learns it at its next read of the membership table and stops; give it the time to.
  wait_until 60 "host $victim to stop or serve" bash -c "! kill -0 $pid 2>/dev/null || curl -fs -m 2 -o /dev/null $(host_url "$victim")/health/ready" || true
  if pid_alive "$pid"; then
    # Ready now; it must not be ready as a silo the others declared dead.
    if members | awk -v name="silo-$victim" -v g="$before" '$1 == name && $3 == g && $4 == "dead" { found = 1 } END { exit !found }'; then
      wait_until 90 "host $victim, declared dead, to stop" bash -c "! kill -0 $pid 2>/dev/null" || true
    fi
  fi
  if pid_alive "$pid"; then
    outcome="served on as the same silo (generation $before)"
  else
    "$REPO/deploy/cluster.sh" restart-host "$victim" "${host_settings[@]}" >/dev/null
    outcome="stopped itself; started again"
  fi
  [[ -s "$out/$fault.readiness" ]] && outcome="$outcome; its readiness answered $(cat "$out/$fault.readiness")"
  echo "$outcome" >"$out/$fault.host"
}

kill_host() {
  kill -9 "$(victim_pid)"
  sleep 10 # the fault's length: the host stays dead this long
  "$REPO/deploy/cluster.sh" restart-host "$victim" "${host_settings[@]}" >/dev/null
  echo "killed; started again" >"$out/kill_host.host"
}
restart_azurite() {
  stop_pidfile "$dir/azurite.pid" azurite
  sleep 5 # the fault's length
  "$REPO/deploy/services.sh" start cluster >/dev/null
}
restart_postgres() {
  as_pg "$PG_BIN/pg_ctl" -D "$(cat "$dir/postgres.started")" -m fast -w restart >/dev/null
}
split_brain() {
  local before; before="$(victim_generation)"
  "$REPO/deploy/netns.sh" cut "$victim" silos
  sleep "$cut" # the fault's length
  "$REPO/deploy/netns.sh" heal "$victim"
  healed="$(now)"
  supervise split_brain "$before"
}
cut_postgres() {
  local before; before="$(victim_generation)"
  "$REPO/deploy/netns.sh" cut "$victim" postgres
  # What the cut-off host's readiness answers while cut (its checks give up after 5 s), one look a second.
  local deadline=$((SECONDS + cut)) codes=()
  while ((SECONDS < deadline)); do
    codes+=("$(curl -s -m 10 -o /dev/null -w '%{http_code}' "$(host_url "$victim")/health/ready" || true)")
    sleep 1 # the pace of the looks while the fault lasts
  done
  printf '%s\n' "${codes[@]}" | sort | uniq -c | awk '{ printf "%s%s×%s", sep, $2, $1; sep = ", " } END { print "" }' >"$out/cut_postgres.readiness"
  "$REPO/deploy/netns.sh" heal "$victim"
  healed="$(now)"
  supervise cut_postgres "$before"
}
isolate() {
  local before; before="$(victim_generation)"
  "$REPO/deploy/netns.sh" cut "$victim" all
  sleep "$cut" # the fault's length
  "$REPO/deploy/netns.sh" heal "$victim"
  healed="$(now)"
  supervise isolate "$before"
}
slow_links() {
  "$REPO/deploy/netns.sh" slow 200 5
  sleep 60 # the fault's length
  "$REPO/deploy/netns.sh" fast
  healed="$(now)"
  echo "-" >"$out/slow_links.host"
}
disk_full() {
  local free
  free="$(df --output=avail -B1 "$pg_disk" | tail -1)"
  fallocate -l "$free" "$pg_disk/filler" 2>/dev/null || dd if=/dev/zero of="$pg_disk/filler" bs=1M 2>/dev/null || true
  df -h "$pg_disk" | tail -1 >"$out/disk_full.df"
  sleep "$cut" # the fault's length
  rm -f "$pg_disk/filler"
  healed="$(now)"
  # PostgreSQL stops when it cannot write its WAL; an operator who frees the disk starts it again.
  if ! as_pg "$PG_BIN/pg_ctl" -D "$(cat "$dir/postgres.started")" status >/dev/null 2>&1; then
    as_pg "$PG_BIN/pg_ctl" -D "$(cat "$dir/postgres.started")" -l "$(dirname "$(cat "$dir/postgres.started")")/server.log" -w -t 120 start >/dev/null
    echo "PostgreSQL stopped; started again after the disk was freed" >"$out/disk_full.host"
  else
    echo "PostgreSQL kept running" >"$out/disk_full.host"
  fi
}
freeze() {
  local before pid; before="$(victim_generation)"; pid="$(victim_pid)"
  kill -STOP "$pid"
  sleep "$cut" # the fault's length
  kill -CONT "$pid"
  healed="$(now)"
  supervise freeze "$before"
}

report_row() { # report_row FAULT READY_SECONDS
  local fault="$1"
  python3 - "$out/$fault.json" "$fault" "$2" "$(cat "$out/$fault.host" 2>/dev/null || echo -)" <<'PY' | tee -a "$out/table.txt"
import json, sys
path, fault, ready, host = sys.argv[1:5]
try:
    s = json.load(open(path))
except Exception as e:
    print(f"{fault:<17} no result ({e})")
    sys.exit(0)
x = s.get("exactness") or {}
back = (s.get("staleness") or {}).get("wentBack", 0)
pairings = f"{x.get('pairingsChecked', 0) - x.get('pairingsInconsistent', 0)}/{x.get('pairingsChecked', 0)}"
seen = ", ".join(f"{k}×{v}" for k, v in sorted((s.get("errors") or {}).items())) or "-"
p99 = (s.get("acknowledgementLatency") or {}).get("p99") or 0
print(f"{fault:<17} {s['sent']:>6} {s['acknowledged']:>6} {s['refused']:>5} {s['inDoubt']:>5} {x.get('missing', '-'):>5} "
      f"{x.get('duplicated', '-'):>5} {back:>4} {pairings:>8} {ready:>7} {p99 / 1000:>7.1f}  {'passed' if x.get('passed') else 'FAILED'}  {seen}  [{host}]")
PY
}

printf '%-17s %6s %6s %5s %5s %5s %5s %4s %8s %7s %7s  %s\n' fault sent acked refus unkno lost twice back pairings "ready s" "p99 s" "exactness  clients saw  [host $victim]" | tee "$out/table.txt"
for fault in "${faults[@]}"; do
  [[ "$fault" == restore_drill ]] && continue
  "${loadgen[@]}" "${urls[@]}" --key-file "$dir/admin-api-key" --rate "$rate" --duration "$phase" --reporters 200 \
    --retry-deadline 180s --no-progress --json "$out/$fault.json" --history "$out/$fault.history.jsonl" >"$out/$fault.txt" 2>&1 &
  generator=$!
  sleep 8 # the fault lands in the middle of the load
  healed="$(now)"
  "$fault"
  wait_until 180 "every host to be ready after $fault" all_ready || true
  ready="$(since "$healed")"
  members >"$out/$fault.members"
  wait "$generator" || true
  report_row "$fault" "$ready"
done
if [[ " ${faults[*]} " == *" restore_drill "* ]]; then
  # The restore drill: what a backup holds comes back, and the restored cluster counts on from there.
  "$REPO/deploy/backup.sh" cluster "$out/backup" >"$out/backup.log" 2>&1 || die "the backup failed; see ${out#"$REPO/"}/backup.log"
  for i in "${hosts[@]}"; do stop_pidfile "$dir/host-$i.pid" Bijie.Actors.Host.dll; done
  started="$(now)"
  "$REPO/deploy/restore.sh" "$out/backup" cluster >"$out/restore.log" 2>&1 || die "the restore failed; see ${out#"$REPO/"}/restore.log"
  for i in "${hosts[@]}"; do
    "$REPO/deploy/cluster.sh" restart-host "$i" "${host_settings[@]}" >/dev/null
  done
  wait_until 180 "every host to be ready after the restore" all_ready || true
  ready="$(since "$started")"
  "${loadgen[@]}" "${urls[@]}" --key-file "$dir/admin-api-key" --rate "$rate" --count 1000 --reporters 200 \
    --retry-deadline 120s --no-progress --json "$out/restore_drill.json" --history "$out/restore_drill.history.jsonl" >"$out/restore_drill.txt" 2>&1 || true
  report_row restore_drill "$ready"
fi

say "results in ${out#"$REPO/"}"
grep -q -e FAILED -e "no result" "$out/table.txt" && exit 1 || exit 0
