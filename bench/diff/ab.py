"""Alternates POST /api/diff?granularity=word to two services (old, new) and `git diff --no-index
--word-diff=porcelain` on the same files, per case, after warming each service on it; prints medians.
Usage: ab.py WORK_DIR OLD_PORT NEW_PORT ROUNDS   Env: CASES (names from make_texts.py, space-separated), WARM_SECONDS (3)"""
import http.client
import os
import statistics
import sys
import time

from common import git, warm

work, ports, rounds = sys.argv[1], {"old": int(sys.argv[2]), "new": int(sys.argv[3])}, int(sys.argv[4])
cases = os.environ.get("CASES", "seed-12k prose-100k-1 prose-100k-rw prose-1m-1 lines-collide lines-random lines-1e6").split()
clients = {v: http.client.HTTPConnection("127.0.0.1", p, timeout=120) for v, p in ports.items()}


def post(v, body):
    start = time.perf_counter()
    clients[v].request("POST", "/api/diff?granularity=word", body=body, headers={"Content-Type": "application/json"})
    response = clients[v].getresponse()
    data = response.read()
    if response.status != 200:
        raise SystemExit(f"{v}: HTTP {response.status} {data[:300]!r}")
    return time.perf_counter() - start


print(f"| Case | old [ms] | new [ms] | git [ms] | old / git | new / git | load |")
print("|:---|---:|---:|---:|---:|---:|---:|", flush=True)
for case in cases:
    body = open(f"{work}/{case}.json", "rb").read()
    for v in clients:
        warm(lambda: post(v, body))
    samples = {"old": [], "new": [], "git": []}
    for round in range(rounds):
        # The order flips each round: a request right after another service's is slower (that one's work after
        # its answer overlaps it), and that must fall on both alike.
        for v in ("old", "new") if round % 2 == 0 else ("new", "old"):
            samples[v].append(post(v, body))
        samples["git"].append(git(work, case))
    old, new, g = (statistics.median(samples[k]) * 1000 for k in ("old", "new", "git"))
    load = open("/proc/loadavg").read().split()[0]
    print(f"| {case} | {old:.1f} | {new:.1f} | {g:.1f} | {old / g:.2f} | {new / g:.2f} | {load} |", flush=True)
