# Shared by deploy/bench.sh and deploy/bench-wrk.sh (sourced after their options and the build): the "bench"
# services instance, the hosts on :25080 and the conventional design on :25090, the preload of --rows reports, and
# the CPU of the processes that serve, the list of active pairings. Needs $out, $rows, $host_dll, $conv_dll and $pairings.
ensure_debian /usr/bin/jq jq || die "jq is needed (Debian's package 'jq')"
"$REPO/deploy/services.sh" reset bench >/dev/null 2>&1 || true
"$REPO/deploy/services.sh" start bench >/dev/null
set -a; source "$LOCAL/bench/services.env"; set +a
pg() { psql -h 127.0.0.1 -p "$BIJIE_PG_PORT" -U postgres -v ON_ERROR_STOP=1 -qtA "$@"; }
server_pid=""
stop_server() { [[ -n "$server_pid" ]] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null; server_pid=""; true; }
trap 'stop_server; "$REPO/deploy/services.sh" stop bench >/dev/null 2>&1 || true' EXIT

# CPU seconds used so far by a set of processes (utime + stime), for the servers' share of each run.
cpu_seconds() { local total=0 p; for p in "$@"; do [[ -r /proc/$p/stat ]] && total=$((total + $(awk '{print $14 + $15}' "/proc/$p/stat"))); done; awk -v t="$total" -v hz="$(getconf CLK_TCK)" 'BEGIN { printf "%.1f", t / hz }'; }
azurite_pids() { pgrep -f "$LOCAL/bench/azurite" || true; }
pg_pids() { pgrep -u postgres -f "bijie-actors-.*/bench/data" || true; pgrep -u postgres -P "$(pgrep -u postgres -f "bijie-actors-.*/bench/data" | head -1)" || true; }
store_pids() { azurite_pids; pg_pids; }

start_host() { # start_host NAME ARGS...: the product's host on :25080, demo loaded
  local name="$1"; shift
  (cd "$(dirname "$host_dll")" && exec dotnet "$host_dll" --urls http://127.0.0.1:25080 --Bijie:SiloPort=21111 --Bijie:GatewayPort=23000 \
    --Bijie:Demo=OnEmptyStore --Bijie:AdminKeyFile="$LOCAL/bench/admin-api-key-$name" --Bijie:Live:MaxConnectionsPerAddress=100000 \
    --Bijie:Api:RequestsPerSecondPerKey=1000000 --Bijie:Api:AnonymousRequestsPerSecond=1000000 --Bijie:Api:KeyLookupsPerSecondPerAddress=1000000 \
    "$@" >"$out/host-$name.log" 2>&1) &
  server_pid=$!
  wait_until 300 "the $name host to become ready" curl -fsS -o /dev/null http://127.0.0.1:25080/health/ready
}

preload_product() {
  say "product: adding $rows reports to the ledger (one delivered batch, as history the roll-ups read once)"
  pg -d bijie <<SQL
CREATE TEMP TABLE tpl AS
  SELECT (row_number() OVER (ORDER BY l.position) - 1) AS i, l.scopes, e.subject_id
  FROM ledger_lines l JOIN ledger_entries e USING (position)
  WHERE e.kind = 1 AND l.member IS NULL AND l.indicator = 'clinic_person_times';
CREATE TEMP TABLE h AS SELECT position AS p0, (SELECT count(*) FROM tpl) AS n FROM ledger_head;
INSERT INTO ledger_entries (position, batch_id, entry_id, kind, idem_scope, idem_key, request_hash, subject_id, occurred_on, recorded_at, actor, on_behalf, body)
  SELECT h.p0 + g, h.p0 + 1, gen_random_uuid(), 1, 'bench-preload', g::text, '\x00', t.subject_id,
         make_date(extract(year FROM now())::int, 1 + g % extract(month FROM now())::int, 1), now(), 'bench', true, '{"kind":"pairing"}'
  FROM h, generate_series(1, $rows) g JOIN tpl t ON t.i = g % (SELECT n FROM h);
INSERT INTO ledger_lines (position, line, batch_id, indicator, year, month, value, scopes)
  SELECT h.p0 + g, 0, h.p0 + 1, 'clinic_person_times', extract(year FROM now())::int, 1 + g % extract(month FROM now())::int, 1, t.scopes
  FROM h, generate_series(1, $rows) g JOIN tpl t ON t.i = g % (SELECT n FROM h);
INSERT INTO ledger_batches (batch_id, last_position, delivered) SELECT p0 + 1, p0 + $rows, true FROM h WHERE $rows > 0;
UPDATE ledger_head SET position = position + $rows;
ANALYZE;
SQL
}

start_conventional() { # the conventional design on :25090 with a table of $rows reports; its key in $LOCAL/bench/conventional-key
  pg -d postgres -c "CREATE DATABASE conventional" >/dev/null
  conv_key="bench-$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')"
  echo "$conv_key" >"$LOCAL/bench/conventional-key"
  (exec dotnet "$conv_dll" --urls http://127.0.0.1:25090 --connection "Host=127.0.0.1;Port=$BIJIE_PG_PORT;Username=postgres;Password=$PGPASSWORD;Database=conventional;Maximum Pool Size=100" \
    --key "$conv_key" >"$out/conventional.log" 2>&1) &
  server_pid=$!
  wait_until 60 "the conventional server" curl -fsS -o /dev/null -H "Authorization: Bearer $conv_key" http://127.0.0.1:25090/api/v1/indicators
  say "conventional: adding $rows reports to its table"
  pg -d conventional -c "INSERT INTO conv_reports (id, idem_key, pairing_id, county, locality, date, year, indicator, value)
    SELECT gen_random_uuid(), 'pre-' || g, 'preload', c, c, make_date(extract(year FROM now())::int, 1 + g % extract(month FROM now())::int, 1),
           extract(year FROM now())::int, 'clinic_person_times', 1
    FROM generate_series(1, $rows) g, LATERAL (SELECT (ARRAY['520502','520521','520523','520524','520525','520526','520527','520581'])[1 + g % 8] AS c) x; ANALYZE conv_reports;" >/dev/null
}

list_pairings() { # list_pairings PORT KEYFILE: the active pairings the server knows, one id a line, into $pairings
  local port="$1" key page=1 next=x
  key="$(cat "$2")"
  : >"$pairings"
  while [[ -n "$next" && "$next" != null ]]; do
    local json
    json="$(curl -fsS -H "Authorization: Bearer $key" "http://127.0.0.1:$port/api/v1/pairings?status=active&size=200&page=$page")"
    jq -r '.items[].id' <<<"$json" >>"$pairings"
    next="$(jq -r '.next' <<<"$json")"
    page=$((page + 1))
  done
  [[ -s "$pairings" ]] || die "no active pairing to report on"
}
