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
# 3. RUNS runs of each, alternating, each on a freshly prepared database:
#      ours: `provenance import <folder>` into a fresh migrated database (whole process: .NET start,
#            migration check, parse, write, commit);
#      ref:  `psql -1 -f copy.sql`: \copy of those CSVs into empty copies of the same tables
#            (CREATE TABLE ... (LIKE ... INCLUDING ALL): same columns, indexes and checks, no FKs).
# Prints medians, records/s and the ratio ours/ref; keeps every timing in bench/bulk-import/results/*.tsv.
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
$CLI import "$WORK/empty" --publish --connection "$(cs bulk)" >/dev/null 2>&1
SH
# Fresh database with empty copies of the tables the import writes.
{
    echo "$PSQL -d postgres -c 'DROP DATABASE IF EXISTS ref' -c 'CREATE DATABASE ref'"
    echo "$CLI import \"$WORK/empty\" --publish --connection \"$(cs ref)\" >/dev/null 2>&1"
    echo -n "$PSQL -d ref -c 'CREATE SCHEMA ref'"
    for t in $TABLES; do echo -n " -c 'CREATE TABLE ref.$t (LIKE public.$t INCLUDING ALL)'"; done
    echo
} > "$WORK/prepare-ref.sh"
for t in $TABLES; do echo "\\copy ref.$t FROM '$WORK/csv/$t.csv' (FORMAT csv)"; done > "$WORK/copy.sql"

# The search-vector expression of DocumentSearch (title and summary in English and Russian, the text
# in its translation's language; the CASE is SearchLanguages.ConfigurationSql cut to what the records use).
cat > "$WORK/stem.sql" <<'SQL'
SELECT sum(length(
       setweight(to_tsvector('english', d.title), 'A') || setweight(to_tsvector('russian', d.title), 'A')
    || setweight(to_tsvector('english', coalesce(d.summary, '')), 'B') || setweight(to_tsvector('russian', coalesce(d.summary, '')), 'B')
    || to_tsvector(CASE lower(split_part(t.language, '-', 1)) WHEN 'en' THEN 'english'::regconfig WHEN 'ru' THEN 'russian'::regconfig ELSE 'simple'::regconfig END, r.text)))
FROM ref.documents d JOIN ref.translations t ON t.document_id = d.id JOIN ref.revisions r ON r.id = t.current_revision_id;
SQL

echo "first import (untimed) and export of its rows..." >&2
bash "$WORK/prepare-ours.sh"
$CLI import "$WORK/records" --publish --connection "$(cs bulk)" --json 2>/dev/null > "$WORK/first.json"
for t in $TABLES; do
    $PSQL -d bulk -c "\\copy (SELECT * FROM public.$t ORDER BY id) TO '$WORK/csv/$t.csv' (FORMAT csv)"
done
ROWS=$(for t in $TABLES; do $PSQL -d bulk -c "SELECT count(*) FROM $t"; done | paste -sd+ | bc)
echo "rows written by one import: $ROWS; CSV size: $(du -sh "$WORK/csv" | cut -f1)" >&2

# Runs alternate (ours, ref, ours, ref, ...) so both see the same load on this shared machine.
STAMP=$(date -u +%Y%m%dT%H%M%SZ)
RESULT="$OUT/$STAMP.tsv"
printf 'run\tcommand\tseconds\tinprocess_seconds\tload1\n' > "$RESULT"
now() { date +%s.%N; }
for run in $(seq 1 "$RUNS"); do
    bash "$WORK/prepare-ours.sh"
    load=$(cut -d' ' -f1 /proc/loadavg); t0=$(now)
    $CLI import "$WORK/records" --publish --connection "$(cs bulk)" --json > "$WORK/last.json" 2>/dev/null
    t1=$(now)
    inproc=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["seconds"])' "$WORK/last.json")
    printf '%s\tours\t%s\t%s\t%s\n' "$run" "$(echo "$t1 - $t0" | bc)" "$inproc" "$load" >> "$RESULT"

    bash "$WORK/prepare-ref.sh"
    load=$(cut -d' ' -f1 /proc/loadavg); t0=$(now)
    $PSQL -d ref -1 -f "$WORK/copy.sql"
    t1=$(now)
    printf '%s\tref\t%s\t\t%s\n' "$run" "$(echo "$t1 - $t0" | bc)" "$load" >> "$RESULT"

    # The cause of most of the gap, alone: stemming the same documents' search vectors (one backend).
    load=$(cut -d' ' -f1 /proc/loadavg); t0=$(now)
    $PSQL -d ref -f "$WORK/stem.sql" >/dev/null
    t1=$(now)
    printf '%s\tstem\t%s\t\t%s\n' "$run" "$(echo "$t1 - $t0" | bc)" "$load" >> "$RESULT"
    echo "run $run done" >&2
done

python3 - "$RESULT" "$N" "$WORK/first.json" <<'PY'
import csv, json, statistics, sys
rows = list(csv.DictReader(open(sys.argv[1]), delimiter="\t"))
n = int(sys.argv[2])
first = json.load(open(sys.argv[3]))
ours = [float(r["seconds"]) for r in rows if r["command"] == "ours"]
inproc = [float(r["inprocess_seconds"]) for r in rows if r["command"] == "ours"]
ref = [float(r["seconds"]) for r in rows if r["command"] == "ref"]
stem = [float(r["seconds"]) for r in rows if r["command"] == "stem"]
loads = [r["load1"] for r in rows]
print()
print(f"records: {n}; one import created {first['createdDocuments']} documents, failed {len(first['failed'])}; 1-min load averages at each run: {', '.join(loads)}")
print(f"ours  (provenance import, whole process): median {statistics.median(ours):.2f} s = {n / statistics.median(ours):.0f} records/s; runs {', '.join(f'{x:.2f}' for x in ours)}")
print(f"ours  (in-process import time, no .NET start/migration check): median {statistics.median(inproc):.2f} s = {n / statistics.median(inproc):.0f} records/s")
print(f"ref   (psql -1 \\copy of the same rows): median {statistics.median(ref):.2f} s = {n / statistics.median(ref):.0f} records/s; runs {', '.join(f'{x:.2f}' for x in ref)}")
print(f"stem  (search vectors of the same documents, one backend, no writes): median {statistics.median(stem):.2f} s; runs {', '.join(f'{x:.2f}' for x in stem)}")
print(f"ratio ours/ref (records/s of medians): whole process {statistics.median(ref) / statistics.median(ours):.2f}x, in-process {statistics.median(ref) / statistics.median(inproc):.2f}x (target >= 0.30x)")
PY
