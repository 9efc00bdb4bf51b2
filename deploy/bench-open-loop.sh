#!/usr/bin/env bash
# Acknowledgement latency at fixed rates (open loop): report k is sent at k/R s whatever the answers, and its latency
# counts from then, so a stall shows as the queue behind it. The product's host (PostgreSQL + Azurite, rate limits
# lifted, its ledger holding --rows reports first) after a warm-up, then the .NET load generator at each RATE in turn,
# with the host's GC pauses (dotnet-counters) and PostgreSQL's checkpoints (its log) over each run beside the figures.
#   deploy/bench-open-loop.sh [--rows N] [--duration 30s] [--boards 10] RATE...     e.g. 1000 4800
# Prints one line a rate and a closing line:
#   open-loop: RATE=p99_ms ... (acknowledgement p99 per rate)
# Uses the "bench" services instance and port 25080 (not alongside the other benchmarks); stops what it starts.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$REPO"
rows=1000000 duration=30s boards=10 rates=() out="$LOCAL/bench/open-loop-$(date -u +%Y%m%dT%H%M%SZ)"
while [[ $# -gt 0 ]]; do
  case "$1" in
    --rows) rows="$2"; shift 2 ;;
    --duration) duration="$2"; shift 2 ;;
    --boards) boards="$2"; shift 2 ;;
    --out) out="$2"; shift 2 ;;
    --*) die "unknown option '$1' (--rows N, --duration D, --boards B, --out DIR, then the rates)" ;;
    *) rates+=("$1"); shift ;;
  esac
done
[[ ${#rates[@]} -gt 0 ]] || die "name at least one rate (reports a second), e.g. 1000 4800"
for r in "${rates[@]}"; do [[ "$r" =~ ^[1-9][0-9]*$ ]] || die "a rate is a whole number of reports a second, not '$r'"; done
[[ "$rows" =~ ^[0-9]+$ && "$boards" =~ ^[1-9][0-9]*$ ]] || die "--rows and --boards are whole numbers"
mkdir -p "$out"
ensure_dotnet
dotnet tool restore >/dev/null || die "restoring the local tools (.config/dotnet-tools.json) failed"

say "building (Release)"
for project in src/Bijie.Actors.Host tools/Bijie.Actors.LoadGen; do
  dotnet build "$project" -c Release -nologo -v:q -clp:NoSummary >/dev/null || die "building $project failed"
done
host_dll="$REPO/src/Bijie.Actors.Host/bin/Release/net10.0/Bijie.Actors.Host.dll"
conv_dll="" pairings="$out/pairings.list" # not used here
loadgen=(dotnet "$REPO/tools/Bijie.Actors.LoadGen/bin/Release/net10.0/Bijie.Actors.LoadGen.dll")
source "$REPO/deploy/bench-lib.sh"
pg -d postgres -c "ALTER SYSTEM SET log_checkpoints = on" >/dev/null && pg -d postgres -c "SELECT pg_reload_conf()" >/dev/null
pg_log="$(dirname "$(pg -d postgres -c "SHOW data_directory")")/server.log" # where deploy/services.sh has pg_ctl write

start_host product
if [[ "$rows" -gt 0 ]]; then
  stop_server
  preload_product
  start_host product
fi
key="$LOCAL/bench/admin-api-key-product"
say "warming up: 20 s closed loop"
"${loadgen[@]}" --url http://127.0.0.1:25080 --key-file "$key" --duration 20s --concurrency 128 --no-check --no-progress >/dev/null 2>&1 || true

summary="open-loop:"
for rate in "${rates[@]}"; do
  say "$rate reports/s for $duration, $boards boards open"
  seconds="$(awk -v d="$duration" 'BEGIN { n = d + 0; if (d ~ /m$/) n *= 60; print n }')"
  dotnet tool run dotnet-counters collect -p "$server_pid" --refresh-interval 1 --format csv -o "$out/counters-$rate.csv" \
    --duration "00:$(date -u -d "@$seconds" +%H:%M:%S)" --counters 'System.Runtime[dotnet.gc.pause.time,dotnet.gc.collections]' >/dev/null 2>&1 &
  counters=$!
  log_from="$(pg -d postgres -c "SELECT now()")"
  "${loadgen[@]}" --url http://127.0.0.1:25080 --key-file "$key" --duration "$duration" --rate "$rate" --boards "$boards" --no-check --no-progress \
    --json "$out/rate-$rate.json" | tail -1 | tee "$out/rate-$rate.txt"
  wait "$counters" || true
  awk -F, '$3 ~ /gc\.pause\.time/ { p += $5; if ($5 > m) m = $5 } $3 ~ /gen2\]/ { g2 += $5 } END {
    printf "  host GC: %.0f ms paused in all, at most %.0f ms in one second, %d full collections\n", p * 1000, m * 1000, g2 }' "$out/counters-$rate.csv" | tee -a "$out/rate-$rate.txt"
  grep -h "checkpoint starting\|checkpoint complete" "$pg_log" 2>/dev/null | awk -v from="${log_from:0:19}" 'substr($0, 1, 19) >= from' |
    cut -c1-160 | sed 's/^/  PostgreSQL: /' | tee -a "$out/rate-$rate.txt" || true
  p99="$(tr -d , <"$out/rate-$rate.txt" | grep -o 'p99 [0-9.]* ms' | head -1 | awk '{print $2}')"
  summary="$summary $rate=${p99}"
done
stop_server
echo "$summary" | tee "$out/summary.txt"
say "results in ${out#"$REPO/"}"
