#!/usr/bin/env bash
# Audit log benchmark (docs/performance.md, "Audit log"): appends on an empty log and at 10^4, 10^5, 10^6 events
# beside a plain INSERT of the same row (in-process, and with pgbench at the largest size), then checkpoint and
# proof cost and size at each size.
# Usage: bench/audit-log/run.sh [sizes=10000,100000,1000000] [appends=1000] [port=5107]
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
sizes="${1:-10000,100000,1000000}" appends="${2:-1000}" port="${3:-5107}"
work="$(mktemp -d "${TMPDIR:-/tmp}/provenance-audit-log-bench-XXXX")"
source "$ROOT/bench/storage/cluster.sh"
trap 'pg_down; rm -rf "$work"' EXIT
pg_up "$work" "$port"
"$PGBIN/createdb" -h 127.0.0.1 -p "$port" -U provenance bench
dotnet run -c Release --project "$ROOT/bench/audit-log/Provenance.Bench.AuditLog.csproj" -- \
  "Host=127.0.0.1;Port=$port;Username=provenance;Database=bench" "$sizes" "$appends"
# pgbench's view of the same plain INSERT, one row per transaction, at the size the table now has.
cat > "$work/insert.sql" <<'SQL'
INSERT INTO plain_events (sequence, occurred_at, actor_name, action, entity_type, entity_id, details, previous_hash, hash)
VALUES ((SELECT max(sequence) + 1 FROM plain_events), now(), 'bench', 'citation.added', 'citation', 0, '{"note":"bench"}', repeat('0', 64), repeat('0', 64));
SQL
"$PGBIN/pgbench" -h 127.0.0.1 -p "$port" -U provenance -n -c 1 -t "$appends" -f "$work/insert.sql" bench | grep -E "latency average|tps"
