#!/usr/bin/env bash
# Bulk import of N generated records vs psql's \copy of the very same rows, measured side by side
# on one throwaway PostgreSQL cluster (default durability settings) in the same run.
#
#   bench/bulk-import/run.sh [N=5000] [RUNS=3]
#
# 1. generates N records (provenance generate-records, seed 1);
# 2. imports them once into a fresh migrated database (untimed) and exports every row the import
#    wrote (archives, contributors, documents with search vectors, custody_steps, translations,
#    revisions, citations, audit_events) to CSV;
# 3. hyperfine, RUNS runs each:
#      ours: `provenance import <folder>` into a fresh migrated database (whole process: .NET start,
#            migration check, parse, write, commit);
#      ref:  `psql -1 -f copy.sql`: \copy of those CSVs into empty copies of the same tables
#            (CREATE TABLE ... (LIKE ... INCLUDING ALL): same columns, indexes and checks, no FKs).
# Prints medians, records/s and the ratio ours/ref; keeps the hyperfine JSON in bench/bulk-import/results/.
set -euo pipefail

N=${1:-5000}
RUNS=${2:-3}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
OUT="$ROOT/bench/bulk-import/results"
WORK=$(mktemp -d /tmp/provenance-bulk-bench.XXXXXX)
chmod 755 "$WORK"
BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
BIN=${PG_BIN:-$BIN}
PORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')

as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
cleanup() {
    as_pg "$BIN/pg_ctl" -D "$WORK/pg/data" -m immediate -w stop >/dev/null 2>&1 || true
    rm -rf "$WORK"
}
trap cleanup EXIT

mkdir -p "$WORK/pg" "$WORK/csv" "$WORK/empty" "$OUT"
[ "$(id -u)" = 0 ] && chown postgres "$WORK/pg" "$WORK/csv"
as_pg "$BIN/initdb" -D "$WORK/pg/data" -U provenance --auth=trust --encoding=UTF8 --locale=C.UTF-8 >/dev/null
as_pg "$BIN/pg_ctl" -D "$WORK/pg/data" -l "$WORK/pg/log" -o "-p $PORT -c listen_addresses=127.0.0.1 -c unix_socket_directories=''" -w start >/dev/null

PSQL="psql -h 127.0.0.1 -p $PORT -U provenance -v ON_ERROR_STOP=1 -qAt"
cs() { echo "Host=127.0.0.1;Port=$PORT;Username=provenance;Database=$1"; }

echo "building the CLI (Release)..." >&2
dotnet build "$ROOT/src/Provenance.Cli" -c Release -o "$WORK/cli" -v quiet -nologo >/dev/null
CLI="dotnet $WORK/cli/provenance.dll"
$CLI generate-records "$WORK/records" --count "$N" --seed 1

TABLES="archives contributors documents custody_steps translations revisions citations audit_events"

# Fresh database with the real schema (the CLI migrates it; the empty folder imports nothing).
cat > "$WORK/prepare-ours.sh" <<SH
$PSQL -d postgres -c 'DROP DATABASE IF EXISTS bulk' -c 'CREATE DATABASE bulk'
$CLI import "$WORK/empty" --connection "$(cs bulk)" >/dev/null 2>&1
SH
# Fresh database with empty copies of the tables the import writes.
{
    echo "$PSQL -d postgres -c 'DROP DATABASE IF EXISTS ref' -c 'CREATE DATABASE ref'"
    echo "$CLI import \"$WORK/empty\" --connection \"$(cs ref)\" >/dev/null 2>&1"
    echo -n "$PSQL -d ref -c 'CREATE SCHEMA ref'"
    for t in $TABLES; do echo -n " -c 'CREATE TABLE ref.$t (LIKE public.$t INCLUDING ALL)'"; done
    echo
} > "$WORK/prepare-ref.sh"
for t in $TABLES; do echo "\\copy ref.$t FROM '$WORK/csv/$t.csv' (FORMAT csv)"; done > "$WORK/copy.sql"

echo "first import (untimed) and export of its rows..." >&2
bash "$WORK/prepare-ours.sh"
$CLI import "$WORK/records" --connection "$(cs bulk)" --json 2>/dev/null > "$WORK/first.json"
for t in $TABLES; do
    $PSQL -d bulk -c "\\copy (SELECT * FROM public.$t ORDER BY id) TO '$WORK/csv/$t.csv' (FORMAT csv)"
done
ROWS=$(for t in $TABLES; do $PSQL -d bulk -c "SELECT count(*) FROM $t"; done | paste -sd+ | bc)
echo "rows written by one import: $ROWS; CSV size: $(du -sh "$WORK/csv" | cut -f1)" >&2

STAMP=$(date -u +%Y%m%dT%H%M%SZ)
hyperfine --runs "$RUNS" --style basic --export-json "$OUT/$STAMP.json" \
    --prepare "bash $WORK/prepare-ours.sh" -n "ours: provenance import ($N records)" \
        "$CLI import $WORK/records --connection '$(cs bulk)' --json > $WORK/last.json 2>/dev/null" \
    --prepare "bash $WORK/prepare-ref.sh" -n "ref: psql -1 \\copy of the same rows" \
        "$PSQL -d ref -1 -f $WORK/copy.sql"

python3 - "$OUT/$STAMP.json" "$N" "$WORK/first.json" "$WORK/last.json" <<'PY'
import json, sys
results = json.load(open(sys.argv[1]))["results"]
n = int(sys.argv[2])
first, last = json.load(open(sys.argv[3])), json.load(open(sys.argv[4]))
ours, ref = results[0], results[1]
print()
print(f"records: {n}; ours created {first['createdDocuments']} documents, failed {len(first['failed'])}")
for r in (ours, ref):
    times = ", ".join(f"{t:.2f}" for t in r["times"])
    print(f"{r['command']}: median {r['median']:.2f} s ({n / r['median']:.0f} records/s); runs: {times}")
print(f"in-process import time of the last run (no .NET start or migration check): {last['seconds']:.2f} s ({last['recordsPerSecond']:.0f} records/s)")
print(f"ratio ours/ref (records/s, medians): {ref['median'] / ours['median']:.2f}x (target >= 0.30x)")
PY
