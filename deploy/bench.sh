#!/usr/bin/env bash
# The side-by-side benchmark, on this machine, one system after another with the same load generator:
#   ceiling       the host with in-memory grain storage and an in-memory ledger (nothing durable)
#   product       the host on PostgreSQL (ledger) and Azurite (grain state): durable acknowledgements
#   conventional  bench/Bijie.Actors.Bench.Conventional: one INSERT per report, boards by SUM … GROUP BY on read
# each in two workloads over a ledger already holding --rows reports (default 1,000,000; the ceiling's in-memory
# ledger starts with the demo only): "writes" (writers only) and "live" (the same writers and --boards open boards:
# SignalR on the product, a read a second each on the conventional design, as a live screen must).
#   deploy/bench.sh [--rows N] [--duration 30s] [--concurrency 256] [--boards 100] [--out DIR]
# Prints each run's figures, the ratios, and a closing line
#   bench: product=N reports/s ceiling=N conventional=N live_product=N live_conventional=N staleness_p99_ms=N ack_p99_ms=N
#          host_us_per_report=N pg_us_per_report=N
# (the CPU per acknowledged report of the product's host and of PostgreSQL in the writes-only run, from /proc; each
# run's own figures are in the table).
# Uses its own services instance ("bench", free ports) and ports 25080/25090; stops what it starts. The hosts run with
# the rate limits lifted: the generator's hundreds of keys all come from 127.0.0.1, and the per-address limit on key
# look-ups (10/s by default) would otherwise hold every run to about 11 reports/s.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$REPO"

rows=1000000 duration=30s concurrency=256 boards=100 out="$LOCAL/bench/results-$(date -u +%Y%m%dT%H%M%SZ)"
while [[ $# -gt 0 ]]; do
  case "$1" in
    --rows) rows="$2"; shift 2 ;;
    --duration) duration="$2"; shift 2 ;;
    --concurrency) concurrency="$2"; shift 2 ;;
    --boards) boards="$2"; shift 2 ;;
    --out) out="$2"; shift 2 ;;
    *) die "unknown option '$1' (--rows N, --duration D, --concurrency C, --boards B, --out DIR)" ;;
  esac
done
[[ "$rows" =~ ^[0-9]+$ && "$concurrency" =~ ^[1-9][0-9]*$ && "$boards" =~ ^[1-9][0-9]*$ ]] || die "--rows, --concurrency and --boards are whole numbers"
mkdir -p "$out"
ensure_dotnet

say "building (Release)"
for project in src/Bijie.Actors.Host tools/Bijie.Actors.LoadGen bench/Bijie.Actors.Bench.Conventional; do
  dotnet build "$project" -c Release -nologo -v:q -clp:NoSummary >/dev/null || die "building $project failed"
done
host_dll="$REPO/src/Bijie.Actors.Host/bin/Release/net10.0/Bijie.Actors.Host.dll"
conv_dll="$REPO/bench/Bijie.Actors.Bench.Conventional/bin/Release/net10.0/Bijie.Actors.Bench.Conventional.dll"
loadgen=(dotnet "$REPO/tools/Bijie.Actors.LoadGen/bin/Release/net10.0/Bijie.Actors.LoadGen.dll")

source "$REPO/deploy/bench-lib.sh"

warm_up() { # warm_up URL KEYFILE ARGS...: a short run whose figures are dropped (JIT, grain activations, roll-ups rebuilt)
  local url="$1" keyfile="$2"; shift 2
  say "warming up for 10 s"
  "${loadgen[@]}" --url "$url" --key-file "$keyfile" --duration 10s --concurrency "$concurrency" --no-check --no-progress "$@" >/dev/null 2>&1 || true
}

