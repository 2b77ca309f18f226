#!/usr/bin/env bash
# Diff benchmark: the service's own time per POST /api/diff over one persistent connection, beside
# `git diff --no-index --word-diff=porcelain` as a process on the same files, in one run (bench.py);
# inputs from make_texts.py. Writes bench/out/diff.md. The API admits DIFF_CONCURRENCY diffs at once (default 8, so
# that eight clients at once all run; the service's own default is one per core, and refuses the rest with 429).
# Usage: bench/diff/run.sh [RUNS]   (needs git and python3; starts its own API on a throwaway database)
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
out="$root/bench/out"; work=$(mktemp -d); chmod 755 "$work"; mkdir -p "$out"
port=${PORT:-5181}

python3 "$root/bench/diff/make_texts.py" "$work" "$root/seeds/1962-10-24-dobrynin-telegram-r-kennedy-meeting.md"
dotnet build "$root/src/Provenance.Api" -c Release -v q -nologo >/dev/null
ASPNETCORE_ENVIRONMENT=Production Provenance__SeedDirectory=none Provenance__LocalDatabase__DataDirectory="$work/pg" \
  Serilog__MinimumLevel__Default=Warning Provenance__RateLimit__AnonymousDiffsPerMinute=1000000 \
  Provenance__RateLimit__DiffConcurrency=${DIFF_CONCURRENCY:-8} \
  dotnet "$root/src/Provenance.Api/bin/Release/net10.0/Provenance.Api.dll" --urls "http://127.0.0.1:$port" >"$work/api.log" 2>&1 &
api=$!
trap 'kill $api 2>/dev/null; wait $api 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 60); do curl -sf "http://127.0.0.1:$port/health/ready" >/dev/null && break; sleep 1; done

python3 "$root/bench/diff/bench.py" "$work" "$port" "$api" "${1:-15}" | tee "$out/diff.md"
