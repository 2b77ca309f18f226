#!/usr/bin/env bash
# CPU milliseconds per request, robust to other load on the machine: the API process's and the
# PostgreSQL backends' utime+stime (from /proc) over one wrk run, divided by the requests served.
# Usage: bench/load/cpu-per-request.sh BASE_URL WRK_LUA SECONDS API_PID [DATABASE=provenance]
#   e.g. with the cluster and API of bench/load/run.sh (or any local pair) still running.
set -euo pipefail
base=$1 lua=$2 secs=$3 pid=$4 db=${5:-provenance}; tck=$(getconf CLK_TCK)
apicpu() { awk '{print $14+$15}' "/proc/$pid/stat"; }
pgcpu() { for p in $(pgrep -f "postgres: [^ ]+ $db "); do awk '{print $14+$15}' "/proc/$p/stat" 2>/dev/null; done | awk '{s+=$1} END {print s+0}'; }
wrk -t2 -c64 -d3s -s "$lua" "$base/" >/dev/null   # warm-up
a0=$(apicpu); p0=$(pgcpu); out=$(mktemp)
wrk -t2 -c64 -d"${secs}s" --latency -s "$lua" "$base/" >"$out"
a1=$(apicpu); p1=$(pgcpu)
n=$(awk '/requests in/ {print $1}' "$out")
printf '%s: %s req/s, p99 %s, API %.3f ms/request, PostgreSQL %.3f ms/request\n' "$(basename "$lua")" \
  "$(awk '/Requests\/sec/ {print $2}' "$out")" "$(awk '/^ +99%/ {print $2}' "$out")" \
  "$(echo "($a1 - $a0) * 1000 / $tck / $n" | bc -l)" "$(echo "($p1 - $p0) * 1000 / $tck / $n" | bc -l)"
rm -f "$out"
