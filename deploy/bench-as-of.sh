#!/usr/bin/env bash
# What a board as of a past day costs (bench/Bijie.Actors.Bench.AsOf): a year of reports in a fresh ledger database
# of the "bench" services instance, the snapshots the city and its counties keep per day, then boards read as of
# random days the way the board reader reads them.
#   deploy/bench-as-of.sh [--reports 200000] [--days 365] [--reads 200]
# Prints its progress and a closing line:
#   asof: city p50=…ms p99=…ms village p50=…ms p99=…ms city_without_kept_snapshots p50=…ms p99=…ms …
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$REPO"
ensure_dotnet
ensure_postgres
say "building (Release)"
dotnet build bench/Bijie.Actors.Bench.AsOf -c Release -nologo -v:q -clp:NoSummary >/dev/null || die "building bench/Bijie.Actors.Bench.AsOf failed"
"$REPO/deploy/services.sh" start bench >/dev/null
set -a; source "$LOCAL/bench/services.env"; set +a
db="asof_$(date -u +%Y%m%d%H%M%S)"
psql -h 127.0.0.1 -p "$BIJIE_PG_PORT" -U postgres -qc "CREATE DATABASE $db" >/dev/null
[[ -n "${BIJIE_KEEP_DB:-}" ]] || trap 'psql -h 127.0.0.1 -p "$BIJIE_PG_PORT" -U postgres -qc "DROP DATABASE IF EXISTS $db WITH (FORCE)" >/dev/null 2>&1 || true' EXIT
dotnet bench/Bijie.Actors.Bench.AsOf/bin/Release/net10.0/Bijie.Actors.Bench.AsOf.dll \
  --connection "Host=127.0.0.1;Port=$BIJIE_PG_PORT;Username=postgres;Password=$PGPASSWORD;Database=$db;Timezone=UTC;Maximum Pool Size=50" "$@"
