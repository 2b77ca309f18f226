"""Times POST /api/diff per request over one persistent HTTP connection (a service's clients keep theirs open;
a process per request would add ~20 ms of its own) beside `git diff --no-index --word-diff=porcelain` run as a
process on the same files, in the same run; and the service's resident memory around the adversarial requests, one
at a time and eight at once. Prints a Markdown table of medians. Usage: bench.py WORK_DIR PORT API_PID [RUNS]"""
import http.client
import json
import statistics
import sys
import time

from common import at_once, git, warm

work, port, pid = sys.argv[1], int(sys.argv[2]), sys.argv[3]
runs = int(sys.argv[4]) if len(sys.argv) > 4 else 15
cases = ["seed-12k", "prose-100k-1", "prose-100k-rw", "prose-1m-1", "lines-collide", "lines-random", "lines-1e6"]
bodies = {c: open(f"{work}/{c}.json", "rb").read() for c in cases}
connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)


def post(case, query="granularity=word"):
    global connection
    start = time.perf_counter()
    try:
        connection.request("POST", f"/api/diff?{query}", body=bodies[case], headers={"Content-Type": "application/json"})
        response = connection.getresponse()
    except (BrokenPipeError, ConnectionResetError, http.client.RemoteDisconnected):
        # The service closes a connection left idle (while git runs): open a new one, untimed, as a client would.
        connection.close()
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
        start = time.perf_counter()
        connection.request("POST", f"/api/diff?{query}", body=bodies[case], headers={"Content-Type": "application/json"})
        response = connection.getresponse()
    data = response.read()
    elapsed = time.perf_counter() - start
    if response.status != 200:
        raise SystemExit(f"{case} {query}: HTTP {response.status} {data[:300]!r}")
    return elapsed, data


def memory(field):
    for line in open(f"/proc/{pid}/status"):
        if line.startswith(field + ":"):
            return int(line.split()[1]) // 1024
    return 0


def median_ms(samples):
    return statistics.median(samples) * 1000


for case in cases:
    warm(lambda: post(case))

print("| Case | API request, median [ms] | git process, median [ms] | API / git | response bytes | bounded |")
print("|:---|---:|---:|---:|---:|:---|", flush=True)
rows = []
for case in cases:
    api = [post(case)[0] for _ in range(runs)]
    gits = [git(work, case) for _ in range(runs)]
    _, data = post(case)
    answer = json.loads(data)
    rows.append((case, median_ms(api), median_ms(gits), len(data), answer["bounded"], answer.get("page")))
    _, api_ms, git_ms, size, bounded, page = rows[-1]
    paged = f" (paged: {page['count']} of {page['total']} operations)" if page else ""
    print(f"| {case} | {api_ms:.1f} | {git_ms:.1f} | {api_ms / git_ms:.2f} | {size} | {bounded}{paged} |", flush=True)

collide = next(r for r in rows if r[0] == "lines-collide")[1]
control = next(r for r in rows if r[0] == "lines-random")[1]
print(f"\ncolliding lines / random lines of the same shape: {collide / control:.2f}")

# Memory of the adversarial case: the peak resident set during one request, against the resident set before it.
for query in ["granularity=word", "granularity=char", "granularity=line"]:
    before = memory("VmRSS")
    open(f"/proc/{pid}/clear_refs", "w").write("5")
    elapsed, _ = post("lines-1e6", query)
    peak = memory("VmHWM")
    print(f"lines-1e6 {query}: {elapsed * 1000:.0f} ms, peak resident {peak} MB, {peak - before} MB above the {before} MB before")

# Eight clients at once, each on its own connection, sending the adversarial case at every granularity: the peak
# resident set while they run, and the resident set a few seconds after (a service must give back what they took).
def eight_at_once(query):
    statuses, elapsed = [], []

    def one():
        client = http.client.HTTPConnection("127.0.0.1", port, timeout=300)
        start = time.perf_counter()
        client.request("POST", f"/api/diff?{query}", body=bodies["lines-1e6"], headers={"Content-Type": "application/json"})
        response = client.getresponse()
        response.read()
        elapsed.append(time.perf_counter() - start)
        statuses.append(response.status)
        client.close()

    at_once(one, 8)
    return statuses, elapsed


print()
baseline = memory("VmRSS")
for query in ["granularity=word", "granularity=char", "granularity=line"]:
    before = memory("VmRSS")
    open(f"/proc/{pid}/clear_refs", "w").write("5")
    statuses, elapsed = eight_at_once(query)
    peak = memory("VmHWM")
    time.sleep(5)
    post("seed-12k")
    after = memory("VmRSS")
    answered = ", ".join(f"{statuses.count(code)}× {code}" for code in sorted(set(statuses)))
    print(f"lines-1e6 {query}, eight at once ({answered}; slowest {max(elapsed) * 1000:.0f} ms): "
          f"peak resident {peak} MB ({peak - before} MB above the {before} MB before), {after} MB 5 s after", flush=True)
print(f"resident before the eight-at-once runs: {baseline} MB; after all three: {memory('VmRSS')} MB")
