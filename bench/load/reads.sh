#!/usr/bin/env bash
# Reads at archive scale (issue 17): beside `pgbench -S -c $CONN -j 2` on the same PostgreSQL, same connection
# count, one run each: GET /api/documents/{id}, GET /api/revisions/{id} on revisions at the end of a delta chain
# (random ids), a 304 revalidation (If-None-Match with the revision's ETag), the floor (bench/load/floor: one route,
# the document validator's query through Npgsql, no middleware); then the same two reads against a hot
# standby made with `pg_basebackup -R`, through an API process with ConnectionStrings__ProvenanceReplica, beside
# `pgbench -S` on the standby, counting the transactions the primary's `provenance` database committed meanwhile
# (pg_stat_database.xact_commit) against an idle window of the same length, to show it served none of the reads.
# Usage: bench/load/reads.sh   Env: DUR=10 (s per run) WARM=20 (s of warm-up per read) CONN=32 DOCS=20 REVS=49 (a snapshot every 50: revision 49
# is 48 deltas from its snapshot). Writes bench/out/reads.md.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
DUR=${DUR:-10}; WARM=${WARM:-20}; CONN=${CONN:-32}; DOCS=${DOCS:-20}; REVS=${REVS:-49}; port=${PORT:-5106}
pgport=${PGPORT_BENCH:-55453}; spgport=$((pgport + 1))
source "$ROOT/bench/load/setup.sh"
STANDBY_DIR="$work/standby"
standby_down() { [ -d "$STANDBY_DIR" ] && asserver "$PGBIN/pg_ctl" -D "$STANDBY_DIR" -m fast -w stop >/dev/null 2>&1 || true; }
on_exit+=(standby_down)
bench_up "$pgport" "$port"

lua_ids documents "SELECT id FROM documents" "/api/documents/%s"
# The last revision of each translation whose text is a delta: the longest rebuild there is.
chain_ends="SELECT r.id FROM revisions r WHERE NOT r.snapshot AND r.number = (SELECT max(number) FROM revisions WHERE translation_id = r.translation_id)"
lua_ids revisions "$chain_ends" "/api/revisions/%s"
rev=$(psql -d provenance -c "$chain_ends ORDER BY r.id DESC LIMIT 1")
depth=$(psql -d provenance -c "SELECT number - (SELECT max(s.number) FROM revisions s WHERE s.translation_id = r.translation_id AND s.snapshot AND s.number <= r.number) FROM revisions r WHERE id = $rev")
etag=$(curl -sf -D - -o /dev/null "$base/api/revisions/$rev" | awk -F': ' 'tolower($1)=="etag" {print $2}' | tr -d '\r')
[ -n "$etag" ] || { echo "GET /api/revisions/$rev carries no ETag"; exit 1; }
row() { # label "rps p50 p99 non2xx" reference-tps
  local r a b e; read -r r a b e <<<"$2"
  printf '| %s | %.0f | %.2f | %.2f | %.2f | %s |\n' "$1" "$r" "$(echo "$r / $3" | bc -l)" "$a" "$b" "$e"
}
# A fresh API process runs tier-0 code until the runtime's background JIT has promoted the hot paths, and on two
# cores saturated by wrk, the API and PostgreSQL that takes ~20 s (a fresh standby API served documents at 2.5k, 4.7k,
# 9.5k, 13.4k req/s in its first four 5 s windows): each read is warmed for WARM seconds first.
reads() { # api base -> "documents|revisions"; WARM s of each first (JIT, prepared statements, the text cache)
  local n; for n in documents revisions; do DUR=$WARM wrk_run "$n" "$1/" >/dev/null; done
  echo "$(wrk_run documents "$1/")|$(wrk_run revisions "$1/")"
}
DUR=2 pgbench_tps >/dev/null
pg=$(pgbench_tps)
IFS='|' read -r d r <<<"$(reads "$base")"
v=$(wrk_run revalidate "$base/api/revisions/$rev" -H "If-None-Match: $etag")
code=$(curl -s -o /dev/null -w '%{http_code}' -H "If-None-Match: $etag" "$base/api/revisions/$rev")

# The floor under a document read: Kestrel, routing and the same validator query through Npgsql, no middleware
# (bench/load/floor), answering a body of the same size.
dotnet build "$ROOT/bench/load/floor" -c Release -v q -nologo >/dev/null
ConnectionString="Host=127.0.0.1;Port=$PGPORT;Username=provenance;Database=provenance" \
  BodyBytes=$(curl -sf "$base/api/documents/1" | wc -c) dotnet "$ROOT/bench/load/floor/bin/Release/net10.0/Floor.dll" \
  --urls "http://127.0.0.1:$((port + 2))" >"$work/floor.log" 2>&1 &
