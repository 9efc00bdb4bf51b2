#!/usr/bin/env bash
# The write path measured with a client that costs almost nothing: Debian's wrk (installed with apt when missing)
# and deploy/wrk/report.lua, which posts one valid report per request with a fresh Idempotency-Key, round robin over
# the active pairings each server lists, with the office's key (reports on behalf). Writes only, one after another:
#   ceiling       the host with in-memory grain storage and ledger (nothing durable)
#   product       the host on PostgreSQL (ledger) and Azurite (grain state), its ledger holding --rows reports first
#   conventional  bench/Bijie.Actors.Bench.Conventional on a table of --rows reports
#   health        GET /health/live on the product's host: the HTTP pipeline alone
# For each: requests/s, latency p50/p99, and the CPU per acknowledged report of the host, PostgreSQL and Azurite
# (from /proc over the run), and for the product PostgreSQL's statements by their share of its time per report
# (pg_stat_statements, in statements.txt). --systems picks some of ceiling,product,conventional (health runs with
# the product). Closing line:
#   bench-wrk: product=N ceiling=N conventional=N health=N host_us_per_report=N pg_us_per_report=N ack_p99_ms=N
#   deploy/bench-wrk.sh [--rows N] [--duration 20s] [--connections 128] [--threads 2] [--systems LIST] [--out DIR]
# Uses the "bench" services instance and ports 25080/25090 (not alongside deploy/bench.sh); stops what it starts.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$REPO"
rows=1000000 duration=20s connections=128 threads=2 systems=ceiling,product,conventional out="$LOCAL/bench/wrk-$(date -u +%Y%m%dT%H%M%SZ)"
while [[ $# -gt 0 ]]; do
  case "$1" in
    --rows) rows="$2"; shift 2 ;;
    --duration) duration="$2"; shift 2 ;;
    --connections) connections="$2"; shift 2 ;;
    --threads) threads="$2"; shift 2 ;;
    --systems) systems="$2"; shift 2 ;;
    --out) out="$2"; shift 2 ;;
    *) die "unknown option '$1' (--rows N, --duration D, --connections C, --threads T, --systems LIST, --out DIR)" ;;
  esac
