#!/usr/bin/env bash
# Where the host's CPU goes per report: the product's host (PostgreSQL + Azurite, rate limits lifted) under the
# writes-only load of deploy/bench-wrk.sh (wrk and deploy/wrk/report.lua), sampled by Linux perf (Debian's linux-perf,
# installed with apt when missing) at --frequency Hz with call stacks, the JIT's symbols from the runtime's perf map
# (DOTNET_PerfMapEnabled=1). Prints the host's CPU per acknowledged report over the sampled run (from /proc, as
# bench-wrk.sh), the samples by area (each in one: the first frame from the leaf that names an area) with the µs per
# report each share stands for, the 40 hottest functions, and a closing line:
#   profile: reports_per_s=N host_us_per_report=N samples=N rollups_us=N ... alloc_bytes_per_report=N gc_pause_pct=P ...
# The runtime's counters over the same seconds (dotnet-counters) give the bytes allocated per report and the GC's pauses.
#   deploy/profile-host.sh [--rows N] [--duration 20] [--frequency 499] [--connections 128] [--threads 2] [--out DIR]
# Uses the "bench" services instance and port 25080 (not alongside deploy/bench.sh or bench-wrk.sh); stops what it starts.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$REPO"
rows=0 duration=20 frequency=499 connections=128 threads=2 out="$LOCAL/bench/profile-$(date -u +%Y%m%dT%H%M%SZ)"
while [[ $# -gt 0 ]]; do
  case "$1" in
    --rows) rows="$2"; shift 2 ;;
    --duration) duration="$2"; shift 2 ;;
    --frequency) frequency="$2"; shift 2 ;;
    --connections) connections="$2"; shift 2 ;;
    --threads) threads="$2"; shift 2 ;;
    --out) out="$2"; shift 2 ;;
    *) die "unknown option '$1' (--rows N, --duration SECONDS, --frequency HZ, --connections C, --threads T, --out DIR)" ;;
  esac
done
[[ "$rows" =~ ^[0-9]+$ && "$duration" =~ ^[1-9][0-9]*$ && "$frequency" =~ ^[1-9][0-9]*$ && "$connections" =~ ^[1-9][0-9]*$ && "$threads" =~ ^[1-9][0-9]*$ ]] ||
  die "--rows, --duration, --frequency, --connections and --threads are whole numbers"
mkdir -p "$out"
ensure_dotnet
dotnet tool restore >/dev/null || die "restoring the local tools (.config/dotnet-tools.json) failed"
ensure_debian /usr/bin/wrk wrk || die "wrk is needed (Debian's package 'wrk')"
ensure_debian /usr/bin/perf linux-perf || die "perf is needed (Debian's package 'linux-perf')"

say "building (Release)"
dotnet build src/Bijie.Actors.Host -c Release -nologo -v:q -clp:NoSummary >/dev/null || die "building the host failed"
host_dll="$REPO/src/Bijie.Actors.Host/bin/Release/net10.0/Bijie.Actors.Host.dll"
conv_dll="" # not used here
pairings="$out/pairings.list"
source "$REPO/deploy/bench-lib.sh"
today="$(TZ=Asia/Shanghai date +%F)"

# The JIT writes /tmp/perf-PID.map, where perf finds the names of compiled methods; without the W^X double mapping
# perf sees the code at the addresses the map names, and without ReadyToRun images every method (the framework's too)
# is JIT-compiled and so named (hot methods are recompiled at tier 1 either way; the warm-up gets them there).
export DOTNET_PerfMapEnabled=1 DOTNET_EnableWriteXorExecute=0 DOTNET_ReadyToRun=0
if [[ "$rows" -gt 0 ]]; then
  start_host product
  stop_server
  preload_product
