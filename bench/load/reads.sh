#!/usr/bin/env bash
# Reads at archive scale (issue 17): beside `pgbench -S -c $CONN -j 2` on the same PostgreSQL, same connection
# count, one short run each: GET /api/documents/{id}, GET /api/revisions/{id} (random ids, delta chains of
# $REVS revisions), a 304 revalidation (If-None-Match), then the same reads against a hot standby made with
# `pg_basebackup -R` (a second API process with ConnectionStrings__ProvenanceReplica), counting the statements
# the primary's database committed meanwhile (pg_stat_database.xact_commit) to show it served none of them.
# Usage: bench/load/reads.sh   Env: DUR=5 (s per run) CONN=32 DOCS=20 REVS=60. Writes bench/out/reads.md.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
DUR=${DUR:-5}; CONN=${CONN:-32}; DOCS=${DOCS:-20}; REVS=${REVS:-60}; port=${PORT:-5106}; sport=$((port + 1))
out="$ROOT/bench/out"; work=$(mktemp -d); chmod 755 "$work"; mkdir -p "$out"
source "$ROOT/bench/storage/cluster.sh"
STANDBY_DIR="$work/standby"; SPGPORT=$(( ${PGPORT_BENCH:-55453} + 1 ))
standby_down() { [ -d "$STANDBY_DIR" ] && asserver "$PGBIN/pg_ctl" -D "$STANDBY_DIR" -m fast -w stop >/dev/null 2>&1 || true; }
trap 'api_down; [ -n "${API2:-}" ] && kill "$API2" 2>/dev/null; standby_down; pg_down; rm -rf "$work"' EXIT
pg_up "$work" "${PGPORT_BENCH:-55453}"
psql() { "$PGBIN/psql" -qAtX -v ON_ERROR_STOP=1 "$@"; }
psql -d postgres -c "CREATE DATABASE provenance" -c "CREATE DATABASE pgbench"
"$PGBIN/pgbench" -i -q -s 10 pgbench 2>/dev/null

dotnet build "$ROOT/src/Provenance.Api" -c Release -v q -nologo >/dev/null
key="bench-admin-$(date +%s)"
api_up "$work" "$port" provenance Provenance__SeedDirectory="$ROOT/seeds" Provenance__BootstrapAdminKey="$key" \
  Provenance__RateLimit__WritesPerMinute=1000000
