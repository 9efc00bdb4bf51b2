#!/usr/bin/env bash
# Starts or stops the services Bijie.Actors needs on one machine: Azurite (Azure Table storage) and
# PostgreSQL (cluster membership), both bound to 127.0.0.1 on ports of their own.
#
#   deploy/services.sh start|stop|status|reset [INSTANCE]
#
# reset stops the instance and deletes its data (Azurite tables, the PostgreSQL cluster): the next start is empty.
#
# Both listen on 127.0.0.1 unless BIJIE_PG_ADDRESS and BIJIE_AZURITE_ADDRESS name another address of this machine
# (the chaos run's bridge, deploy/netns.sh), which the connection strings then name; PostgreSQL then also listens on
# 127.0.0.1 for the scripts, and accepts clients from BIJIE_PG_CLIENTS (a CIDR) with the password.
#
# INSTANCE is "run" (default; fixed ports, BIJIE_AZURITE_PORT=10102, BIJIE_PG_PORT=15432) or any other name
# (e.g. "test": free ports picked at start). Each instance has its own data; the connection strings are
# written to .local/INSTANCE/services.env. Re-runnable: start leaves running services alone; stop stops only
# what this script started.
#
# No published secret is used: each instance has its own PostgreSQL password (password authentication, never
# trust), its own Azurite account key (AZURITE_ACCOUNTS; the documented development key no longer opens it) and
# the key that encrypts the data-protection keys at rest, each generated at its first start into
# .local/INSTANCE/ (mode 600) and written with the connection strings into services.env (mode 600), which the
# run, cluster, test and benchmark scripts read.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

cmd="${1:-status}"
instance="${2:-run}"
dir="$LOCAL/$instance"
envfile="$dir/services.env"
pg_root="$(pg_home_for_clone)/$instance"
pg_address="${BIJIE_PG_ADDRESS:-127.0.0.1}"
azurite_address="${BIJIE_AZURITE_ADDRESS:-127.0.0.1}"

# secret NAME BYTES: the instance's secret NAME, BYTES random bytes in base64, made at the first start into
# .local/INSTANCE/NAME, readable by this user only, and the same at every start after.
secret() {
  local file="$dir/$1"
  [[ -s "$file" ]] || (umask 077 && head -c "$2" /dev/urandom | base64 -w0 >"$file")
  cat "$file"
}

write_env() {
  local az_port="$1" pg_port="$2" pg_password az_key
  pg_password="$(secret postgres-password 24)"
  az_key="$(secret azurite-key 64)"
  (umask 077 && cat >"$envfile" <<ENV
BIJIE_AZURITE_PORT=$az_port
BIJIE_PG_PORT=$pg_port
PGPASSWORD='$pg_password'
ConnectionStrings__AzureTables='DefaultEndpointsProtocol=http;AccountName=$AZURITE_ACCOUNT;AccountKey=$az_key;TableEndpoint=http://$azurite_address:$az_port/$AZURITE_ACCOUNT;'
ConnectionStrings__Clustering='Host=$pg_address;Port=$pg_port;Username=postgres;Password=$pg_password;Database=bijie;Timezone=UTC'
ConnectionStrings__Ledger='Host=$pg_address;Port=$pg_port;Username=postgres;Password=$pg_password;Database=bijie;Timezone=UTC;Maximum Pool Size=50;Timeout=5'
Bijie__DataProtection__KeyEncryptionKey='$(secret data-protection-kek 32)'
ENV
  )
  chmod 600 "$envfile"
}

pick_port() { # pick_port NAME DEFAULT: fixed for the run instance, free otherwise, reused while recorded
  local name="$1" default="$2" recorded
  recorded="$(grep -s "^$name=" "$envfile" | cut -d= -f2 || true)"
  if [[ -n "$recorded" ]]; then echo "$recorded"
  elif [[ "$instance" == run ]]; then echo "$default"
  else free_port
  fi
}

start_azurite() {
  local port="$1"
  ensure_azurite
  if pid_alive "$(cat "$dir/azurite.pid" 2>/dev/null)"; then return 0; fi
  port_open "$port" "$azurite_address" && die "port $port (Azurite) is taken by another program; set BIJIE_AZURITE_PORT"
  mkdir -p "$dir/azurite"
  AZURITE_ACCOUNTS="$AZURITE_ACCOUNT:$(secret azurite-key 64)" nohup "$REPO/deploy/node_modules/.bin/azurite-table" --tableHost "$azurite_address" --tablePort "$port" \
    --location "$dir/azurite" --skipApiVersionCheck --disableTelemetry >"$dir/azurite.log" 2>&1 &
  echo $! >"$dir/azurite.pid"
  wait_until 60 "Azurite on port $port" port_open "$port" "$azurite_address" || { tail -20 "$dir/azurite.log" >&2; die "Azurite did not start"; }
  say "Azurite (tables) on $azurite_address:$port, data in ${dir#"$REPO/"}/azurite"
}

