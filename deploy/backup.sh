#!/usr/bin/env bash
# Backs up an instance's data while it runs:
#   deploy/backup.sh [INSTANCE] [DIR]
# BIJIE_DATABASE names the database (default bijie), BIJIE_SERVICE_ID limits the Table storage rows to one
# deployment's (default: all). INSTANCE is the services instance ("run" by default, as deploy/run.sh uses; see deploy/services.sh). DIR is
# where the backup goes (default .local/backups/INSTANCE-<UTC time>). It holds
#   tables/*.jsonl  grain state and reminders (Azure Table storage rows, every property with its type),
#   ledger.dump     the PostgreSQL database (pg_dump custom format): the ledger, its positions and deliveries,
#                   the clustering schema; the silos' membership rows are left out (they describe the past),
#   manifest.txt    when, from where, the ledger's head and the rows per table.
# The tables are exported first and the ledger after them, so the ledger is never older than the grain state:
# pairings and projects adopt the ledger's newer snapshot when they activate after a restore.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

instance="${1:-run}"
envfile="$LOCAL/$instance/services.env"
[[ -f "$envfile" ]] || die "no services for instance '$instance' ($envfile): start them first (deploy/run.sh or deploy/services.sh start $instance)"
set -a; source "$envfile"; set +a
out="${2:-$LOCAL/backups/$instance-$(date -u +%Y%m%dT%H%M%SZ)}"
mkdir -p "$out/tables"
ensure_dotnet
ensure_postgres
db="${BIJIE_DATABASE:-bijie}" # the database the instance keeps the ledger in

say "exporting Table storage rows to ${out#"$REPO/"}/tables"
tables_tool export --dir "$out/tables" ${BIJIE_SERVICE_ID:+--service-id "$BIJIE_SERVICE_ID"} >"$out/tables.txt"
say "dumping the ledger database"
"$PG_BIN/pg_dump" -h 127.0.0.1 -p "$BIJIE_PG_PORT" -U postgres -d "$db" -Fc \
  --exclude-table-data=orleans_membership --exclude-table-data=orleans_membership_version -f "$out/ledger.dump.partial"
mv "$out/ledger.dump.partial" "$out/ledger.dump"
head="$(psql -h 127.0.0.1 -p "$BIJIE_PG_PORT" -U postgres -d "$db" -tAc "SELECT coalesce(max(position), 0) FROM ledger_entries" 2>/dev/null || echo 0)"
{
  echo "taken_at=$(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "instance=$instance"
  echo "ledger_head_at_end=$head"
  sed 's/^export: /table_rows: /' "$out/tables.txt"
} >"$out/manifest.txt"
rm -f "$out/tables.txt"
say "backup complete: ${out#"$REPO/"} (ledger head $head)"
echo "$out"
