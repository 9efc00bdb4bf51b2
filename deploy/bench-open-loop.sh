#!/usr/bin/env bash
# Acknowledgement latency at fixed rates (open loop): report k is sent at k/R s whatever the answers, and its latency
# counts from then, so a stall shows as the queue behind it. The product's host (PostgreSQL + Azurite, rate limits
# lifted, its ledger holding --rows reports first) after a warm-up, then the .NET load generator at each RATE in turn,
# with the host's GC pauses and the ledger writer's commit times (dotnet-counters: the runtime's counters and the meter
# Bijie.Actors.Ledger) and PostgreSQL's checkpoints (its log) over each run beside the figures: a timeline a second in
# timeline-RATE.txt, and the seconds with the slowest commits printed.
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
pg -d postgres -c "ALTER SYSTEM SET log_checkpoints = on" >/dev/null && pg -d postgres -c "ALTER SYSTEM SET log_autovacuum_min_duration = 0" >/dev/null \
  && pg -d postgres -c "SELECT pg_reload_conf()" >/dev/null
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

# timeline COUNTERS.CSV FROM: one line a second: GC paused (ms), the ledger's commit time p50 and p99 (ms), entries a
# commit (p50), whether PostgreSQL was checkpointing and which autovacuums ended that second (from its log, from FROM on).
timeline() {
  local checkpoints vacuums
  checkpoints="$(grep -h "checkpoint starting\|checkpoint complete" "$pg_log" 2>/dev/null | awk -v from="${2:0:19}" 'substr($0, 1, 19) >= from' \
    | awk '{ t = substr($2, 1, 8); print ($0 ~ /starting/ ? "start" : "end"), t }' | tr '\n' ' ')"
  vacuums="$(grep -h "automatic \(aggressive \)\?\(vacuum\|analyze\) of table" "$pg_log" 2>/dev/null | awk -v from="${2:0:19}" 'substr($0, 1, 19) >= from' \
    | sed -E 's/^[^ ]+ ([0-9:]{8}).*automatic (aggressive )?(vacuum|analyze) of table "[^"]*\.([^".]+)".*/\1=\3:\4/' | tr '\n' ' ')"
  awk -F, -v cps="$checkpoints" -v vacs="$vacuums" '
    NR == 1 { next }
    { split($1, dt, " "); t = dt[2]; if (!(t in seen)) { seen[t] = 1; order[++n] = t } }
    $3 ~ /gc\.pause\.time/ { gc[t] = $5 * 1000 }
    $3 ~ /commit\.duration.*Percentile=50/ { c50[t] = $5 }
    $3 ~ /commit\.duration.*Percentile=99/ { c99[t] = $5 }
    $3 ~ /commit\.entries.*Percentile=50/ { e50[t] = $5 }
    END {
      nv = split(vacs, v, " "); for (i = 1; i <= nv; i++) { p = index(v[i], "="); vac[substr(v[i], 1, p - 1)] = vac[substr(v[i], 1, p - 1)] " " substr(v[i], p + 1) }
      k = split(cps, f, " "); m = 0
      for (i = 1; i < k; i += 2) { if (f[i] == "start") s[++m] = f[i + 1]; else if (m) e[m] = f[i + 1] }
      print "second\tgc_paused_ms\tcommit_p99_ms\tcommit_p50_ms\tentries_per_commit\tcheckpoint\tautovacuum_ended"
      for (j = 1; j <= n; j++) {
        t = order[j]; cp = ""
        for (i = 1; i <= m; i++) if (t >= s[i] && (e[i] == "" || t <= e[i])) cp = "checkpointing"
        printf "%s\t%.0f\t%s\t%s\t%s\t%s\t%s\n", t, gc[t], c99[t], c50[t], e50[t], cp, vac[t]
      }
    }' "$1"
}

summary="open-loop:"
for rate in "${rates[@]}"; do
  say "$rate reports/s for $duration, $boards boards open"
  seconds="$(awk -v d="$duration" 'BEGIN { n = d + 0; if (d ~ /m$/) n *= 60; print n }')"
  dotnet tool run dotnet-counters collect -p "$server_pid" --refresh-interval 1 --format csv -o "$out/counters-$rate.csv" \
    --duration "00:$(date -u -d "@$seconds" +%H:%M:%S)" --counters 'System.Runtime[dotnet.gc.pause.time,dotnet.gc.collections],Bijie.Actors.Ledger' >/dev/null 2>&1 &
  counters=$!
  log_from="$(pg -d postgres -c "SELECT now()")"
  "${loadgen[@]}" --url http://127.0.0.1:25080 --key-file "$key" --duration "$duration" --rate "$rate" --boards "$boards" --no-check --no-progress \
    --json "$out/rate-$rate.json" | tail -1 | tee "$out/rate-$rate.txt"
  wait "$counters" || true
  awk -F, '$3 ~ /gc\.pause\.time/ { p += $5; if ($5 > m) m = $5 } $3 ~ /gen2\]/ { g2 += $5 } END {
    printf "  host GC: %.0f ms paused in all, at most %.0f ms in one second, %d full collections\n", p * 1000, m * 1000, g2 }' "$out/counters-$rate.csv" | tee -a "$out/rate-$rate.txt"
  grep -h "checkpoint starting\|checkpoint complete" "$pg_log" 2>/dev/null | awk -v from="${log_from:0:19}" 'substr($0, 1, 19) >= from' |
    cut -c1-160 | sed 's/^/  PostgreSQL: /' | tee -a "$out/rate-$rate.txt" || true
  timeline "$out/counters-$rate.csv" "$log_from" >"$out/timeline-$rate.txt"
  say "the seconds of the slowest commits (all in ${out#"$REPO/"}/timeline-$rate.txt):"
  { head -1 "$out/timeline-$rate.txt"; tail -n +2 "$out/timeline-$rate.txt" | sort -t$'\t' -k3,3 -gr | head -8; } | column -t -s$'\t' | sed 's/^/  /' | tee -a "$out/rate-$rate.txt"
  awk -F'\t' 'NR > 1 && $3 != "" { print $3 + 0, $2 + 0 }' "$out/timeline-$rate.txt" | sort -g | awk '{ c[++n] = $1; if ($2 > g) g = $2 } END {
    if (n) printf "  ledger commits: p99 over the seconds median %.1f ms, worst second %.1f ms; GC worst second %.0f ms\n", c[int((n + 1) / 2)], c[n], g }' \
    | tee -a "$out/rate-$rate.txt"
  p99="$(tr -d , <"$out/rate-$rate.txt" | grep -o 'p99 [0-9.]* ms' | head -1 | awk '{print $2}')"
  summary="$summary $rate=${p99}"
done
stop_server
echo "$summary" | tee "$out/summary.txt"
say "results in ${out#"$REPO/"}"
