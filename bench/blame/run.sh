#!/usr/bin/env bash
# Blame benchmark: our BlameCalculator vs git blame on the same long history.
# Usage: bench/blame/run.sh [revisions=500] [seed=42]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
revisions="${1:-500}"
seed="${2:-42}"
out="${TMPDIR:-/tmp}/provenance-blame-bench-$revisions-$seed"
dotnet run -c Release --project "$here/Provenance.Bench.Blame.csproj" -- "$revisions" "$seed" "$out"
repo="$out/repo"
if command -v hyperfine >/dev/null; then
  hyperfine --warmup 3 --runs 20 \
    "git -C $repo blame text.txt" \
    "git -C $repo blame -M text.txt" \
    "git -C $repo blame -M -C text.txt"
else
  for flags in "" "-M"; do
    echo "git blame $flags (10 runs):"
    time (for i in $(seq 10); do git -C "$repo" blame $flags text.txt >/dev/null; done)
  done
fi