fi
start_host product
key_file="$LOCAL/bench/admin-api-key-product"
list_pairings 25080 "$key_file"
key="$(cat "$key_file")"
load() { wrk -t"$threads" -c"$connections" -d"$1" -s deploy/wrk/report.lua http://127.0.0.1:25080 -- "$pairings" "$today" "$key" "$2"; }

say "warm-up: 20 s"
load 20s "warm-$(date +%s)" >/dev/null
say "sampling the host (pid $server_pid) at $frequency Hz for $duration s under load"
load "$((duration + 4))s" "profile-$(date +%s)" >"$out/load.wrk" &
load_pid=$!
sleep 2 # the load's connections open before the sampling starts
before="$(cpu_seconds "$server_pid")" acked_before="$(pg -d bijie -c "SELECT count(*) FROM ledger_entries WHERE kind = 1")"
# The runtime's own counters over the same seconds (dotnet-counters, a local tool pinned in .config/dotnet-tools.json)
dotnet tool run dotnet-counters collect -p "$server_pid" --refresh-interval 1 --format csv -o "$out/counters.csv" \
  --duration "00:$(date -u -d "@$duration" +%H:%M:%S)" --counters 'System.Runtime[dotnet.gc.heap.total_allocated,dotnet.gc.pause.time,dotnet.gc.collections,dotnet.thread_pool.queue.length,dotnet.monitor.lock_contentions]' \
  >"$out/counters.log" 2>&1 &
counters_pid=$!
perf record -e cpu-clock -F "$frequency" -g -p "$server_pid" -o "$out/perf.data" -- sleep "$duration" 2>"$out/perf-record.log" >/dev/null
wait "$counters_pid" || say "dotnet-counters failed (see $out/counters.log)"
after="$(cpu_seconds "$server_pid")" acked_after="$(pg -d bijie -c "SELECT count(*) FROM ledger_entries WHERE kind = 1")"
wait "$load_pid"
acked=$((acked_after - acked_before))
[[ "$acked" -gt 0 ]] || die "no report was acknowledged while sampling (see $out/load.wrk)"
rate="$(awk -v n="$acked" -v d="$duration" 'BEGIN { printf "%.0f", n / d }')"
us="$(awk -v a="$after" -v b="$before" -v n="$acked" 'BEGIN { printf "%.0f", (a - b) * 1e6 / n }')"
say "$acked reports committed while sampling: $rate/s, host $us µs of CPU per report"

perf script -i "$out/perf.data" -F comm,tid,ip,sym,dso 2>/dev/null >"$out/perf.script"
perf report -i "$out/perf.data" --stdio --no-children --sort dso,sym --percent-limit 0.3 -g none 2>/dev/null >"$out/perf-report.txt" || true
grep -v -e '^#' -e '^$' "$out/perf-report.txt" | sed -n 1,40p | sed -E 's/ +/ /g; s/\[OptimizedTier1\]//' | cut -c1-220 >"$out/top-functions.txt"

# Each sample is a block of frames (leaf first) followed by a blank line. A sample goes to one area: the first frame
# from the leaf that names one (so a dictionary look-up inside the roll-ups is the roll-ups', a task continuation
# scheduled by them is the tasks'); kernel frames go to networking or scheduling by any kernel frame of the sample;
# time in the runtime's own native code (allocation, GC, casts, stubs: its symbols are not shipped) goes to the area
# of the managed code that called it, and is shown in its own column too.
awk -v us="$us" -v out="$out" '
  BEGIN {
    n = split("roll-ups|Bijie\\.Actors\\.Grains\\.Rollups;" \
      "ticker|Bijie\\.Actors\\.Grains\\.Live\\.Ticker;" \
      "webhooks|Webhook;" \
      "live boards (SignalR)|Bijie\\.Actors\\.Web\\.Live|SignalR;" \
      "validation (rules, outliers)|Bijie\\.Actors\\.Grains\\.Validation|ValidationRule|Outlier|Spread;" \
      "report grains|Bijie\\.Actors\\.Grains\\.Reports;" \
      "ledger writer and Npgsql|Bijie\\.Actors\\.Ledger|Npgsql;" \
      "other grains|Bijie\\.Actors\\.Grains;" \
      "authentication|Bijie\\.Actors\\.Web\\.Security|Microsoft\\.AspNetCore\\.Authentication;" \
      "rate limiting|RateLimit;" \
      "authorisation|Microsoft\\.AspNetCore\\.Authorization;" \
      "endpoint: routing, binding, handler, result|Bijie\\.Actors\\.Web|Microsoft\\.AspNetCore\\.Http\\.Generated|RequestDelegateFactory|Microsoft\\.AspNetCore\\.Routing|HttpResults;" \
      "JSON (System.Text.Json)|System\\.Text\\.Json;" \
      "HTTP server (Kestrel, pipelines, hosting)|Kestrel|System\\.IO\\.Pipelines|Microsoft\\.AspNetCore;" \
      "Orleans: grain interface type per GetGrain|GrainInterfaceTypeResolver|GrainInterfaceTypeProvider|GrainFactory::|Orleans\\.Serialization\\.TypeSystem;" \
      "Orleans serialisation and argument copies|Orleans\\.Serialization;" \
      "activity propagation, metrics, tracing|ActivityPropagation|System\\.Diagnostics|OpenTelemetry;" \
      "Orleans messaging and invocation|Orleans\\.Runtime\\.Messag|InsideRuntimeClient|OutgoingCallInvoker|GrainMethodInvoker|CallbackData|ResponseCompletionSource|Orleans\\.Runtime\\.Message;" \
      "Orleans activations and scheduler|Orleans\\.Runtime\\.Scheduler|ActivationData|Catalog|WorkItemGroup;" \
      "Orleans Dashboard|Orleans\\.Dashboard;" \
      "Orleans, other|Orleans;" \
      "logging|Microsoft\\.Extensions\\.Logging;" \
      "sockets (managed)|System\\.Net\\.Sockets|SocketAsyncEngine;" \
      "tasks, async and thread pool|System\\.Threading|System\\.Runtime\\.CompilerServices", spec, ";")
    for (i = 1; i <= n; i++) { p = index(spec[i], "|"); name[i] = substr(spec[i], 1, p - 1); pat[i] = substr(spec[i], p + 1) }
    areas = n
  }
  function classify(   i, j, a) {
    if (kernel_net) return "kernel: networking (loopback TCP, epoll)"
    if (kernel_sched) return "kernel: scheduling (switches, futex, yield)"
    if (kernel_other) return "kernel: other"
    if (leafdso ~ /libclrjit/) return "the JIT"
    for (j = 1; j <= nframes; j++) {
      if (dsos[j] !~ /perf-[0-9]+\.map/) continue
      for (i = 1; i <= areas; i++) if (syms[j] ~ pat[i]) return name[i]
    }
    if (leafdso ~ /libc\.so|ld-linux|vdso|libSystem|libcrypto|libssl|libm\./) return "native libraries (libc, System.Native, crypto)"
    return "unnamed (frames perf could not name)"
  }
  function flush(   a) {
    if (!nframes) return
    samples++
    a = classify()
    area[a]++
    if (leafdso ~ /libcoreclr/) { native++; native_area[a]++ }
    nframes = 0; kernel_net = kernel_sched = kernel_other = 0
  }
  /^[^ \t]/ { flush(); next }
  /^[ \t]*$/ { flush(); next }
  {
    line = $0; sub(/^[ \t]+[0-9a-f]+ /, "", line)
    dso = line; sub(/.*\(/, "", dso); sub(/\)$/, "", dso)
    sym = line; sub(/ \([^()]*\)$/, "", sym)
    nframes++; syms[nframes] = sym; dsos[nframes] = dso
    if (nframes == 1) leafdso = dso
    if (dso ~ /kernel/) {
      if (sym ~ /tcp|sock|skb|inet|^ip_|net_rx|netif|loopback|epoll|ep_poll|sys_send|sys_recv|sys_write|sys_read/) kernel_net = 1
      else if (sym ~ /schedule|finish_task_switch|futex|sched_yield|hrtimer|nanosleep/) kernel_sched = 1
      else if (nframes == 1) kernel_other = 1
    }
  }
  END {
    flush()
    printf "%d samples of the host while it served %s µs of CPU per report; each sample in one area:\n", samples, us
    printf "  share   µs/report (of which in the runtime native code)  area\n"
    for (a in area) printf "  %5.1f%%  %5.1f (%4.1f)  %s\n", 100 * area[a] / samples, us * area[a] / samples, us * native_area[a] / samples, a | "sort -rn"
    close("sort -rn")
    printf "  in the runtime native code in all: %.1f%%, %.1f µs/report\n", 100 * native / samples, us * native / samples
    line = sprintf("samples=%d", samples)
    split("roll-ups|ticker|report grains|ledger writer and Npgsql|Orleans: grain interface type per GetGrain|activity propagation, metrics, tracing", keys, "|")
    split("rollups_us ticker_us report_grains_us ledger_us get_grain_us telemetry_us", names, " ")
    for (i = 1; i <= 6; i++) line = line sprintf(" %s=%.1f", names[i], us * area[keys[i]] / samples)
    line = line sprintf(" runtime_native_us=%.1f", us * native / samples)
    kernel = area["kernel: networking (loopback TCP, epoll)"] + area["kernel: scheduling (switches, futex, yield)"] + area["kernel: other"]
    line = line sprintf(" kernel_us=%.1f", us * kernel / samples)
    print line > (out "/where.line")
  }' "$out/perf.script" | tee "$out/areas.txt"

# The counters are rates per second, one row a second: their sums over the run are its totals.
gc_line="$(awk -F, -v n="$acked" -v d="$duration" '
  $3 ~ /^dotnet\.gc\.heap\.total_allocated/ { alloc += $5 }
  $3 ~ /^dotnet\.gc\.pause\.time/ { pause += $5 }
  $3 ~ /gen0\]/ { g0 += $5 } $3 ~ /gen1\]/ { g1 += $5 } $3 ~ /gen2\]/ { g2 += $5 }
  $3 ~ /lock_contentions/ { locks += $5 }
  END { printf "alloc_bytes_per_report=%.0f gc_pause_pct=%.1f gc_gen0=%d gc_gen1=%d gc_gen2=%d lock_contentions_per_s=%.0f", alloc / n, 100 * pause / d, g0, g1, g2, locks / d }' "$out/counters.csv" 2>/dev/null || true)"
echo
echo "runtime counters over the sampled seconds: $gc_line"
echo
echo "hottest functions (exclusive, share of the host's samples):"
cat "$out/top-functions.txt"
echo "profile: reports_per_s=$rate host_us_per_report=$us $(cat "$out/where.line") $gc_line" | tee "$out/summary.txt"
say "results in ${out#"$REPO/"} (perf report -i ${out#"$REPO/"}/perf.data for the full profile)"
