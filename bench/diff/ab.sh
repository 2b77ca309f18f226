#!/usr/bin/env bash
# Paired A/B of two versions of the service's diff: both APIs run at once (each on its own throwaway database), and
# each case's requests alternate old, new, git, so that whatever else the machine does falls on all three alike.
#   bench/diff/ab.sh <old checkout> <new checkout> [ROUNDS=25]   (e.g. `git worktree add` of each commit)
# Prints a Markdown table of medians (ab.py).
set -euo pipefail
old=$(cd "$1" && pwd); new=$(cd "$2" && pwd); rounds=${3:-25}
root=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d); chmod 755 "$work"; pids=()
trap 'for p in "${pids[@]}"; do kill "$p" 2>/dev/null; wait "$p" 2>/dev/null || true; done; rm -rf "$work"' EXIT
python3 "$root/bench/diff/make_texts.py" "$work" "$root/seeds/1962-10-24-dobrynin-telegram-r-kennedy-meeting.md" >/dev/null
old_port=${PORT:-5193}; new_port=$((old_port + 1))
for v in old new; do
  src=$old port=$old_port; [ "$v" = new ] && src=$new port=$new_port
  dotnet build "$src/src/Provenance.Api" -c Release -o "$work/$v" -v q -nologo >/dev/null
  ASPNETCORE_ENVIRONMENT=Production Provenance__SeedDirectory=none Provenance__LocalDatabase__DataDirectory="$work/pg-$v" \
    Serilog__MinimumLevel__Default=Warning Provenance__RateLimit__AnonymousDiffsPerMinute=1000000 \
    dotnet "$work/$v/Provenance.Api.dll" --urls "http://127.0.0.1:$port" >"$work/$v.log" 2>&1 &
  pids+=($!)
done
for p in $old_port $new_port; do
  for _ in $(seq 90); do curl -sf "http://127.0.0.1:$p/health/ready" >/dev/null && break; sleep 1; done
done
python3 "$root/bench/diff/ab.py" "$work" "$old_port" "$new_port" "$rounds"
