#!/usr/bin/env bash
# Paired A/B of two versions of the CLI on one throwaway cluster, alternating old/new (3 runs each),
# then the old and the new search-vector expression alone over the stored documents.
#   bench/bulk-import/ab.sh <old checkout> <new checkout>   (e.g. a `git archive <commit>` extract)
# Prints TSV: run, variant, seconds, in-process seconds, 1-min load.
set -e
OLD_SRC=$1; NEW_SRC=$2
W=$(mktemp -d /tmp/provenance-ab.XXXX); chmod 755 $W
BIN=${PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)}
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
mkdir -p $W/pg $W/empty; [ "$(id -u)" = 0 ] && chown postgres $W/pg
as_pg $BIN/initdb -D $W/pg/data -U provenance --auth=trust --encoding=UTF8 --locale=C.UTF-8 >/dev/null
PORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
as_pg $BIN/pg_ctl -D $W/pg/data -l $W/pg/log -o "-p $PORT -c listen_addresses=127.0.0.1 -c unix_socket_directories=''" -w start >/dev/null
trap 'as_pg $BIN/pg_ctl -D $W/pg/data -m immediate -w stop >/dev/null; rm -rf $W' EXIT
dotnet build $OLD_SRC/src/Provenance.Cli -c Release -o $W/old -v quiet -nologo >/dev/null
dotnet build $NEW_SRC/src/Provenance.Cli -c Release -o $W/new -v quiet -nologo >/dev/null
# A CLI that knows --publish (a migration, published as it is) needs it; older ones published by default.
flags() { if grep -q -- '--publish' <(dotnet $W/$1/provenance.dll 2>&1); then echo --publish; fi; }
declare -A FLAGS=([old]=$(flags old) [new]=$(flags new))
dotnet $W/new/provenance.dll generate-records $W/records --count 5000 --seed 1 >/dev/null
PSQL="psql -h 127.0.0.1 -p $PORT -U provenance -qAt"
CS="Host=127.0.0.1;Port=$PORT;Username=provenance;Database=bulk"
now() { date +%s.%N; }
echo -e "run\tvariant\tseconds\tinprocess\tload1"
for run in 1 2 3; do
  for v in old new; do
    $PSQL -d postgres -c 'DROP DATABASE IF EXISTS bulk' -c 'CREATE DATABASE bulk' 2>/dev/null
    dotnet $W/$v/provenance.dll import $W/empty ${FLAGS[$v]} --connection "$CS" >/dev/null 2>&1
    load=$(cut -d' ' -f1 /proc/loadavg); t0=$(now)
    dotnet $W/$v/provenance.dll import $W/records ${FLAGS[$v]} --connection "$CS" --json > $W/o.json 2>/dev/null
    t1=$(now)
    echo -e "$run\t$v\t$(echo "$t1 - $t0" | bc)\t$(python3 -c 'import json,sys;print(round(json.load(open(sys.argv[1]))["seconds"],2))' $W/o.json)\t$load"
  done
done
# stemming alone, both expressions, alternating, over the stored documents
for run in 1 2 3; do
  load=$(cut -d' ' -f1 /proc/loadavg); t0=$(now)
  $PSQL -d bulk -c "SELECT sum(length(setweight(to_tsvector('english', d.title), 'A') || setweight(to_tsvector('russian', d.title), 'A') || setweight(to_tsvector('english', coalesce(d.summary, '')), 'B') || setweight(to_tsvector('russian', coalesce(d.summary, '')), 'B') || coalesce(to_tsvector('english', r.text) || to_tsvector('russian', r.text), ''::tsvector))) FROM documents d JOIN translations t ON t.document_id = d.id JOIN revisions r ON r.id = t.current_revision_id" >/dev/null
  t1=$(now); echo -e "$run\tstem-old\t$(echo "$t1 - $t0" | bc)\t\t$load"
  load=$(cut -d' ' -f1 /proc/loadavg); t0=$(now)
  $PSQL -d bulk -c "SELECT sum(length(setweight(to_tsvector('english', d.title), 'A') || setweight(to_tsvector('russian', d.title), 'A') || setweight(to_tsvector('english', coalesce(d.summary, '')), 'B') || setweight(to_tsvector('russian', coalesce(d.summary, '')), 'B') || to_tsvector(CASE lower(split_part(t.language, '-', 1)) WHEN 'en' THEN 'english'::regconfig WHEN 'ru' THEN 'russian'::regconfig ELSE 'simple'::regconfig END, r.text))) FROM documents d JOIN translations t ON t.document_id = d.id JOIN revisions r ON r.id = t.current_revision_id" >/dev/null
  t1=$(now); echo -e "$run\tstem-new\t$(echo "$t1 - $t0" | bc)\t\t$load"
done
