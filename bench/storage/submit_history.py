"""Stores a history.csv (number, summary, text, sha256) through the running API: each revision after the
first is submitted on the previous one (POST /api/translations/ID/revisions), so the app's own RevisionStore
decides snapshot or delta and writes it. Then times GET /api/revisions/{id} for snapshots and for the
revisions at the end of the longest delta chains.
Usage: submit_history.py BASE_URL ADMIN_KEY TRANSLATION_ID ROOT_REVISION_ID HISTORY_CSV"""
import csv
import http.client
import json
import statistics
import sys
import time
from urllib.parse import urlparse

base, key, translation, root, history = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
url = urlparse(base)
conn = http.client.HTTPConnection(url.hostname, url.port)
auth = {"Authorization": f"Bearer {key}", "Content-Type": "application/json"}


def call(method, path, body=None):
    conn.request(method, path, body=None if body is None else json.dumps(body), headers=auth)
    r = conn.getresponse()
    data = r.read()
    return r.status, data


csv.field_size_limit(10 ** 8)
rows = list(csv.reader(open(history, encoding="utf-8", newline="")))
ids, shas = {1: root}, {}
t0 = time.perf_counter()
for number, summary, text, sha in rows:
    n = int(number)
    shas[n] = sha
    if n == 1:
        continue
    status, data = call("POST", f"/api/translations/{translation}/revisions", {"baseRevisionId": ids[n - 1], "text": text, "summary": summary})
    if status != 201:
        sys.exit(f"revision {n}: HTTP {status} {data[:300]!r}")
    ids[n] = json.loads(data)["id"]
elapsed = time.perf_counter() - t0

same = 0
for n, i in ids.items():
    status, data = call("GET", f"/api/revisions/{i}")
    if status != 200:
        sys.exit(f"GET revision {n}: HTTP {status} {data[:300]!r}")
    same += json.loads(data)["sha256"] == shas[n]
print(f"submitted {len(ids) - 1} revisions through the API in {elapsed:.1f} s; all {len(ids)} read back, {same} with the generator's SHA-256")


def median_ms(numbers, rounds=5):
    runs = []
    for _ in range(rounds):
        for n in numbers:
            t = time.perf_counter()
            status, _ = call("GET", f"/api/revisions/{ids[n]}")
            runs.append((time.perf_counter() - t) * 1000)
            assert status == 200
    return statistics.median(runs)


snapshots = [n for n in ids if n == 1 or n % 50 == 0]
worst = [n for n in ids if n % 50 == 49]
print(f"GET /api/revisions/{{id}} median over {len(snapshots)}x5 snapshots: {median_ms(snapshots):.2f} ms; "
      f"over {len(worst)}x5 worst chains (snapshot + 49 deltas): {median_ms(worst):.2f} ms")
