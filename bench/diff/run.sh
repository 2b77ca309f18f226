#!/usr/bin/env bash
# Diff benchmark: POST /api/diff round trips beside `git diff --no-index --word-diff=porcelain`
# on the same files, timed by hyperfine in one run. Writes bench/out/diff.md.
# Usage: bench/diff/run.sh   (needs hyperfine and git; starts its own API on a throwaway database)
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
out="$root/bench/out"; work=$(mktemp -d); chmod 755 "$work"; mkdir -p "$out"
port=${PORT:-5181}
command -v hyperfine >/dev/null || { echo "install hyperfine (apt-get install hyperfine)"; exit 1; }

python3 "$root/bench/diff/make_texts.py" "$work" "$root/seeds/1962-10-24-dobrynin-telegram-r-kennedy-meeting.md"
dotnet build "$root/src/Provenance.Api" -c Release -v q -nologo >/dev/null
ASPNETCORE_ENVIRONMENT=Production Provenance__SeedDirectory=none Provenance__LocalDatabase__DataDirectory="$work/pg" \
  Serilog__MinimumLevel__Default=Warning \
  dotnet "$root/src/Provenance.Api/bin/Release/net10.0/Provenance.Api.dll" --urls "http://127.0.0.1:$port" >"$work/api.log" 2>&1 &
api=$!
trap 'kill $api 2>/dev/null; wait $api 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 60); do curl -sf "http://127.0.0.1:$port/health/ready" >/dev/null && break; sleep 1; done

post() { echo "curl -sf -o /dev/null -X POST -H 'Content-Type: application/json' --data-binary @$work/$1 'http://127.0.0.1:$port/api/diff?$2'"; }
cd "$work"
# A service runs for days: warm it as such (JIT, pools, GC budgets) before timing, 20 requests per kind.
for q in 'granularity=word' 'view=inline' 'view=compact' 'view=side-by-side' 'format=unified'; do
  for _ in $(seq 20); do eval "$(post body-1pct.json "$q")"; done
done
hyperfine -N --warmup 3 --runs 20 --ignore-failure --export-markdown "$out/diff.md" --export-json "$out/diff.json" \
  -n "git word-diff, 1% changed" "git diff --no-index --word-diff=porcelain left.txt right-1pct.txt" \
  -n "API json word, 1% changed" "$(post body-1pct.json 'granularity=word')" \
  -n "API json word view=inline, 1% changed" "$(post body-1pct.json 'granularity=word&view=inline')" \
  -n "API json word view=compact, 1% changed" "$(post body-1pct.json 'granularity=word&view=compact')" \
  -n "API json word view=inline&collapse=3, 1% changed" "$(post body-1pct.json 'granularity=word&view=inline&collapse=3')" \
  -n "API json word view=side-by-side, 1% changed" "$(post body-1pct.json 'granularity=word&view=side-by-side')" \
  -n "API unified, 1% changed" "$(post body-1pct.json 'format=unified')" \
  -n "API json line view=inline, 1% changed" "$(post body-1pct.json 'granularity=line&view=inline')" \
  -n "git word-diff, different" "git diff --no-index --word-diff=porcelain left.txt right-different.txt" \
  -n "API json word, different" "$(post body-different.json 'granularity=word')" \
  -n "API json word view=inline, different" "$(post body-different.json 'granularity=word&view=inline')" \
  -n "API json word view=compact, different" "$(post body-different.json 'granularity=word&view=compact')"
# Medians (the machine is shared and noisy; the mean is skewed by outliers).
python3 "$root/bench/diff/medians.py" "$out/diff.json" | tee -a "$out/diff.md"
for q in 'granularity=word' 'granularity=word&view=inline' 'granularity=word&view=compact' 'granularity=word&view=inline&collapse=3' 'granularity=word&view=side-by-side' 'format=unified' 'granularity=line&view=inline'; do
  curl -s -o /dev/null -w "response bytes, 1% texts, $q: %{size_download}\n" -X POST -H 'Content-Type: application/json' \
    --data-binary @body-1pct.json "http://127.0.0.1:$port/api/diff?$q" | tee -a "$out/diff.md"
done
echo "git word-diff porcelain bytes, 1% texts: $(git diff --no-index --word-diff=porcelain left.txt right-1pct.txt | wc -c)" | tee -a "$out/diff.md"
curl -s -X POST -H 'Content-Type: application/json' --data-binary @body-different.json "http://127.0.0.1:$port/api/diff" \
  | python3 -c 'import json,sys; d=json.load(sys.stdin); print("different texts: bounded =", d["bounded"], "-", d["boundedReason"])' | tee -a "$out/diff.md"
curl -s -X POST -H 'Content-Type: application/json' --data-binary @body-1pct.json "http://127.0.0.1:$port/api/diff" \
  | python3 -c 'import json,sys; d=json.load(sys.stdin); s=d["stats"]; print("1% texts: bounded =", d["bounded"], "; words inserted/deleted =", s["wordsInserted"], "/", s["wordsDeleted"])' | tee -a "$out/diff.md"
cat "$out/diff.md"
