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
DUR=${DUR:-30}; RUNS=${RUNS:-3}; DOCS=${DOCS:-200}; REVS=3; SOAK=${SOAK:-300}; CONN=64
source "$ROOT/bench/load/setup.sh"
bench_up "${PGPORT_BENCH:-55433}" "${PORT:-5183}"

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
wrk_one() { # endpoint name -> "rps p50 p99 errors"
  if [ "$1" = list ]; then wrk_run "$1" "$base/api/documents"; else wrk_run "$1" "$base/"; fi
}
# Warm up (JIT, tiered compilation, prepared statements, caches) before anything is measured.
for e in "${endpoints[@]}"; do DUR=5 wrk_one "$e" >/dev/null; done
DUR=5 pgbench_tps >/dev/null
declare -A R P50 P99 ERR; PG=""
for run in $(seq "$RUNS"); do
  PG+="$(pgbench_tps) "
  for e in "${endpoints[@]}"; do
    read -r r a b x <<<"$(wrk_one "$e")"; R[$e]+="$r "; P50[$e]+="$a "; P99[$e]+="$b "; ERR[$e]=$(( ${ERR[$e]:-0} + x ))
  done
  echo "run $run: pgbench $PG; ${R[*]}"
done
pg=$(med "$PG")
{
  echo "## Read load (bench/load/run.sh, $(date -u +%F), $(nproc) cores shared by wrk, the API and PostgreSQL)"
  echo
  echo "Data: $data. $RUNS runs of ${DUR}s each, interleaved; medians."
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
