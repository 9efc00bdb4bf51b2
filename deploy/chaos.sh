#!/usr/bin/env bash
# Faults under load on a 3-host cluster of this machine, one after another, each under its own run of the load
# generator (an open loop over the three hosts; what a fault interrupts is retried under the same idempotency keys):
#   1. a host SIGKILLed, and started again 10 s later
#   2. Azurite (grain state, reminders) stopped and started again
#   3. PostgreSQL (ledger, membership) restarted
#   4. the restore drill: a backup (deploy/backup.sh), the hosts stopped, the backup restored (deploy/restore.sh),
#      the hosts started again, and a run whose exactness check shows the restored boards equal the restored ledger
# After each: every acknowledged report in the ledger once with its value, the city's and the counties' boards equal
# to the ledger, every pairing reported on listed as active by its organisation and by its locality (the generator's
# exactness check; "pairings" counts those consistent on both sides), every host ready again, and how long that took.
#   deploy/chaos.sh [--rate 100] [--phase 40s]
# Prints a table of the faults; results in .local/chaos/results-<time>/. Uses its own ports (26080-26083, silos
# 26111-26113) and the cluster's services instance; stops what it starts.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$REPO"

rate=100 phase=40s
while [[ $# -gt 0 ]]; do
  case "$1" in
    --rate) rate="$2"; shift 2 ;;
    --phase) phase="$2"; shift 2 ;;
    *) die "unknown option '$1' (--rate R, --phase D)" ;;
  esac
done
export BIJIE_CLUSTER_HTTP_BASE=26080 BIJIE_CLUSTER_SILO_BASE=26110 BIJIE_CLUSTER_GATEWAY_BASE=26200 BIJIE_CLUSTER_ID=bijie-chaos
hosts=(1 2 3)
dir="$LOCAL/cluster"
out="$LOCAL/chaos/results-$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$out"
ensure_dotnet

"$REPO/deploy/cluster.sh" stop >/dev/null 2>&1 || true
"$REPO/deploy/services.sh" reset cluster >/dev/null 2>&1 || true
trap '"$REPO/deploy/cluster.sh" stop >/dev/null 2>&1 || true' EXIT
# Quick failure detection, and a dead host's undelivered batches taken over soon (at every start of a host).
host_settings=(--Orleans:Membership:ProbeTimeout=00:00:02 --Orleans:Membership:NumMissedProbesLimit=2 --Bijie:Rollups:RecoveryAge=00:00:05)
"$REPO/deploy/cluster.sh" start 3 "${host_settings[@]}" >"$out/cluster.log" 2>&1 || { tail -20 "$out/cluster.log" >&2; die "the cluster did not start"; }
set -a; source "$dir/services.env"; set +a
dotnet build tools/Bijie.Actors.LoadGen -c Release -nologo -v:q -clp:NoSummary >/dev/null || die "building the load generator failed"
loadgen=(dotnet "$REPO/tools/Bijie.Actors.LoadGen/bin/Release/net10.0/Bijie.Actors.LoadGen.dll")
urls=(); for i in "${hosts[@]}"; do urls+=(--url "http://127.0.0.1:$((26080 + i))"); done

all_ready() { local i; for i in "${hosts[@]}"; do curl -fs -o /dev/null "http://127.0.0.1:$((26080 + i))/health/ready" || return 1; done; }
now() { date +%s.%N; }

kill_host() {
  kill -9 "$(cat "$dir/host-2.pid")"
  sleep 10
  "$REPO/deploy/cluster.sh" restart-host 2 "${host_settings[@]}" >/dev/null
}
restart_azurite() {
  stop_pidfile "$dir/azurite.pid" azurite
  sleep 5
  "$REPO/deploy/services.sh" start cluster >/dev/null
}
restart_postgres() {
  ensure_postgres
  as_pg "$PG_BIN/pg_ctl" -D "$(cat "$dir/postgres.started")" -m fast -w restart -o "-c listen_addresses=127.0.0.1 -p $BIJIE_PG_PORT -k $(dirname "$(cat "$dir/postgres.started")") -c max_connections=200" >/dev/null
}

report_row() { # report_row JSON FAULT SECONDS
  python3 - "$@" <<'PY' | tee -a "$out/table.txt"
import json, sys
path, fault, ready = sys.argv[1:4]
try:
    s = json.load(open(path))
except Exception as e:
    print(f"{fault:<30} {'-':>8} {'-':>8} {'-':>6} {'-':>6} {'-':>9} {ready:>9} no result ({e})")
    sys.exit(0)
x = s.get("exactness") or {}
pairings = f"{x.get('pairingsChecked', 0) - x.get('pairingsInconsistent', 0)}/{x.get('pairingsChecked', 0)}"
print(f"{fault:<30} {s['sent']:>8} {s['acknowledged']:>8} {x.get('missing', '-'):>6} {x.get('duplicated', '-'):>6} {pairings:>9} {ready:>9} {'passed' if x.get('passed') else 'FAILED'}")
PY
}
printf '%-30s %8s %8s %6s %6s %9s %9s %s\n' fault sent acked lost twice "pairings" "ready s" exactness | tee "$out/table.txt"
for fault in kill_host restart_azurite restart_postgres; do
  "${loadgen[@]}" "${urls[@]}" --key-file "$dir/admin-api-key" --rate "$rate" --duration "$phase" --reporters 200 \
    --retry-deadline 120s --no-progress --json "$out/$fault.json" >"$out/$fault.txt" 2>&1 &
  generator=$!
  sleep 8 # the fault lands in the middle of the load
  started="$(now)"
  "$fault"
  wait_until 180 "every host to be ready after $fault" all_ready || true
  ready="$(awk -v a="$(now)" -v b="$started" 'BEGIN { printf "%.1f", a - b }')"
  wait "$generator" || true
  report_row "$out/$fault.json" "$fault" "$ready"
done
# The restore drill: what a backup holds comes back, and the restored cluster counts on from there.
"$REPO/deploy/backup.sh" cluster "$out/backup" >"$out/backup.log" 2>&1 || die "the backup failed; see ${out#"$REPO/"}/backup.log"
for i in "${hosts[@]}"; do stop_pidfile "$dir/host-$i.pid" Bijie.Actors.Host.dll; done
started="$(now)"
"$REPO/deploy/restore.sh" "$out/backup" cluster >"$out/restore.log" 2>&1 || die "the restore failed; see ${out#"$REPO/"}/restore.log"
for i in "${hosts[@]}"; do
  "$REPO/deploy/cluster.sh" restart-host "$i" "${host_settings[@]}" >/dev/null
done
wait_until 180 "every host to be ready after the restore" all_ready || true
ready="$(awk -v a="$(now)" -v b="$started" 'BEGIN { printf "%.1f", a - b }')"
"${loadgen[@]}" "${urls[@]}" --key-file "$dir/admin-api-key" --rate "$rate" --count 1000 --reporters 200 \
  --retry-deadline 120s --no-progress --json "$out/restore_drill.json" >"$out/restore_drill.txt" 2>&1 || true
report_row "$out/restore_drill.json" restore_drill "$ready"

say "results in ${out#"$REPO/"}"
grep -q FAILED "$out/table.txt" && exit 1 || exit 0
