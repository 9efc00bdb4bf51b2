# Shared by the deploy scripts: paths, ports, waiting, and how to find or install the services' programs.
# Sourced, not run.

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
LOCAL="$REPO/.local"
HOST_PROJECT="$REPO/src/Bijie.Actors.Host/Bijie.Actors.Host.csproj"
CONFIGURATION="${CONFIGURATION:-Release}"
HOST_DLL="$REPO/src/Bijie.Actors.Host/bin/$CONFIGURATION/net10.0/Bijie.Actors.Host.dll"
# Azurite's account name (the emulator's usual one, so that data kept before stays readable); its key is each
# instance's own (deploy/services.sh), never the published development key.
AZURITE_ACCOUNT="devstoreaccount1"

say() { printf '[bijie] %s\n' "$*" >&2; }
die() { printf '[bijie] error: %s\n' "$*" >&2; exit 1; }

# A TCP port on 127.0.0.1 that nothing listens on now.
# free_port: a loopback port nothing listens on, taken from 12000-19999, below the kernel's ephemeral range
# (a port the kernel hands out is soon handed out again to some outgoing connection) and below the tests' own range.
free_port() {
  local port tries
  for tries in $(seq 1 200); do
    port=$((12000 + RANDOM % 8000))
    port_open "$port" || { echo "$port"; return 0; }
  done
  die "no free port between 12000 and 19999"
}

# port_open PORT [ADDRESS]: something listens on ADDRESS (default 127.0.0.1) and PORT.
port_open() { (exec 3<>"/dev/tcp/${2:-127.0.0.1}/$1") 2>/dev/null; }

# wait_until SECONDS DESCRIPTION COMMAND...: polls COMMAND every 0.2 s until it succeeds or the deadline passes.
wait_until() {
  local seconds="$1" what="$2"; shift 2
  local deadline=$((SECONDS + seconds))
  until "$@"; do
    if ((SECONDS >= deadline)); then
      say "timed out after ${seconds}s waiting for $what"
      return 1
    fi
    sleep 0.2
  done
}

pid_alive() { [[ -n "${1:-}" ]] && kill -0 "$1" 2>/dev/null; }

# Stops the process in PIDFILE if it is still the one we started (its command line contains MATCH).
stop_pidfile() {
  local pidfile="$1" match="$2" pid
  [[ -f "$pidfile" ]] || return 0
  pid="$(cat "$pidfile")"
  if pid_alive "$pid" && tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q -- "$match"; then
    kill -TERM "$pid" 2>/dev/null || true
    wait_until 30 "process $pid to stop" bash -c "! kill -0 $pid 2>/dev/null" || kill -KILL "$pid" 2>/dev/null || true
  fi
  rm -f "$pidfile"
}

ensure_dotnet() { command -v dotnet >/dev/null || die "the .NET SDK (dotnet) is not on PATH"; }

ensure_node() { command -v node >/dev/null && command -v npm >/dev/null || die "Node.js and npm are needed for Azurite"; }

# Installs Azurite (pinned in deploy/package.json and its lock file) into deploy/node_modules; never globally.
ensure_azurite() {
  ensure_node
  local stamp="$REPO/deploy/node_modules/.bijie-lock.sha1" want
  want="$(sha1sum "$REPO/deploy/package-lock.json" | cut -d' ' -f1)"
  if [[ ! -x "$REPO/deploy/node_modules/.bin/azurite-table" || "$(cat "$stamp" 2>/dev/null)" != "$want" ]]; then
    say "installing Azurite from deploy/package-lock.json"
    (cd "$REPO/deploy" && npm ci --no-audit --no-fund --loglevel=error >/dev/null) || die "npm ci in deploy/ failed"
    echo "$want" >"$stamp"
  fi
}

# ensure_debian PROGRAM PACKAGE...: installs the Debian packages with apt (once) when PROGRAM is missing.
ensure_debian() {
  local program="$1"; shift
  [[ -e "$program" ]] || command -v "$program" >/dev/null 2>&1 && return 0
  [[ "$(id -u)" == 0 ]] || die "$program is missing; install it (apt-get install $*) and run again"
  say "installing $* with apt"
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null) \
    || die "apt-get install $* failed"
}

# Debian's headless Chromium for the browser tests (Playwright drives it; it never downloads a browser), with
# CJK fonts so that pages and screenshots show Chinese.
ensure_chromium() {
  ensure_debian /usr/bin/chromium chromium
  ensure_debian /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc fonts-noto-cjk
}

# nginx, the reverse proxy in front of a local cluster (production has a load balancer there).
ensure_nginx() { ensure_debian /usr/sbin/nginx nginx-light; }

# Finds PostgreSQL's server programs; installs PostgreSQL with apt only where they are missing.
pg_bindir() {
  local dir
  for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    [[ -x "$dir/pg_ctl" && -x "$dir/initdb" ]] && { echo "$dir"; return 0; }
  done
  if command -v pg_ctl >/dev/null && command -v initdb >/dev/null; then
    dirname "$(readlink -f "$(command -v pg_ctl)")"; return 0
  fi
  return 1
}

ensure_postgres() {
  if ! pg_bindir >/dev/null || ! command -v psql >/dev/null; then
    [[ "$(id -u)" == 0 ]] || die "PostgreSQL is missing; install it (apt-get install postgresql) and run again"
    say "installing PostgreSQL with apt"
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null) || die "apt-get install postgresql failed"
  fi
  PG_BIN="$(pg_bindir)" || die "PostgreSQL's pg_ctl/initdb not found after install"
}

# PostgreSQL refuses to run as root: as root, its data and socket live in a folder the postgres user owns,
# outside the clone (postgres cannot enter a clone under root's home), named after the clone's path.
pg_home_for_clone() {
  local tag
  tag="$(printf '%s' "$REPO" | sha1sum | cut -c1-12)"
  if [[ "$(id -u)" == 0 ]]; then
    local base
    base="$(getent passwd postgres | cut -d: -f6)"
    [[ -n "$base" && -d "$base" ]] || base="/var/lib/postgresql"
    echo "$base/bijie-actors-$tag"
  else
    echo "${XDG_STATE_HOME:-$HOME/.local/state}/bijie-actors-$tag"
  fi
}

as_pg() {
  if [[ "$(id -u)" == 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}

# tables_tool ARGS...: the Table storage backup tool (tools/Bijie.Actors.Backup), built when missing or stale.
tables_tool() {
  local project="$REPO/tools/Bijie.Actors.Backup"
  dotnet build "$project" -c Release -nologo -v:q -clp:NoSummary >/dev/null || die "building tools/Bijie.Actors.Backup failed"
  dotnet "$project/bin/Release/net10.0/Bijie.Actors.Backup.dll" "$@"
}