run() { # run SYSTEM WORKLOAD URL KEYFILE ARGS...: one load generator run, its JSON, the servers' CPU and its share per report
  local system="$1" workload="$2" url="$3" keyfile="$4"; shift 4
  local pids=("$server_pid" $(store_pids)) before after host_before pg_before host_after pg_after acked
  before="$(cpu_seconds "${pids[@]}")" host_before="$(cpu_seconds "$server_pid")" pg_before="$(cpu_seconds $(pg_pids))"
  say "$system / $workload: $duration, closed loop of $concurrency"
  "${loadgen[@]}" --url "$url" --key-file "$keyfile" --duration "$duration" --concurrency "$concurrency" --no-check --no-progress \
    --json "$out/$system-$workload.json" "$@" | tail -1 | tee "$out/$system-$workload.txt"
  after="$(cpu_seconds "${pids[@]}")" host_after="$(cpu_seconds "$server_pid")" pg_after="$(cpu_seconds $(pg_pids))"
  acked="$(jq -r '.acknowledged' "$out/$system-$workload.json")"
  awk -v a="$after" -v b="$before" -v h="$host_after" -v hb="$host_before" -v p="$pg_after" -v pb="$pg_before" -v n="$acked" 'BEGIN {
    printf "server_cpu_seconds=%.1f\n", a - b
    if (n > 0) printf "host_us_per_report=%.0f\npg_us_per_report=%.0f\n", (h - hb) * 1e6 / n, (p - pb) * 1e6 / n }' >>"$out/$system-$workload.txt"
  sed -n 's/_us_per_report=/ µs per report: /p' "$out/$system-$workload.txt" | sed 's/^host/  host/; s/^pg/  PostgreSQL/'
}

# 1. The ceiling.
start_host ceiling --Bijie:GrainStorage=Memory --Bijie:LedgerStore=Memory
warm_up http://127.0.0.1:25080 "$LOCAL/bench/admin-api-key-ceiling"
run ceiling writes http://127.0.0.1:25080 "$LOCAL/bench/admin-api-key-ceiling"
run ceiling live http://127.0.0.1:25080 "$LOCAL/bench/admin-api-key-ceiling" --boards "$boards"
stop_server

# 2. The product, on a ledger of --rows reports.
start_host product
stop_server
preload_product
start_host product
warm_up http://127.0.0.1:25080 "$LOCAL/bench/admin-api-key-product"
run product writes http://127.0.0.1:25080 "$LOCAL/bench/admin-api-key-product"
run product live http://127.0.0.1:25080 "$LOCAL/bench/admin-api-key-product" --boards "$boards"
stop_server

# 3. The conventional design, on a table of --rows reports.
start_conventional
warm_up http://127.0.0.1:25090 "$LOCAL/bench/conventional-key" --shared-key --board-poll 1s
run conventional writes http://127.0.0.1:25090 "$LOCAL/bench/conventional-key" --shared-key --board-poll 1s
run conventional live http://127.0.0.1:25090 "$LOCAL/bench/conventional-key" --shared-key --boards "$boards" --board-poll 1s
stop_server

# The figures side by side.
p99() { tr -d , <"$out/$1.txt" | grep -o 'p99 [0-9.]* ms' | sed -n "${2}p" | awk '{print $2}'; } # p99 RUN 1 (acknowledgement) | 2 (staleness)
figure() { tr -d , <"$out/$1.txt" | sed -n "s/.*= \([0-9.]*\)\/s.*/\1/p" | head -1; }
field() { sed -n "s/^$2=//p" "$out/$1.txt"; } # field RUN NAME: a figure run() wrote
printf '\n%-14s %-7s %12s %12s %12s %14s %12s %12s\n' system workload "reports/s" "ack p99 ms" "stale p99 ms" "server cpu s" "host µs/rep" "pg µs/rep" | tee "$out/summary.txt"
for s in ceiling product conventional; do
  for w in writes live; do
    printf '%-14s %-7s %12s %12s %12s %14s %12s %12s\n' "$s" "$w" "$(figure "$s-$w")" "$(p99 "$s-$w" 1)" "$(p99 "$s-$w" 2)" \
      "$(field "$s-$w" server_cpu_seconds)" "$(field "$s-$w" host_us_per_report)" "$(field "$s-$w" pg_us_per_report)" | tee -a "$out/summary.txt"
  done
done
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "n/a" }'; }
p=$(figure product-writes) c=$(figure ceiling-writes) v=$(figure conventional-writes) lp=$(figure product-live) lv=$(figure conventional-live)
echo "product/ceiling=$(ratio "$p" "$c") product/conventional=$(ratio "$p" "$v") live product/conventional=$(ratio "$lp" "$lv")" | tee -a "$out/summary.txt"
stale=$(p99 product-live 2)
ack=$(p99 product-writes 1)
echo "bench: product=${p%.*} reports/s ceiling=${c%.*} conventional=${v%.*} live_product=${lp%.*} live_conventional=${lv%.*} staleness_p99_ms=${stale%.*} ack_p99_ms=${ack%.*}" \
  "host_us_per_report=$(field product-writes host_us_per_report) pg_us_per_report=$(field product-writes pg_us_per_report)" | tee -a "$out/summary.txt"
say "results in ${out#"$REPO/"}"
