#!/usr/bin/env bash
# Restores a backup made by deploy/backup.sh into an instance whose host is stopped:
#   deploy/restore.sh DIR [INSTANCE]
# It starts the instance's services if needed, replaces the database with the dump (the silos' membership
# starts empty), and replaces the grain state and reminders with the backup's rows. Then start the host
# (deploy/run.sh for the "run" instance): it serves what the backup held; reports acknowledged after the
# backup was taken are not in it.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

from="${1:?usage: deploy/restore.sh DIR [INSTANCE]}"
instance="${2:-run}"
[[ -f "$from/ledger.dump" && -d "$from/tables" && -f "$from/manifest.txt" ]] || die "$from is not a complete backup (ledger.dump, tables/, manifest.txt)"
if pid_alive "$(cat "$LOCAL/$instance/host.pid" 2>/dev/null)"; then
  die "the host of instance '$instance' is running; stop it first (deploy/run.sh stop)"
fi
ensure_dotnet
"$REPO/deploy/services.sh" start "$instance"
envfile="$LOCAL/$instance/services.env"
set -a; source "$envfile"; set +a
ensure_postgres
db="${BIJIE_DATABASE:-bijie}" # the database the instance keeps the ledger in

say "replacing the database with ${from#"$REPO/"}/ledger.dump"
psql -h 127.0.0.1 -p "$BIJIE_PG_PORT" -U postgres -d postgres -qc "DROP DATABASE IF EXISTS \"$db\" WITH (FORCE)" >/dev/null
psql -h 127.0.0.1 -p "$BIJIE_PG_PORT" -U postgres -d postgres -qc "CREATE DATABASE \"$db\"" >/dev/null
"$PG_BIN/pg_restore" -h 127.0.0.1 -p "$BIJIE_PG_PORT" -U postgres -d "$db" --no-owner --exit-on-error "$from/ledger.dump"

say "replacing the grain state and reminders"
tables_tool wipe ${BIJIE_SERVICE_ID:+--service-id "$BIJIE_SERVICE_ID"} >/dev/null
tables_tool import --dir "$from/tables" ${BIJIE_SERVICE_ID:+--service-id "$BIJIE_SERVICE_ID"}
say "restored ${from#"$REPO/"} into instance '$instance' ($(grep ledger_head "$from/manifest.txt"))"
