#!/usr/bin/env bash
# Checks that the ledger is what was committed, from a running instance or from a backup:
#   deploy/verify-ledger.sh [INSTANCE | BACKUP_DIR] [--digest POSITION:HASH]...
# It recomputes the hash chain over every entry (each entry's hash covers the entry before it), checks the rows
# derived from the entries (lines under no entry, the subjects' heads, the roll-ups' snapshots) and the daily
# digests the store holds, and names the first entry that does not match. --digest checks the chain against a
# digest kept outside the system (printed or sent: GET /api/v1/ledger/digests gives them), which a ledger
# rewritten together with its chain no longer matches.
# INSTANCE is "run" by default (its services must be running); a BACKUP_DIR (from deploy/backup.sh) is restored
# into a scratch database of the "run" instance's PostgreSQL, verified and dropped.
# Exit code 0 when intact, 1 when something does not match, 2 when it could not run.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

target="run"
if [[ $# -gt 0 && "$1" != --* ]]; then target="$1"; shift; fi
ensure_dotnet
project="$REPO/tools/Bijie.Actors.Verify"
dotnet build "$project" -c Release -nologo -v:q -clp:NoSummary >/dev/null || die "building tools/Bijie.Actors.Verify failed"
verify() { dotnet "$project/bin/Release/net10.0/Bijie.Actors.Verify.dll" "$@"; }

if [[ -d "$target" ]]; then
  [[ -f "$target/ledger.dump" ]] || die "$target holds no ledger.dump: is it a backup made by deploy/backup.sh?"
  instance="${BIJIE_VERIFY_INSTANCE:-run}"
  "$REPO/deploy/services.sh" start "$instance" >/dev/null
  set -a; source "$LOCAL/$instance/services.env"; set +a
  ensure_postgres
  scratch="verify_$(date -u +%Y%m%d%H%M%S)_$$"
  trap 'psql -h 127.0.0.1 -p "$BIJIE_PG_PORT" -U postgres -d postgres -qc "DROP DATABASE IF EXISTS \"$scratch\" WITH (FORCE)" >/dev/null 2>&1 || true' EXIT
  say "restoring ${target#"$REPO/"}/ledger.dump into a scratch database"
  psql -h 127.0.0.1 -p "$BIJIE_PG_PORT" -U postgres -d postgres -qc "CREATE DATABASE \"$scratch\"" >/dev/null
  "$PG_BIN/pg_restore" -h 127.0.0.1 -p "$BIJIE_PG_PORT" -U postgres -d "$scratch" --no-owner --exit-on-error "$target/ledger.dump"
  connection="Host=127.0.0.1;Port=$BIJIE_PG_PORT;Username=postgres;Password=$PGPASSWORD;Database=$scratch;Timezone=UTC"
else
  envfile="$LOCAL/$target/services.env"
  [[ -f "$envfile" ]] || die "no services for instance '$target' ($envfile), and no backup directory of that name"
  set -a; source "$envfile"; set +a
  connection="$ConnectionStrings__Ledger"
fi

set +e
verify --connection "$connection" "$@"
code=$?
set -e
exit "$code"