start_postgres() {
  local port="$1"
  ensure_postgres
  local password
  password="$(secret postgres-password 24)"
  export PGPASSWORD="$password"
  if [[ ! -f "$pg_root/data/PG_VERSION" ]]; then
    mkdir -p "$pg_root"
    [[ "$(id -u)" == 0 ]] && chown postgres: "$(dirname "$pg_root")" "$pg_root"
    printf '%s\n' "$REPO" >"$pg_root/clone-path"
    # Password authentication for every connection, local socket included; initdb reads the password from a file
    # only the postgres user can read, removed at once.
    (umask 077 && printf '%s\n' "$password" >"$pg_root/pwfile")
    [[ "$(id -u)" == 0 ]] && chown postgres: "$pg_root/pwfile"
    as_pg "$PG_BIN/initdb" -D "$pg_root/data" -U postgres --auth=scram-sha-256 --pwfile="$pg_root/pwfile" \
      -E UTF8 --no-locale >"$pg_root/initdb.log" 2>&1 || { rm -f "$pg_root/pwfile"; cat "$pg_root/initdb.log" >&2; die "initdb failed"; }
    rm -f "$pg_root/pwfile"
  fi
  if ! as_pg "$PG_BIN/pg_ctl" -D "$pg_root/data" status >/dev/null 2>&1; then
    port_open "$port" && die "port $port (PostgreSQL) is taken by another program; set BIJIE_PG_PORT"
    # Checkpoints by time, not by WAL volume: with the default 1 GB a steady 3,500 reports/s started one every minute,
    # and the full pages each writes to the WAL after it starts made the next come sooner (docs/benchmarks.md). The
    # benchmarks' instance also keeps statistics per statement (pg_stat_statements, a contrib module of the same
    # PostgreSQL), which they print per report.
    local extra=" -c max_wal_size=8GB -c checkpoint_timeout=15min"
    [[ "$instance" == bench ]] && extra="$extra -c shared_preload_libraries=pg_stat_statements -c pg_stat_statements.track=top"
    local listen=127.0.0.1
    [[ "$pg_address" != 127.0.0.1 ]] && listen="127.0.0.1,$pg_address"
    as_pg "$PG_BIN/pg_ctl" -D "$pg_root/data" -l "$pg_root/server.log" -w -t 60 \
      -o "-c listen_addresses=$listen -p $port -k $pg_root -c max_connections=200$extra" start >/dev/null \
      || { tail -20 "$pg_root/server.log" >&2; die "PostgreSQL did not start"; }
    echo "$pg_root/data" >"$dir/postgres.started"
  fi
  # A cluster made before password authentication trusted every local user: give it the password, then require it.
  if as_pg grep -qE '^[^#].*[[:space:]]trust[[:space:]]*$' "$pg_root/data/pg_hba.conf"; then
    psql -h 127.0.0.1 -p "$port" -U postgres -d postgres -qc "ALTER ROLE postgres PASSWORD '$password'" >/dev/null || die "setting the PostgreSQL password failed"
    as_pg sed -i -E 's/^([^#].*[[:space:]])trust[[:space:]]*$/\1scram-sha-256/' "$pg_root/data/pg_hba.conf"
    as_pg "$PG_BIN/pg_ctl" -D "$pg_root/data" reload >/dev/null
    say "PostgreSQL of instance '$instance' now requires its password (was: trust)"
  fi
  if [[ -n "${BIJIE_PG_CLIENTS:-}" ]] && ! as_pg grep -q "^host all all $BIJIE_PG_CLIENTS scram-sha-256" "$pg_root/data/pg_hba.conf"; then
    echo "host all all $BIJIE_PG_CLIENTS scram-sha-256" | as_pg tee -a "$pg_root/data/pg_hba.conf" >/dev/null
    as_pg "$PG_BIN/pg_ctl" -D "$pg_root/data" reload >/dev/null
  fi
  psql -h 127.0.0.1 -p "$port" -U postgres -d postgres -tAc "SELECT 1" >/dev/null 2>&1 \
    || die "PostgreSQL of instance '$instance' refuses the password in ${dir#"$REPO/"}/postgres-password; deploy/services.sh reset $instance starts it afresh (its data is lost)"
  say "PostgreSQL on $pg_address:$port, data in $pg_root/data"
  if ! psql -h 127.0.0.1 -p "$port" -U postgres -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname='bijie'" | grep -q 1; then
    psql -h 127.0.0.1 -p "$port" -U postgres -d postgres -qc "CREATE DATABASE bijie" >/dev/null
  fi
  local sql
  for sql in "$REPO"/deploy/sql/postgresql/*.sql; do
    PGOPTIONS="-c client_min_messages=warning" psql -h 127.0.0.1 -p "$port" -U postgres -d bijie -v ON_ERROR_STOP=1 -q -f "$sql" >/dev/null || die "applying ${sql#"$REPO/"} failed"
  done
}

case "$cmd" in
  start)
    mkdir -p "$dir"
    az_port="${BIJIE_AZURITE_PORT:-$(pick_port BIJIE_AZURITE_PORT 10102)}"
    pg_port="${BIJIE_PG_PORT:-$(pick_port BIJIE_PG_PORT 15432)}"
    write_env "$az_port" "$pg_port"
    start_azurite "$az_port"
    start_postgres "$pg_port"
    say "connection strings in ${envfile#"$REPO/"}"
    ;;
  stop)
    stop_pidfile "$dir/azurite.pid" azurite
    if [[ -f "$dir/postgres.started" ]]; then
      ensure_postgres
      as_pg "$PG_BIN/pg_ctl" -D "$(cat "$dir/postgres.started")" -m fast -w stop >/dev/null 2>&1 || true
      rm -f "$dir/postgres.started"
    fi
    say "services of instance '$instance' stopped"
    ;;
  status)
    [[ -f "$envfile" ]] && cat "$envfile"
    pid_alive "$(cat "$dir/azurite.pid" 2>/dev/null)" && echo "azurite: running" || echo "azurite: stopped"
    [[ -f "$dir/postgres.started" ]] && echo "postgresql: started by this clone" || echo "postgresql: not started by this clone"
    ;;
  reset)
    "$0" stop "$instance"
    rm -rf "$dir/azurite"
    rm -f "$dir/postgres-password" "$dir/azurite-key" "$dir/data-protection-kek"
    [[ -d "$pg_root" ]] && rm -rf "$pg_root"
    say "data of instance '$instance' deleted"
    ;;
  *) die "usage: deploy/services.sh start|stop|status|reset [INSTANCE]" ;;
esac
