# Shared by bench/load/run.sh and bench/load/reads.sh (source it after setting ROOT): a throwaway cluster with a
# `pgbench -i -s 10` database beside the service's, the API in Release against it, DOCS generated documents of
# REVS revisions each imported through POST /api/imports?publish=true (an admin's migration), and the wrk helpers.
# Env: DOCS, REVS, CONN (connections for wrk and pgbench), PORT, PGPORT_BENCH. Sets work, out, base, key, data.
# The API processes inherit the caller's environment, so runtime or service settings reach them as they are, e.g.
# `DOTNET_GCConserveMemory=5 bench/load/reads.sh` or `Provenance__IdleCollection__GrowthMegabytes=0 bench/load/reads.sh`.
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }
source "$ROOT/bench/storage/cluster.sh"
out="$ROOT/bench/out"; work=$(mktemp -d); chmod 755 "$work"; mkdir -p "$out"
# A script adds its own clean-up (extra processes, a standby) to on_exit; it runs before the cluster stops.
on_exit=()
bench_cleanup() { local f; for f in "${on_exit[@]}"; do "$f"; done; api_down; pg_down; rm -rf "$work"; }
trap bench_cleanup EXIT
psql() { "$PGBIN/psql" -qAtX -v ON_ERROR_STOP=1 "$@"; }

bench_up() { # primary port, API port
  pg_up "$work" "$1"
  psql -d postgres -c "CREATE DATABASE provenance" -c "CREATE DATABASE pgbench"
  "$PGBIN/pgbench" -i -q -s 10 pgbench 2>/dev/null
  dotnet build "$ROOT/src/Provenance.Api" -c Release -v q -nologo >/dev/null
  key="bench-admin-$(date +%s)-0123456789abcdef-admin-key"
  api_up "$work" "$2" provenance Provenance__SeedDirectory="$ROOT/seeds" Provenance__BootstrapAdminKey="$key" \
    Provenance__RateLimit__WritesPerMinute=1000000
  base="http://127.0.0.1:$2"
  mkdir "$work/records"
  python3 "$ROOT/bench/load/make_records.py" "$ROOT"/seeds/*.md "$work/records" "$DOCS" "$REVS"
  local f
  for f in "$work"/records/*.md; do
    curl -sf -o /dev/null -X POST "$base/api/imports?publish=true" -H "Authorization: Bearer $key" -H 'Content-Type: text/markdown' --data-binary @"$f"
  done
  psql -d provenance -c "VACUUM ANALYZE"
  data=$(psql -d provenance -c "SELECT (SELECT count(*) FROM documents) || ' documents, ' || (SELECT count(*) FROM revisions) || ' revisions'")
  echo "loaded: $data"
}

# A wrk script that picks a random id per request from what is stored.
lua_ids() { # name sql path-template(with %s)
  { echo "local ids = {$(psql -d provenance -c "$2" | paste -sd, -)}"
    echo "math.randomseed(7)"
    echo "request = function() return wrk.format(nil, string.format(\"$3\", ids[math.random(#ids)])) end"; } >"$work/$1.lua"
}
ms() { awk -v v="$1" 'BEGIN { if (v ~ /us$/) print v/1000; else if (v ~ /ms$/) print v+0; else if (v ~ /m$/) print v*60000; else print v*1000 }'; }
wrk_run() { # name url [wrk args] -> "rps p50-ms p99-ms non2xx"; uses $work/name.lua when it exists, else the url's path
  local name=$1 url=$2 script=(); shift 2
  [ -f "$work/$name.lua" ] && script=(-s "$work/$name.lua")
  wrk -t2 -c"$CONN" -d"${DUR}s" --latency "${script[@]}" "$@" "$url" >"$work/wrk-$name.txt"
  awk '/Requests\/sec/ {r=$2} /^ +50%/ {p50=$2} /^ +99%/ {p99=$2} /Non-2xx/ {e=$5} END {print r, p50, p99, e+0}' "$work/wrk-$name.txt" \
    | { read -r r a b e; echo "$r $(ms "$a") $(ms "$b") $e"; }
}
# Under load, connecting CONN clients can outlast a short DUR; pgbench then prints no tps line: say so.
pgbench_tps() { "$PGBIN/pgbench" -S -n -c "$CONN" -j 2 -T "$DUR" pgbench 2>/dev/null \
  | awk '/^tps/ {printf "%.0f", $3; t=1} END {if (!t) print "pgbench -T '"$DUR"' gave no tps: raise DUR" > "/dev/stderr"}'; }
med() { tr ' ' '\n' <<<"$1" | grep . | sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
