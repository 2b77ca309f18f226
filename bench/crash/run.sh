#!/usr/bin/env bash
# Crash-consistency long run: editors submit and merge while the service is killed (SIGKILL) and
# PostgreSQL is stopped in immediate mode, CRASH_CYCLES times; then every acknowledged revision,
# every revision's audit event and the audit chain are checked. Same code as the suite's short run
# (tests/Provenance.Api.Tests/Crash). Writes its figures to bench/out/crash.md.
# Usage: bench/crash/run.sh            (env: CRASH_CYCLES=30 CRASH_EDITORS=4 CRASH_MIN_UP_MS=2000
#                                        CRASH_MAX_UP_MS=5000 CRASH_STALE_SHARE=0.35 CRASH_SEED=1962)
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
mkdir -p "$root/bench/out"
export CRASH_CYCLES=${CRASH_CYCLES:-30}
export CRASH_REPORT=${CRASH_REPORT:-$root/bench/out/crash.md}
dotnet build "$root/Provenance.sln" -v q -nologo
dotnet test "$root/tests/Provenance.Api.Tests" --no-build \
  --filter "FullyQualifiedName~Crash.CrashConsistencyTests" --logger "console;verbosity=detailed"
echo "figures: $CRASH_REPORT"; cat "$CRASH_REPORT"
