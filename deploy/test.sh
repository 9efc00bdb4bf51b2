#!/usr/bin/env bash
# Builds and runs every test. Starts its own Azurite and PostgreSQL (instance "test", free ports) and stops
# them at the end; installs Debian's chromium (browser tests) and nginx (the cluster's proxy) when missing.
# Ends with the line "N passed, N failed"; exits non-zero when anything failed. Arguments go to dotnet test
# (e.g. --filter BoardBrowserTests). Screenshots the browser tests take are kept in .local/test/artifacts.
set -uo pipefail
source "$(dirname "$0")/lib.sh"
cd "$REPO"
ensure_dotnet

results="$LOCAL/test/results"
finish() { # finish PASSED FAILED
  "$REPO/deploy/services.sh" stop test >/dev/null 2>&1 || true
  echo "$1 passed, $2 failed"
  [[ "$2" == 0 && "$1" -gt 0 ]] && exit 0 || exit 1
}

(ensure_chromium && ensure_nginx) || { say "could not install chromium and nginx"; finish 0 1; }
# Every run starts from empty stores: what an earlier run left must not count in this one's figures, and
# Azurite slows down as its one data file grows.
"$REPO/deploy/services.sh" reset test >/dev/null 2>&1 || true
"$REPO/deploy/services.sh" start test || { say "could not start Azurite and PostgreSQL"; finish 0 1; }
set -a; source "$LOCAL/test/services.env"; set +a
export BIJIE_TEST_AZURE_TABLES="$ConnectionStrings__AzureTables"
export BIJIE_TEST_POSTGRES="$ConnectionStrings__Clustering"
export BIJIE_TEST_ARTIFACTS="$LOCAL/test/artifacts"
export BIJIE_TEST_KEY_ENCRYPTION_KEY="$Bijie__DataProtection__KeyEncryptionKey"
unset ConnectionStrings__AzureTables ConnectionStrings__Clustering ConnectionStrings__Ledger Bijie__DataProtection__KeyEncryptionKey

say "building (Release)"
if ! dotnet build Bijie.Actors.sln -c Release -nologo -clp:NoSummary -v:q; then
  say "the build failed"
  finish 0 1
fi

rm -rf "$results"
dotnet test Bijie.Actors.sln -c Release --no-build -nologo \
  --results-directory "$results" --logger "trx;LogFilePrefix=tests" --logger "console;verbosity=normal" "$@"
status=$?
[[ -f "$BIJIE_TEST_ARTIFACTS/city-board.png" ]] && say "screenshot of the city board: ${BIJIE_TEST_ARTIFACTS#"$REPO/"}/city-board.png"

projects=$(find "$REPO/tests" -name '*Tests.csproj' | wc -l)
reports=$(find "$results" -name '*.trx' 2>/dev/null | wc -l)
passed=0; failed=0
for trx in $(find "$results" -name '*.trx' 2>/dev/null); do
  counters=$(grep -o '<Counters [^>]*>' "$trx")
  attr() { sed -n "s/.* $1=\"\\([0-9]*\\)\".*/\\1/p" <<<"$counters"; }
  passed=$((passed + $(attr passed)))
  failed=$((failed + $(attr failed) + $(attr error) + $(attr timeout) + $(attr aborted)))
done
if ((reports < projects)); then
  say "only $reports of $projects test projects reported results"
  failed=$((failed + projects - reports))
fi
if ((status != 0 && failed == 0)); then
  say "dotnet test exited with $status"
  failed=1
fi
finish "$passed" "$failed"
