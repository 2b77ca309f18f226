# Shared by bench/storage and bench/load: a throwaway PostgreSQL 15 cluster on a loopback port,
# and the API started in Release against it. Source it; call pg_up / api_up; pg_down runs on exit.
# Root runs the server binaries as the postgres user (initdb and postgres refuse root).
PGBIN=${PGBIN:-$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)}
asserver() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

pg_up() { # $1 = folder, $2 = port
  PGDATA_DIR="$1/pg"; PGPORT="$2"; export PGHOST=127.0.0.1 PGPORT PGUSER=provenance
  mkdir -p "$PGDATA_DIR"; [ "$(id -u)" = 0 ] && chown postgres: "$1" "$PGDATA_DIR"
  asserver "$PGBIN/initdb" -D "$PGDATA_DIR" -U provenance --auth=trust --encoding=UTF8 --locale=C.UTF-8 --no-sync >/dev/null
  # Durable settings as a deployment would have them (fsync on); only the pool size is raised for 64 clients.
  asserver "$PGBIN/pg_ctl" -D "$PGDATA_DIR" -l "$1/postgres.log" -w \
    -o "-p $PGPORT -c listen_addresses=127.0.0.1 -c unix_socket_directories='' -c max_connections=200 -c shared_buffers=256MB" start >/dev/null
}
pg_down() { [ -n "${PGDATA_DIR:-}" ] && asserver "$PGBIN/pg_ctl" -D "$PGDATA_DIR" -m fast -w stop >/dev/null 2>&1 || true; }

api_up() { # $1 = folder, $2 = port, $3 = database, then extra env assignments
  local dir=$1 port=$2 db=$3; shift 3
  env ASPNETCORE_ENVIRONMENT=Production Serilog__MinimumLevel__Default=Warning \
    ConnectionStrings__Provenance="Host=127.0.0.1;Port=$PGPORT;Username=provenance;Database=$db" "$@" \
    dotnet "$ROOT/src/Provenance.Api/bin/Release/net10.0/Provenance.Api.dll" --urls "http://127.0.0.1:$port" >"$dir/api.log" 2>&1 &
  API_PID=$!
  for _ in $(seq 120); do curl -sf "http://127.0.0.1:$port/health/ready" >/dev/null && return 0; sleep 1; done
  echo "API did not start:"; tail -20 "$dir/api.log"; return 1
}
api_down() { [ -n "${API_PID:-}" ] && { kill "$API_PID" 2>/dev/null; wait "$API_PID" 2>/dev/null; API_PID=; } || true; }
