"""Memory after eight concurrent 1e6-line diffs (issue 12: "eight at once leave the service's memory where it was
afterwards"), for one or more runtime settings on the same Release build, one API process per setting, alternating
when a setting is given twice. For each: the API's resident set (VmRSS) and the GC's own view (dotnet-counters:
committed bytes and heap size at the last collection, collections so far) before, at the peak, right after, and after
10, 30 and 60 s idle, then after a few small requests; the time of single lines-1e6 requests and of the slowest of the
eight. Prints a Markdown table.
Usage: memory.py WORK_DIR SETTING [SETTING ...]   with SETTING = name or name:VAR=VALUE,VAR=VALUE (env of the API)
Env: PORT (5199), GRANULARITY (word), DIFF_CONCURRENCY (8), DIFF_TIMEOUT (120 s, so that none of the eight is cut off). Needs texts from make_texts.py in WORK_DIR and
dotnet-counters on PATH (dotnet tool install -g dotnet-counters)."""
import csv
import datetime
import http.client
import os
import shutil
import statistics
import subprocess
import sys
import threading
import time

from common import at_once

root = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
work = sys.argv[1]
settings = sys.argv[2:]
port = int(os.environ.get("PORT", "5199"))
granularity = os.environ.get("GRANULARITY", "word")
dll = f"{root}/src/Provenance.Api/bin/Release/net10.0/Provenance.Api.dll"
bodies = {c: open(f"{work}/{c}.json", "rb").read() for c in ["seed-12k", "lines-1e6"]}
counters = ("System.Runtime[dotnet.process.memory.working_set,dotnet.gc.last_collection.memory.committed_size,"
            "dotnet.gc.last_collection.heap.size,dotnet.gc.collections,dotnet.gc.heap.total_allocated]")


def post(case, client=None):
    own = client is None
    client = client or http.client.HTTPConnection("127.0.0.1", port, timeout=300)
    start = time.perf_counter()
    client.request("POST", f"/api/diff?granularity={granularity}", body=bodies[case], headers={"Content-Type": "application/json"})
    response = client.getresponse()
    response.read()
    elapsed = time.perf_counter() - start
    if own:
        client.close()
    return response.status, elapsed


def rss(pid, field="VmRSS"):
    for line in open(f"/proc/{pid}/status"):
        if line.startswith(field + ":"):
            return int(line.split()[1]) // 1024
    return 0


def gc_range(pid):
    """Resident MB inside the GC's reserved range: the largest run of adjacent anonymous mappings (regions reserve
    256 GB up front and commit parts of it), so the rest of the resident set is native memory, code and stacks."""
    runs, end, size, resident = [], None, 0, 0
    anonymous = False
    for line in open(f"/proc/{pid}/smaps"):
        fields = line.split()
        if "-" in fields[0] and len(fields) >= 5 and not fields[0].endswith(":"):
            start, stop = (int(x, 16) for x in fields[0].split("-"))
            anonymous = len(fields) == 5
            if anonymous and start == end:
                size += stop - start
            elif anonymous:
                runs.append((size, resident))
                size, resident = stop - start, 0
            end = stop if anonymous else None
        elif fields[0] == "Rss:" and anonymous:
            resident += int(fields[1])
    runs.append((size, resident))
    return max(runs)[1] // 1024


def gc_view(path, at):
    """The GC's figures from dotnet-counters' CSV at `at`: the newest value of each gauge, the sum of each rate."""
    gauges, sums = {}, {}
    try:
        rows = list(csv.reader(open(path)))
    except FileNotFoundError:
        return {}
    for row in rows[1:]:
        if len(row) < 5:
            continue
        if datetime.datetime.strptime(row[0], "%m/%d/%Y %H:%M:%S") > at:
            break
        if row[3] == "Rate":
            sums[row[2]] = sums.get(row[2], 0) + float(row[4])
        else:
            gauges[row[2]] = float(row[4])
    mb = 1024 * 1024
    view = {"gcs": [sum(v for k, v in sums.items() if k.startswith("dotnet.gc.collections") and k.endswith(f"={g}]"))
                    for g in ("gen0", "gen1", "gen2")]}
    view["allocated"] = sum(v for k, v in sums.items() if k.startswith("dotnet.gc.heap.total_allocated")) / mb
    committed = [v for k, v in gauges.items() if k.startswith("dotnet.gc.last_collection.memory.committed_size")]
    heap = [v for k, v in gauges.items() if k.startswith("dotnet.gc.last_collection.heap.size")]
    if committed and heap:
        view["committed"], view["heap"] = committed[0] / mb, sum(heap) / mb
    return view


