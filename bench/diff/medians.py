"""Prints hyperfine's JSON export as a Markdown table of medians and minimums (the mean is skewed on a noisy machine)."""
import json
import statistics
import sys

results = json.load(open(sys.argv[1], encoding="utf-8"))["results"]
print("\n| Command | Median [ms] | Min [ms] |\n|:---|---:|---:|")
for r in results:
    print(f"| {r['command']} | {statistics.median(r['times']) * 1000:.0f} | {min(r['times']) * 1000:.0f} |")
