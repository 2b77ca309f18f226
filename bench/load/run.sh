#!/usr/bin/env bash
# Read-load benchmark: wrk (64 connections, loopback) against the document, revision, translation-history,
# provenance and diff reads, beside `pgbench -S -c 64 -j 2` on the same PostgreSQL server, in the same run;
# then a 5-minute wrk run on document + revision reads sampling the API's RSS every 10 s.
# The API runs in Release, Production environment, warnings-only logging, on a throwaway cluster holding
# the seed plus DOCS generated documents with 3 revisions each (imported through POST /api/imports?publish=true, an admin's migration).
# Usage: bench/load/run.sh   Env: DUR=30 (s per run) RUNS=3 DOCS=200 SOAK=300 (s; 0 skips it).
# Writes bench/out/load.md. wrk, pgbench, the API and PostgreSQL share this machine's cores.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
DUR=${DUR:-30}; RUNS=${RUNS:-3}; DOCS=${DOCS:-200}; SOAK=${SOAK:-300}; port=${PORT:-5183}
out="$ROOT/bench/out"; work=$(mktemp -d); chmod 755 "$work"; mkdir -p "$out"
source "$ROOT/bench/storage/cluster.sh"
trap 'api_down; pg_down; rm -rf "$work"' EXIT
pg_up "$work" "${PGPORT_BENCH:-55433}"
psql() { "$PGBIN/psql" -qAtX -v ON_ERROR_STOP=1 "$@"; }
psql -d postgres -c "CREATE DATABASE provenance" -c "CREATE DATABASE pgbench"
"$PGBIN/pgbench" -i -q -s 10 pgbench 2>/dev/null

dotnet build "$ROOT/src/Provenance.Api" -c Release -v q -nologo >/dev/null
key="bench-admin-$(date +%s)-0123456789abcdef-admin-key"
api_up "$work" "$port" provenance Provenance__SeedDirectory="$ROOT/seeds" Provenance__BootstrapAdminKey="$key" \
  Provenance__RateLimit__WritesPerMinute=1000000
