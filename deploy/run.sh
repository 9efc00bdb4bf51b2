#!/usr/bin/env bash
# Starts what Bijie.Actors needs (Azurite, PostgreSQL) and the host in single-node mode, prints the URL and
# stays in the foreground. Ctrl-C, or "deploy/run.sh stop" from another shell, stops all it started;
# "deploy/run.sh reset" also deletes its data, so the next start loads the demo afresh.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$REPO"

dir="$LOCAL/run"
hostpid="$dir/host.pid"
url="${BIJIE_URL:-http://127.0.0.1:5080}"

# stop (and reset): ask the run.sh in the foreground to stop what it started, and wait until it has.
stop_all() {
  local runner
  runner="$(cat "$dir/run.pid" 2>/dev/null || true)"
  if pid_alive "$runner" && tr '\0' ' ' <"/proc/$runner/cmdline" 2>/dev/null | grep -q 'deploy/run.sh'; then
    kill -TERM "$runner" 2>/dev/null || true
    wait_until 60 "run.sh to stop" bash -c "! kill -0 $runner 2>/dev/null" || true
  fi
  stop_pidfile "$hostpid" Bijie.Actors.Host.dll
  "$REPO/deploy/services.sh" stop run
}

if [[ "${1:-}" == stop ]]; then
  stop_all
  exit 0
fi

if [[ "${1:-}" == reset ]]; then
  stop_all
  "$REPO/deploy/services.sh" reset run
  exit 0
fi

ensure_dotnet
mkdir -p "$dir"
if pid_alive "$(cat "$hostpid" 2>/dev/null)"; then
  die "the host is already running (pid $(cat "$hostpid")); stop it with deploy/run.sh stop"
fi

cleanup() {
  trap - INT TERM EXIT
  stop_pidfile "$hostpid" Bijie.Actors.Host.dll
  "$REPO/deploy/services.sh" stop run || true
  rm -f "$dir/run.pid"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
echo $$ >"$dir/run.pid"

"$REPO/deploy/services.sh" start run
set -a; source "$dir/services.env"; set +a

say "building the host (Release)"
dotnet build "$HOST_PROJECT" -c "$CONFIGURATION" -nologo -clp:NoSummary -v:q >"$dir/build.log" 2>&1 \
  || { cat "$dir/build.log" >&2; die "the build failed"; }

say "starting the host (single node) at $url; a first start loads the demo programme (about half a minute)"
(cd "$(dirname "$HOST_DLL")" && exec dotnet "$HOST_DLL" --urls "$url" --Bijie:Demo=OnEmptyStore --Bijie:AdminKeyFile="$LOCAL/admin-api-key" --Bijie:DemoAccountsFile="$LOCAL/demo-accounts" "$@") &
echo $! >"$hostpid"

if wait_until 120 "the host to become ready" bash -c "curl -fsS -o /dev/null '$url/health/ready' 2>/dev/null || { ! kill -0 $(cat "$hostpid") 2>/dev/null && exit 0; }"; then
  if pid_alive "$(cat "$hostpid")"; then
    say "ready: $url   (API reference: $url/api/reference; operations dashboard: $url/dashboard)"
    say "admin API key: .local/admin-api-key (send it as 'Authorization: Bearer <key>'); stop with Ctrl-C or deploy/run.sh stop"
    [[ -f "$LOCAL/demo-accounts" ]] && say "demo sign-in accounts (office, helper, enterprise, a county's and a township's approvers): .local/demo-accounts"
  fi
fi
wait "$(cat "$hostpid")" || true