done
for s in ${systems//,/ }; do [[ "$s" =~ ^(ceiling|product|conventional)$ ]] || die "--systems names some of ceiling,product,conventional, not '$s'"; done
wanted() { [[ ",$systems," == *",$1,"* ]]; }
[[ "$rows" =~ ^[0-9]+$ && "$connections" =~ ^[1-9][0-9]*$ && "$threads" =~ ^[1-9][0-9]*$ ]] || die "--rows, --connections and --threads are whole numbers"
mkdir -p "$out"
ensure_dotnet
ensure_debian /usr/bin/wrk wrk || die "wrk is needed (Debian's package 'wrk')"

say "building (Release)"
for project in src/Bijie.Actors.Host bench/Bijie.Actors.Bench.Conventional; do
  dotnet build "$project" -c Release -nologo -v:q -clp:NoSummary >/dev/null || die "building $project failed"
done
host_dll="$REPO/src/Bijie.Actors.Host/bin/Release/net10.0/Bijie.Actors.Host.dll"
conv_dll="$REPO/bench/Bijie.Actors.Bench.Conventional/bin/Release/net10.0/Bijie.Actors.Bench.Conventional.dll"
source "$REPO/deploy/bench-lib.sh"

today="$(TZ=Asia/Shanghai date +%F)" # the programme's day: a report may not be dated later
pairings="$out/pairings.list"

run_wrk() { # run_wrk SYSTEM PORT KEYFILE: a warm-up, then the measured run with the servers' CPU per report
  local system="$1" port="$2" key pids before_host before_pg before_az after_host after_pg after_az line
  key="$(cat "$3")"
  wrk -t"$threads" -c"$connections" -d5s -s deploy/wrk/report.lua "http://127.0.0.1:$port" -- "$pairings" "$today" "$key" "warm-$system" >/dev/null
  [[ "$system" == product ]] && pg -d bijie -c "CREATE EXTENSION IF NOT EXISTS pg_stat_statements; SELECT pg_stat_statements_reset();" >/dev/null
  before_host="$(cpu_seconds "$server_pid")" before_pg="$(cpu_seconds $(pg_pids))" before_az="$(cpu_seconds $(azurite_pids))"
  say "$system: $duration, $connections connections, $threads threads"
  line="$(wrk -t"$threads" -c"$connections" -d"$duration" -s deploy/wrk/report.lua "http://127.0.0.1:$port" -- "$pairings" "$today" "$key" "$system-$(date +%s)" \
    | tee "$out/$system.wrk" | grep '^wrk-reports:')"
  after_host="$(cpu_seconds "$server_pid")" after_pg="$(cpu_seconds $(pg_pids))" after_az="$(cpu_seconds $(azurite_pids))"
  awk -v l="$line" -v s="$system" -v h="$after_host" -v hb="$before_host" -v p="$after_pg" -v pb="$before_pg" -v a="$after_az" -v ab="$before_az" 'BEGIN {
    n = split(l, f, /[ =]/); for (i = 2; i < n; i += 2) v[f[i]] = f[i + 1]
    ok = v["requests"] - v["non2xx"]; rate = ok / v["seconds"]
    printf "%s reports_per_s=%.0f p50_ms=%s p99_ms=%s non2xx=%d socket_errors=%d host_us_per_report=%.0f pg_us_per_report=%.0f azurite_us_per_report=%.0f acknowledged=%d\n",
      s, rate, v["p50_ms"], v["p99_ms"], v["non2xx"], v["socket_errors"], (h - hb) * 1e6 / ok, (p - pb) * 1e6 / ok, (a - ab) * 1e6 / ok, ok }' | tee "$out/$system.txt"
  if [[ "$system" == product ]]; then
    local ok
    ok="$(sed -n 's/.* acknowledged=\([0-9]*\).*/\1/p' "$out/$system.txt")"
    say "PostgreSQL's statements over the run (execution time; µs and calls per acknowledged report)"
    pg -d bijie -F $'\t' -c "SELECT round((total_exec_time * 1000 / greatest($ok, 1))::numeric, 2), round((calls::numeric / greatest($ok, 1)), 3),
        round((total_exec_time * 1000 / greatest(calls, 1))::numeric, 1), left(regexp_replace(query, '\s+', ' ', 'g'), 110)
      FROM pg_stat_statements ORDER BY total_exec_time DESC LIMIT 12" \
      | awk -F'\t' 'BEGIN { printf "%10s %10s %10s  %s\n", "us/report", "calls/rep", "us/call", "statement" } { printf "%10s %10s %10s  %s\n", $1, $2, $3, $4 }' | tee "$out/statements.txt"
  fi
}

# 1. The ceiling.
if wanted ceiling; then
  start_host ceiling --Bijie:GrainStorage=Memory --Bijie:LedgerStore=Memory
  list_pairings 25080 "$LOCAL/bench/admin-api-key-ceiling"
  run_wrk ceiling 25080 "$LOCAL/bench/admin-api-key-ceiling"
  stop_server
fi

# 2. The product, on a ledger of --rows reports; then the HTTP pipeline alone on the same host.
health=""
if wanted product; then
  start_host product
  stop_server
  preload_product
  start_host product
  list_pairings 25080 "$LOCAL/bench/admin-api-key-product"
  run_wrk product 25080 "$LOCAL/bench/admin-api-key-product"
  say "health: GET /health/live, $duration"
  health="$(wrk -t"$threads" -c"$connections" -d"$duration" http://127.0.0.1:25080/health/live | tee "$out/health.wrk" | awk '/Requests\/sec/ { printf "%.0f", $2 }')"
  echo "health requests_per_s=$health" | tee "$out/health.txt"
  stop_server
fi

# 3. The conventional design.
if wanted conventional; then
  start_conventional
  list_pairings 25090 "$LOCAL/bench/conventional-key" # its demo leaves out the institution pairings (no place)
  run_wrk conventional 25090 "$LOCAL/bench/conventional-key"
  stop_server
fi

value() { [[ -f "$out/$1.txt" ]] && sed -n "s/.* $2=\([0-9.]*\).*/\1/p" "$out/$1.txt" || echo "-"; }
echo "bench-wrk: product=$(value product reports_per_s) ceiling=$(value ceiling reports_per_s) conventional=$(value conventional reports_per_s) health=$health" \
  "host_us_per_report=$(value product host_us_per_report) pg_us_per_report=$(value product pg_us_per_report) ack_p99_ms=$(value product p99_ms)" | tee "$out/summary.txt"
say "results in ${out#"$REPO/"}"