base="http://127.0.0.1:$port"
# DOCS documents, each with REVS revisions (delta chains, ADR 0005), imported through the API.
mkdir "$work/records"
python3 "$ROOT/bench/load/make_records.py" "$ROOT"/seeds/*.md "$work/records" "$DOCS" "$REVS"
for f in "$work"/records/*.md; do
  curl -sf -o /dev/null -X POST "$base/api/imports" -H "Authorization: Bearer $key" -H 'Content-Type: text/markdown' --data-binary @"$f"
done
psql -d provenance -c "VACUUM ANALYZE"
data=$(psql -d provenance -c "SELECT (SELECT count(*) FROM documents) || ' documents, ' || (SELECT count(*) FROM revisions) || ' revisions'")

lua_ids() { # name sql path-template(with %s)
  { echo "local ids = {$(psql -d provenance -c "$2" | paste -sd, -)}"
    echo "math.randomseed(7)"
    echo "request = function() return wrk.format(nil, string.format(\"$3\", ids[math.random(#ids)])) end"; } >"$work/$1.lua"
}
lua_ids documents "SELECT id FROM documents" "/api/documents/%s"
lua_ids revisions "SELECT id FROM revisions" "/api/revisions/%s"
rev=$(psql -d provenance -c "SELECT max(id) FROM revisions")
ms() { awk -v v="$1" 'BEGIN { if (v ~ /us$/) print v/1000; else if (v ~ /ms$/) print v+0; else if (v ~ /m$/) print v*60000; else print v*1000 }'; }
wrk_run() { # base name [extra wrk args] -> "rps p50 p99 non2xx"
  local b=$1 name=$2; shift 2
  local script=() path="/api/revisions/$rev"
  [ "$name" != revalidate ] && script=(-s "$work/$name.lua")
  wrk -t2 -c"$CONN" -d"${DUR}s" --latency "${script[@]}" "$@" "$b$path" >"$work/wrk-$name.txt"
  awk '/Requests\/sec/ {r=$2} /^ +50%/ {p50=$2} /^ +99%/ {p99=$2} /Non-2xx/ {e=$5} END {print r, p50, p99, e+0}' "$work/wrk-$name.txt" \
    | { read -r r a b e; echo "$r $(ms "$a") $(ms "$b") $e"; }
}
pgb() { "$PGBIN/pgbench" -S -n -c "$CONN" -j 2 -T "$DUR" pgbench 2>/dev/null | awk '/^tps/ {printf "%.0f", $3}'; }
row() { # label "rps p50 p99 non2xx" pgbench-tps
  read -r r a b e <<<"$2"
  printf '| %s | %.0f | %.2f | %.2f | %.2f | %s |\n' "$1" "$r" "$(echo "$r / $3" | bc -l)" "$a" "$b" "$e"
}
etag=$(curl -sfI "$base/api/revisions/$rev" | awk -F': ' 'tolower($1)=="etag" {print $2}' | tr -d '\r')
# Warm-up: JIT, prepared statements, the text cache.
for n in documents revisions; do DUR=2 wrk_run "$base" "$n" >/dev/null; done
pg=$(pgb)
d=$(wrk_run "$base" documents); r=$(wrk_run "$base" revisions); v=$(wrk_run "$base" revalidate -H "If-None-Match: $etag")
# 304 counts as non-2xx in wrk: the revalidation row's last column is expected to equal its request count.

# The standby: a base backup of the primary, streaming, and a second API process that reads from it.
mkdir -p "$STANDBY_DIR"; [ "$(id -u)" = 0 ] && chown postgres: "$STANDBY_DIR"; chmod 700 "$STANDBY_DIR"
asserver "$PGBIN/pg_basebackup" -h 127.0.0.1 -p "$PGPORT" -U provenance -D "$STANDBY_DIR" -R -X stream >/dev/null
asserver "$PGBIN/pg_ctl" -D "$STANDBY_DIR" -l "$work/standby.log" -w \
  -o "-p $SPGPORT -c listen_addresses=127.0.0.1 -c unix_socket_directories='' -c max_connections=200 -c shared_buffers=256MB" start >/dev/null
saved=$API_PID
api_up "$work/standby" "$sport" provenance ConnectionStrings__ProvenanceReplica="Host=127.0.0.1;Port=$SPGPORT;Username=provenance;Database=provenance" \
  Provenance__SeedDirectory=none
API2=$API_PID; API_PID=$saved
sbase="http://127.0.0.1:$sport"
source_of=$(curl -sfI "$sbase/api/documents/1" | awk -F': ' 'tolower($1)=="provenance-read-source" {print $2}' | tr -d '\r')
for n in documents revisions; do DUR=2 wrk_run "$sbase" "$n" >/dev/null; done
commits() { psql -d postgres -c "SELECT pg_stat_force_next_flush(); SELECT xact_commit FROM pg_stat_database WHERE datname = 'provenance'" | tail -1; }
sleep 1; before=$(commits)
sd=$(wrk_run "$sbase" documents); sr=$(wrk_run "$sbase" revisions)
sleep 1; after=$(commits)
spg=$(PGPORT=$SPGPORT pgb)

{
  echo "## Reads at archive scale (bench/load/reads.sh, $(date -u '+%F %H:%M') UTC, $(nproc) cores shared by wrk, the API and PostgreSQL — and by seven other engineers' builds and tests during this session)"
  echo
  echo "Data: $data (chains of $REVS revisions, a snapshot every 50). One run of ${DUR}s each, $CONN connections, after a 2 s warm-up."
  echo
  echo "| Read (wrk -t2 -c$CONN) | req/s | / pgbench -S | p50 ms | p99 ms | non-2xx |"
  echo "|---|---:|---:|---:|---:|---:|"
  echo "| \`pgbench -S -c $CONN -j 2\` on the primary | $pg | 1.00 | | | |"
  row 'GET /api/documents/{id}' "$d" "$pg"
  row 'GET /api/revisions/{id}' "$r" "$pg"
  row "GET /api/revisions/$rev with If-None-Match (304)" "$v" "$pg"
  echo "| \`pgbench -S -c $CONN -j 2\` on the standby | $spg | 1.00 | | | |"
  row 'standby: GET /api/documents/{id}' "$sd" "$spg"
  row 'standby: GET /api/revisions/{id}' "$sr" "$spg"
  echo
  echo "Second API process: \`Provenance-Read-Source: $source_of\`. Transactions committed in the primary's \`provenance\` database during the two standby runs: $((after - before)) (the first API process polls nothing; autovacuum and the stats flush may add a few)."
} | tee "$out/reads.md"
