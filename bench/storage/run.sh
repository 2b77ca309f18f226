#!/usr/bin/env bash
# Revision storage benchmark: 1,000 small edits of the seed as a linear history, stored in PostgreSQL
# (a) as the app stores them (full text, default pglz TOAST compression), (b) full text with lz4,
# (c) line/byte deltas against the parent with a full lz4 snapshot every K revisions, and (d) through the
# app itself (the API's RevisionStore, ADR 0005: snapshot every 50, deltas between); beside
# (r) the same history committed to git and packed by `git gc --aggressive`. Also times reading
# one revision: full text vs the worst delta chain (pgbench, same server, same run).
# Usage: bench/storage/run.sh [N=1000]   Writes bench/out/storage.md. Needs git, python3, PostgreSQL 15.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
N=${1:-1000}
out="$ROOT/bench/out"; work=$(mktemp -d); chmod 755 "$work"; mkdir -p "$out"
source "$ROOT/bench/storage/cluster.sh"
trap 'api_down; pg_down; rm -rf "$work"' EXIT
pg_up "$work" "${PGPORT_BENCH:-55432}"
createdb() { "$PGBIN/psql" -qAtX -d postgres -c "CREATE DATABASE $1"; }
q() { "$PGBIN/psql" -qAtX -v ON_ERROR_STOP=1 -d provenance "$@"; }
createdb provenance

# The app migrates the schema and imports the seed: revision 1 is exactly what the importer stores.
dotnet build "$ROOT/src/Provenance.Api" -c Release -v q -nologo >/dev/null
port=${PORT:-5182}; key="bench-storage-$(date +%s)-admin-key"
api_up "$work" "$port" provenance Provenance__SeedDirectory="$ROOT/seeds" Provenance__BootstrapAdminKey="$key" \
  Provenance__RateLimit__WritesPerMinute=1000000
q -c "SELECT encode(convert_to(text, 'UTF8'), 'base64') FROM revisions WHERE id = 1" | base64 -d >"$work/rev1.txt"
python3 "$ROOT/bench/storage/make_history.py" "$work/rev1.txt" "$work" "$N" 50 | tee "$work/gen.txt"

# (d) the app's own table: revisions 2..N+1 submitted through the API on translation 1's chain, stored by its RevisionStore.
python3 "$ROOT/bench/storage/submit_history.py" "http://127.0.0.1:$port" "$key" 1 1 "$work/history.csv" | tee "$work/app.txt"
api_down

q <<SQL
-- (a) and (b): the text alone, loaded from the client so each value is compressed by its column's method.
CREATE TABLE text_pglz (n int PRIMARY KEY, text text COMPRESSION pglz);
CREATE TABLE text_lz4  (n int PRIMARY KEY, text text COMPRESSION lz4);
\copy text_pglz FROM '$work/texts.csv' WITH (FORMAT csv)
\copy text_lz4  FROM '$work/texts.csv' WITH (FORMAT csv)
-- (c) deltas: revision n is a full lz4 snapshot when (n-1) % K = 0, else its delta against n-1.
CREATE TABLE deltas (n int, delta bytea);
\copy deltas FROM '$work/deltas.csv' WITH (FORMAT csv)
CREATE TABLE text_delta50  (n int PRIMARY KEY, payload bytea COMPRESSION lz4);
CREATE TABLE text_delta100 (n int PRIMARY KEY, payload bytea COMPRESSION lz4);
SQL
# Snapshots come from the CSV too (fresh lz4 compression), deltas from the deltas table (small, never compressed).
for k in 50 100; do
  python3 - "$work" "$k" <<'PY' >"$work/payload$k.csv"
import csv, sys
work, k = sys.argv[1], int(sys.argv[2])
texts = {int(r[0]): r[1] for r in csv.reader(open(f"{work}/texts.csv", encoding="utf-8"))}
w = csv.writer(sys.stdout)
for r in csv.reader(open(f"{work}/deltas.csv", encoding="utf-8")):
    n = int(r[0])
    w.writerow([n, "\\x" + texts[n].encode().hex() if (n - 1) % k == 0 else r[1]])
PY
  q -c "\copy text_delta$k FROM '$work/payload$k.csv' WITH (FORMAT csv)"
done
q -c "DROP TABLE deltas; CHECKPOINT; ANALYZE"