floor_pid=$!; floor_down() { kill "$floor_pid" 2>/dev/null || true; }; on_exit+=(floor_down)
for _ in $(seq 30); do curl -sf -o /dev/null "http://127.0.0.1:$((port + 2))/documents/1" && break; sleep 1; done
sed 's|/api/documents/|/documents/|' "$work/documents.lua" >"$work/floor.lua"
DUR=$WARM wrk_run floor "http://127.0.0.1:$((port + 2))/" >/dev/null
f=$(wrk_run floor "http://127.0.0.1:$((port + 2))/")
floor_down

# The standby: a base backup of the primary, streaming; the first API process stops, so that nothing but the
# second one (and the primary's own background work, counted in the idle window) talks to the primary.
api_down
mkdir -p "$STANDBY_DIR"; [ "$(id -u)" = 0 ] && chown postgres: "$STANDBY_DIR"; chmod 700 "$STANDBY_DIR"
asserver "$PGBIN/pg_basebackup" -h 127.0.0.1 -p "$PGPORT" -U provenance -D "$STANDBY_DIR" -R -X stream -c fast
asserver "$PGBIN/pg_ctl" -D "$STANDBY_DIR" -l "$work/standby.log" -w \
  -o "-p $spgport -c listen_addresses=127.0.0.1 -c unix_socket_directories='' -c max_connections=200 -c shared_buffers=256MB" start >/dev/null
mkdir "$work/api2"
api_up "$work/api2" "$port" provenance Provenance__SeedDirectory=none \
  ConnectionStrings__ProvenanceReplica="Host=127.0.0.1;Port=$spgport;Username=provenance;Database=provenance"
source_of=$(curl -sf -D - -o /dev/null "$base/api/documents/1" | awk -F': ' 'tolower($1)=="provenance-read-source" {print $2}' | tr -d '\r')
# Backends flush their statistics at most every 10 s when idle; wait that long before each reading.
commits() { sleep 11; psql -d postgres -c "SELECT xact_commit FROM pg_stat_database WHERE datname = 'provenance'"; }
c0=$(commits); sleep $((2 * DUR + 2 * WARM + 8)); c1=$(commits)   # idle: as long as the warm-ups and runs below
IFS='|' read -r sd sr <<<"$(reads "$base")"; c2=$(commits)
spg=$(PGPORT=$spgport pgbench_tps)

{
  echo "## Reads at archive scale (bench/load/reads.sh, $(date -u '+%F %H:%M') UTC, $(nproc) cores shared by wrk, the API and PostgreSQL, and load average $(cut -d' ' -f1-3 /proc/loadavg) at the end)"
  echo
  echo "Data: $data; $DOCS documents with $REVS revisions each, read at the end of their delta chains (revision $rev is $depth deltas from its snapshot). One run of ${DUR}s each, $CONN connections, after a ${WARM} s warm-up of each read."
  echo
  echo "| Read (wrk -t2 -c$CONN --latency) | req/s | / pgbench -S | p50 ms | p99 ms | 4xx/5xx |"
  echo "|---|---:|---:|---:|---:|---:|"
  echo "| \`pgbench -S -c $CONN -j 2\` on the primary | $pg | 1.00 | | | |"
  row 'floor: one route, the same query through Npgsql, a body of the same size (bench/load/floor)' "$f" "$pg"
  row 'GET /api/documents/{id}' "$d" "$pg"
  row 'GET /api/revisions/{id} (end of a delta chain)' "$r" "$pg"
  row "GET /api/revisions/{id} with If-None-Match (answer $code)" "$v" "$pg"
  echo "| \`pgbench -S -c $CONN -j 2\` on the standby | $spg | 1.00 | | | |"
  row 'standby: GET /api/documents/{id}' "$sd" "$spg"
  row 'standby: GET /api/revisions/{id} (end of a delta chain)' "$sr" "$spg"
  echo
  echo "wrk counts only answers of 400 and above in its last column; a single curl with the same If-None-Match got $code."
  echo "API with the standby: \`Provenance-Read-Source: $source_of\`. Transactions committed in the primary's \`provenance\` database: $((c1 - c0)) while idle, $((c2 - c1)) during the standby reads (same length)."
} | tee "$out/reads.md"