def run(setting):
    name, _, assignments = setting.partition(":")
    env = dict(os.environ, ASPNETCORE_ENVIRONMENT="Production", Provenance__SeedDirectory="none",
               Provenance__LocalDatabase__DataDirectory=f"{work}/pg", Serilog__MinimumLevel__Default="Warning",
               # The idle collection's own line (its pause and what it gave back) is printed under the table.
               **{"Serilog__MinimumLevel__Override__Provenance.Api.Hosting.IdleCollector": "Information"},
               Provenance__RateLimit__AnonymousDiffsPerMinute="1000000",
               Provenance__RateLimit__DiffConcurrency=os.environ.get("DIFF_CONCURRENCY", "8"),
               # Eight at once on two shared cores outlast the 5 s preview deadline (503): all eight are to run here.
               Provenance__RateLimit__DiffTimeoutSeconds=os.environ.get("DIFF_TIMEOUT", "120"))
    for assignment in filter(None, assignments.split(",")):
        key, _, value = assignment.partition("=")
        env[key] = value
    log = open(f"{work}/api-{name}.log", "w")
    api = subprocess.Popen(["dotnet", dll, "--urls", f"http://127.0.0.1:{port}"], env=env, stdout=log, stderr=subprocess.STDOUT)
    counter_file = f"{work}/counters-{name}-{api.pid}.csv"
    monitor = None
    try:
        for _ in range(120):
            try:
                client = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
                client.request("GET", "/health/ready")
                if client.getresponse().status == 200:
                    break
            except OSError:
                pass
            time.sleep(0.5)
        else:
            raise SystemExit(f"{name}: the API did not become ready (see {work}/api-{name}.log)")
        monitor = subprocess.Popen(["dotnet-counters", "collect", "-p", str(api.pid), "--counters", counters,
                                    "--refresh-interval", "1", "--format", "csv", "-o", counter_file],
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        # Warm the service as a running one is: JIT, pools, one huge request behind it.
        client = http.client.HTTPConnection("127.0.0.1", port, timeout=300)
        for _ in range(20):
            post("seed-12k", client)
        singles = [post("lines-1e6", client)[1] for _ in range(3)]
        small = statistics.median(post("seed-12k", client)[1] for _ in range(20))
        client.close()
        time.sleep(5)
        marks = [("before", datetime.datetime.now(), rss(api.pid), gc_range(api.pid))]

        open(f"/proc/{api.pid}/clear_refs", "w").write("5")
        statuses, elapsed, samples, done = [], [], [], threading.Event()

        def one():
            status, seconds = post("lines-1e6")
            statuses.append(status)
            elapsed.append(seconds)

        def sample():
            while not done.is_set():
                samples.append(rss(api.pid))
                time.sleep(0.05)

        sampler = threading.Thread(target=sample)
        sampler.start()
        at_once(one, 8)
        done.set()
        sampler.join()
        marks.append(("peak", datetime.datetime.now(), max(rss(api.pid, "VmHWM"), max(samples)), None))
        marks.append(("after", datetime.datetime.now(), rss(api.pid), gc_range(api.pid)))
        started = time.monotonic()
        for idle in (10, 30, 60):
            time.sleep(max(0, started + idle - time.monotonic()))
            marks.append((f"{idle} s", datetime.datetime.now(), rss(api.pid), gc_range(api.pid)))
        client = http.client.HTTPConnection("127.0.0.1", port, timeout=300)
        for _ in range(50):
            post("seed-12k", client)
        client.close()
        time.sleep(2)
        marks.append(("50 small", datetime.datetime.now(), rss(api.pid), gc_range(api.pid)))
        time.sleep(2)  # the monitor writes once a second
        # Diagnosis only: a heap dump forces a full blocking collection; what it gives back was dead managed objects.
        subprocess.run(["dotnet-gcdump", "collect", "-p", str(api.pid), "-o", f"{work}/{name}-{api.pid}.gcdump"],
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=120)
        time.sleep(1)
        time.sleep(2)
        forced = (rss(api.pid), gc_range(api.pid), gc_view(counter_file, datetime.datetime.now()))
    finally:
        if monitor:
            monitor.terminate()
            monitor.wait()
        api.terminate()
        api.wait(timeout=60)
    answered = ", ".join(f"{statuses.count(code)}× {code}" for code in sorted(set(statuses)))
    load = open("/proc/loadavg").read().split()[:3]
    cells = []
    for label, at, resident, in_range in marks:
        cells.append(f"{resident}" if in_range is None else f"{resident} / {in_range}")
    view = gc_view(counter_file, marks[-1][1])
    cells.append(f"{view['committed']:.0f} / {view['heap']:.0f}" if "committed" in view else "?")
    cells.append(f"{forced[0]} / {forced[1]} (heap {forced[2].get('heap', 0):.0f})")
    first, last = gc_view(counter_file, marks[0][1]), gc_view(counter_file, marks[-1][1])
    # The monitor reports once a second: the eight's allocations are those of the seconds from before to right after.
    per_request = (gc_view(counter_file, marks[2][1] + datetime.timedelta(seconds=1))["allocated"] - first["allocated"]) / 8
    gcs = "/".join(f"{b - a:.0f}" for a, b in zip(first.get("gcs", [0] * 3), last.get("gcs", [0] * 3)))
    print(f"| {name} | " + " | ".join(cells) +
          f" | {gcs} | {per_request:.0f} | {statistics.median(singles) * 1000:.0f} | {max(elapsed) * 1000:.0f} ({answered}) | {small * 1000:.1f} | {' '.join(load)} |",
          flush=True)


print(f"lines-1e6 granularity={granularity}, eight at once. Cells: resident MB / of it in the GC's reserved range; "
      f"the GC's own view at the end: committed / heap MB as of its last collection (dotnet-counters); "
      f"then resident / GC range after a forced full collection (dotnet-gcdump), for diagnosis")
print()
print("| Setting | before | peak | right after | 10 s idle | 30 s idle | 60 s idle | after 50 small requests | GC's last collection: committed / heap | after a forced full GC | gen0/1/2 GCs from before to the end | allocated per request [MB] | "
      "one lines-1e6 [ms] | slowest of eight [ms] | seed-12k [ms] | load average |")
print("|:---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|:---|", flush=True)
for setting in settings:
    run(setting)
for setting in settings:
    name = setting.partition(":")[0]
    for line in open(f"{work}/api-{name}.log"):
        if "Quiet after" in line:
            print(f"\n{name}: {line.strip()}")