# (r) git: the same N+1 revisions as commits of one file, packed as tightly as git packs.
git init -q "$work/git" && git -C "$work/git" fast-import --quiet <"$work/history.fi"
git -C "$work/git" gc -q --aggressive --prune=now
pack=$(stat -c %s "$work"/git/.git/objects/pack/*.pack); idx=$(stat -c %s "$work"/git/.git/objects/pack/*.idx)
bytype=$(git -C "$work/git" cat-file --batch-all-objects --batch-check='%(objecttype) %(objectsize:disk)' \
  | awk '{s[$1]+=$2} END {printf "blobs %d, trees %d, commits %d", s["blob"], s["tree"], s["commit"]}')

size() { # table column -> "sum(pg_column_size) heap toast(+index) pk-index"
  q -F ' ' -c "SELECT sum(pg_column_size($2)), pg_relation_size('$1'), COALESCE(pg_total_relation_size(NULLIF(reltoastrelid, 0)), 0),
               pg_indexes_size('$1') FROM $1, pg_class WHERE pg_class.oid = '$1'::regclass GROUP BY reltoastrelid"
}
{
  echo "## Revision storage: $N small edits of the seed (bench/storage/run.sh, $(date -u +%F))"
  echo
  sed 's/^/    /' "$work/gen.txt"
  echo
  echo "| Stored as | column bytes (sum of pg_column_size) | heap + TOAST bytes | ratio to git pack |"
  echo "|---|---:|---:|---:|"
  for row in "text_pglz text|(a) full text, pglz (the app before ADR 0005)" "text_lz4 text|(b) full text, lz4" \
             "text_delta50 payload|(c) deltas, lz4 snapshot every 50" "text_delta100 payload|(c) deltas, lz4 snapshot every 100"; do
    read -r t c <<<"${row%%|*}"; read -r col heap toast _ <<<"$(size "$t" "$c")"
    printf '| %s | %s | %s | %.1fx |\n' "${row#*|}" "$col" "$((heap + toast))" "$(echo "($heap + $toast) / $pack" | bc -l)"
  done
  read -r rows snaps col heap toast ridx <<<"$(q -F ' ' -c "SELECT count(*), count(*) FILTER (WHERE snapshot),
      sum(coalesce(pg_column_size(text), 0) + coalesce(pg_column_size(delta), 0)), pg_relation_size('revisions'),
      COALESCE(pg_total_relation_size(NULLIF(reltoastrelid, 0)), 0), pg_indexes_size('revisions')
    FROM revisions, pg_class WHERE pg_class.oid = 'revisions'::regclass GROUP BY reltoastrelid")"
  printf '| (d) the app'"'"'s own `revisions` table (%s rows, %s snapshots; all columns) | %s | %s | %.1fx |\n' \
    "$rows" "$snaps" "$col" "$((heap + toast))" "$(echo "($heap + $toast) / $pack" | bc -l)"
  echo "| (r) git: \`git gc --aggressive\` pack (.pack; .idx $idx more) | | $pack | 1.0x |"
  echo
  echo "Inside the git pack (bytes on disk by object type): $bytype."
  echo
  sed 's/^/    /' "$work/app.txt"
  echo
  echo "The app's \`revisions\` table with its $((N + 1)) rows and all indexes: \`pg_total_relation_size('revisions')\` = $(q -c "SELECT pg_total_relation_size('revisions')") bytes (indexes $ridx); its column bytes are text + delta."
  echo "Primary-key index of each text table above: $(q -c "SELECT pg_indexes_size('text_lz4')") bytes (not counted in heap + TOAST)."
} | tee "$out/storage.md"

# Reading one revision: full text (one row) vs the worst delta chain (a snapshot and 49 deltas, 50 rows).
echo '\set n random(1, '$((N + 1))')
SELECT text FROM text_pglz WHERE n = :n;' >"$work/pglz.sql"
echo '\set n random(1, '$((N + 1))')
SELECT text FROM text_lz4 WHERE n = :n;' >"$work/lz4.sql"
echo '\set k random(0, '$((N / 50 - 1))')
\set n 50 * :k + 50
SELECT payload FROM text_delta50 WHERE n BETWEEN :n - 49 AND :n ORDER BY n;' >"$work/chain.sql"
lat() { "$PGBIN/pgbench" -n -c 1 -T 5 -f "$work/$1.sql" provenance 2>/dev/null | awk '/latency average/ {print $4}'; }
declare -A L
for run in 1 2 3; do for s in pglz lz4 chain; do L[$s]+="$(lat $s) "; done; done
med() { tr ' ' '\n' <<<"$1" | grep . | sort -g | sed -n 2p; }
{
  echo
  echo "Reading one revision's stored bytes (pgbench -c 1 -T 5, 3 runs interleaved, median ms; runs: pglz ${L[pglz]}/ lz4 ${L[lz4]}/ chain ${L[chain]}):"
  echo "full text pglz $(med "${L[pglz]}") ms; full text lz4 $(med "${L[lz4]}") ms; worst delta chain (snapshot + 49 deltas) $(med "${L[chain]}") ms."
} | tee -a "$out/storage.md"