base="http://127.0.0.1:$port"
mkdir "$work/records"
python3 "$ROOT/bench/load/make_records.py" "$ROOT"/seeds/*.md "$work/records" "$DOCS" 3
for f in "$work"/records/*.md; do
  curl -sf -o /dev/null -X POST "$base/api/imports?publish=true" -H "Authorization: Bearer $key" -H 'Content-Type: text/markdown' --data-binary @"$f"
done
psql -d provenance -c "VACUUM ANALYZE"
echo "loaded: $(psql -d provenance -c "SELECT (SELECT count(*) FROM documents) || ' documents, ' || (SELECT count(*) FROM revisions) || ' revisions'")"

# wrk scripts pick a random id per request from what is stored.
lua_ids() { # name sql path-template(with %s)
  { echo "local ids = {$(psql -d provenance -c "$2" | paste -sd, -)}"
    echo "math.randomseed(7)"
    echo "request = function() return wrk.format(nil, string.format(\"$3\", ids[math.random(#ids)])) end"; } >"$work/$1.lua"
}
lua_ids documents "SELECT id FROM documents" "/api/documents/%s"
lua_ids revisions "SELECT id FROM revisions" "/api/revisions/%s"
lua_ids history "SELECT id FROM translations" "/api/translations/%s/revisions"
lua_ids provenance "SELECT id FROM documents" "/api/documents/%s/provenance"
{ echo "local pairs = {$(psql -d provenance -c "SELECT '{' || p.id || ',' || c.id || '}' FROM revisions c JOIN revisions p ON p.id = c.parent_id" | paste -sd, -)}"
  echo "math.randomseed(7)"
  echo 'request = function() local p = pairs[math.random(#pairs)] return wrk.format(nil, "/api/revisions/" .. p[1] .. "/diff/" .. p[2]) end'; } >"$work/diff.lua"
{ echo "local docs = {$(psql -d provenance -c "SELECT id FROM documents" | paste -sd, -)}"
  echo "local revs = {$(psql -d provenance -c "SELECT id FROM revisions" | paste -sd, -)}"
  echo "math.randomseed(7); local n = 0"
  echo 'request = function() n = n + 1 if n % 2 == 0 then return wrk.format(nil, "/api/documents/" .. docs[math.random(#docs)]) end return wrk.format(nil, "/api/revisions/" .. revs[math.random(#revs)]) end'; } >"$work/mixed.lua"

endpoints=(list documents revisions history diff)
curl -sf -o /dev/null "$base/api/documents/1/provenance" && endpoints+=(provenance)
declare -A label=([list]='GET /api/documents' [documents]='GET /api/documents/{id}' [revisions]='GET /api/revisions/{id}'
  [history]='GET /api/translations/{id}/revisions' [diff]='GET /api/revisions/{a}/diff/{b}' [provenance]='GET /api/documents/{id}/provenance')
ms() { awk -v v="$1" 'BEGIN { if (v ~ /us$/) print v/1000; else if (v ~ /ms$/) print v+0; else if (v ~ /m$/) print v*60000; else print v*1000 }'; }
wrk_run() { # name -> "rps p50 p99 errors"
  local script=() path=/api/documents
  [ "$1" != list ] && script=(-s "$work/$1.lua")
  wrk -t2 -c64 -d"${DUR}s" --latency "${script[@]}" "$base$path" >"$work/wrk-$1.txt"
  awk '/Requests\/sec/ {r=$2} /^ +50%/ {p50=$2} /^ +99%/ {p99=$2} /Non-2xx/ {e=$5} /Socket errors/ {s=$0} END {print r, p50, p99, e+0}' "$work/wrk-$1.txt" \
    | { read -r r a b e; echo "$r $(ms "$a") $(ms "$b") $e"; }
}
# Warm up (JIT, tiered compilation, prepared statements, caches) before anything is measured.
for e in "${endpoints[@]}"; do DUR=5 wrk_run "$e" >/dev/null; done
"$PGBIN/pgbench" -S -n -c 64 -j 2 -T 5 pgbench >/dev/null 2>&1
declare -A R P50 P99 ERR; PG=""
for run in $(seq "$RUNS"); do
  PG+="$("$PGBIN/pgbench" -S -n -c 64 -j 2 -T "$DUR" pgbench 2>/dev/null | awk '/^tps/ {print $3}') "
  for e in "${endpoints[@]}"; do
    read -r r a b x <<<"$(wrk_run "$e")"; R[$e]+="$r "; P50[$e]+="$a "; P99[$e]+="$b "; ERR[$e]=$(( ${ERR[$e]:-0} + x ))
  done
  echo "run $run: pgbench $PG; ${R[*]}"
done
med() { tr ' ' '\n' <<<"$1" | grep . | sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
pg=$(med "$PG")
{
  echo "## Read load (bench/load/run.sh, $(date -u +%F), $(nproc) cores shared by wrk, the API and PostgreSQL)"
  echo
  echo "Data: $(psql -d provenance -c "SELECT (SELECT count(*) FROM documents) || ' documents, ' || (SELECT count(*) FROM revisions) || ' revisions'"). $RUNS runs of ${DUR}s each, interleaved; medians."
  echo "Reference: \`pgbench -S -n -c 64 -j 2 -T $DUR\` (scale 10) on the same server: median **$(printf %.0f "$pg") tps** (runs: $PG)."
  echo
  echo "| Endpoint (wrk -t2 -c64 --latency) | req/s median (runs) | / pgbench | p50 ms | p99 ms | non-2xx |"
  echo "|---|---:|---:|---:|---:|---:|"
  for e in "${endpoints[@]}"; do
    printf '| %s | %.0f (%s) | %.2f | %.2f | %.2f | %s |\n' "${label[$e]}" "$(med "${R[$e]}")" "$(echo ${R[$e]})" \
      "$(echo "$(med "${R[$e]}") / $pg" | bc -l)" "$(med "${P50[$e]}")" "$(med "${P99[$e]}")" "${ERR[$e]}"
  done
} | tee "$out/load.md"

if [ "$SOAK" -gt 0 ]; then
  rss() { awk '/VmRSS/ {print int($2/1024)}' "/proc/$API_PID/status"; }
  samples="$(rss)"
  wrk -t2 -c64 -d"${SOAK}s" --latency -s "$work/mixed.lua" "$base/" >"$work/wrk-soak.txt" &
  soak=$!
  for _ in $(seq $((SOAK / 10))); do sleep 10; samples+=" $(rss)"; done
  wait $soak
  read -r r p99 <<<"$(awk '/Requests\/sec/ {r=$2} /^ +99%/ {p=$2} END {print r, p}' "$work/wrk-soak.txt")"
  {
    echo
    echo "Memory: ${SOAK}s of wrk -t2 -c64 alternating GET /api/documents/{id} and GET /api/revisions/{id} ($r req/s, p99 $p99)."
    echo "API RSS every 10 s, MB: $samples"
    echo "start $(echo $samples | awk '{print $1}') MB, after 10 s $(echo $samples | awk '{print $2}') MB, end $(echo $samples | awk '{print $NF}') MB, max $(tr ' ' '\n' <<<"$samples" | sort -n | tail -1) MB."
  } | tee -a "$out/load.md"
fi
